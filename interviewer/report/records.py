"""What a report is made of: the questions as asked and answered, the moments, the memo.

These are the saved shapes (a transcript's "report" event is a `Report`), so fields are only
ever added, never renamed.
"""

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from interviewer.contract import Critique, Flag


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def spoken(texts: Iterable[str | None]) -> list[str]:
    """The answers the candidate actually gave: the one rule for what counts as an answer."""
    return [text for text in texts if text and text.strip()]


class Exchange(_Model):
    kind: Literal["main", "follow_up"]
    question: str
    answer: str | None
    gap: str | None = None


class QuestionRecord(_Model):
    index: int
    question_id: str | None
    focus_area: str | None
    exchanges: list[Exchange]
    skipped: bool = False
    critique: Critique | None = None

    def answers(self) -> list[str]:
        """The candidate's own words for this question, main answer first."""
        return spoken(e.answer for e in self.exchanges)

    def is_graded(self) -> bool:
        return self.critique is not None and self.critique.overall is not None

    def is_insufficient(self) -> bool:
        critique = self.critique
        if critique is None or critique.overall is not None:
            return False
        return critique.verdict == "insufficient" or Flag.INSUFFICIENT_ANSWER in critique.flags


def graded_critiques(records: Iterable[QuestionRecord]) -> list[Critique]:
    return [r.critique for r in records if r.critique is not None and r.is_graded()]


class Moment(_Model):
    question_index: int
    criterion: str
    quote: str
    note: str


class CriterionSummary(_Model):
    id: str
    name: str
    score: float | None
    graded_answers: int


class CandidateQuestion(_Model):
    question: str
    reply: str


class DecisionMemo(_Model):
    advance: bool
    headline: str
    reasons: list[str]
    author: Literal["offline", "openai"]


class TargetTested(_Model):
    """One weak point of the prep brief, and what the rehearsal's grades showed about it."""

    target: str
    kind: Literal["focus", "concern"]
    question_index: int | None  # the question that tested it; None when none was planned
    question: str | None  # as the executive asked it
    status: Literal["ready", "thin", "skipped", "not_reached", "not_graded"]
    scores: dict[str, int | None] = {}  # experience_evidence and the target's own criterion
    missing: list[str] = []  # for "thin": what the answer lacked, in the critique's words


class PrepTested(_Model):
    """`practice --from-prep`: which parts of the brief the rehearsal showed were ready."""

    source: str  # "profile" (the offline brief built from it) or a saved brief's path
    targets: list[TargetTested]  # aimed at, weakest first
    unaimed: list[str] = []  # weak points the plan had no room for


class Report(_Model):
    session_id: str
    created_at: str
    role: str | None
    company: str | None
    interviewer_name: str | None
    interviewer_title: str | None
    tone: str
    backend: Literal["openai", "offline"]
    model: str | None
    prompt_version: str
    overall: float | None
    verdict: str
    questions: list[QuestionRecord]
    criteria: list[CriterionSummary]
    strongest: list[Moment]
    fixes: list[Moment]
    candidate_questions: list[CandidateQuestion]
    memo: DecisionMemo
    notes: list[str] = []
    planned_questions: int | None = None  # None: as many as were asked
    prep: PrepTested | None = None  # only for a session aimed with --from-prep
