"""The focus areas a job ad stresses, ranked, each a short phrase cut from the ad's own words.

Two kinds of line say what a job is about. Bullets under "What you'll do" or "Essential" weigh by
their section (duties over requirements over desirables; perks not at all) and their place in the
list. Prose sentences count when they carry a cue: "the first priority is", "is the central
purpose of this role", "you will be responsible for", "we need someone who can". A sentence that
ranks its subject ("most pressing", "the second part") outranks any bullet. A subject the ad comes
back to in other lines gains, and a bullet that says "must" or "key" gains. Each phrase is a piece
of its line (lead-ins such as "Proven experience of" and trailing clauses removed), and the whole
line is kept as its quote.
"""

import functools
import re
from dataclasses import dataclass

from interviewer.grading.analysis import plain_keys, split_sentences
from interviewer.grading.concepts import TOKEN
from interviewer.prep.draft import Sourced
from interviewer.prep.lines import Line, document_lines, paragraphs
from interviewer.words import FUNCTION_WORDS

MAX_FOCUS_AREAS = 6
MAX_PHRASE_WORDS = 8
_DUTY_POINTS = 2.0  # a prose "you will ..." sentence; a ranked one ("the first priority") gets more
MAX_LINES_READ = 400  # an ad has tens of lines; this bounds the time a pasted book can take

_SECTION_WEIGHTS = (  # (words in a heading, weight); first match wins; 0 drops the section
    (r"desirable|nice to have|bonus|preferred|advantage|plus|ideally|would be great", 0.8),
    (r"offer|benefit|perk|package|salary|about us|how to apply|why join|values|diversity|"
     r"equal opportunit|reward|location|apply|contact|process", 0.0),
    (r"responsib|you'll do|you will do|the role|your role|duties|day to day|in this role|"
     r"what you|key|impact|mission|challenge|job description|opportunity|\bwill\b", 3.0),
    (r"essential|requirement|required|must|bring|about you|who you are|looking for|qualification|"
     r"person spec|skills|experience|you have|you'll have|competenc", 2.0),
)  # fmt: skip
_UNHEADED_WEIGHT = 2.5
_CREDENTIAL = re.compile(
    r"\b(?:registered|registration|qualified|qualification|degree|certificat\w*|licen[cs]e|"
    r"chartered|membership|driving|years'? (?:of )?experience|post-registration|band \d)\b",
    re.I,
)
_EMPHASIS = re.compile(
    r"(?<![-\w])(must|critical|crucial|key|essential|vital|priority|priorities|above all|"
    r"most important|non-negotiable|first|top)\b",
    re.I,
)
# A prose sentence that ranks its subject: (pattern with a `what` group, points).
_RANKED = (
    (r"\b(?:the|our)\s+(?:single\s+)?(?:most pressing|most important|first priority|top priority|"
     r"main priority|biggest priority|number one priority|central purpose|main focus|biggest "
     r"(?:untapped )?opportunity|main challenge|biggest challenge)(?:\s+[\w'-]+){0,5}?\s+(?:is|are)"
     r"\s+(?P<what>[^.;]+)", 3.0),
    (r"^(?P<what>[^.;]+?)\s+(?:is|are|will be)\s+(?:the\s+|our\s+)?(?:single\s+)?(?:most pressing|"
     r"most important|first priority|top priority|main priority|central purpose|number one|"
     r"biggest priority|main focus)", 3.0),
    (r"^the second (?:part|priority|thing|focus)[^.]*?\s(?:is|are)\s+(?P<what>[^.;]+)", 1.5),
    (r"^the third (?:part|priority|thing|focus)[^.]*?\s(?:is|are)\s+(?P<what>[^.;]+)", 1.0),
    (r"^(?P<what>[^.;]+?),?\s+(?:is|are) (?:also )?(?:a |an )?(?:key |big |important )?part of "
     r"(?:the|this) (?:job|role)", 0.5),
)  # fmt: skip
_RANKED_PATTERNS = tuple((re.compile(p, re.I), points) for p, points in _RANKED)
_DUTY = re.compile(
    r"\b(?:you will|you'll)\s+(?:also\s+|then\s+)?(?:be\s+)?(?P<what>(?!report to|be based|be "
    r"working from|join|have|need|share|be a good|be an?\b)[^.;]+)|"
    r"\b(?:responsible|accountable) for\s+(?P<what2>[^.;]+)|"
    r"\b(?:someone|a leader|a manager|candidate|person) who (?:has|can|will|knows how to)\s+"
    r"(?P<what3>[^.;]+)",
    re.I,
)
_LEAD_INS = re.compile(
    r"^(?:(?:you will|you'll|you have|you bring|you are|you can|we need|we want|must have|"
    r"must be|should have|must|should|will|can|to|have|bring|be|a|an|the|proven|demonstrable|"
    r"demonstrated|strong|solid|excellent|deep|extensive|significant|good|broad|hands-on|"
    r"real|recent|previous|prior|relevant|some|at least|plenty of|lots "
    r"of|years'?|\d+\+?|also|then|make sure|ensure|accountable for|"
    r"responsible for|able to)[\s,]+)+",
    re.I,
)
_NOUN_LEAD_INS = re.compile(
    r"^(?:(?:experience|knowledge|understanding|familiarity|track record|record|history|ability|"
    r"skills?|expertise|background|exposure|commitment|passion|confidence|capability|"
    r"proficiency|fluency|grasp|appreciation|awareness)\s+(?:(?:of|in|with|to|for|as|at)\s+|"
    r"(?=[a-z]+ing\b)))",
    re.I,
)
_FILLER = re.compile(  # "work closely with the site team to improve X" -> "improve X"
    r"^(?:work(?:ing)?|partner(?:ing)?|collaborat\w+)\s+(?:closely\s+|hand in hand\s+|together\s+)?"
    r"with\s+[^,.;]+?\s+to\s+|^help(?:ing)?\s+(?:us|the business|the team|the company)?\s*(?:to\s+)?"
    r"(?=\w)",
    re.I,
)
_CUT = re.compile(
    r"\s*(?:[:;,(]|\s[-–—]\s|\.\s|\.$|\*\*)|\s+(?:including|such as|e\.g\.|so that|which|while|"
    r"whilst|where|ensuring|rather than|as well as|in order to|alongside)\s+",
    re.I,
)
_DETERMINERS = frozenset("a an the our your their its this these those my all".split())
_VERBS_BEFORE_OBJECT = re.compile(  # "Lead, motivate and develop the team" -> "team"
    r"^(?:[A-Za-z-]+(?:\s[a-z-]+)?,\s+)*(?:[A-Za-z-]+(?:\s[a-z-]+)?\s+and\s+)?[A-Za-z-]+"
    r"(?:\s+(?:on|up|out|over|into|of|"
    r"control of|charge of|ownership of|care of|after))?\s+"
    r"(?=(?:a|an|the|our|your|their|its)\s)",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class _Candidate:
    phrase: str
    quote: str
    score: float
    stems: frozenset[str]
    topics: frozenset[str] = frozenset()


def focus_areas(ad: str, *, role: str = "") -> tuple[Sourced, ...]:
    """The ad's focus areas, most stressed first, at most MAX_FOCUS_AREAS. The words of the job's
    title (`role`, else the ad's first line) are everywhere in an ad and show no emphasis."""
    lines = document_lines(ad)[:MAX_LINES_READ]
    title = plain_stems(role or (lines[0].text if lines else ""))
    bullets = _bullet_candidates(lines, title)
    candidates = [*bullets, *_prose_candidates(lines, title, listed=len(bullets) >= 3)]
    ranked = _merge_alike(sorted(candidates, key=lambda c: -c.score))
    return tuple(
        Sourced(value=c.phrase, source="job ad", quote=c.quote) for c in ranked[:MAX_FOCUS_AREAS]
    )


def _bullet_candidates(lines: list[Line], title: frozenset[str]) -> list[_Candidate]:
    found = []
    for place, line in enumerate(line for line in lines if line.kind == "bullet"):
        weight = section_weight(line)
        if weight <= 0:
            continue
        weight += 1.5 * bool(_EMPHASIS.search(line.text)) - 1.0 * bool(
            _CREDENTIAL.search(line.text)
        )
        candidate = _candidate(
            focus_phrase(line.text), line.text, weight - 0.05 * place, lines, title
        )
        if candidate:
            found.append(candidate)
    return found


def _prose_candidates(
    lines: list[Line], title: frozenset[str], *, listed: bool
) -> list[_Candidate]:
    """Sentences that rank a subject or state a duty, outside perks and how-to-apply. When the ad
    lists its duties as bullets, its prose duties only introduce them and count for less."""
    found = []
    for place, (sentence, line) in enumerate(_prose_sentences(lines)):
        for phrase, points in _prose_subjects(sentence):
            if listed and points <= _DUTY_POINTS:
                points -= 1.0
            score = points + 0.5 * (section_weight(line) > 0) - 0.05 * place
            candidate = _candidate(focus_phrase(phrase), sentence, score, lines, title)
            if candidate:
                found.append(candidate)
    return found


def _prose_sentences(lines: list[Line]) -> list[tuple[str, Line]]:
    """The sentences of each prose paragraph, read across its wrapped lines."""
    sentences = []
    for group in paragraphs(lines):
        if section_weight(group[0]) <= 0 or group[0].text.startswith("|"):
            continue
        text = " ".join(line.text for line in group)
        sentences += [(sentence, group[0]) for _, sentence in split_sentences(text)]
    return sentences


def _prose_subjects(sentence: str) -> list[tuple[str, float]]:
    """(subject, points) for each cue in a sentence: ranked subjects first, then duties."""
    for pattern, points in _RANKED_PATTERNS:
        match = pattern.search(sentence)
        if match:
            return [(_last_clause(match.group("what")), 2.5 + points)]
    duty = _DUTY.search(sentence)
    if not duty:
        return []
    what = duty.group("what") or duty.group("what2") or duty.group("what3")
    if re.match(r"(?:a|an|the)\s", what, re.I) or len(what.split()) < 2:
        return []  # "you will be a good communicator" describes a person, not a subject
    return [(part, _DUTY_POINTS - 0.3 * place) for place, part in enumerate(_listed_duties(what))]


def _listed_duties(what: str) -> list[str]:
    """'manage a team of three, and look after cash flow, the bank and the audit' -> each duty;
    an 'including ...' tail lists examples, not duties, and is left out."""
    head = re.split(r"\s*,?\s+(?:including|such as|e\.g\.|for example)\b", what, maxsplit=1)[0]
    head = re.sub(r"\s*\([^)]*\)?", "", head)  # "(three teams, 24 engineers)" is no list of duties
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", head)]
    return [p for p in parts if len(p.split()) >= 2]


def _last_clause(subject: str) -> str:
    """'We have few donors, and building a programme' -> 'building a programme'."""
    return re.split(r",\s*(?:and|but|so)\s+|\s+(?:and|but)\s+(?=[a-z]+ing\b)", subject)[-1]


def section_weight(line: Line) -> float:
    """How much the ad's section says this line matters: duties 3, essentials 2, perks 0."""
    if not line.heading:
        return _UNHEADED_WEIGHT
    for pattern, weight in _SECTION_WEIGHTS:
        if re.search(pattern, line.heading):
            return weight
    return _UNHEADED_WEIGHT


def _candidate(
    phrase: str, quote: str, weight: float, lines: list[Line], title: frozenset[str]
) -> _Candidate | None:
    stems = plain_stems(phrase)
    if not phrase or not stems or len(phrase) < 4:
        return None
    score = weight + _repetition(stems - title, quote, lines)
    return _Candidate(phrase=phrase, quote=quote, score=score, stems=stems, topics=_topics(phrase))


_BROAD_CONCEPTS = frozenset(
    "~people_development ~manager ~product ~data_driven ~communication ~stakeholders ~change "
    "~revenue ~automation ~more ~less ~bad ~customer ~staff ~cost ~metric ~senior ~persuade "
    "~decide ~sale ~build ~prepare ~leading ~retain ~why_you ~cloud".split()
)


def _topics(phrase: str) -> frozenset[str]:
    """The named subjects a phrase belongs to ("incident management" and "production systems"
    are both reliability), so two phrases about one subject do not take two places."""
    from interviewer.grading.analysis import content_words

    return frozenset(k for k in content_words(phrase) if k.startswith("~")) - _BROAD_CONCEPTS


def _repetition(subject: frozenset[str], quote: str, lines: list[Line]) -> float:
    """Up to 2 points for the other lines of the ad that come back to this subject, each in
    proportion to the words it shares, double when that line stresses it ("the two things the
    CTO will ask about first"). Words of the job's own title are everywhere and count for nothing."""
    if not subject:
        return 0.0
    total = 0.0
    for other in lines:
        if other.kind == "heading" or quote in other.text or section_weight(other) <= 0:
            continue
        shared = len(subject & plain_stems(other.text)) / len(subject)
        total += shared and shared * (1.0 if _EMPHASIS.search(other.text) else 0.5)
        if total >= 2.0:
            break
    return min(total, 2.0)


@functools.lru_cache(maxsize=4096)
def plain_stems(text: str) -> frozenset[str]:
    """A text's meaningful words, stemmed, without the concept labels that make unlike subjects
    meet. Cached: every candidate is compared with every line of the ad."""
    return plain_keys(TOKEN.findall(text))


def focus_phrase(text: str) -> str:
    """A short phrase cut from a requirement line: its subject, without lead-ins or tails."""
    phrase = re.sub(r",?\s*\bday[ -]to[ -]day\b,?", "", text.strip().strip("*_ "), flags=re.I)
    for _ in range(2):
        phrase = _LEAD_INS.sub("", phrase)
        phrase = _NOUN_LEAD_INS.sub("", phrase)
        phrase = _FILLER.sub("", phrase)
    objects = _trimmed(_VERBS_BEFORE_OBJECT.sub("", phrase))
    whole = _trimmed(phrase)
    words = objects if len(objects) >= 2 or len(whole) < 2 else whole
    return _lower_first(" ".join(words).strip(" .,;:*"))


def _trimmed(phrase: str) -> list[str]:
    """The words up to the first clause break, without determiners in front or function words
    at the end."""
    listed = _SHORT_LIST.match(phrase)
    cut = listed.group(0) if listed else _CUT.split(phrase, maxsplit=1)[0]
    words = _balanced(cut).split()[:MAX_PHRASE_WORDS]
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    while words and _dangles(words):
        words.pop()
    return words


_SHORT_LIST = re.compile(  # "own programme, cost and quality": the list is the subject
    r"^[\w'’-]+(?:\s[\w'’-]+)?(?:,\s[\w'’-]+(?:\s[\w'’-]+)?)+,?\s(?:and|or|&)\s[\w'’-]+(?=[\s,.;:]|$)"
)
_IDIOM_TAIL = re.compile(r"\b(?:at|in) the (?:heart|centre|center|core|forefront)$", re.I)
_DANGLING = frozenset("worth over under around about nearly almost up".split())


def _dangles(words: list[str]) -> bool:
    """A phrase cut short must not end on 'of', 'the', 'worth' or 'at the heart'."""
    last = words[-1].lower().strip(".,")
    return last in FUNCTION_WORDS | _DETERMINERS | _DANGLING or bool(
        _IDIOM_TAIL.search(" ".join(words[-3:]))
    )


def _balanced(text: str) -> str:
    """Without a bracket whose partner was cut away: 'engineers) that run ...'."""
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "")
    return re.sub(r"\s{2,}", " ", text).strip()


def _lower_first(phrase: str) -> str:
    """'Own the budget' -> 'own the budget', but 'Kubernetes' and 'AWS' keep their capitals."""
    first, _, rest = phrase.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _COMMON_OPENERS:
        return f"{first.lower()} {rest}".strip()
    return phrase


_COMMON_OPENERS = frozenset(
    """own lead drive manage run grow set build deliver report support develop ensure oversee
    work partner champion shape define improve maintain design establish coach hire mentor create
    managing leading running building growing delivering developing cutting reducing improving
    owning hiring coaching designing working setting shaping driving supporting planning raising
    take make keep help plan cut reduce scale recruit negotiate sell close write teach care raise
    protect generate win respond communicate strengthen keeping protecting generating winning
    stakeholder people team teams customer customers client clients budget budgets cost costs
    strategy data product products service services patient patients staff sales revenue
    commercial financial technical operational clinical strategic excellent communication
    reliability quality safety security compliance""".split()
)


def _merge_alike(ranked: list[_Candidate]) -> list[_Candidate]:
    """Keep the first of phrases about the same subject (most of their words shared)."""
    kept: list[_Candidate] = []
    for candidate in ranked:
        if not any(_alike(candidate.stems, k.stems) or candidate.topics & k.topics for k in kept):
            kept.append(candidate)
    return kept


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared * 2 > min(len(a), len(b)) and shared >= 1 and shared * 3 >= max(len(a), len(b))
