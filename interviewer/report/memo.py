"""The executive's decision memo by fixed, stated rules, so an offline report is as candid as an LLM's."""

from dataclasses import dataclass

from interviewer.contract import ADEQUATE_FROM, verdict_for
from interviewer.profile import Profile
from interviewer.report.moments import STRONG_SCORE, scored_results
from interviewer.report.quotes import grounded_evidence, opening_words
from interviewer.report.records import (
    CriterionSummary,
    DecisionMemo,
    QuestionRecord,
    Report,
    graded_critiques,
)

# The advance rule: every executive, offline or LLM, is held to these.
ADVANCE_OVERALL = 4.0
ADVANCE_MOST_QUALIFIED = 3.5
CRITERION_FLOOR = 2.5
MAX_UNANSWERED = 1
MIN_GRADED = 3  # fewer graded answers is too little evidence to advance anyone on


@dataclass(frozen=True, kw_only=True)
class _Concern:
    """One reason the executive would hold the candidate back; `kind` picks the headline."""

    kind: str
    text: str


def meets_advance_bar(report: Report) -> bool:
    """The one advance rule: no memo, the offline one or a model's, may advance a candidate
    who fails it (a model may still hold back one who passes)."""
    planned = report.planned_questions
    return not _concerns(report.overall, report.criteria, report.questions, planned=planned)


def offline_memo(
    *,
    overall: float | None,
    criteria: list[CriterionSummary],
    records: list[QuestionRecord],
    profile: Profile,
    planned_questions: int | None = None,
) -> DecisionMemo:
    """The executive's call by fixed, stated rules, so an offline report is as candid as an LLM's."""
    quoted: set[str] = set()  # each quote once: the memo should not repeat itself
    concerns = _concerns(overall, criteria, records, quoted, planned=planned_questions)
    advance = not concerns
    reasons = [c.text for c in concerns]
    reasons += _credits(overall, criteria, records, advance=advance, quoted=quoted)
    return DecisionMemo(
        advance=advance,
        headline=_headline(concerns, _where(profile), _tested_why_you(criteria)),
        reasons=reasons,
        author="offline",
    )


def _concerns(
    overall: float | None,
    criteria: list[CriterionSummary],
    records: list[QuestionRecord],
    quoted: set[str] | None = None,
    *,
    planned: int | None = None,
) -> list[_Concern]:
    """Every rule the candidate fails, most decisive first; none means advance."""
    if overall is None:
        text = "None of your answers could be graded, so I have nothing to set against the others."
        return [_Concern(kind="nothing_graded", text=text)]
    concerns = _too_little_heard(records, planned)
    if overall < ADVANCE_OVERALL:
        text = (
            f"Overall {overall:.1f} out of 5 ({verdict_for(overall)}); the finalists I put "
            f"forward average {ADVANCE_OVERALL:.1f} or better."
        )
        concerns.append(_Concern(kind="weak" if overall < ADEQUATE_FROM else "overall", text=text))
    concerns.extend(_criterion_concerns(criteria, records, set() if quoted is None else quoted))
    unanswered = sum(1 for r in records if r.skipped or r.is_insufficient())
    if unanswered > MAX_UNANSWERED:
        text = (
            f"{unanswered} questions were skipped or left without a real answer; "
            "I need to hear you on every topic I raise."
        )
        concerns.append(_Concern(kind="unanswered", text=text))
    return concerns


def graded_answers_needed(records: list[QuestionRecord], planned: int | None) -> int:
    """How many graded answers an advance needs: MIN_GRADED, or every planned question when
    fewer were planned."""
    return min(MIN_GRADED, planned or len(records))


def _too_little_heard(records: list[QuestionRecord], planned: int | None) -> list[_Concern]:
    """A concern when too few answers were graded to judge on, whatever they scored."""
    graded = len(graded_critiques(records))
    needed = graded_answers_needed(records, planned)
    if graded >= needed:
        return []
    text = (
        f"Only {graded} of your answers {'was' if graded == 1 else 'were'} graded; I need at "
        f"least {needed} before I can put anyone forward, so this is not a decision yet."
    )
    return [_Concern(kind="too_little", text=text)]


def _criterion_concerns(
    criteria: list[CriterionSummary], records: list[QuestionRecord], quoted: set[str]
) -> list[_Concern]:
    """A most-qualified score short of the bar, and the criteria under the floor (in one line,
    so the memo does not repeat the rule for each), each with a quote."""
    concerns: list[_Concern] = []
    below: list[str] = []
    kind = ""
    for summary in criteria:
        if summary.score is None:
            continue
        short_of_bar = summary.id == "most_qualified" and summary.score < ADVANCE_MOST_QUALIFIED
        if not short_of_bar and summary.score >= CRITERION_FLOOR:
            continue
        example = _example(records, summary.id, best=False, quoted=quoted)
        if short_of_bar:
            text = (
                f"{summary.name}: {summary.score:.1f}. You showed me you meet the brief, not what "
                f"sets you apart from the rest of the short list{example}."
            )
            concerns.append(_Concern(kind="most_qualified", text=text))
        else:
            below.append(f"{summary.name}: {summary.score:.1f}{example}")
            kind = kind or f"floor:{summary.name}"
    if below:
        text = (
            f"Below the {CRITERION_FLOOR:.1f} a final pick has to clear on every count: "
            f"{'; '.join(below)}."
        )
        concerns.append(_Concern(kind=kind, text=text))
    return concerns


def _credits(
    overall: float | None,
    criteria: list[CriterionSummary],
    records: list[QuestionRecord],
    *,
    advance: bool,
    quoted: set[str],
) -> list[str]:
    """What counts in the candidate's favour (and, when advancing, what still needs work)."""
    scored = sorted((c for c in criteria if c.score is not None), key=lambda c: -(c.score or 0))
    credits = []
    if advance:
        graded = len(graded_critiques(records))
        credits.append(f"Overall {overall:.1f} out of 5 across {graded} graded answers: strong.")
        credits.extend(_most_qualified_credit(criteria, records, quoted))
    best = next((c for c in scored if not (advance and c.id == "most_qualified")), None)
    if best and best.score is not None and best.score >= STRONG_SCORE:
        example = _example(records, best.id, best=True, quoted=quoted)
        credits.append(f"Your strongest ground: {best.name}, {best.score:.1f}{example}.")
    if advance and scored and (scored[-1].score or 0) < STRONG_SCORE:
        worst = scored[-1]
        credits.append(
            f"Still to sharpen before the final round: {worst.name} at {worst.score:.1f}."
        )
    return credits


def _most_qualified_credit(
    criteria: list[CriterionSummary], records: list[QuestionRecord], quoted: set[str]
) -> list[str]:
    summary = next((c for c in criteria if c.id == "most_qualified"), None)
    if summary is None or summary.score is None:
        return [
            "No answer tested directly why you rather than the others; this call rests on the rest."
        ]
    example = _example(records, summary.id, best=True, quoted=quoted)
    return [
        f"{summary.name}: {summary.score:.1f}; you argued for yourself, not for any qualified "
        f"candidate{example}."
    ]


def _example(
    records: list[QuestionRecord], criterion_id: str, *, best: bool, quoted: set[str] | None = None
) -> str:
    """A clause quoting the candidate where they showed (or missed) this criterion, or ''.
    Quotes already in `quoted` are passed over, and the one used is added to it."""
    quoted = set() if quoted is None else quoted
    scored = [s for s in scored_results(records) if s.result.id == criterion_id]
    scored.sort(key=lambda s: (-s.score if best else s.score, s.record.index))
    for item in scored:
        quote = grounded_evidence(item.record, item.result)
        if not quote and not best:
            quote = opening_words(item.record)
        quote = quote.rstrip(_CLOSING) if quote else None  # the sentence around it ends it
        if quote and quote not in quoted:
            quoted.add(quote)
            return f', as when you said "{quote}"'
    return ""


_CLOSING = ".!?;:, \t\n"

_HEADLINES = {
    "advance": "I'd take you forward{where}: you showed me why you, not just that you could do "
    "the job.",
    "advance_untested": "I'd take you forward{where}: you showed me you can do the job well; the "
    "final round will test why you rather than the others.",
    "nothing_graded": "I can't make a call{where}: I didn't hear enough from you to judge.",
    "too_little": "I can't make the call yet{where}: too few of your answers were graded to "
    "judge you on; answer the remaining questions and I will.",
    "weak": "I wouldn't advance you{where} on today's showing: too few answers gave me "
    "something solid to hold on to.",
    "overall": "Not yet{where}: you're plainly capable, but in a final round capable isn't "
    "enough, and too few answers stood out.",
    "most_qualified": "Not yet{where}: you convinced me you could do the job, not that you're "
    "the one I should pick.",
    "floor": "Close, but not yet{where}: {name} is a gap I couldn't overlook at this stage.",
    "unanswered": "Close, but not yet{where}: too many questions went unanswered for me to put "
    "you forward.",
}


def _headline(concerns: list[_Concern], where: str, tested_why_you: bool) -> str:
    """One sentence in the executive's voice, driven by the first concern (or none); it claims
    the candidate showed "why you" only when an answer was scored on exactly that."""
    if not concerns:
        return _HEADLINES["advance" if tested_why_you else "advance_untested"].format(where=where)
    kind, _, name = concerns[0].kind.partition(":")
    return _HEADLINES[kind].format(where=where, name=name.lower())


def _tested_why_you(criteria: list[CriterionSummary]) -> bool:
    return any(c.id == "most_qualified" and c.score is not None for c in criteria)


def _where(profile: Profile) -> str:
    if profile.role and profile.company:
        return f" for the {profile.role} role at {profile.company}"
    if profile.role:
        return f" for the {profile.role} role"
    return f" at {profile.company}" if profile.company else ""
