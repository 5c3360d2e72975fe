"""Grade an answer with an LLM, and refuse any reply that does not hold up.

The reply is parsed and checked here (known ids, integer scores 1-5, a verdict that agrees with
the scores); a bad reply is retried once with the reason, then the answer is reported ungraded.
"""

import functools
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from interviewer.contract import (
    ADEQUATE_FROM,
    STRONG_FROM,
    CriterionId,
    CriterionResult,
    GradedVerdict,
    verdict_contradicts,
)
from interviewer.grading.fitting import GradingFit
from interviewer.grading.injection import Fence, guarded_model
from interviewer.grading.pipeline import GraderReply, GradingRequest, UngradableReply
from interviewer.guidance import CRITERION_IDS, load_guidance
from interviewer.templates import prompt_version, render

REPLY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["criteria", "strengths", "improvements", "improved_answer", "verdict"],
    "properties": {
        "criteria": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "score", "evidence", "comment", "suggestion"],
                "properties": {
                    "id": {"type": "string", "enum": list(CRITERION_IDS)},
                    "score": {"type": ["integer", "null"]},
                    "evidence": {"type": "array", "items": {"type": "string"}},
                    "comment": {"type": "string"},
                    "suggestion": {"type": "string"},
                },
            },
        },
        "strengths": {"type": "array", "items": {"type": "string"}},
        "improvements": {"type": "array", "items": {"type": "string"}},
        "improved_answer": {"type": ["string", "null"]},
        "verdict": {"type": "string", "enum": ["strong", "adequate", "weak"]},
    },
}


class _ReplyCriterion(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: CriterionId
    score: StrictInt | None = Field(ge=1, le=5)  # "5" is not a score: retried like any bad reply
    evidence: list[str] = Field(default_factory=list)
    comment: str = ""
    suggestion: str = ""


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    criteria: list[_ReplyCriterion]
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    improved_answer: str | None = None
    verdict: GradedVerdict

    @field_validator("criteria")
    @classmethod
    def _each_once(cls, criteria: list[_ReplyCriterion]) -> list[_ReplyCriterion]:
        ids = [c.id for c in criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("a criterion id appears more than once")
        return criteria


class InvalidReply(ValueError):
    """The model's reply cannot be used as a grade; the message says why, for the retry."""


def parse_reply(text: str) -> GraderReply:
    """Turn the model's text into a GraderReply, or say exactly what is wrong with it."""
    from interviewer.llm.client import extract_json

    data = extract_json(text)
    if data is None:
        raise InvalidReply("the reply held no JSON object")
    try:
        reply = _Reply.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidReply(f"{where}: {first['msg']}") from None
    criteria = [CriterionResult(**c.model_dump()) for c in reply.criteria]
    if verdict_contradicts(reply.verdict, criteria):
        raise InvalidReply(f"verdict '{reply.verdict}' contradicts the scores given")
    return GraderReply(
        criteria=criteria,
        strengths=reply.strengths[:3],
        improvements=reply.improvements[:3],
        improved_answer=reply.improved_answer,
        verdict=reply.verdict,
    )


@functools.cache
def system_prompt() -> str:
    """The stable part of every grading prompt: byte-identical across calls, so it can be cached."""
    guidance = load_guidance()
    from interviewer.grading.advice import ADVISE_AT_MOST

    return render(
        "critique_system.j2",
        guidance=guidance,
        parts=guidance.parts,
        advise_at_most=ADVISE_AT_MOST,
        strong_from=STRONG_FROM,
        adequate_from=ADEQUATE_FROM,
    )


def request_messages(request: GradingRequest) -> list[dict]:
    """The grading conversation: fixed instructions first, then the fenced material."""
    profile = guarded_model(request.profile)  # the candidate wrote it too
    fence = Fence.around(
        request.graded_text, request.question, *request.earlier_answers, str(profile)
    )
    user = render(
        "critique_request.j2",
        fence=fence,
        profile=profile,
        register=request.register,
        earlier_answers=request.earlier_answers,
        question=request.question,
        answer=request.graded_text,
    )
    return [{"role": "system", "content": system_prompt()}, {"role": "user", "content": user}]


class LLMGrader:
    """A Grader backed by any OpenAI-compatible chat endpoint."""

    backend: Final = "openai"

    def __init__(self, client, *, model: str, context_tokens: int | None = None) -> None:
        from interviewer.llm.client import schema_instruction

        self.client = client
        self.model = model
        self.fit = GradingFit(model, context_tokens, schema_instruction(REPLY_SCHEMA))

    @property
    def prompt_version(self) -> str:
        return prompt_version()

    def grade(self, request: GradingRequest) -> GraderReply:
        messages: list[dict] | None = self.fit.request(request, request_messages)
        problem = ""
        for _attempt in range(2):
            if messages is None:
                break  # no room left in the window to say what was wrong
            text = self.client.complete_json(messages, schema=REPLY_SCHEMA, name="critique")
            try:
                return parse_reply(text)
            except InvalidReply as error:
                problem = str(error)
                messages = self.fit.correction(messages, text, _corrected_by(problem))
        raise UngradableReply(f"the grader's reply was invalid twice ({problem})")


def _corrected_by(problem: str):
    return lambda text: _correction(text, problem)


def _correction(text: str, problem: str) -> list[dict]:
    note = render("critique_correction.j2", problem=problem).strip()
    return [{"role": "assistant", "content": text}, {"role": "user", "content": note}]
