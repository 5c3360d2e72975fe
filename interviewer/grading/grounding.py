"""Keep graders honest: every quote must come from the answer, and every good score must rest on one.

Quotes are compared ignoring case and whitespace (and typographic quote marks). A quote with an
ellipsis counts when each of its pieces occurs in the same clean segment of the answer.
"""

import re

from interviewer.contract import CriterionResult, Flag

GOOD_SCORE = 3
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\.{3,}|…|\[\.\.\.\]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_EDGE = " \t\n\"'“”‘’«»"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ORGANISATION = re.compile(
    r"\b(?i:at|for|with|joined|from|by|of)\s+((?!I\b)[A-Z][\w&'-]*(?:\s+(?:(?!I\b)[A-Z][\w&'-]*|&|of|and))*)"
)


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY).casefold()).strip()


def is_grounded(quote: str, segments: tuple[str, ...]) -> bool:
    """True when the quote occurs, piece by piece, inside one clean segment of the answer."""
    pieces = [normalize(p.strip(_EDGE)) for p in _ELLIPSIS.split(quote.strip(_EDGE))]
    pieces = [p for p in pieces if p]
    if not pieces:
        return False
    return any(all(p in normalize(segment) for p in pieces) for segment in segments)


def ground_criteria(
    criteria: list[CriterionResult], segments: tuple[str, ...]
) -> tuple[list[CriterionResult], list[Flag]]:
    """Drop quotes not in the answer; withdraw any score of 3+ left without a quote."""
    grounded, flags = [], []
    for result in criteria:
        kept = [q for q in result.evidence if is_grounded(q, segments)]
        if len(kept) < len(result.evidence):
            flags.append(Flag.UNGROUNDED_EVIDENCE)
        update: dict = {"evidence": kept}
        if result.score is not None and result.score >= GOOD_SCORE and not kept:
            flags.append(Flag.SCORE_WITHDRAWN)
            note = f"Score {result.score} withdrawn: no quote from the answer supported it."
            update |= {"score": None, "comment": f"{result.comment} {note}".strip()}
        grounded.append(result.model_copy(update=update))
    return grounded, list(dict.fromkeys(flags))


def invented_facts(improved: str, sources: str) -> list[str]:
    """Numbers and organisation names in an improved answer that the candidate never gave."""
    known = normalize(sources)
    known_numbers = {n.replace(",", "") for n in _NUMBER.findall(sources)}
    invented = [n for n in _NUMBER.findall(improved) if n.replace(",", "") not in known_numbers]
    for match in _ORGANISATION.finditer(improved):
        name = match.group(1).strip()
        name = re.sub(r"\s+(?:of|and|&)$", "", name)
        if name.split()[0] not in {"I'm", "I've", "I'd"} and normalize(name) not in known:
            invented.append(name)
    return list(dict.fromkeys(invented))
