"""What a grader is given and what it must give back; the pipeline around graders lives here too."""

from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from interviewer.contract import CriterionResult, GradedVerdict
from interviewer.profile import Profile

Register = Literal["formal", "relaxed"]


@dataclass(frozen=True, kw_only=True)
class GradingRequest:
    """One answer to grade. `graded_text` is the answer with any text aimed at the grader removed:
    graders read only that, so an injection can never raise a score."""

    question: str
    answer: str
    graded_text: str
    profile: Profile = field(default_factory=Profile)
    register: Register | None = None  # the executive's register when the question was asked
    earlier_answers: tuple[str, ...] = ()  # what the candidate said before, for consistency


class GraderReply(BaseModel):
    """A grader's raw judgement, before grounding and before overall and verdict are derived."""

    model_config = ConfigDict(extra="forbid")

    criteria: list[CriterionResult]
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    improved_answer: str | None = None
    verdict: GradedVerdict | None = None


class Grader(Protocol):
    backend: Literal["openai", "offline"]
    model: str | None

    @property
    def prompt_version(self) -> str: ...

    def grade(self, request: GradingRequest) -> GraderReply: ...
