"""The executive across the table: a scripted one offline, or an LLM in persona.

Both expose the same turns (opening, question, follow-up, tone shift, closing, reply, farewell),
each as a stream of text, so the interview engine never knows which one it is talking to.
"""

from collections.abc import Iterator
from typing import Literal, Protocol

from interviewer.executive.fallback import gap_descriptions
from interviewer.executive.question_bank import PlannedQuestion
from interviewer.report.records import DecisionMemo, Report
from interviewer.session.state import InterviewState, QuestionState

GAP_DESCRIPTIONS = gap_descriptions()


class Executive(Protocol):
    @property
    def backend(self) -> Literal["openai", "offline"]: ...

    @property
    def model(self) -> str | None: ...

    def notices(self) -> list[str]: ...
    def plan(self, state: InterviewState) -> list[PlannedQuestion]: ...
    def opening(self, state: InterviewState) -> Iterator[str]: ...
    def ask(self, state: InterviewState, question: QuestionState) -> Iterator[str]: ...
    def follow_up(
        self, state: InterviewState, question: QuestionState, gap: str
    ) -> Iterator[str]: ...
    def shift(self, state: InterviewState) -> Iterator[str]: ...
    def closing(self, state: InterviewState) -> Iterator[str]: ...
    def reply(self, state: InterviewState, candidate_question: str) -> Iterator[str]: ...
    def farewell(self, state: InterviewState) -> Iterator[str]: ...
    def memo(self, report: Report) -> DecisionMemo | None: ...


def speaker_name(state: InterviewState) -> str:
    persona = state.profile.interviewer
    return persona.name or persona.title or "Executive"
