"""The scripted executive: a question bank and rule-based phrasing, no model involved."""

import random
from collections.abc import Iterator
from typing import Final

from interviewer.executive import phrasing as scripted
from interviewer.executive.question_bank import PlannedQuestion, plan_questions
from interviewer.report.records import DecisionMemo, Report
from interviewer.session.state import InterviewState, QuestionState


class OfflineExecutive:
    """The scripted executive: a question bank and rule-based phrasing, reproducible per session."""

    backend: Final = "offline"
    model: None = None

    def notices(self) -> list[str]:
        return [scripted.offline_notice()]

    def plan(self, state: InterviewState) -> list[PlannedQuestion]:
        return plan_questions(state.profile, state.options.questions, self._rng(state, "plan"))

    def opening(self, state: InterviewState) -> Iterator[str]:
        yield scripted.opening(state.profile, state.register_now(), self._rng(state, "opening"))

    def ask(self, state: InterviewState, question: QuestionState) -> Iterator[str]:
        last = state.last_candidate_words()
        if last and question.index > 1:
            yield (
                scripted.transition(last, state.register_now(), self._rng(state, "transition"))
                + " "
            )
        yield question.planned.text

    def follow_up(self, state: InterviewState, question: QuestionState, gap: str) -> Iterator[str]:
        last = state.last_candidate_words()
        yield scripted.follow_up(gap, last, state.register_now(), self._rng(state, gap))

    def shift(self, state: InterviewState) -> Iterator[str]:
        yield scripted.shift_to_relaxed(state.profile, self._rng(state, "shift"))

    def closing(self, state: InterviewState) -> Iterator[str]:
        yield scripted.closing_invitation(state.register_now(), self._rng(state, "closing"))

    def reply(self, state: InterviewState, candidate_question: str) -> Iterator[str]:
        rng = self._rng(state, "reply")
        yield scripted.answer_candidate_question(
            candidate_question, state.profile, state.register_now(), rng
        )

    def farewell(self, state: InterviewState) -> Iterator[str]:
        yield scripted.farewell(state.profile, state.register_now(), self._rng(state, "farewell"))

    def memo(self, report: Report) -> DecisionMemo | None:
        return None  # the report's own rule-based memo is the offline executive's memo

    @staticmethod
    def _rng(state: InterviewState, purpose: str) -> random.Random:
        """Seeded by session and progress, so a resumed interview says what the original would have."""
        seed = state.session_id if state.options.seed is None else state.options.seed
        return random.Random(f"{seed}:{len(state.conversation)}:{purpose}")
