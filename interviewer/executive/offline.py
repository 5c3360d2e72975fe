"""The scripted executive: a question bank and rule-based phrasing, no model involved."""

import random
from collections.abc import Iterator
from typing import Final

from interviewer.executive import listening
from interviewer.executive import phrasing as scripted
from interviewer.executive.question_bank import (
    PlannedQuestion,
    concern_clause,
    plan_questions,
    question_concern,
)
from interviewer.report.records import DecisionMemo, Report
from interviewer.session.state import InterviewState, QuestionState


class OfflineExecutive:
    """The scripted executive: a question bank and rule-based phrasing, reproducible per session."""

    backend: Final = "offline"
    model: None = None

    def notices(self) -> list[str]:
        return [scripted.offline_notice()]

    def plan(self, state: InterviewState) -> list[PlannedQuestion]:
        priorities = state.prep.priorities() if state.prep else []
        return self.plan_for(state, state.options.questions, priorities)

    def plan_for(
        self, state: InterviewState, count: int, priorities: list
    ) -> list[PlannedQuestion]:
        """A plan of `count` questions asking about `priorities` (kind, target) first."""
        rng = self._rng(state, "plan")
        return plan_questions(state.profile, count, rng, priorities=priorities)

    def opening(self, state: InterviewState) -> Iterator[str]:
        yield scripted.opening(state.profile, state.register_now(), self._rng(state, "opening"))

    def ask(self, state: InterviewState, question: QuestionState) -> Iterator[str]:
        last, register = state.last_candidate_words(), state.register_now()
        if last and question.index > 1:
            yield self._bridge(state, last, state.question(question.index - 1)) + " "
        yield question.planned.worded_for(register)

    def _bridge(self, state: InterviewState, last: str, previous: QuestionState) -> str:
        """A nod to the last answer; or, if the candidate stayed stiff after we relaxed, a nudge."""
        rng = self._rng(state, "transition")
        relaxed_before = state.shifted and previous.register == "relaxed"
        if relaxed_before and listening.stiff(last):
            nudge = scripted.register_nudge(rng, _said(state))
            if nudge:
                return nudge
        return scripted.transition(last, state.register_now(), rng)

    def follow_up(self, state: InterviewState, question: QuestionState, gap: str) -> Iterator[str]:
        last, register = state.last_candidate_words(), state.register_now()
        values = _particulars(state, question, gap, register)
        rng = self._rng(state, gap)
        yield scripted.follow_up(gap, last, register, rng, values=values, said_before=_said(state))

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


def _said(state: InterviewState) -> list[str]:
    return [text for who, text in state.conversation if who == "executive"]


def _particulars(state: InterviewState, q: QuestionState, gap: str, register: str) -> dict:
    """What a follow-up can name: both claims of a contradiction, what was leaked, the doubt."""
    latest = state.last_candidate_words()
    if gap == "contradiction":
        earlier = [*state.earlier_answers(q.index), *q.answers()[:-1]]
        pairs = listening.claim_contradictions(latest, earlier)
        if pairs:
            before, now = pairs[0]
            return {"earlier": listening.second_person(before), "now": listening.second_person(now)}
    if gap == "inside_information":
        said = listening.inside_information(latest)
        return {"said": said} if said and said != "that information" else {}
    if gap == "concern_unanswered":
        concern = question_concern(q.planned)
        return {"concern": concern_clause(concern, register)} if concern else {}
    return {}
