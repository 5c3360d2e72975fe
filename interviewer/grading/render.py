"""Show a critique as text for the terminal, Markdown for notes, or JSON for other tools."""

import json

from interviewer.contract import Critique, Flag
from interviewer.guidance import load_guidance
from interviewer.templates import render

FORMATS = ("text", "markdown", "json")

FLAG_MEANINGS = {
    Flag.UNGROUNDED_EVIDENCE: "a quoted phrase was not in your answer and was dropped",
    Flag.SCORE_WITHDRAWN: "a score of 3 or more had no quote from your answer behind it, so it was withdrawn",
    Flag.INJECTION_ATTEMPT: "text addressed to the grader was removed before grading; it can only cost you",
    Flag.INVENTED_FACTS: "the suggested rewrite added facts you never gave, so it was withheld",
    Flag.INSUFFICIENT_ANSWER: "there was no real answer to assess",
    Flag.GRADER_FAILED: "the grader gave no usable judgement, so nothing was scored",
    Flag.WEAK_EVIDENCE: "a quote was too long or not about its criterion, so it was dropped",
    Flag.UNSUPPORTED_SCORE: "a score was higher than your answer's content supports, so it was lowered",
    Flag.INSIDE_INFORMATION: "the answer leans on information that was not yours to see; an "
    "interviewer would count that against you",
    Flag.NOT_ENGLISH: "the offline grader reads English only, so it did not grade this answer; "
    "use an LLM endpoint to have it graded",
    Flag.TOO_LONG: "the answer runs far beyond what you could say aloud, so it was scored down "
    "for focus",
}
assert set(FLAG_MEANINGS) == set(Flag), "every flag needs a meaning a person can read"


def render_critique(critique: Critique, fmt: str) -> str:
    """The critique in one of FORMATS."""
    if fmt == "json":
        return json.dumps(critique.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    template = "critique.md.j2" if fmt == "markdown" else "critique.txt.j2"
    names = {c.id: c.name for c in load_guidance().criteria}
    return render(
        template, critique=_advised_only(critique), names=names, flag_meanings=FLAG_MEANINGS
    )


def _advised_only(critique: Critique) -> Critique:
    """The critique as a person reads it: a suggestion only under a criterion that needs one
    (a model may suggest polishing a 5; the JSON keeps what it said)."""
    from interviewer.grading.advice import advised

    criteria = [
        c if advised(c.score) else c.model_copy(update={"suggestion": ""})
        for c in critique.criteria
    ]
    return critique.model_copy(update={"criteria": criteria})
