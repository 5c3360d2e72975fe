"""The critique contract: the JSON shape `interviewer critique --format json` promises other tools.

Field names, verdict words and flag names are public; add to them, never rename them.
"""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from interviewer.guidance import CriterionId

__all__ = ["CriterionId"]  # defined beside the guidance it names; part of this contract

Verdict = Literal["strong", "adequate", "weak", "insufficient", "ungraded"]
GradedVerdict = Literal["strong", "adequate", "weak"]

STRONG_FROM = 4.0
ADEQUATE_FROM = 3.0


class Flag(StrEnum):
    """Things the reader of a critique should know about how it was reached."""

    UNGROUNDED_EVIDENCE = "ungrounded_evidence"  # a quote was not in the answer and was dropped
    SCORE_WITHDRAWN = "score_withdrawn"  # a score of 3+ had no grounded quote left
    INJECTION_ATTEMPT = "injection_attempt"  # the answer tried to instruct the grader
    INVENTED_FACTS = "invented_facts"  # the improved answer added numbers or employers; removed
    INSUFFICIENT_ANSWER = "insufficient_answer"  # empty, gibberish or "I don't know"
    GRADER_FAILED = "grader_failed"  # no valid grade could be obtained; nothing was scored
    INSIDE_INFORMATION = "inside_information"  # the answer relies on confidential or leaked info
    NOT_ENGLISH = "not_english"  # the offline grader reads English only; it left this ungraded
    TOO_LONG = "too_long"  # far beyond a spoken answer; scored down for focus
    WEAK_EVIDENCE = "weak_evidence"  # a quote was too long or off its criterion; dropped
    UNSUPPORTED_SCORE = "unsupported_score"  # a score above what the answer holds; lowered


class CriterionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: CriterionId
    score: int | None = Field(default=None, ge=1, le=5)
    evidence: list[str] = Field(default_factory=list)
    comment: str = ""
    suggestion: str = ""


class GraderInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Literal["openai", "offline"]
    model: str | None = None
    prompt_version: str


class Critique(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    answer: str
    overall: float | None = Field(default=None, ge=1.0, le=5.0)
    verdict: Verdict
    criteria: list[CriterionResult]
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    improved_answer: str | None = None
    flags: list[Flag] = Field(default_factory=list)
    grader: GraderInfo

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")


def overall_of(criteria: list[CriterionResult]) -> float | None:
    """The mean of the scored criteria, to one decimal; None when nothing was scored."""
    scores = [c.score for c in criteria if c.score is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def verdict_for(overall: float | None) -> Verdict:
    """The verdict a given overall score earns; the only place the bands are defined."""
    if overall is None:
        return "ungraded"
    if overall >= STRONG_FROM:
        return "strong"
    return "adequate" if overall >= ADEQUATE_FROM else "weak"


def verdict_contradicts(claimed: GradedVerdict, criteria: list[CriterionResult]) -> bool:
    """True when a grader's verdict is not the band of its own scores, allowing 0.25 at a border."""
    overall = overall_of(criteria)
    if overall is None:
        return True
    near = {verdict_for(overall), verdict_for(overall + 0.25), verdict_for(overall - 0.25)}
    return claimed not in near - {"ungraded"}
