"""'Your prep, tested': for each weak point of the brief that the rehearsal aimed at, what its
answer's grades showed. Only the grades decide; the brief's own opinion never does, because the
point of rehearsing is to find out whether the brief was right."""

from collections.abc import Sequence

from interviewer.contract import Critique
from interviewer.executive.question_bank import PlannedQuestion
from interviewer.prep.aim import PrepAim, PrepTarget, aimed_targets
from interviewer.report.records import PrepTested, QuestionRecord, TargetTested

READY_SCORE = 4  # on both criteria below: the same bar as a strong answer
EVIDENCE = "experience_evidence"
TARGET_CRITERION = {"focus": "priority_alignment", "concern": "first_round_gaps"}


def prep_tested(
    aim: PrepAim, plan: Sequence[PlannedQuestion], records: Sequence[QuestionRecord]
) -> PrepTested:
    """Each aimed target with the question that tested it and what its grades showed."""
    aimed, left = aimed_targets(aim, plan)
    asked = {r.index: r for r in records}
    rows = [_tested(target, _first_index(target, plan), asked) for target in aimed]
    return PrepTested(source=aim.source, targets=rows, unaimed=[t.target for t in left])


def _first_index(target: PrepTarget, plan: Sequence[PlannedQuestion]) -> int:
    return next(i for i, q in enumerate(plan, start=1) if target.target in q.prep_targets)


def _tested(target: PrepTarget, index: int, asked: dict[int, QuestionRecord]) -> TargetTested:
    record = asked.get(index)
    row = TargetTested(
        target=target.target,
        kind=target.kind,
        question_index=index,
        question=record.exchanges[0].question if record and record.exchanges else None,
        status="not_reached",
    )
    if record is None or not (record.answers() or record.skipped):
        return row
    if record.skipped:
        return row.model_copy(update={"status": "skipped"})
    judged = _judged(row, record.critique, TARGET_CRITERION[target.kind])
    if judged.status == "ready" and not _speaks_to(target, "\n\n".join(record.answers())):
        return judged.model_copy(update={"status": "thin", "missing": [_off_target(target)]})
    return judged


def _judged(row: TargetTested, critique: Critique | None, criterion: str) -> TargetTested:
    """Ready only when the answer scored 4 or more on evidence and on the target's criterion."""
    if critique is None or (critique.overall is None and critique.verdict != "insufficient"):
        return row.model_copy(update={"status": "not_graded"})
    results = {r.id: r for r in critique.criteria}
    scores = {c: results[c].score if c in results else None for c in (EVIDENCE, criterion)}
    short = [c for c, score in scores.items() if score is None or score < READY_SCORE]
    if not short and critique.overall is not None:
        return row.model_copy(update={"status": "ready", "scores": scores})
    missing = _missing(critique, short, results)
    return row.model_copy(update={"status": "thin", "scores": scores, "missing": missing})


def _speaks_to(target: PrepTarget, answer: str) -> bool:
    """A strong answer about something else leaves the target untested: the criterion scores
    round one's doubts or the panel's priorities as a whole, not this one."""
    from interviewer.grading.analysis import analyze

    subject = _subject(target.target)
    found = analyze(answer, focus_areas=[subject], concerns=[subject])
    return bool(found.focus_hits or found.concern_hits)


# How round one words a doubt, around what it is about: 'limited exposure to budget ownership'
# is answered by an episode of budget ownership, which need not say 'limited' or 'exposure'.
_DOUBT_FRAMING = frozenset(
    "limited little no not never has have had before exposure experience lack lacks lacking "
    "few mostly mainly only some weak yet".split()
)


def _subject(target: str) -> str:
    words = [w for w in target.split() if w.lower() not in _DOUBT_FRAMING]
    return " ".join(words) or target


def _off_target(target: PrepTarget) -> str:
    return (
        f"A strong answer, but about something else: it never spoke to '{target.target}'. "
        "Tell the episode that answers it."
    )


def _missing(critique: Critique, short: list[str], results: dict) -> list[str]:
    """What the answer lacked, in the critique's own suggestions (the advice the report gives)."""
    if critique.overall is None:
        return ["The answer was too thin to grade: answer with one episode of your own."]
    said = [results[c].suggestion for c in short if c in results and results[c].suggestion]
    said = list(dict.fromkeys(said)) or [_not_scored(c, results) for c in short]
    return said


def _not_scored(criterion: str, results: dict) -> str:
    from interviewer.guidance import load_guidance

    name = next((c.name for c in load_guidance().criteria if c.id == criterion), criterion)
    score = results[criterion].score if criterion in results else None
    return f"{name}: {'not scored' if score is None else f'{score} / 5'}."
