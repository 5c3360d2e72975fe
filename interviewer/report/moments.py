"""The strongest moments and the fixes: each a criterion result, quoting the candidate."""

from collections.abc import Iterable
from dataclasses import dataclass

from interviewer.contract import CriterionResult
from interviewer.guidance import load_guidance
from interviewer.report.quotes import grounded_evidence, opening_words
from interviewer.report.records import Moment, QuestionRecord

MOMENTS = 3  # at most this many strongest moments and fixes
STRONG_SCORE = 4  # a criterion score worth showing off
FIX_SCORE = 3  # a criterion score worth fixing

# What a second round turns on, most decisive first; fixes lean towards these.
CENTRAL_CRITERIA = ("most_qualified", "experience_evidence", "focused_and_pointed")
CENTRAL_WEIGHT = 0.5  # a central criterion ranks as if it scored this much lower

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
    """Up to three high scores, each quoting the candidate, from different questions when possible."""
    candidates = [s for s in scored_results(records) if s.score >= STRONG_SCORE]
    candidates.sort(key=lambda s: (-s.score, s.record.index, _criterion_rank(s.result.id)))
    ranked = []
    for scored in candidates:
        quote = grounded_evidence(scored.record, scored.result)
        if quote:
            ranked.append(_moment(scored, quote, _praise(scored.result)))
    return _pick(ranked, preferences=("question_index", "criterion"))


def fix_moments(records: list[QuestionRecord]) -> list[Moment]:
    """Up to three fixes, worst and most central first; thin answers only fill spare places."""
    candidates = [s for s in scored_results(records) if s.score <= FIX_SCORE]
    candidates.sort(key=_fix_priority)
    ranked = []
    for scored in candidates:
        quote = grounded_evidence(scored.record, scored.result) or opening_words(scored.record)
        if quote:
            ranked.append(_moment(scored, quote, _advice(scored.result)))
    fixes = _pick(ranked, preferences=("criterion",))
    return (fixes + _thin_answer_fixes(records))[:MOMENTS]


def _fix_priority(scored: Scored) -> tuple:
    criterion_id = scored.result.id
    weight = CENTRAL_WEIGHT if criterion_id in CENTRAL_CRITERIA else 0.0
    return (scored.score - weight, _criterion_rank(criterion_id), scored.record.index)


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
