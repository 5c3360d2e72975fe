"""The focus areas a job ad stresses, ranked, each a short phrase cut from the ad's own words.

A requirement or responsibility bullet weighs more than a desirable one or a benefit; a bullet
that says "must", "key" or "critical" more than one that does not; and a subject the ad comes back
to in other lines more than one it names once. Each phrase is a piece of its bullet (lead-ins like
"Proven experience of" and trailing clauses removed), and the whole bullet is kept as its quote.
"""

import re
from dataclasses import dataclass

from interviewer.grading.analysis import plain_keys
from interviewer.grading.concepts import TOKEN
from interviewer.prep.draft import Sourced
from interviewer.prep.lines import Line, document_lines
from interviewer.words import FUNCTION_WORDS

MAX_FOCUS_AREAS = 6
MAX_PHRASE_WORDS = 6

_SECTION_WEIGHTS = (  # (words in a heading, weight); first match wins; 0 drops the section
    (r"desirable|nice to have|bonus|preferred|advantage|plus|ideally|would be great", 1.0),
    (r"offer|benefit|perk|package|salary|about us|how to apply|why join|values|diversity|"
     r"equal opportunit|reward|location|apply|contact", 0.0),
    (r"essential|requirement|required|must|bring|about you|who you are|looking for|qualification|"
     r"person spec|skills|experience|you have|you'll have|you will have|competenc", 3.0),
    (r"responsib|you'll do|you will do|the role|your role|duties|day to day|in this role|"
     r"what you|key|impact|mission|challenge", 2.5),
)  # fmt: skip
_UNHEADED_WEIGHT = 2.0
_EMPHASIS = re.compile(
    r"(?<![-\w])(must|critical|crucial|key|essential|required|vital|priority|priorities|above all|"
    r"most important|non-negotiable|first|top)\b",
    re.I,
)
_LEAD_INS = re.compile(
    r"^(?:(?:you will|you'll|you have|you bring|you are|you can|we need|we want|must have|"
    r"must be|should have|must|should|will|can|to|have|bring|be|a|an|the|proven|demonstrable|demonstrated|strong|solid|"
    r"excellent|deep|extensive|significant|good|broad|hands-on|practical|clear|real|recent|"
    r"previous|prior|relevant|senior|some|at least|plenty of|lots of|years'?|\d+\+?)\s+)+",
    re.I,
)
_NOUN_LEAD_INS = re.compile(
    r"^(?:(?:experience|knowledge|understanding|familiarity|track record|record|history|ability|"
    r"skills?|expertise|background|exposure|commitment|passion|confidence|capability|"
    r"proficiency|fluency|grasp|appreciation|awareness)\s+(?:(?:of|in|with|to|for|as|at)\s+|"
    r"(?=[a-z]+ing\b)))",
    re.I,
)
_CUT = re.compile(
    r"\s*(?:[:;,(]|\s[-–—]\s|\.\s|\.$)|\s+(?:to|with|without|across|for|including|such as|e\.g\.|"
    r"while|so that|which|that|by|through|within|from|using|via|where|when|who|whilst|alongside|"
    r"in order|as well as|ideally|and (?:to|be|work|help|have))\s+",
    re.I,
)
_DETERMINERS = frozenset("a an the our your their its this these those my".split())
_VERB_BEFORE_DETERMINER = re.compile(
    r"^[A-Za-z-]+(?:\s+(?:on|up|out|over|into|of|control of|charge of|ownership of|care of))?\s+"
    r"(?=(?:a|an|the|our|your|their|its)\s)",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class _Candidate:
    phrase: str
    quote: str
    score: float
    stems: frozenset[str]


def focus_areas(ad: str) -> tuple[Sourced, ...]:
    """The ad's focus areas, most stressed first, at most MAX_FOCUS_AREAS."""
    lines = document_lines(ad)
    candidates = [c for line in _requirement_lines(lines) if (c := _candidate(line, lines))]
    ranked = _merge_alike(sorted(candidates, key=lambda c: -c.score))
    return tuple(
        Sourced(value=c.phrase, source="job ad", quote=c.quote) for c in ranked[:MAX_FOCUS_AREAS]
    )


def _requirement_lines(lines: list[Line]) -> list[Line]:
    """Bullets in sections that describe the job; prose lines with a requirement cue if none."""
    bullets = [line for line in lines if line.kind == "bullet" and section_weight(line) > 0]
    if bullets:
        return bullets
    return [line for line in lines if line.kind == "text" and _PROSE_CUE.search(line.text)]


_PROSE_CUE = re.compile(
    r"\b(you will|you'll|experience (?:of|in|with)|responsible for|must|essential|looking for)\b",
    re.I,
)


def section_weight(line: Line) -> float:
    """How much the ad's section says this line matters: essentials 3, desirables 1, perks 0."""
    if not line.heading:
        return _UNHEADED_WEIGHT
    for pattern, weight in _SECTION_WEIGHTS:
        if re.search(pattern, line.heading):
            return weight
    return _UNHEADED_WEIGHT


def _candidate(line: Line, lines: list[Line]) -> _Candidate | None:
    phrase = focus_phrase(line.text)
    stems = plain_stems(phrase)
    if not phrase or not stems:
        return None
    emphasis = 1.5 if _EMPHASIS.search(line.text) else 0.0
    score = section_weight(line) + emphasis + _repetition(stems, line, lines) - 0.02 * line.index
    return _Candidate(phrase=phrase, quote=line.text, score=score, stems=stems)


def _repetition(stems: frozenset[str], line: Line, lines: list[Line]) -> float:
    """Up to 2 points for the other lines of the ad that come back to this subject, each in
    proportion to the words it shares, double when that line stresses it ("the two things the
    CTO will ask about first"). Words of the job's own title are everywhere and count for nothing."""
    subject = stems - _title_stems(lines)
    if not subject:
        return 0.0
    total = 0.0
    for other in lines:
        if other.index == line.index or other.kind == "heading":
            continue
        shared = len(subject & plain_stems(other.text)) / len(subject)
        total += shared * (1.0 if _EMPHASIS.search(other.text) else 0.5)
    return min(total, 2.0)


def _title_stems(lines: list[Line]) -> frozenset[str]:
    """The stems of the ad's first line, usually the job title."""
    return plain_stems(lines[0].text) if lines else frozenset()


def plain_stems(text: str) -> frozenset[str]:
    """A text's content words, stemmed, without the concept labels that make unlike subjects meet."""
    return plain_keys(TOKEN.findall(text))


def focus_phrase(text: str) -> str:
    """A short noun phrase cut from a requirement line: its subject, without lead-ins or tails."""
    phrase = _LEAD_INS.sub("", text.strip())
    phrase = _NOUN_LEAD_INS.sub("", phrase)
    phrase = _LEAD_INS.sub("", phrase)
    phrase = _VERB_BEFORE_DETERMINER.sub("", phrase)
    phrase = _CUT.split(phrase, maxsplit=1)[0]
    words = [w for w in phrase.split() if w][:MAX_PHRASE_WORDS]
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    while words and words[-1].lower().strip(".,") in FUNCTION_WORDS | _DETERMINERS:
        words.pop()
    return _lower_first(" ".join(words).strip(" .,;:"))


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
    owning hiring coaching designing working setting shaping driving supporting planning
    take make keep help plan cut reduce scale recruit negotiate sell close write teach care
    stakeholder people team teams customer customers client clients budget budgets cost costs
    strategy data product products service services patient patients staff sales revenue
    commercial financial technical operational clinical strategic excellent communication
    reliability quality safety security compliance""".split()
)


def _merge_alike(ranked: list[_Candidate]) -> list[_Candidate]:
    """Keep the first of phrases about the same subject (most of their words shared)."""
    kept: list[_Candidate] = []
    for candidate in ranked:
        if not any(_alike(candidate.stems, k.stems) for k in kept):
            kept.append(candidate)
    return kept


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared * 2 > min(len(a), len(b)) and shared >= 1 and shared * 3 >= max(len(a), len(b))
