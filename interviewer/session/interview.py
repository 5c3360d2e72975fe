"""The second-round interview: the turn loop that ties executive, candidate, grader and log together.

Every step is an event appended to the session log and applied to the state, in that order, so
what the candidate said is on disk before anything else happens, and resume replays the same
events. Grading runs in the background; the conversation never waits for it.
"""

import re
import threading
from dataclasses import asdict, dataclass
from typing import Any

from interviewer import __version__
from interviewer.contract import Critique, GraderInfo
from interviewer.drafts import keep_unsaved
from interviewer.errors import EndpointError, TranscriptError
from interviewer.executive import fallback, listening
from interviewer.executive.base import Executive, speaker_name
from interviewer.grading.pipeline import Grader, critique_answer, ungraded_critique
from interviewer.prep.aim import PrepAim, aim_notice
from interviewer.profile import Profile
from interviewer.report.records import Report
from interviewer.session.background import BackgroundJobs
from interviewer.session.console import Console
from interviewer.session.log import (
    TranscriptWriteError,
    TranscriptWriter,
    load_transcript,
    new_session_id,
)
from interviewer.session.state import InterviewOptions, InterviewState, QuestionState
from interviewer.templates import prompt_version

MAX_CANDIDATE_QUESTIONS = 3
_STOPS = {"/pause": "paused", "/quit": "quit"}
PAUSE_GRACE_SECONDS = 10.0
_DECLINES = re.compile(
    r"^\W*(no|nope|none|nothing|not really|that'?s (all|it)|i'?m (good|fine|all set)|all good|"
    r"no (more )?questions|no,? thank|no thanks|/done)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class InterviewResult:
    session_id: str
    outcome: str  # "finished" | "quit" | "paused" | "interrupted" | "input_ended" | "input_paused"
    report: Report | None = None


class _Stop(Exception):
    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class Interview:
    def __init__(
        self,
        *,
        state: InterviewState,
        writer: TranscriptWriter,
        executive: Executive,
        grader: Grader,
        console: Console,
    ) -> None:
        self.state = state
        self.writer = writer
        self.executive = executive
        self.grader = grader
        self.console = console
        self.pause_on_eof = False  # True: the end of piped input pauses instead of finishing
        self.jobs = BackgroundJobs()
        self._lock = threading.Lock()

    # -- starting and resuming ---------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        profile: Profile,
        options: InterviewOptions,
        executive: Executive,
        grader: Grader,
        console: Console,
        prep: PrepAim | None = None,
    ) -> "Interview":
        """Plan first (so a bad endpoint leaves no empty session behind), then open the log."""
        session_id = new_session_id()
        state = InterviewState(session_id=session_id, profile=profile, options=options, prep=prep)
        plan = executive.plan(state)
        interview = cls(
            state=state,
            writer=TranscriptWriter.create(session_id),
            executive=executive,
            grader=grader,
            console=console,
        )
        interview._log(
            "session_started",
            session_id=session_id,
            profile=profile.model_dump(mode="json"),
            options=asdict(options),
            backend=executive.backend,
            model=executive.model,
            prompt_version=prompt_version(),
            version=__version__,
            **_prep_payload(prep),
        )
        interview._log("plan", questions=[asdict(q) for q in plan])
        return interview

    @classmethod
    def resume(
        cls, session_id: str, *, executive: Executive, grader: Grader, console: Console
    ) -> "Interview":
        writer = TranscriptWriter.reopen(session_id)  # locked first: no one else appends meanwhile
        try:
            state = _replay(writer, console)
        except BaseException:
            writer.close()
            raise
        interview = cls(
            state=state, writer=writer, executive=executive, grader=grader, console=console
        )
        interview._log("resumed", backend=executive.backend, model=executive.model)
        return interview

    @property
    def session_id(self) -> str:
        return self.state.session_id

    # -- the whole interview -----------------------------------------------------------------------

    def run(self) -> InterviewResult:
        """Hold the interview to its end, or to a pause; the log is complete either way."""
        try:
            return self._run()
        except TranscriptWriteError as error:  # the disk refused: stop, keeping the unsaved words
            self.writer.close()
            if note := keep_unsaved(error.event):
                error.kept(note)
            raise

    def _run(self) -> InterviewResult:
        try:
            self._converse()
            return self._finish("finished")
        except _Stop as stop:
            if stop.outcome in ("quit", "input_ended"):
                return self._finish(stop.outcome)
            return self._pause(stop.outcome, grace=PAUSE_GRACE_SECONDS)
        except KeyboardInterrupt:
            self._keep_draft()
            return self._pause("interrupted", grace=0)
        except EndpointError as error:
            self._pause("endpoint_error", grace=0, message=str(error))
            raise

    def _converse(self) -> None:
        for notice in self.executive.notices():
            self.console.info(notice)
        if self.state.prep is not None:
            for line in aim_notice(self.state.prep, self.state.planned_questions()):
                self.console.info(line)
        self._regrade_missing()
        if self.state.opening is None:
            self._log(
                "opening",
                text=self._speak(
                    self.executive.opening(self.state), fallback=fallback.line("opening")
                ),
            )
        for question in self.state.questions:
            if not question.done:
                self._hold(question)
        self._close()

    # -- one question ------------------------------------------------------------------------------

    def _hold(self, q: QuestionState) -> None:
        """Ask (or re-ask, after a resume) one planned question, probe it, then grade it aside."""
        if q.answer is None and not self._ask_and_answer(q):
            return
        pending = q.unanswered_follow_up()
        if pending and not self._hear_follow_up(q, pending.text, again=True):
            self._done(q)
            return
        self._probe(q)
        self._done(q)

    def _ask_and_answer(self, q: QuestionState) -> bool:
        if q.text is None:
            self._maybe_shift(q)
            register = self.state.register_now()
            text = self._speak(
                self.executive.ask(self.state, q), fallback=q.planned.worded_for(register)
            )
            self._log("question", index=q.index, text=text, register=self.state.register_now())
        else:
            self.console.say(speaker_name(self.state), [q.text])  # asked before the interruption
        answer = self._read_answer(q.text or "")
        if answer is None:
            self._log("skipped", index=q.index)
            return False
        self._log("answer", index=q.index, kind="main", text=answer)
        return True

    def _probe(self, q: QuestionState) -> None:
        while len(q.follow_ups) < self.state.options.max_follow_ups:
            gap = self._next_gap(q)
            if gap is None:
                return
            text = self._speak(
                self.executive.follow_up(self.state, q, gap), fallback=fallback.line("follow_up")
            )
            self._log(
                "follow_up", index=q.index, gap=gap, text=text, register=self.state.register_now()
            )
            if not self._hear_follow_up(q, text):
                return

    def _hear_follow_up(self, q: QuestionState, text: str, *, again: bool = False) -> bool:
        if again:
            self.console.say(speaker_name(self.state), [text])
        answer = self._read_answer(text)
        if answer is None:
            return False
        self._log("answer", index=q.index, kind="follow_up", text=answer)
        return True

    def _next_gap(self, q: QuestionState) -> str | None:
        """The most important gap not yet probed on this question, or None for a full answer."""
        return listening.next_gap(listening.hear(self.state, q), q.probed_gaps())

    def _maybe_shift(self, q: QuestionState) -> None:
        if self.state.options.shift_at == q.index and not self.state.shifted:
            text = self._speak(self.executive.shift(self.state), fallback=fallback.line("shift"))
            self._log("tone_shift", text=text)

    def _done(self, q: QuestionState) -> None:
        self._log("question_done", index=q.index)
        self._grade_in_background(q)

    # -- the candidate's side ----------------------------------------------------------------------

    def _read_answer(self, question_text: str) -> str | None:
        """The candidate's next answer, after handling any commands; None means /skip."""
        self._offer_draft()
        while True:
            entry = self.console.read_entry()
            if entry.kind == "eof":
                self._input_ended()
            if entry.kind == "text":
                if entry.text.strip():
                    return entry.text
            elif entry.kind == "unknown":
                self.console.refuse(entry.text)
            elif entry.text == "/skip":
                return None
            elif entry.text in _STOPS:
                raise _Stop(_STOPS[entry.text])
            elif entry.text == "/edit":
                if edited := self._edited(self.state.draft or ""):
                    return edited
            elif entry.text == "/draft" and self.state.draft:
                return self.state.draft
            elif entry.text == "/repeat":
                self.console.say(speaker_name(self.state), [question_text])
            else:
                self.console.show_help()

    def _edited(self, text: str) -> str | None:
        """An answer from $EDITOR, shown back first: sent, edited again, or dropped."""
        while text := self.console.edit(text) or "":
            choice = self.console.confirm(text)
            if choice != "edit":
                return text if choice == "send" else None
        return None

    def _input_ended(self) -> None:
        """Piped input ran out: finish with a report, or pause if the user asked for that."""
        if self.pause_on_eof:
            raise _Stop("input_paused")
        self.console.info("Input ended; finishing the interview with what you said.")
        raise _Stop("input_ended")

    def _offer_draft(self) -> None:
        if self.state.draft and self.console.interactive:
            self.console.info("Before the interruption you had started this answer:")
            for line in self.state.draft.splitlines():
                self.console.info(f"  | {line}")
            self.console.info("Type /draft to send it, /edit to finish it, or answer afresh.")

    def _keep_draft(self) -> None:
        """Ctrl-C mid-answer: log what was typed, so resume can offer it back."""
        partial = self.console.take_partial()
        if partial and not self.writer.closed:
            self._log("draft", text=partial)

    # -- the close ---------------------------------------------------------------------------------

    def _close(self) -> None:
        state = self.state
        if state.closing is None:
            text = self._speak(self.executive.closing(state), fallback=fallback.line("closing"))
            self._log("closing", text=text)
        if not state.closing_done:
            if state.pending_candidate_question:
                self._reply(state.pending_candidate_question)
            self._take_candidate_questions()
            self._log("closing_done")
        if state.farewell is None:
            text = self._speak(self.executive.farewell(state), fallback=fallback.line("farewell"))
            self._log("farewell", text=text)

    def _take_candidate_questions(self) -> None:
        while len(self.state.candidate_questions) < MAX_CANDIDATE_QUESTIONS:
            self.console.hint("(Ask the executive a question, or press Enter to finish.)")
            entry = self.console.read_entry()
            if entry.kind == "command" and entry.text == "/pause":
                raise _Stop("paused")
            if entry.kind == "unknown":
                self.console.refuse(entry.text)
                continue
            if entry.kind == "command" and entry.text in ("/help", "/repeat", "/edit", "/draft"):
                self.console.show_help()
                continue
            if entry.kind != "text" or not entry.text.strip() or _DECLINES.match(entry.text):
                return
            self._log("candidate_question", text=entry.text)
            self._reply(entry.text)

    def _reply(self, question: str) -> None:
        reply = self.executive.reply(self.state, question)
        self._log("executive_reply", text=self._speak(reply, fallback=fallback.line("reply")))

    # -- grading, report, endings ------------------------------------------------------------------

    def _grade_in_background(self, q: QuestionState) -> None:
        if not q.answers():
            return
        question, answer = q.graded_question(), q.combined_answer()
        register, earlier = q.register, self.state.earlier_answers(q.index)

        def job() -> None:
            critique, retryable = self._critique(question, answer, register, earlier)
            retry = {"retryable": True} if retryable else {}
            self._log(
                "critique", index=q.index, critique=critique.to_json_dict(), quiet=True, **retry
            )

        self.jobs.submit(job)

    def _critique(self, question: str, answer: str, register, earlier) -> tuple[Critique, bool]:
        """The critique, and whether a failure was the endpoint's (worth grading again later)."""
        try:
            critique = critique_answer(
                question,
                answer,
                grader=self.grader,
                profile=self.state.profile,
                register=register,
                earlier_answers=earlier,
            )
            return critique, False
        except Exception as error:  # a failed grade must never stop the interview
            info = GraderInfo(
                backend=self.grader.backend,
                model=self.grader.model,
                prompt_version=self.grader.prompt_version,
            )
            reason = str(error) or type(error).__name__
            failed = ungraded_critique(question, answer, reason=reason, grader=info)
            return failed, isinstance(error, EndpointError)

    def _regrade_missing(self) -> None:
        """After a resume: grade answers whose critique was still running when we stopped, or
        failed because the endpoint did (an answer the grader found invalid twice stays so)."""
        for q in self.state.questions:
            if q.done and q.answers() and (q.critique is None or q.grading_retryable):
                self._grade_in_background(q)

    def _finish(self, outcome: str) -> InterviewResult:
        for q in self.state.questions:
            if not q.done and q.answers():  # /quit mid-question: grade what was said
                self._done(q)
        if self.jobs.pending():
            self.console.info("Finishing the critiques…")
        self.jobs.wait()
        if retry := self.state.retryable_questions():
            self.console.info(
                f"{len(retry)} answer(s) could not be graded because the endpoint failed; "
                f"grade them later with `interviewer resume {self.session_id}`."
            )
        report = self._report()
        self._log("report", report=report.model_dump(mode="json"))
        self._log("ended", reason=outcome)
        self.writer.close()
        return InterviewResult(session_id=self.session_id, outcome=outcome, report=report)

    def _report(self) -> Report:
        backend, model = self.executive.backend, self.executive.model
        draft = self.state.build_report(backend=backend, model=model)
        try:
            memo = self.executive.memo(draft)
        except EndpointError as error:
            self.console.info(
                f"The executive's memo could not be written ({error}); using the rule-based memo."
            )
            memo = None
        return self.state.build_report(backend=backend, model=model, memo=memo) if memo else draft

    def _pause(self, outcome: str, *, grace: float, message: str | None = None) -> InterviewResult:
        if grace and self.jobs.pending():
            self.console.info("Saving the critiques in progress…")
            self.jobs.wait(grace)
        if message:
            self._log("paused", reason=outcome, message=message)
        else:
            self._log("paused", reason=outcome)
        self.writer.close()
        return InterviewResult(session_id=self.session_id, outcome=outcome)

    # -- plumbing ------------------------------------------------------------------------------------

    def _speak(self, chunks, *, fallback: str) -> str:
        text = self.console.say(speaker_name(self.state), chunks)
        return text or self.console.say(speaker_name(self.state), [fallback])

    def _log(self, type_: str, *, quiet: bool = False, **payload) -> None:
        """Append the event to disk, then apply it: the log is always ahead of the state."""
        with self._lock:
            if self.writer.closed:
                if quiet:
                    return  # a late background critique after a pause; resume grades it again
                raise TranscriptError(f"session {self.session_id} is closed")
            try:
                event = self.writer.append(type_, **payload)
            except TranscriptWriteError:
                if quiet:
                    return  # the writer keeps the failure; the next event in the loop raises it
                raise
            self.state.apply(event)


def _prep_payload(prep: PrepAim | None) -> dict[str, Any]:
    """What session_started records of --from-prep; nothing at all for an unaimed session."""
    return {"prep": prep.to_dict()} if prep is not None else {}


def _replay(writer: TranscriptWriter, console: Console) -> InterviewState:
    """The state of the very log we hold open, so we never read one file and append to another."""
    for notice in writer.notices:
        console.info(notice)
    loaded = load_transcript(writer.path)
    if not loaded.events:
        raise TranscriptError(
            f"session {writer.session_id} never started ({writer.path} is empty); "
            "nothing to resume: start a new one with `interviewer practice`"
        )
    state = InterviewState.from_events(loaded.events)
    if state.report is not None and not state.retryable_questions():
        raise TranscriptError(
            f"session {state.session_id} is already over; see `interviewer report {state.session_id}`"
        )
    return state
