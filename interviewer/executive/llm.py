"""The executive played by an LLM: a hidden plan first, then one streamed turn at a time.

Every request starts with the same system message (persona, guidance, then the session's plan),
byte for byte, so providers can cache it; the conversation follows, trimmed to the model's
context window when it grows; the note for this turn comes last. Whatever the model streams is
held to the rules by turn_filter before the candidate sees it.
"""

import json
from collections.abc import Iterator
from typing import Final

from pydantic import BaseModel, Field, ValidationError, field_validator

from interviewer.contract import CriterionId
from interviewer.errors import AuthenticationFailed, EndpointError, MissingApiKey, ModelNotFound
from interviewer.executive.base import GAP_DESCRIPTIONS
from interviewer.executive.offline import OfflineExecutive
from interviewer.executive.question_bank import PlannedQuestion
from interviewer.executive.turn_filter import filtered_turn
from interviewer.grading.injection import Fence, guarded_model, guarded_text
from interviewer.guidance import CRITERION_IDS, load_guidance
from interviewer.llm.tokens import (
    TokenCounter,
    budget_for,
    context_window,
    fit_conversation,
    reply_tokens,
)
from interviewer.prep.aim import PrepAim, named_target, with_targets_first
from interviewer.report.memo import meets_advance_bar
from interviewer.report.records import DecisionMemo, Report
from interviewer.session.state import InterviewState, QuestionState
from interviewer.templates import render

SUMMARY_WORDS = 40
PLAN_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["questions"],
    "properties": {
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "focus_area", "criteria", "aim", "target"],
                "properties": {
                    "text": {"type": "string"},
                    "focus_area": {"type": ["string", "null"]},
                    "criteria": {
                        "type": "array",
                        "items": {"type": "string", "enum": list(CRITERION_IDS)},
                    },
                    "aim": {"type": "string"},
                    "target": {"type": ["string", "null"]},
                },
            },
        }
    },
}
MEMO_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["advance", "headline", "reasons"],
    "properties": {
        "advance": {"type": "boolean"},
        "headline": {"type": "string"},
        "reasons": {"type": "array", "items": {"type": "string"}},
    },
}


class _PlannedItem(BaseModel):
    text: str = Field(min_length=8, max_length=400)
    focus_area: str | None = None
    criteria: list[CriterionId] = Field(default_factory=list)
    aim: str = ""
    target: str | None = None  # the prep brief's weak point it tests (--from-prep)

    @field_validator("text")
    @classmethod
    def _one_question(cls, text: str) -> str:
        if text.count("?") > 1:
            raise ValueError("holds more than one question")
        return text.strip()


class _Plan(BaseModel):
    questions: list[_PlannedItem]


class _Memo(BaseModel):
    advance: bool
    headline: str = Field(min_length=3)
    reasons: list[str] = Field(min_length=1, max_length=6)


class LLMExecutive:
    """An Executive backed by an OpenAI-compatible chat endpoint."""

    backend: Final = "openai"

    def __init__(self, client, *, model: str, context_tokens: int | None = None) -> None:
        self.client = client
        self.model = model
        self.counter = TokenCounter(model)
        window = context_window(model, context_tokens)
        self.budget = budget_for(window, self.counter, reply=reply_tokens("turn", model))
        self._fence: Fence | None = None
        self._notices: list[str] = [self.counter.notice] if self.counter.notice else []

    def notices(self) -> list[str]:
        return list(self._notices)

    # -- the hidden plan --------------------------------------------------------------------------

    def plan(self, state: InterviewState) -> list[PlannedQuestion]:
        """Ask the model for the plan; after two unusable replies, or if the endpoint fails
        while planning (a timeout, a cut reply), use the built-in question bank instead."""
        try:
            plan = self._planned_by_model(state)
        except (MissingApiKey, AuthenticationFailed, ModelNotFound):
            raise  # the user's setup is wrong: falling back would only fail at the next turn
        except EndpointError as error:
            self._notices.append(
                f"the interview plan could not be written ({error}); "
                "using the built-in question bank"
            )
            return OfflineExecutive().plan(state)
        if plan:
            return self._aimed(state, plan)
        self._notices.append(
            "the model's interview plan was unusable twice; using the built-in question bank"
        )
        return OfflineExecutive().plan(state)

    def _planned_by_model(self, state: InterviewState) -> list[PlannedQuestion] | None:
        count = state.options.questions
        targets = state.prep.targets[:count] if state.prep else ()
        fence = Fence.around(*(t.target for t in targets))
        request = render(
            "executive_plan.j2",
            count=count,
            criterion_ids=CRITERION_IDS,
            targets=[
                {"target": guarded_text(t.target), "kind": t.kind, "lacks": list(t.lacks)}
                for t in targets
            ],
            fence=fence,
        )
        messages = [self._system(state, with_plan=False), {"role": "user", "content": request}]
        for _attempt in range(2):
            text = self.client.complete_json(
                messages, schema=PLAN_SCHEMA, name="interview_plan", kind="plan", items=count
            )
            plan = _parse_plan(text, count, state.prep)
            if plan:
                return plan
        return None

    def _aimed(self, state: InterviewState, plan: list[PlannedQuestion]) -> list[PlannedQuestion]:
        """--from-prep: the weakest targets first; the bank asks about any the model left out."""
        if state.prep is None or not state.prep.targets:
            return plan
        offline = OfflineExecutive()

        def bank(priorities: list) -> list[PlannedQuestion]:
            return offline.plan_for(state, len(priorities), priorities)

        aimed, missed = with_targets_first(plan, state.prep, state.options.questions, bank)
        if missed:
            names = "; ".join(t.target for t in missed)
            self._notices.append(
                f"the model's plan left out {len(missed)} of the prep brief's weak points; "
                f"the built-in question bank asks about them: {names}"
            )
        return aimed

    # -- turns -------------------------------------------------------------------------------------

    def opening(self, state: InterviewState) -> Iterator[str]:
        return self._turn(state, "opening", candidate_name=state.profile.candidate.name or "")

    def ask(self, state: InterviewState, question: QuestionState) -> Iterator[str]:
        reacting = question.index > 1 and bool(state.last_candidate_words())
        return self._turn(
            state,
            "question",
            number=question.index,
            planned=question.planned.text,
            reacting=reacting,
        )

    def follow_up(self, state: InterviewState, question: QuestionState, gap: str) -> Iterator[str]:
        return self._turn(state, "follow_up", gap_description=GAP_DESCRIPTIONS[gap])

    def shift(self, state: InterviewState) -> Iterator[str]:
        return self._turn(state, "shift", register="relaxed")

    def closing(self, state: InterviewState) -> Iterator[str]:
        return self._turn(state, "closing")

    def reply(self, state: InterviewState, candidate_question: str) -> Iterator[str]:
        return self._turn(state, "reply")

    def farewell(self, state: InterviewState) -> Iterator[str]:
        return self._turn(state, "farewell")

    def _turn(self, state: InterviewState, kind: str, **details) -> Iterator[str]:
        details.setdefault("register", state.register_now())
        fence = self._session_fence(state)
        note = render("executive_turn.j2", kind=kind, fence=fence, **details)
        messages = self._messages(state, note)
        private = _private_text(messages[0]["content"], note, state, fence)
        if kind in ("question", "follow_up", "closing"):
            return filtered_turn(self.client.stream_text(messages), private=private)
        return _statement(self.client.stream_text(messages), private=private)

    # -- the decision memo -------------------------------------------------------------------------

    def memo(self, report: Report) -> DecisionMemo | None:
        """The executive's own memo; None (so the rule-based memo stands) if it is unusable."""
        questions = [
            {
                "index": r.index,
                "answer": "\n\n".join(guarded_text(answer) for answer in r.answers()),
                "verdict": r.critique.verdict if r.critique else None,
                "overall": r.critique.overall if r.critique else None,
            }
            for r in report.questions
            if r.answers()
        ]
        fence = Fence.around(*(str(q["answer"]) for q in questions))
        request = render(
            "decision_memo.j2",
            overall=report.overall,
            verdict=report.verdict,
            criteria=[{"name": c.name, "score": c.score} for c in report.criteria],
            questions=questions,
            fence=fence,
        )
        messages = [
            {"role": "system", "content": render("decision_memo_system.j2")},
            {"role": "user", "content": request},
        ]
        memo = _parse_memo(
            self.client.complete_json(
                messages, schema=MEMO_SCHEMA, name="decision_memo", kind="memo"
            )
        )
        if memo is None or (memo.advance and not meets_advance_bar(report)):
            return None
        return DecisionMemo(
            advance=memo.advance, headline=memo.headline, reasons=memo.reasons, author="openai"
        )

    # -- building requests -------------------------------------------------------------------------

    def _session_fence(self, state: InterviewState) -> Fence:
        """One fence per session, so the history's bytes stay the same from turn to turn."""
        if self._fence is None:
            texts = [text for _who, text in state.conversation]
            self._fence = Fence.around(*texts, json.dumps(state.profile.model_dump()))
        return self._fence

    def _system(self, state: InterviewState, *, with_plan: bool = True) -> dict:
        content = render(
            "executive_system.j2",
            persona=guarded_text(_persona(state)),
            profile=guarded_model(state.profile),  # the candidate wrote it: guarded like a turn
            guidance=load_guidance(),
            fence=self._session_fence(state),
            plan=[
                {"index": q.index, "text": q.planned.text, "aim": q.planned.aim}
                for q in state.questions
            ]
            if with_plan
            else [],
        )
        return {"role": "system", "content": content}

    def _messages(self, state: InterviewState, note: str) -> list[dict]:
        fence = self._session_fence(state)
        history = [_message(who, text, fence) for who, text in state.conversation]
        if history and history[-1]["role"] == "user":
            turn = [{"role": "user", "content": history.pop()["content"] + "\n\n" + note}]
        else:
            turn = [{"role": "user", "content": note}]
        fitted = fit_conversation(
            stable=[self._system(state)],
            history=history,
            turn=turn,
            budget=self.budget,
            counter=self.counter,
            summarize=_summarize,
        )
        return _one_system_message(fitted)


def _persona(state: InterviewState) -> str:
    persona = state.profile.interviewer
    who = ", ".join(filter(None, [persona.name, persona.title])) or "a senior executive"
    return f"{who} at {state.profile.company}" if state.profile.company else who


def _message(who: str, text: str, fence: Fence) -> dict:
    if who == "candidate":
        text = guarded_text(text)  # the executive reads no more of an attack than the grader
        return {
            "role": "user",
            "content": f"{fence.begin('CANDIDATE')}\n{text}\n{fence.end('CANDIDATE')}",
        }
    return {"role": "assistant", "content": text}


def _summarize(messages: list[dict]) -> str:
    """A short extractive summary of turns dropped for space: no model call, nothing invented."""
    lines = []
    for message in messages:
        words = message["content"].split()
        text = " ".join(w for w in words if not w.startswith("<<<"))
        short = " ".join(text.split()[:SUMMARY_WORDS])
        who = "You asked" if message["role"] == "assistant" else "The candidate said"
        lines.append(f"{who}: {short}{'…' if len(text.split()) > SUMMARY_WORDS else ''}")
    return "\n".join(lines)


def _one_system_message(messages: list[dict]) -> list[dict]:
    """Merge leading system messages: some chat templates accept only one, and only first."""
    leading = 0
    while leading < len(messages) and messages[leading]["role"] == "system":
        leading += 1
    if leading <= 1:
        return messages
    merged = "\n\n".join(m["content"] for m in messages[:leading])
    return [{"role": "system", "content": merged}, *messages[leading:]]


def _private_text(system: str, note: str, state: InterviewState, fence: Fence) -> str:
    """What the model was told that the candidate must never see repeated: the prompt, less the
    candidate's own context and the questions the executive is there to ask."""
    private = f"{system}\n{note}"
    begin, end = fence.begin("CONTEXT"), fence.end("CONTEXT")
    if (start := private.find(begin)) != -1 and (stop := private.find(end, start)) != -1:
        private = private[:start] + private[stop + len(end) :]
    for question in state.questions:
        private = private.replace(question.planned.text, "\n")
    return private


def _statement(chunks: Iterator[str], *, private: str = "") -> Iterator[str]:
    """Turns that must not ask anything: drop praise, cut anything from the first question on."""
    for sentence in filtered_turn(chunks, private=private):
        if "?" in sentence:
            return
        yield sentence


def _parse_plan(text: str, count: int, prep: PrepAim | None = None) -> list[PlannedQuestion] | None:
    from interviewer.llm.client import extract_json

    try:
        plan = _Plan.model_validate(extract_json(text) or {})
    except ValidationError:
        return None
    if len(plan.questions) < count:
        return None
    return [
        PlannedQuestion(
            id=f"llm-{i}",
            text=item.text,
            focus_area=item.focus_area,
            criteria=tuple(item.criteria),
            aim=item.aim or "chosen by the executive",
            prep_targets=named_target(item.target, item.text, prep) if prep else (),
        )
        for i, item in enumerate(plan.questions[:count], start=1)
    ]


def _parse_memo(text: str) -> _Memo | None:
    from interviewer.llm.client import extract_json

    try:
        return _Memo.model_validate(extract_json(text) or {})
    except ValidationError:
        return None
