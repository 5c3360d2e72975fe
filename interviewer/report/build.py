"""The interview report: what went well, what to fix first, and whether the executive would advance you.

Everything here is derived from the saved critiques, so `interviewer report ID` can rebuild and
re-render it at any time. Every moment quotes the candidate's own words, checked against the
answers, because advice the candidate cannot find in their own transcript is hard to act on.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer import templates
from interviewer.contract import ADEQUATE_FROM, CriterionResult, Critique, Flag, verdict_for
from interviewer.errors import TranscriptError
from interviewer.guidance import load_guidance
from interviewer.profile import Profile

MOMENTS = 3  # at most this many strongest moments and fixes
STRONG_SCORE = 4  # a criterion score worth showing off
FIX_SCORE = 3  # a criterion score worth fixing
QUOTE_LIMIT = 200  # characters of the candidate's words in one quote

# The rules the offline executive decides by.
ADVANCE_OVERALL = 4.0
ADVANCE_MOST_QUALIFIED = 3.5
CRITERION_FLOOR = 2.5
MAX_UNANSWERED = 1

# What a second round turns on, most decisive first; fixes lean towards these.
CENTRAL_CRITERIA = ("most_qualified", "experience_evidence", "focused_and_pointed")
CENTRAL_WEIGHT = 0.5  # a central criterion ranks as if it scored this much lower

THIN_ANSWER_ADVICE = (
    "This answer was too thin to grade. Answer the question in your first sentence, "
    "then back it with one episode you led and how it ended."
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Exchange(_Model):
    kind: Literal["main", "follow_up"]
    question: str
    answer: str | None
    gap: str | None = None


class QuestionRecord(_Model):
    index: int
    question_id: str | None
    focus_area: str | None
    exchanges: list[Exchange]
    skipped: bool = False
    critique: Critique | None = None

    def answers(self) -> list[str]:
        """The candidate's own words for this question, main answer first."""
        return [e.answer for e in self.exchanges if e.answer and e.answer.strip()]

    def is_graded(self) -> bool:
        return self.critique is not None and self.critique.overall is not None

    def is_insufficient(self) -> bool:
        critique = self.critique
        if critique is None or critique.overall is not None:
            return False
        return critique.verdict == "insufficient" or Flag.INSUFFICIENT_ANSWER in critique.flags


class Moment(_Model):
    question_index: int
    criterion: str
    quote: str
    note: str


class CriterionSummary(_Model):
    id: str
    name: str
    score: float | None
    graded_answers: int


class CandidateQuestion(_Model):
    question: str
    reply: str


class DecisionMemo(_Model):
    advance: bool
    headline: str
    reasons: list[str]
    author: Literal["offline", "openai"]


class Report(_Model):
    session_id: str
    created_at: str
    role: str | None
    company: str | None
    interviewer_name: str | None
    interviewer_title: str | None
    tone: str
    backend: Literal["openai", "offline"]
    model: str | None
    prompt_version: str
    overall: float | None
    verdict: str
    questions: list[QuestionRecord]
    criteria: list[CriterionSummary]
    strongest: list[Moment]
    fixes: list[Moment]
    candidate_questions: list[CandidateQuestion]
    memo: DecisionMemo
    notes: list[str] = []


def build_report(
    *,
    session_id: str,
    created_at: str,
    profile: Profile,
    tone: str,
    backend: str,
    model: str | None,
    prompt_version: str,
    records: list[QuestionRecord],
    candidate_questions: list[CandidateQuestion],
    memo: DecisionMemo | None = None,
) -> Report:
    """Aggregate the graded questions into the report the candidate reads after the interview."""
    records = sorted(records, key=lambda r: r.index)
    criteria = summarise_criteria(records)
    overall = overall_score(records)
    if memo is None:
        memo = offline_memo(overall=overall, criteria=criteria, records=records, profile=profile)
    return Report(
        session_id=session_id,
        created_at=created_at,
        role=profile.role,
        company=profile.company,
        interviewer_name=profile.interviewer.name,
        interviewer_title=profile.interviewer.title,
        tone=tone,
        backend=backend,
        model=model,
        prompt_version=prompt_version,
        overall=overall,
        verdict=verdict_for(overall),
        questions=records,
        criteria=criteria,
        strongest=strongest_moments(records),
        fixes=fix_moments(records),
        candidate_questions=candidate_questions,
        memo=memo,
        notes=report_notes(records),
    )


# --- aggregation -------------------------------------------------------------------------------


def _mean(values: Iterable[float]) -> float | None:
    """Mean to one decimal, as the contract rounds a critique's overall; None when empty."""
    values = list(values)
    return round(fmean(values), 1) if values else None


def _graded_critiques(records: Iterable[QuestionRecord]) -> list[Critique]:
    return [r.critique for r in records if r.is_graded()]


def overall_score(records: list[QuestionRecord]) -> float | None:
    """The mean of the graded questions' overalls: skipped and ungraded ones do not drag it down."""
    return _mean(c.overall for c in _graded_critiques(records))


def summarise_criteria(records: list[QuestionRecord]) -> list[CriterionSummary]:
    """Every criterion in guidance order, with its mean over the answers that scored it."""
    results = [r for c in _graded_critiques(records) for r in c.criteria if r.score is not None]
    summaries = []
    for criterion in load_guidance().criteria:
        scores = [r.score for r in results if r.id == criterion.id]
        summaries.append(
            CriterionSummary(
                id=criterion.id,
                name=criterion.name,
                score=_mean(scores),
                graded_answers=len(scores),
            )
        )
    return summaries


def report_notes(records: list[QuestionRecord]) -> list[str]:
    """What the reader should know about questions that were skipped, thin or not graded."""
    notes = [f"You skipped question {r.index}: {_main_question(r)}" for r in records if r.skipped]
    thin = [r.index for r in records if r.is_insufficient()]
    if thin:
        notes.append(f"{_answers(len(thin))} too thin to grade ({_questions(thin)}).")
    ungraded = [r.index for r in records if not (r.skipped or r.is_graded() or r.is_insufficient())]
    if ungraded:
        notes.append(f"{_answers(len(ungraded), 'could not be')} graded ({_questions(ungraded)}).")
    notes.extend(_flag_notes(records))
    return notes


def _flag_notes(records: list[QuestionRecord]) -> list[str]:
    flagged = [r for r in records if r.critique and Flag.INJECTION_ATTEMPT in r.critique.flags]
    return [
        f"Question {r.index}: text addressed to the grader was ignored when scoring."
        for r in flagged
    ]


def _main_question(record: QuestionRecord) -> str:
    return record.exchanges[0].question if record.exchanges else "(question not recorded)"


def _answers(count: int, verb: str = "was") -> str:
    if verb == "was" and count != 1:
        verb = "were"
    return f"{count} answer{'' if count == 1 else 's'} {verb}"


def _questions(indexes: list[int]) -> str:
    label = "question" if len(indexes) == 1 else "questions"
    return f"{label} {', '.join(str(i) for i in indexes)}"


# --- quoting the candidate ---------------------------------------------------------------------


def trim_quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The text, cut at a word boundary to at most `limit` characters; always a substring of it."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-")


def first_sentence(text: str) -> str:
    """The opening sentence (or line) of an answer, exactly as written, trimmed to a quote."""
    return trim_quote(_SENTENCE_END.split(text.strip(), maxsplit=1)[0])


def _said(record: QuestionRecord, quote: str) -> bool:
    """True when the candidate really said `quote` in this question's answers."""
    texts = record.answers() + ([record.critique.answer] if record.critique else [])
    return bool(quote) and any(quote in text for text in texts)


def grounded_evidence(record: QuestionRecord, result: CriterionResult) -> str | None:
    """The first evidence quote for `result` that occurs in what the candidate said."""
    for evidence in result.evidence:
        quote = trim_quote(evidence)
        if _said(record, quote):
            return quote
    return None


def _opening_words(record: QuestionRecord) -> str | None:
    answers = record.answers()
    return first_sentence(answers[0]) if answers else None


# --- moments -----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Scored:
    """One criterion result of one graded question."""

    record: QuestionRecord
    result: CriterionResult

    @property
    def score(self) -> int:
        return self.result.score or 0


def _scored_results(records: Iterable[QuestionRecord]) -> list[_Scored]:
    return [
        _Scored(record=r, result=result)
        for r in records
        if r.is_graded()
        for result in r.critique.criteria
        if result.score is not None
    ]


def _criterion_rank(criterion_id: str) -> int:
    """Central criteria first, then the rest in guidance order."""
    ids = [c.id for c in load_guidance().criteria]
    if criterion_id in CENTRAL_CRITERIA:
        return CENTRAL_CRITERIA.index(criterion_id)
    return len(CENTRAL_CRITERIA) + (ids.index(criterion_id) if criterion_id in ids else len(ids))


def _pick(ranked: list[Moment], preferences: tuple[str, ...]) -> list[Moment]:
    """The top few in rank order, first insisting that every field in `preferences` and the quote
    differ from those already chosen, then relaxing one preference at a time."""
    chosen: list[Moment] = []
    for kept in range(len(preferences), -1, -1):
        fields = (*preferences[:kept], "quote")
        for moment in ranked:
            if len(chosen) < MOMENTS and moment not in chosen and _differs(moment, chosen, fields):
                chosen.append(moment)
    return chosen if len(chosen) == MOMENTS else _fill(ranked, chosen)


def _differs(moment: Moment, chosen: list[Moment], fields: tuple[str, ...]) -> bool:
    return all(getattr(moment, f) != getattr(c, f) for c in chosen for f in fields)


def _fill(ranked: list[Moment], chosen: list[Moment]) -> list[Moment]:
    """Top up with moments that repeat a quote under another criterion: better than nothing."""
    return (chosen + [m for m in ranked if m not in chosen])[:MOMENTS]


def strongest_moments(records: list[QuestionRecord]) -> list[Moment]:
    """Up to three high scores, each quoting the candidate, from different questions when possible."""
    candidates = [s for s in _scored_results(records) if s.score >= STRONG_SCORE]
    candidates.sort(key=lambda s: (-s.score, s.record.index, _criterion_rank(s.result.id)))
    ranked = []
    for scored in candidates:
        quote = grounded_evidence(scored.record, scored.result)
        if quote:
            ranked.append(_moment(scored, quote, _praise(scored.result)))
    return _pick(ranked, preferences=("question_index", "criterion"))


def fix_moments(records: list[QuestionRecord]) -> list[Moment]:
    """Up to three fixes, worst and most central first; thin answers only fill spare places."""
    candidates = [s for s in _scored_results(records) if s.score <= FIX_SCORE]
    candidates.sort(key=_fix_priority)
    ranked = []
    for scored in candidates:
        quote = grounded_evidence(scored.record, scored.result) or _opening_words(scored.record)
        if quote:
            ranked.append(_moment(scored, quote, _advice(scored.result)))
    fixes = _pick(ranked, preferences=("criterion",))
    return (fixes + _thin_answer_fixes(records))[:MOMENTS]


def _fix_priority(scored: _Scored) -> tuple:
    criterion_id = scored.result.id
    weight = CENTRAL_WEIGHT if criterion_id in CENTRAL_CRITERIA else 0.0
    return (scored.score - weight, _criterion_rank(criterion_id), scored.record.index)


def _thin_answer_fixes(records: list[QuestionRecord]) -> list[Moment]:
    """Answers too thin to grade, quoted, so the candidate sees what fell flat."""
    fixes = []
    for record in records:
        quote = _opening_words(record) if record.is_insufficient() else None
        if quote:
            moment = Moment(
                question_index=record.index,
                criterion="focused_and_pointed",
                quote=quote,
                note=THIN_ANSWER_ADVICE,
            )
            fixes.append(moment)
    return fixes


def _moment(scored: _Scored, quote: str, note: str) -> Moment:
    return Moment(
        question_index=scored.record.index, criterion=scored.result.id, quote=quote, note=note
    )


def _praise(result: CriterionResult) -> str:
    return result.comment.strip() or load_guidance().criterion(result.id).summary


def _advice(result: CriterionResult) -> str:
    suggestion = result.suggestion.strip()
    return suggestion or f"Aim for this: {load_guidance().criterion(result.id).level_5}"


# --- the executive's decision ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Concern:
    """One reason the executive would hold the candidate back; `kind` picks the headline."""

    kind: str
    text: str


def offline_memo(
    *,
    overall: float | None,
    criteria: list[CriterionSummary],
    records: list[QuestionRecord],
    profile: Profile,
) -> DecisionMemo:
    """The executive's call by fixed, stated rules, so an offline report is as candid as an LLM's."""
    concerns = _concerns(overall, criteria, records)
    advance = not concerns
    reasons = [c.text for c in concerns] + _credits(overall, criteria, records, advance=advance)
    return DecisionMemo(
        advance=advance,
        headline=_headline(concerns, _where(profile)),
        reasons=reasons,
        author="offline",
    )


def _concerns(
    overall: float | None, criteria: list[CriterionSummary], records: list[QuestionRecord]
) -> list[_Concern]:
    """Every rule the candidate fails, most decisive first; none means advance."""
    if overall is None:
        text = "None of your answers could be graded, so I have nothing to set against the others."
        return [_Concern(kind="nothing_graded", text=text)]
    concerns = []
    if overall < ADVANCE_OVERALL:
        text = (
            f"Overall {overall:.1f} out of 5 ({verdict_for(overall)}); the finalists I put "
            f"forward average {ADVANCE_OVERALL:.1f} or better."
        )
        concerns.append(_Concern(kind="weak" if overall < ADEQUATE_FROM else "overall", text=text))
    concerns.extend(_criterion_concerns(criteria, records))
    unanswered = sum(1 for r in records if r.skipped or r.is_insufficient())
    if unanswered > MAX_UNANSWERED:
        text = (
            f"{unanswered} questions were skipped or left without a real answer; "
            "I need to hear you on every topic I raise."
        )
        concerns.append(_Concern(kind="unanswered", text=text))
    return concerns


def _criterion_concerns(
    criteria: list[CriterionSummary], records: list[QuestionRecord]
) -> list[_Concern]:
    """A most-qualified score short of the bar, and any criterion under the floor, with a quote."""
    concerns = []
    for summary in criteria:
        if summary.score is None:
            continue
        example = _example(records, summary.id, best=False)
        if summary.id == "most_qualified" and summary.score < ADVANCE_MOST_QUALIFIED:
            text = (
                f"{summary.name}: {summary.score:.1f}. You showed me you meet the brief, not what "
                f"sets you apart from the rest of the short list{example}."
            )
            concerns.append(_Concern(kind="most_qualified", text=text))
        elif summary.score < CRITERION_FLOOR:
            text = (
                f"{summary.name}: {summary.score:.1f}, below the {CRITERION_FLOOR:.1f} a final "
                f"pick has to clear on every count{example}."
            )
            concerns.append(_Concern(kind=f"floor:{summary.name}", text=text))
    return concerns


def _credits(
    overall: float | None,
    criteria: list[CriterionSummary],
    records: list[QuestionRecord],
    *,
    advance: bool,
) -> list[str]:
    """What counts in the candidate's favour (and, when advancing, what still needs work)."""
    scored = sorted((c for c in criteria if c.score is not None), key=lambda c: -c.score)
    quoted: set[str] = set()  # each quote once: the memo should not repeat itself
    credits = []
    if advance:
        graded = len(_graded_critiques(records))
        credits.append(f"Overall {overall:.1f} out of 5 across {graded} graded answers: strong.")
        credits.extend(_most_qualified_credit(criteria, records, quoted))
    best = next((c for c in scored if not (advance and c.id == "most_qualified")), None)
    if best and best.score >= STRONG_SCORE:
        lead = "" if advance else "In your favour: "
        example = _example(records, best.id, best=True, quoted=quoted)
        credits.append(f"{lead}{best.name}: {best.score:.1f}, your strongest ground{example}.")
    if advance and scored and scored[-1].score < STRONG_SCORE:
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
    scored = [s for s in _scored_results(records) if s.result.id == criterion_id]
    scored.sort(key=lambda s: (-s.score if best else s.score, s.record.index))
    for item in scored:
        quote = grounded_evidence(item.record, item.result)
        if not quote and not best:
            quote = _opening_words(item.record)
        if quote and quote not in quoted:
            quoted.add(quote)
            return f', as when you said "{quote}"'
    return ""


_HEADLINES = {
    "advance": "I'd take you forward{where}: you showed me why you, not just that you could do "
    "the job.",
    "nothing_graded": "I can't make a call{where}: I didn't hear enough from you to judge.",
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


def _headline(concerns: list[_Concern], where: str) -> str:
    """One sentence in the executive's voice, driven by the first concern (or none)."""
    if not concerns:
        return _HEADLINES["advance"].format(where=where)
    kind, _, name = concerns[0].kind.partition(":")
    return _HEADLINES[kind].format(where=where, name=name.lower())


def _where(profile: Profile) -> str:
    if profile.role and profile.company:
        return f" for the {profile.role} role at {profile.company}"
    if profile.role:
        return f" for the {profile.role} role"
    return f" at {profile.company}" if profile.company else ""


# --- rendering ---------------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    """The report as Markdown, for the terminal, a notes app or a pull request."""
    return templates.render("report.md.j2", report=report.model_dump(mode="json"))


def render_html(report: Report) -> str:
    """The report as one self-contained, printable HTML file; every piece of text is escaped."""
    return templates.render_html("report.html.j2", report=report.model_dump(mode="json"))


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2)


def load_report(data: dict) -> Report:
    """Rebuild a report from a transcript's "report" event, or say why that is impossible."""
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise TranscriptError(
            f"the saved report is not one this version can read ({error.error_count()} problems, "
            f"first: {error.errors()[0]['msg']}); run the interview again for a fresh report"
        ) from None
