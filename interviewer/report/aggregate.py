"""Aggregate the graded questions into the report the candidate reads after the interview.

Everything here is derived from the saved critiques, so `interviewer report ID` can rebuild and
re-render it at any time. Every moment quotes the candidate's own words, checked against the
answers, because advice the candidate cannot find in their own transcript is hard to act on.
"""

from collections.abc import Iterable
from statistics import fmean
from typing import Literal

from interviewer.contract import Flag, verdict_for
from interviewer.guidance import load_guidance
from interviewer.profile import Profile
from interviewer.report.memo import offline_memo
from interviewer.report.moments import fix_moments, strongest_moments
from interviewer.report.records import (
    CandidateQuestion,
    CriterionSummary,
    DecisionMemo,
    PrepTested,
    QuestionRecord,
    Report,
    graded_critiques,
)


def build_report(
    *,
    session_id: str,
    created_at: str,
    profile: Profile,
    tone: str,
    backend: Literal["openai", "offline"],
    model: str | None,
    prompt_version: str,
    records: list[QuestionRecord],
    candidate_questions: list[CandidateQuestion],
    memo: DecisionMemo | None = None,
    planned_questions: int | None = None,
    prep: PrepTested | None = None,
) -> Report:
    """Aggregate the graded questions into the report the candidate reads after the interview."""
    records = sorted(records, key=lambda r: r.index)
    criteria = summarise_criteria(records)
    overall = overall_score(records)
    if memo is None:
        memo = offline_memo(
            overall=overall,
            criteria=criteria,
            records=records,
            profile=profile,
            planned_questions=planned_questions,
        )
    return Report(
        session_id=session_id,
        created_at=created_at,
        role=profile.role,
        company=profile.company,
        interviewer_name=profile.interviewer.name,
        interviewer_title=profile.interviewer.title,
        tone=tone,
        backend=backend,
        model=model,
        prompt_version=prompt_version,
        overall=overall,
        verdict=verdict_for(overall),
        questions=records,
        criteria=criteria,
        strongest=strongest_moments(records),
        fixes=fix_moments(records),
        candidate_questions=candidate_questions,
        memo=memo,
        notes=report_notes(records),
        planned_questions=planned_questions,
        prep=prep,
    )


def _mean(values: Iterable[float]) -> float | None:
    """Mean to one decimal, as the contract rounds a critique's overall; None when empty."""
    values = list(values)
    return round(fmean(values), 1) if values else None


def overall_score(records: list[QuestionRecord]) -> float | None:
    """The mean of the graded questions' overalls: skipped and ungraded ones do not drag it down."""
    return _mean(c.overall for c in graded_critiques(records) if c.overall is not None)


def summarise_criteria(records: list[QuestionRecord]) -> list[CriterionSummary]:
    """Every criterion in guidance order, with its mean over the answers that scored it."""
    results = [r for c in graded_critiques(records) for r in c.criteria if r.score is not None]
    summaries = []
    for criterion in load_guidance().criteria:
        scores = [r.score for r in results if r.id == criterion.id and r.score is not None]
        summaries.append(
            CriterionSummary(
                id=criterion.id,
                name=criterion.name,
                score=_mean(scores),
                graded_answers=len(scores),
            )
        )
    return summaries


def report_notes(records: list[QuestionRecord]) -> list[str]:
    """What the reader should know about questions that were skipped, thin or not graded."""
    notes = [f"You skipped question {r.index}: {_main_question(r)}" for r in records if r.skipped]
    thin = [r.index for r in records if r.is_insufficient()]
    if thin:
        notes.append(f"{_answers(len(thin))} too thin to grade ({_questions(thin)}).")
    unanswered = [r.index for r in records if not (r.skipped or r.answers())]
    if unanswered:
        notes.append(f"{_questions(unanswered).capitalize()}: asked but not answered.")
    ungraded = [
        r.index
        for r in records
        if r.answers() and not (r.skipped or r.is_graded() or r.is_insufficient())
    ]
    if ungraded:
        notes.append(f"{_answers(len(ungraded), 'could not be')} graded ({_questions(ungraded)}).")
    notes.extend(_flag_notes(records))
    return notes


def _flag_notes(records: list[QuestionRecord]) -> list[str]:
    flagged = [r for r in records if r.critique and Flag.INJECTION_ATTEMPT in r.critique.flags]
    return [
        f"Question {r.index}: text addressed to the grader was ignored when scoring."
        for r in flagged
    ]


def _main_question(record: QuestionRecord) -> str:
    return record.exchanges[0].question if record.exchanges else "(question not recorded)"


def _answers(count: int, verb: str = "was") -> str:
    if verb == "was" and count != 1:
        verb = "were"
    return f"{count} answer{'' if count == 1 else 's'} {verb}"


def _questions(indexes: list[int]) -> str:
    label = "question" if len(indexes) == 1 else "questions"
    return f"{label} {', '.join(str(i) for i in indexes)}"
