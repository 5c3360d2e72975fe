"""The strongest moments and the fixes: each a criterion result, quoting the candidate."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from interviewer.contract import CriterionResult, Flag
from interviewer.grading.analysis import sentence_signals, split_sentences
from interviewer.grading.grounding import normalize
from interviewer.guidance import load_guidance
from interviewer.report.quotes import grounded_evidence, opening_words
from interviewer.report.records import Moment, QuestionRecord

MOMENTS = 3  # at most this many strongest moments and fixes
STRONG_SCORE = 4  # a criterion score worth showing off
FIX_SCORE = 3  # a criterion score worth fixing

# What a second round turns on, most decisive first; fixes lean towards these.
CENTRAL_CRITERIA = ("most_qualified", "experience_evidence", "focused_and_pointed")
CENTRAL_FACTOR = 2.0  # a fix on a central criterion counts this much more
# Criteria the candidate has to show once in an interview, not in every answer.
SHOWN_ONCE = ("priority_alignment", "first_round_gaps", "honest_preparation")
TONE_CRITERIA = ("follows_lead",)  # register, not substance: never a "strongest moment"

THIN_ANSWER_ADVICE = (
    "This answer was too thin to grade. Answer the question in your first sentence, "
    "then back it with one episode you led and how it ended."
)


@dataclass(frozen=True, kw_only=True)
class Scored:
    """One criterion result of one graded question."""

    record: QuestionRecord
    result: CriterionResult

    @property
    def score(self) -> int:
        return self.result.score or 0


def scored_results(records: Iterable[QuestionRecord]) -> list[Scored]:
    return [
        Scored(record=r, result=result)
        for r in records
        if r.critique is not None and r.is_graded()
        for result in r.critique.criteria
        if result.score is not None
    ]


def _criterion_rank(criterion_id: str) -> int:
    """Central criteria first, then the rest in guidance order."""
    ids = [c.id for c in load_guidance().criteria]
    if criterion_id in CENTRAL_CRITERIA:
        return CENTRAL_CRITERIA.index(criterion_id)
    return len(CENTRAL_CRITERIA) + (ids.index(criterion_id) if criterion_id in ids else len(ids))


def _pick(ranked: list[Moment], preferences: tuple[str, ...]) -> list[Moment]:
    """The top few in rank order, first insisting that every field in `preferences` and the quote
    differ from those already chosen, then relaxing one preference at a time."""
    chosen: list[Moment] = []
    for kept in range(len(preferences), -1, -1):
        fields = (*preferences[:kept], "quote")
        for moment in ranked:
            if len(chosen) < MOMENTS and moment not in chosen and _differs(moment, chosen, fields):
                chosen.append(moment)
    return chosen if len(chosen) == MOMENTS else _fill(ranked, chosen)


def _differs(moment: Moment, chosen: list[Moment], fields: tuple[str, ...]) -> bool:
    return all(getattr(moment, f) != getattr(c, f) for c in chosen for f in fields)


def _fill(ranked: list[Moment], chosen: list[Moment]) -> list[Moment]:
    """Top up with moments that repeat a quote under another criterion: better than nothing."""
    return (chosen + [m for m in ranked if m not in chosen])[:MOMENTS]


def strongest_moments(records: list[QuestionRecord]) -> list[Moment]:
    """Up to three high scores, each quoting the candidate, from different questions when possible.
    Chosen by substance (own actions, results, what sets them apart), never by tone alone."""
    ranked = []
    for scored in scored_results(records):
        quote = grounded_evidence(scored.record, scored.result)
        weight = substance(quote, scored.record) if quote else 0.0
        if scored.score >= STRONG_SCORE and scored.result.id not in TONE_CRITERIA and weight:
            ranked.append((scored, quote or "", weight))
    ranked.sort(
        key=lambda t: (-t[0].score, -t[2], t[0].record.index, _criterion_rank(t[0].result.id))
    )
    moments = [_moment(s, quote, _praise(s.result)) for s, quote, _ in ranked]
    return _pick(moments, preferences=("question_index", "criterion"))


def substance(quote: str, record: QuestionRecord | None = None) -> float:
    """How much a quote proves, read in its whole sentence: its own actions, differentiators,
    results, figures and episode markers; 0 when the answer never shows the candidate's own part
    (an action they took or what sets them apart), however polite or upbeat it sounds."""
    sentence = sentence_signals(_sentence_around(quote, record) if record else quote)
    answer = " ".join(record.answers()) if record else quote
    if not _shows_own_part(answer):
        return 0.0
    fields = ("actions", "differentiators", "outcomes", "numbers", "story_markers")
    return float(sum(getattr(s, f) for s in sentence for f in fields))


@functools.lru_cache(maxsize=64)
def _shows_own_part(answer: str) -> bool:
    return any(s.actions or s.differentiators for s in sentence_signals(answer))


def _sentence_around(quote: str, record: QuestionRecord) -> str:
    """The sentence(s) of the answer that hold `quote`, or the quote itself when none does."""
    needle = normalize(quote)
    for answer in record.answers():
        sentences = [text for _, text in split_sentences(answer)]
        holding = [text for text in sentences if needle in normalize(text)]
        if holding:
            return holding[0]
        if needle in normalize(answer):
            return answer
    return quote


def fix_moments(records: list[QuestionRecord]) -> list[Moment]:
    """Three fixes when there is material for three, the ones that would move the outcome most
    first; never a point the candidate already made well in another answer."""
    made_well = {s.result.id for s in scored_results(records) if s.score >= STRONG_SCORE}
    candidates = [
        s
        for s in scored_results(records)
        if s.score <= FIX_SCORE and not (s.result.id in SHOWN_ONCE and s.result.id in made_well)
    ]
    candidates.sort(key=_fix_priority)
    ranked = []
    for scored in candidates:
        quote = grounded_evidence(scored.record, scored.result) or opening_words(scored.record)
        if quote:
            ranked.append(_moment(scored, quote, _advice(scored.result)))
    fixes = _pick(ranked, preferences=("criterion",))
    return (fixes + _thin_answer_fixes(records))[:MOMENTS]


def _fix_priority(scored: Scored) -> tuple:
    """Largest gain first: lifting this criterion to a strong score raises the answer's overall by
    (4 - score) / criteria scored, and a criterion a second round turns on counts double."""
    critique = scored.record.critique
    counted = sum(1 for r in critique.criteria if r.score is not None) if critique else 1
    weight = CENTRAL_FACTOR if scored.result.id in CENTRAL_CRITERIA else 1.0
    gain = (STRONG_SCORE - scored.score) / max(counted, 1) * weight
    leak = _uses_inside_information(scored)
    return (not leak, -round(gain, 6), _criterion_rank(scored.result.id), scored.record.index)


def _uses_inside_information(scored: Scored) -> bool:
    """An honesty failure outranks every other fix: it can end a candidacy on its own."""
    critique = scored.record.critique
    flagged = critique is not None and Flag.INSIDE_INFORMATION in critique.flags
    return flagged and scored.result.id == "honest_preparation"


def _thin_answer_fixes(records: list[QuestionRecord]) -> list[Moment]:
    """Answers too thin to grade, quoted, so the candidate sees what fell flat."""
    fixes = []
    for record in records:
        quote = opening_words(record) if record.is_insufficient() else None
        if quote:
            moment = Moment(
                question_index=record.index,
                criterion="focused_and_pointed",
                quote=quote,
                note=THIN_ANSWER_ADVICE,
            )
            fixes.append(moment)
    return fixes


def _moment(scored: Scored, quote: str, note: str) -> Moment:
    return Moment(
        question_index=scored.record.index, criterion=scored.result.id, quote=quote, note=note
    )


def _praise(result: CriterionResult) -> str:
    return result.comment.strip() or load_guidance().criterion(result.id).summary


def _advice(result: CriterionResult) -> str:
    suggestion = result.suggestion.strip()
    return suggestion or f"Aim for this: {load_guidance().criterion(result.id).level_5}"
