"""A model's score must rest on what the answer verifiably contains, not on what it was told.

Detection (injection.py) removes text that speaks to the grader; this is the guard for what
detection misses. Quotes must be short and about their criterion; a quote that is most of the
answer shows nothing in particular. Each score is capped by what the deterministic analysis
(analysis.py) finds in the answer, following the guidance's own anchors: a 4 or 5 on evidence
needs an episode told from the candidate's own actions, with a result; an answer with no episode,
no concrete detail and no result cannot score above 2 on anything, whoever says otherwise.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from interviewer.contract import CriterionResult, Flag
from interviewer.grading.analysis import (
    AnswerAnalysis,
    analyze,
    content_words,
    has_episode,
    sentence_signals,
    split_sentences,
)
from interviewer.grading.grounding import normalize
from interviewer.grading.limits import ANALYSED_CHARS, reads_as_english

_DETAIL = re.compile(r"\d|\s[A-Z][a-z]")  # a figure or a name, whatever the analysis makes of it
_ELLIPSIS = re.compile(r"\.{3,}|…")
MAX_QUOTE_WORDS = 40
MOST_OF_ANSWER = 0.6  # a quote with this share of the answer's words quotes the answer, not a point
WHOLE_ANSWER = 0.9  # a quote of more of the answer than this points at nothing, however short
# A short, direct reply shows focus and register by being whole; these may quote all of it.
_FORM_CRITERIA = frozenset({"focused_and_pointed", "consistent_style", "follows_lead"})
SHORT_QUOTE_WORDS = 12  # a quote this short is fine even in a short answer
EMPTY_ANSWER_CEILING = 2
# Without substance an answer can still be direct and in the right register: "answers, but
# wrapped in generalities" is the guidance's 3 for focus; style needs no facts to be kept.
EMPTY_ANSWER_CEILINGS = {"focused_and_pointed": 3, "consistent_style": 3, "follows_lead": 3}
_NUMBER = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"(19|20)\d\d")
# Numbers shaped like a grade ("5", "5/5", "10/10") are not a detail of the candidate's work.
# "I would...", "I'd...", "I think...": a plan or an opinion, not something that happened.
_INTENTION = re.compile(
    r"\b(I|we)(\s+(would|will|could|might|should|shall|think|believe|feel|guess|plan|intend|want)"
    r"|\s+am\s+going\s+to|['’](d|ll))\b",
    re.IGNORECASE,
)
_GRADE_NUMBER = re.compile(r"(?<![\d.,])(?:10|[0-9])(?:\s*/\s*(?:10|5))?(?:s\b)?(?![\d,%]|\.\d)")


@dataclass(frozen=True, kw_only=True)
class AnswerFacts:
    """What the grader's scores are checked against: the clean answer and what it was asked."""

    text: str
    question: str = ""
    focus_areas: Sequence[str] = ()
    concerns: Sequence[str] = ()


def supported_criteria(
    criteria: list[CriterionResult], facts: AnswerFacts, *, grounded=None
) -> tuple[list[CriterionResult], list[Flag]]:
    """Cap scores the answer cannot carry, then drop quotes that cannot support their criterion.

    Capping comes first, so a score is lowered rather than withdrawn: withdrawing a low score
    would raise the mean of the rest. `grounded` (quotes must come from the answer) runs between."""
    if not reads_as_english(facts.text, names=False):  # only the quotes' length is verifiable
        kept, flags = grounded(criteria) if grounded else (criteria, [])
        words = len(facts.text.split())
        fitted = [_fitting_quotes(result, facts, words, english=False) for result in kept]
        return fitted, flags + ([Flag.WEAK_EVIDENCE] if fitted != kept else [])
    facts = replace(facts, text=facts.text[:ANALYSED_CHARS])  # a document is judged by its start
    analysis = analyze(
        facts.text, question=facts.question, focus_areas=facts.focus_areas, concerns=facts.concerns
    )
    capped = [_capped(r, ceiling(r.id, analysis, facts)) for r in criteria]
    flags = [Flag.UNSUPPORTED_SCORE] if capped != criteria else []
    if grounded:
        capped, grounding_flags = grounded(capped)
        flags += grounding_flags
    fitted = [_fitting_quotes(result, facts, analysis.words) for result in capped]
    if fitted != capped:
        flags.append(Flag.WEAK_EVIDENCE)
    return fitted, list(dict.fromkeys(flags))


def _fitting_quotes(
    result: CriterionResult, facts: AnswerFacts, words: int, *, english: bool = True
) -> CriterionResult:
    """Keep quotes that are short and relevant; withdraw a good score left with none."""
    whole = 1.0 if result.id in _FORM_CRITERIA else WHOLE_ANSWER
    kept = [
        q
        for q in result.evidence
        if _short(q, words, whole) and (not english or relevant(q, result.id, facts))
    ]
    if len(kept) == len(result.evidence):
        return result
    update: dict = {"evidence": kept}
    if result.score is not None and result.score >= 3 and not kept:
        note = f"Score {result.score} withdrawn: no short, relevant quote from the answer supported it."
        update |= {"score": None, "comment": f"{result.comment} {note}".strip()}
    return result.model_copy(update=update)


def _short(quote: str, answer_words: int, whole: float) -> bool:
    words = len(quote.split())
    if words > MAX_QUOTE_WORDS or words > whole * answer_words:
        return False
    return words <= SHORT_QUOTE_WORDS or words < MOST_OF_ANSWER * answer_words


def relevant(quote: str, criterion_id: str, facts: AnswerFacts) -> bool:
    """Whether the sentence a quote comes from holds the kind of thing its criterion is about."""
    source = _source_sentence(quote, facts.text)
    q = analyze(source)
    concrete = q.specifics + q.numbers + q.outcomes + q.story_markers + bool(_DETAIL.search(source))
    own = q.first_person + q.we + q.actions
    if criterion_id in ("experience_evidence", "first_round_gaps"):
        return concrete + own > 0
    if criterion_id == "most_qualified":
        return concrete + own + q.differentiators > 0
    if criterion_id == "honest_preparation":
        return q.preparation_mentions + q.insider_claims + own > 0
    if criterion_id == "priority_alignment":
        asked = content_words(facts.question) | content_words(" ".join(facts.focus_areas))
        return concrete + own > 0 or bool(asked & content_words(quote))
    return True  # focus, style and register show in any sentence


def _source_sentence(quote: str, text: str) -> str:
    """The answer's sentence that holds the quote (the quote itself when it spans several)."""
    wanted = normalize(_ELLIPSIS.split(quote)[0].strip(" .,;:\"'"))
    for _start, sentence in split_sentences(text):
        if wanted and wanted in normalize(sentence):
            return sentence
    return quote


def ceiling(criterion_id: str, a: AnswerAnalysis, facts: AnswerFacts) -> int:
    """The highest score this criterion can have, given what the answer verifiably holds."""
    if not (has_episode(a) or has_substance(facts.text)):
        return EMPTY_ANSWER_CEILINGS.get(criterion_id, EMPTY_ANSWER_CEILING)
    if criterion_id in ("experience_evidence", "first_round_gaps"):
        return _evidence_ceiling(a, facts.text)
    if criterion_id == "most_qualified":
        earned = a.differentiators or (has_episode(a) and (a.outcomes or a.numbers))
        return 5 if earned else 3
    if criterion_id == "priority_alignment":
        if facts.focus_areas:
            return 5 if a.focus_hits else 3
        return 5 if has_episode(a) or a.specifics else 3
    if criterion_id == "focused_and_pointed":
        return 3 if a.deflections else 5  # structure, not content: only a dodge is verifiable
    if criterion_id == "honest_preparation":
        return 5 if a.preparation_mentions and not a.insider_claims else 3
    return 5


def has_substance(text: str, *, plans: bool = True) -> bool:
    """Some sentence about the candidate's own work holds a detail, a result or a preparation.

    A plan ("I would make them lower") reports no result; with `plans` False it counts for nothing.
    """
    for s in sentence_signals(text):
        own = s.first_person + s.we + s.actions
        details = s.specifics - len(_GRADE_NUMBER.findall(s.text))
        told = s.outcomes or s.story_markers or s.preparation_mentions or s.actions
        if _INTENTION.search(s.text) and not s.own_action:
            if not plans:
                continue
            told = s.preparation_mentions
        if own and (details > 0 or told):
            return True
    return False


def _evidence_ceiling(a: AnswerAnalysis, text: str) -> int:
    """The guidance's anchors: 5 = own actions and a result; 3 = a situation, thin on both."""
    told = has_episode(a) or (a.first_person >= 2 and has_substance(text, plans=False))
    if not told or not (a.first_person or a.actions):
        return 3
    return 5 if a.outcomes or _measures(text) else 4


def _measures(text: str) -> bool:
    """A figure that can state a result: not a year, not a grade-shaped small number."""
    figures = [n for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n)]
    return len(figures) > len(_GRADE_NUMBER.findall(text))


def _capped(result: CriterionResult, limit: int) -> CriterionResult:
    if result.score is None or result.score <= limit:
        return result
    note = f"Score {result.score} lowered to {limit}: {_reason(result.id, limit)}."
    return result.model_copy(update={"score": limit, "comment": f"{result.comment} {note}".strip()})


def _reason(criterion_id: str, limit: int) -> str:
    if limit == EMPTY_ANSWER_CEILING:
        return "the answer holds no episode, no concrete detail and no result"
    return {
        "experience_evidence": "a higher score needs an episode with your own actions and a result",
        "first_round_gaps": "a higher score needs fresh evidence: your own actions and a result",
        "most_qualified": "a higher score needs a differentiator or a result others cannot claim",
        "priority_alignment": "a higher score needs the example tied to what this panel values",
        "focused_and_pointed": "a higher score needs a direct, specific answer without deflection",
        "honest_preparation": "a higher score needs a described, honest preparation",
    }.get(criterion_id, "the answer does not show enough to support it")
