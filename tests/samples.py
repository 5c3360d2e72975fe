"""Critiques built by hand, the way the grading pipeline leaves them, for report and template tests."""

from interviewer.contract import CriterionResult, Critique, GraderInfo, overall_of, verdict_for
from interviewer.guidance import CRITERION_IDS

OFFLINE_GRADER = GraderInfo(backend="offline", model=None, prompt_version="p1-test")


def critique_from(question: str, answer: str, results: dict[str, tuple], **fields) -> Critique:
    """`results` maps a criterion id to (score, evidence, comment, suggestion); others go unscored.
    Overall and verdict are derived from the scores, as the pipeline does."""
    criteria = []
    for criterion_id in CRITERION_IDS:
        score, evidence, comment, suggestion = results.get(criterion_id, (None, [], "", ""))
        criteria.append(
            CriterionResult(
                id=criterion_id,
                score=score,
                evidence=evidence,
                comment=comment,
                suggestion=suggestion,
            )
        )
    overall = overall_of(criteria)
    fields.setdefault("grader", OFFLINE_GRADER)
    return Critique(
        question=question,
        answer=answer,
        overall=overall,
        verdict=verdict_for(overall),
        criteria=criteria,
        **fields,
    )
