"""What the executive heard: the one gap worth pressing on in this answer, and its particulars.

Rules, not a model: negation and "I don't have one" are understood, so the executive never asks
for the outcome of an example the candidate said they lack, nor says "you mentioned X" after the
candidate denied X. Inside information and claims that flip between answers are named outright.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interviewer.grading import claims, honesty
from interviewer.grading.analysis import analyze, answer_gaps, content_words, contradictions, stem

# In the order the executive presses them.
GAPS = (
    "inside_information",
    "contradiction",
    "no_example_admitted",
    "dodged",
    "concern_unanswered",
    "no_example",
    "no_outcome",
    "we_not_i",
    "vague",
)

_ADMITS_NONE = re.compile(
    r"\b(no (real |specific |concrete )?example|(don'?t|do not) (really )?have (one|an example|a "
    r"specific|a concrete|any)|not really a specific|can'?t (really )?think of (one|an example|a "
    r"specific|any)|nothing comes to mind|off the top of my head|never (really )?had to|"
    r"(haven'?t|have not|never) (actually |really )?(had|faced|dealt with|done|been in))\b",
    re.I,
)
_NEGATION = re.compile(r"\b(never|not|no|without|nothing|none|neither|nor)\b|n'?t\b", re.I)
_INSIDE = re.compile(
    r"\b(?:showed|shown|sent|passed|leaked|forwarded|shared|gave|told|let me see|let me read)\b"
    r"[^.!?]{0,60}?\b(?P<said>(?:the|your|their|a|an) (?:\w+[ -]){0,3}?"
    r"(?:forecast|budget|plan|plans|notes|survey|letter|minutes|deck|figures|numbers|roadmap|"
    r"report|strategy|results|questions|salary bands|pay bands|memo|pipeline|accounts))\b",
    re.I,
)
_SECRET = re.compile(r"\b(confidential|internal|unpublished|private|leaked|inside|insider)\b", re.I)
_CLAIM = re.compile(
    r"\bI(?:'ve| have| had|'d)?(?P<neg>(?: (?:never|not|n't|did not|didn't|have not|haven't))?)"
    r"(?: (?:ever|actually|really|personally|also|only|already|once))*"
    r" (?P<verb>[a-z]+ed|ran|led|run|won|sold|built|made|took|done|dealt|had)\b"
    r"(?P<rest>[^.;!?]*)",
    re.I,
)
_NEG_CLAIM = re.compile(
    r"\bI(?:'ve| have| had)? (?:never|not|haven't|have not|didn't|did not)(?: (?:ever|actually|"
    r"really|personally|once))* (?P<verb>[a-z]+)\b(?P<rest>[^.;!?]*)",
    re.I,
)
_OWN_ACTION = re.compile(
    r"\b(?:I|and|then)\s+(?:personally\s+|then\s+|also\s+|myself\s+)?"
    r"(?!was\b|were\b|had\b|did\b|need|used\b)([a-z]{3,}ed|ran|led|took|made|built|wrote|"
    r"sold|won|set|put|met|cut|drove|brought|gave|kept|sent|spoke|told|rang|flew|began|chose|"
    r"found|held|paid|rebuilt|rewrote|taught|went|became|bought)\b",
    re.I,
)
_RESULT = re.compile(
    r"\b(as a result|result(ed)?|outcome|so that|which meant|rose|fell|dropped|went (up|down|"
    r"from)|halved|doubled|tripled|improved|increased|reduced|grew|saved|cut \w+ (by|from)|"
    r"signed|renewed|stayed|stopped|passed|promoted|now (run|take|goes|use|mentor)|since then|"
    r"back to|ahead of|on time|won|lost|zero|no longer|by the end)\b|\d+ ?%",
    re.I,
)
# Words that speak to a round-one doubt without repeating it, keyed by the doubt's word stems.
_RELATED = {
    "manag": "managers manager leads promoted coached coach supervised reports line",
    "budge": "cost costs spend money finance p&l forecast",
    "confl": "tension tensions argument arguments grievance disagreement stopped speaking",
    "enter": "large larger big biggest strategic corporate",
    "autom": "system systems scanner scanners robot robots sorter technology digital wms",
    "depar": "department led ran head",
    "audit": "audits auditors external partner fieldwork",
}
_GENERIC_CONCERN = frozenset(
    stem(w)
    for w in "has have not before little limited no few mostly lack experience exposure some "
    "much many more less only yet never been being handling working doing whole lead leading "
    "led mid market staff between ownership".split()
)
_WE = re.compile(r"\bwe\b", re.I)


@dataclass(frozen=True, kw_only=True)
class Heard:
    """Everything the executive needs to decide on, and word, its next follow-up."""

    latest: str
    combined: str
    question: str
    earlier: Sequence[str] = ()
    concern: str | None = None
    focus_areas: Sequence[str] = ()
    wants_outcome: bool = True  # a question about preparation has no outcome to ask for


def next_gap(heard: Heard, probed: set[str]) -> str | None:
    """The most important gap in this answer not yet probed on this question, or None."""
    if probed & {"no_example_admitted"} and admits_none(heard.latest):
        return None  # asked for the nearest thing and still nothing: move on
    return next((gap for gap in gaps(heard) if gap not in probed), None)


def gaps(heard: Heard) -> list[str]:
    """Every gap in this answer, most pressing first."""
    found = set()
    if inside_information(heard.latest):
        found.add("inside_information")
    if claim_contradictions(heard.latest, heard.earlier) or contradictions(
        heard.latest, heard.earlier
    ):
        found.add("contradiction")
    if admits_none(heard.combined):
        found.add("no_example_admitted")
    else:
        found.update(_thin(heard))
    if heard.concern and not found & {"dodged"} and not touches_concern(heard):
        found.add("concern_unanswered")
    return [gap for gap in GAPS if gap in found]


def _thin(heard: Heard) -> set[str]:
    """The analysis' gaps, corrected where the executive listens more closely than word counts."""
    analysis = analyze(heard.combined, question=heard.question, focus_areas=heard.focus_areas)
    found = set(answer_gaps(analysis))
    actions = own_actions(heard.combined)
    if actions >= 2:  # 'I promoted two leads and coached them' is an episode, however worded
        found -= {"no_example", "vague", "we_not_i"}
        if analysis.deflections == 0:
            found.discard("dodged")
    elif analysis.we >= 2:  # an episode told as 'we': ask for their part, not for a story
        found = (found - {"no_example", "vague"}) | {"we_not_i"}
    if analysis.deflections == 0 and found & {"no_example", "we_not_i"}:
        found.discard("dodged")  # a principle or a 'we' story is on the subject, just thin
    if has_result(heard.combined) or not heard.wants_outcome or "no_example" in found:
        found.discard("no_outcome")  # no story yet: its outcome comes after it
    else:
        found.add("no_outcome")
    return found


def admits_none(text: str) -> bool:
    """The candidate says they have no example ('not really a specific one', 'never had to')."""
    return _ADMITS_NONE.search(text) is not None


def own_actions(text: str) -> int:
    """First-person past actions ('I promoted ... and coached ...'): the sign of a real episode."""
    return len(
        {
            m.group(1).lower()
            for sentence in re.split(r"(?<=[.!?])\s+", text)
            if re.search(r"\bI\b", sentence)
            for m in _OWN_ACTION.finditer(sentence)
        }
    )


def has_result(text: str) -> bool:
    return _RESULT.search(text) is not None


def denied(phrase: str, answer: str) -> bool:
    """The answer speaks of the phrase's head word only under a negation ('never had a conflict')."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if not words:
        return False
    head = words[-1]
    clauses = [c for c in re.split(r"[.;!?,]", answer.lower()) if head in c]
    return bool(clauses) and all(_NEGATION.search(c.split(head)[0]) for c in clauses)


def inside_information(text: str) -> str | None:
    """What the candidate was shown that they should not have seen, as a noun phrase, or None."""
    named = honesty.inside_information(text)
    if named:
        return named[0]
    for match in _INSIDE.finditer(text):
        said = match.group("said")
        sentence = text[max(0, match.start() - 80) : match.end()]
        if _SECRET.search(sentence):
            return re.sub(r"^(?:your|their|a|an) ", "the ", said, flags=re.I)
    if analyze(text).insider_claims:
        return "that information"
    return None


def claim_contradictions(answer: str, earlier: Sequence[str]) -> list[tuple[str, str]]:
    """(earlier claim, claim now) pairs where the same first-person claim flips its polarity."""
    graded = claims.claim_contradictions(answer, earlier)
    if graded:
        return [(c.earlier_claim, c.now_claim) for c in graded]
    now = _claims(answer)
    found = []
    for text in earlier:
        for before in _claims(text):
            for claim in now:
                if before[0] != claim[0] and _same_subject(before, claim):
                    found.append((before[3], claim[3]))
    return found


def _claims(text: str) -> list[tuple[bool, str, frozenset[str], str]]:
    """(negated, verb stem, object stems, the claim as said) for each 'I have (never) X-ed Y'."""
    claims = []
    for pattern, negated in ((_NEG_CLAIM, True), (_CLAIM, None)):
        for m in pattern.finditer(text):
            neg = negated if negated is not None else bool(m.group("neg").strip())
            if negated is None and neg:
                continue  # the negative pattern already has it
            objects = frozenset(content_words(m.group("rest"))) - {""}
            claims.append((neg, stem(m.group("verb")), objects, m.group(0).strip()))
    return claims


def _same_subject(a: tuple, b: tuple) -> bool:
    shared = a[2] & b[2]
    return (a[1] == b[1] and len(shared) >= 1) or len(shared) >= 2


def touches_concern(heard: Heard) -> bool:
    """The answer speaks to the round-one doubt, in its words or close relatives of them."""
    keys = _stems(heard.concern or "") - _GENERIC_CONCERN
    if not keys:
        return True
    words = set(re.findall(r"[a-z&]+", heard.combined.lower()))
    said = {stem(w) for w in words}
    return any(key in said or words & set(_RELATED.get(key, "").split()) for key in keys)


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z&]+", text.lower()) if len(w) > 2}


def we_count(text: str) -> int:
    return len(_WE.findall(text))


def second_person(claim: str) -> str:
    """'I have never managed managers' -> 'you have never managed managers', for quoting back."""
    swaps = {"i": "you", "i've": "you've", "i'm": "you're", "i'd": "you'd", "my": "your",
             "me": "you", "myself": "yourself", "mine": "yours", "our": "your"}  # fmt: skip
    words = claim.rstrip(".,;").split()
    return " ".join(swaps.get(w.lower(), w) for w in words)


def stiff(answer: str) -> bool:
    """Still in interview voice: long words, no contractions, nothing conversational."""
    analysis = analyze(answer)
    return analysis.words >= 15 and analysis.contractions == 0 and analysis.formality >= 0.45


def hear(state, q) -> Heard:
    """What the candidate has said on this question, with what the executive needs around it."""
    from interviewer.executive.question_bank import question_concern

    answers = q.answers()
    return Heard(
        latest=answers[-1],
        combined=q.combined_answer(),
        question=q.planned.text,
        earlier=[*state.earlier_answers(q.index), *answers[:-1]],
        concern=question_concern(q.planned),
        focus_areas=state.profile.focus_areas,
        wants_outcome="honest_preparation" not in q.planned.criteria,
    )
