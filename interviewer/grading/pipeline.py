"""What a grader is given and what it must give back; the pipeline around graders lives here too."""

import functools
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from interviewer.contract import (
    CriterionResult,
    Critique,
    Flag,
    GradedVerdict,
    GraderInfo,
    overall_of,
    verdict_for,
)
from interviewer.grading.grounding import ground_criteria, invented_facts
from interviewer.grading.injection import GuardedAnswer, guard, guarded_text
from interviewer.grading.limits import answer_flags
from interviewer.grading.screening import insufficient_reason
from interviewer.grading.support import AnswerFacts, supported_criteria
from interviewer.guidance import CRITERION_IDS
from interviewer.profile import Profile
from interviewer.tone import Register, known_register


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
    @property
    def backend(self) -> Literal["openai", "offline"]: ...

    @property
    def model(self) -> str | None: ...

    @property
    def prompt_version(self) -> str: ...

    def grade(self, request: GradingRequest) -> GraderReply: ...


class UngradableReply(Exception):
    """The grader could not produce a valid judgement; the answer is reported ungraded, never scored."""


def critique_answer(
    question: str,
    answer: str,
    *,
    grader: Grader,
    profile: Profile | None = None,
    register: Register | None = None,
    earlier_answers: tuple[str, ...] = (),
) -> Critique:
    """Screen, guard, grade, ground: the one path every critique takes, whichever grader runs."""
    profile = profile or Profile()
    info = GraderInfo(
        backend=grader.backend, model=grader.model, prompt_version=grader.prompt_version
    )
    reason = insufficient_reason(answer)
    if reason:
        return insufficient_critique(question, answer, reason=reason, grader=info)
    guarded = guard(answer)
    request = GradingRequest(
        question=question,
        answer=answer,
        graded_text=guarded.graded_text,
        profile=profile,
        register=register or _register_of(profile),
        earlier_answers=tuple(guarded_text(earlier) for earlier in earlier_answers),
    )
    try:
        reply = grader.grade(request)
    except UngradableReply as error:
        return ungraded_critique(question, answer, reason=str(error), grader=info)
    return _finish(request, reply, guarded, info)


def _facts(request: GradingRequest, guarded: GuardedAnswer) -> AnswerFacts:
    """What scores are checked against: only the clean parts of the answer."""
    return AnswerFacts(
        text="\n".join(guarded.segments),
        question=request.question,
        focus_areas=request.profile.focus_areas,
        concerns=request.profile.first_round.concerns,
    )


def _register_of(profile: Profile) -> Register | None:
    return known_register(profile.interviewer.tone)


def _finish(
    request: GradingRequest, reply: GraderReply, guarded: GuardedAnswer, info: GraderInfo
) -> Critique:
    criteria = _complete(_applicable_only(reply.criteria, request))
    grounded = functools.partial(ground_criteria, segments=guarded.segments)
    if info.backend == "offline":  # it scores from the same analysis the caps would use
        criteria, flags = grounded(criteria)
    else:
        facts = _facts(request, guarded)
        criteria, flags = supported_criteria(criteria, facts, grounded=grounded)
    improved = reply.improved_answer
    sources = " ".join([request.answer, request.question, request.profile.candidate_facts()])
    if improved and invented_facts(improved, sources):
        improved = None
        flags.append(Flag.INVENTED_FACTS)
    if guarded.attempted:
        flags.append(Flag.INJECTION_ATTEMPT)
    flags.extend(answer_flags(request.graded_text))
    overall = overall_of(criteria)
    return Critique(
        question=request.question,
        answer=request.answer,
        overall=overall,
        verdict=verdict_for(overall),
        criteria=criteria,
        strengths=reply.strengths,
        improvements=reply.improvements,
        improved_answer=improved,
        flags=flags,
        grader=info,
    )


def _applicable_only(
    criteria: list[CriterionResult], request: GradingRequest
) -> list[CriterionResult]:
    """Criteria nothing in the request can touch are not applicable, whatever a grader says."""
    off = set()
    if request.register is None:
        off.add("follows_lead")
    if not request.profile.first_round.concerns and not _mentions_round_one(request.question):
        off.add("first_round_gaps")
    return [c.model_copy(update={"score": None}) if c.id in off else c for c in criteria]


def _mentions_round_one(question: str) -> bool:
    lowered = question.lower()
    return any(
        w in lowered for w in ("first round", "round one", "last interview", "concern", "weakness")
    )


def _complete(criteria: list[CriterionResult]) -> list[CriterionResult]:
    """All eight criteria, in guidance order; a missing one is not applicable."""
    by_id = {c.id: c for c in criteria}
    return [by_id.get(cid) or CriterionResult(id=cid) for cid in CRITERION_IDS]


def insufficient_critique(
    question: str, answer: str, *, reason: str, grader: GraderInfo
) -> Critique:
    """No real answer: the two criteria every answer faces score 1; nothing else applies."""
    comment = f"Nothing to assess: {reason}."
    suggestion = "Answer the question with one concrete episode from your own work and its result."
    criteria = [
        CriterionResult(id=cid, score=1, comment=comment, suggestion=suggestion)
        if cid in ("experience_evidence", "focused_and_pointed")
        else CriterionResult(id=cid)
        for cid in CRITERION_IDS
    ]
    return Critique(
        question=question,
        answer=answer,
        overall=overall_of(criteria),
        verdict="insufficient",
        criteria=criteria,
        improvements=[suggestion],
        flags=[Flag.INSUFFICIENT_ANSWER],
        grader=grader,
    )


def ungraded_critique(question: str, answer: str, *, reason: str, grader: GraderInfo) -> Critique:
    """The grader failed; say so plainly and score nothing."""
    return Critique(
        question=question,
        answer=answer,
        overall=None,
        verdict="ungraded",
        criteria=[
            CriterionResult(id=cid, comment=f"Not graded: {reason}") for cid in CRITERION_IDS
        ],
        flags=[Flag.GRADER_FAILED],
        grader=grader,
    )
