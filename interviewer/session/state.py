"""An interview's state, rebuilt from its transcript events.

The engine changes state only by appending an event and applying it, and resume applies the
same events from disk, so a resumed interview is exactly where the interrupted one stood.
"""

from dataclasses import dataclass, field
from typing import Literal

from interviewer.contract import Critique
from interviewer.executive.question_bank import PlannedQuestion
from interviewer.prep.aim import PrepAim
from interviewer.profile import Profile
from interviewer.report.aggregate import build_report
from interviewer.report.prep_tested import prep_tested
from interviewer.report.records import (
    CandidateQuestion,
    DecisionMemo,
    Exchange,
    PrepTested,
    QuestionRecord,
    Report,
)
from interviewer.session.log import status_after
from interviewer.tone import Register, Tone, register_for, shift_point

Backend = Literal["openai", "offline"]
EARLIER_ANSWERS_KEPT = 4
EARLIER_ANSWER_CHARS = 800


@dataclass(frozen=True, kw_only=True)
class InterviewOptions:
    questions: int = 5
    max_follow_ups: int = 2
    tone: Tone = "formal"
    seed: int | None = None  # fixes the offline executive's choices, for scripts and tests

    @property
    def shift_at(self) -> int | None:
        """With tone `shift`, the question before which the executive relaxes."""
        return shift_point(self.tone, self.questions)


@dataclass(kw_only=True)
class FollowUp:
    gap: str
    text: str
    answer: str | None = None


@dataclass(kw_only=True)
class QuestionState:
    index: int
    planned: PlannedQuestion
    text: str | None = None  # what the executive actually said when asking
    register: str | None = None
    answer: str | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)
    skipped: bool = False
    done: bool = False
    critique: Critique | None = None
    grading_retryable: bool = False  # the endpoint failed, not the answer: grade again on resume

    def answers(self) -> list[str]:
        """What the candidate said here, main answer first: the record is the one source."""
        return self.record().answers()

    def combined_answer(self) -> str:
        """Everything the candidate said on this question, in their own words only."""
        return "\n\n".join(self.answers())

    def graded_question(self) -> str:
        asked = [self.text or self.planned.text] + [
            f"Follow-up: {f.text}" for f in self.follow_ups if f.answer
        ]
        return "\n".join(asked)

    def unanswered_follow_up(self) -> FollowUp | None:
        last = self.follow_ups[-1] if self.follow_ups else None
        return last if last and last.answer is None else None

    def probed_gaps(self) -> set[str]:
        return {f.gap for f in self.follow_ups}

    def record(self) -> QuestionRecord:
        exchanges = [
            Exchange(kind="main", question=self.text or self.planned.text, answer=self.answer)
        ]
        exchanges += [
            Exchange(kind="follow_up", question=f.text, answer=f.answer, gap=f.gap)
            for f in self.follow_ups
        ]
        return QuestionRecord(
            index=self.index,
            question_id=self.planned.id,
            focus_area=self.planned.focus_area,
            exchanges=exchanges,
            skipped=self.skipped,
            critique=self.critique,
        )


@dataclass(kw_only=True)
class InterviewState:
    session_id: str
    profile: Profile = field(default_factory=Profile)
    options: InterviewOptions = field(default_factory=InterviewOptions)
    backend: Backend = "offline"
    model: str | None = None
    prompt_version: str = ""
    started_at: str = ""
    prep: PrepAim | None = None  # --from-prep: the brief's weak points this rehearsal aims at
    questions: list[QuestionState] = field(default_factory=list)
    opening: str | None = None
    shifted: bool = False
    closing: str | None = None
    candidate_questions: list[CandidateQuestion] = field(default_factory=list)
    pending_candidate_question: str | None = None
    draft: str | None = None  # an answer half-typed when the session was interrupted
    closing_done: bool = False
    farewell: str | None = None
    report: dict | None = None
    status: str = "interrupted"  # see session.log.status_after
    conversation: list[tuple[str, str]] = field(
        default_factory=list
    )  # ("executive"|"candidate", text)

    @classmethod
    def from_events(cls, events: list[dict]) -> "InterviewState":
        first = events[0] if events else {}
        if first.get("type") != "session_started":
            raise ValueError("the log does not begin with a session_started event")
        state = cls(session_id=first["session_id"])
        for event in events:
            state.apply(event)
        return state

    @property
    def planned(self) -> bool:
        return bool(self.questions)

    def register_now(self) -> Register:
        return register_for(self.options.tone, shifted=self.shifted)

    def question(self, index: int) -> QuestionState:
        return self.questions[index - 1]

    def earlier_answers(self, before: int) -> tuple[str, ...]:
        """The candidate's last few answers before question `before`, for consistency checks."""
        texts = [
            q.combined_answer()[:EARLIER_ANSWER_CHARS]
            for q in self.questions[: before - 1]
            if q.answers()
        ]
        return tuple(texts[-EARLIER_ANSWERS_KEPT:])

    def last_candidate_words(self) -> str:
        return next((text for who, text in reversed(self.conversation) if who == "candidate"), "")

    def records(self) -> list[QuestionRecord]:
        return [q.record() for q in self.questions if q.text or q.skipped]

    def build_report(
        self,
        *,
        backend: Backend | None = None,
        model: str | None = None,
        memo: DecisionMemo | None = None,
    ) -> Report:
        """The report of what has been said and graded so far; backend and model default to the
        ones the session started with (a resumed session may have switched)."""
        report = build_report(
            session_id=self.session_id,
            created_at=self.started_at,
            profile=self.profile,
            tone=self.options.tone,
            backend=backend or self.backend,
            model=model if backend else self.model,
            prompt_version=self.prompt_version,
            records=self.records(),
            candidate_questions=self.candidate_questions,
            memo=memo,
            planned_questions=len(self.questions) or None,
            prep=self._prep_tested(),
        )
        return self._with_retry_note(report)

    def _prep_tested(self) -> PrepTested | None:
        if self.prep is None:
            return None
        return prep_tested(self.prep, self.planned_questions(), self.records())

    def _with_retry_note(self, report: Report) -> Report:
        if not (retry := self.retryable_questions()):
            return report
        listed = ", ".join(str(index) for index in retry)
        note = (
            f"Question {listed} could not be graded because the model endpoint failed; once it "
            f"answers again, grade {'it' if len(retry) == 1 else 'them'} with "
            f"`interviewer resume {self.session_id}`."
        )
        return report.model_copy(update={"notes": [*report.notes, note]})

    def apply(self, event: dict) -> None:
        self.status = status_after(self.status, event)
        handler = getattr(self, f"_on_{event['type']}", None)
        if handler:
            handler(event)

    def _on_session_started(self, e: dict) -> None:
        self.profile = Profile.model_validate(e.get("profile") or {})
        self.options = InterviewOptions(**e["options"])
        self.backend, self.model = e["backend"], e.get("model")
        self.prompt_version, self.started_at = e.get("prompt_version", ""), e["at"]
        prep = e.get("prep")  # absent from logs of unaimed sessions and from older logs
        self.prep = PrepAim.from_dict(prep) if isinstance(prep, dict) else None

    def _on_plan(self, e: dict) -> None:
        self.questions = [
            QuestionState(index=i, planned=_planned_from_log(q))
            for i, q in enumerate(e["questions"], start=1)
        ]

    def planned_questions(self) -> list[PlannedQuestion]:
        return [q.planned for q in self.questions]

    def _on_opening(self, e: dict) -> None:
        self.opening = e["text"]
        self.conversation.append(("executive", e["text"]))

    def _on_tone_shift(self, e: dict) -> None:
        self.shifted = True
        self.conversation.append(("executive", e["text"]))

    def _on_question(self, e: dict) -> None:
        q = self.question(e["index"])
        q.text, q.register = e["text"], e.get("register")
        self.conversation.append(("executive", e["text"]))

    def _on_follow_up(self, e: dict) -> None:
        self.question(e["index"]).follow_ups.append(FollowUp(gap=e["gap"], text=e["text"]))
        self.conversation.append(("executive", e["text"]))

    def _on_draft(self, e: dict) -> None:
        self.draft = e["text"]

    def _on_answer(self, e: dict) -> None:
        self.draft = None
        q = self.question(e["index"])
        if e["kind"] == "main":
            q.answer = e["text"]
        else:
            q.follow_ups[-1].answer = e["text"]
        self.conversation.append(("candidate", e["text"]))

    def _on_skipped(self, e: dict) -> None:
        q = self.question(e["index"])
        q.skipped = q.answer is None
        q.done = True

    def _on_question_done(self, e: dict) -> None:
        self.question(e["index"]).done = True

    def _on_critique(self, e: dict) -> None:
        q = self.question(e["index"])
        q.critique = Critique.model_validate(e["critique"])
        q.grading_retryable = bool(e.get("retryable"))

    def retryable_questions(self) -> list[int]:
        """Questions whose grading failed for the endpoint's sake; `resume` grades them again."""
        return [q.index for q in self.questions if q.grading_retryable]

    def _on_closing(self, e: dict) -> None:
        self.closing = e["text"]
        self.conversation.append(("executive", e["text"]))

    def _on_candidate_question(self, e: dict) -> None:
        self.pending_candidate_question = e["text"]
        self.conversation.append(("candidate", e["text"]))

    def _on_executive_reply(self, e: dict) -> None:
        asked = self.pending_candidate_question or ""
        self.candidate_questions.append(CandidateQuestion(question=asked, reply=e["text"]))
        self.pending_candidate_question = None
        self.conversation.append(("executive", e["text"]))

    def _on_closing_done(self, e: dict) -> None:
        self.closing_done = True

    def _on_farewell(self, e: dict) -> None:
        self.farewell = e["text"]
        self.conversation.append(("executive", e["text"]))

    def _on_report(self, e: dict) -> None:
        self.report = e["report"]


def _planned_from_log(q: dict) -> PlannedQuestion:
    """A planned question as logged; lists back to tuples (older logs lack the newer fields)."""
    targets = tuple(q.get("prep_targets") or ())
    return PlannedQuestion(**{**q, "criteria": tuple(q["criteria"]), "prep_targets": targets})
