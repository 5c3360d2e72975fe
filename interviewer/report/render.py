"""The report in its three formats, and back from a saved transcript."""

from pydantic import ValidationError

from interviewer import templates
from interviewer.errors import TranscriptError
from interviewer.grading.advice import advised
from interviewer.report.moments import CENTRAL_CRITERIA
from interviewer.report.quotes import excerpt
from interviewer.report.records import Report

FORMATS = ("markdown", "html", "json")
SUGGESTIONS_PER_ANSWER = 3  # more than three changes to one answer is a rewrite, not advice


def render_markdown(report: Report) -> str:
    """The report as Markdown, for a notes app, a pull request or `interviewer report ID`."""
    return templates.render("report.md.j2", report=readable(report))


def render_html(report: Report) -> str:
    """The report as one self-contained, printable HTML file; every piece of text is escaped."""
    return templates.render_html("report.html.j2", report=readable(report))


def render_summary(report: Report) -> str:
    """The few lines the terminal shows after an interview: scores, the decision, three fixes
    and the command for the full report."""
    return templates.render("report.summary.txt.j2", report=readable(report), formats=FORMATS)


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2)


def readable(report: Report) -> dict:
    """The report as a person reads it: long answers as excerpts, suggestions only under the
    (at most three) criteria of each answer that most need one, remarks as whole sentences."""
    data = report.model_dump(mode="json")
    for question in data["questions"]:
        for exchange in question["exchanges"]:
            exchange["answer"] = exchange["answer"] and excerpt(exchange["answer"])
            exchange["gap"] = exchange["gap"] and _gap_said(exchange["gap"])
        if question["critique"]:
            _readable_critique(question["critique"])
    return data


def _gap_said(gap: str) -> str:
    """Why a follow-up was asked, in words (the gap table in prompts/gaps.toml), not a code."""
    from interviewer.executive.fallback import gap_descriptions

    description = gap_descriptions().get(gap)
    return f"the answer {description.split('. ')[0]}" if description else gap


def _readable_critique(critique: dict) -> None:
    critique["answer"] = excerpt(critique["answer"])
    if critique["improved_answer"]:
        critique["improved_answer"] = excerpt(critique["improved_answer"])
    kept = _most_needed(critique["criteria"])
    for index, result in enumerate(critique["criteria"]):
        if index not in kept:
            result["suggestion"] = ""
    for key in ("strengths", "improvements"):
        critique[key] = [_sentence(text) for text in critique[key] if text.strip()]


def _most_needed(criteria: list[dict]) -> set[int]:
    """Which criteria keep their suggestion: those scored 3 or less, at most three per answer,
    lowest score first and the criteria a second round turns on before the rest."""
    needing = [i for i, r in enumerate(criteria) if r["suggestion"] and advised(r["score"])]
    needing.sort(key=lambda i: (criteria[i]["score"], criteria[i]["id"] not in CENTRAL_CRITERIA, i))
    return set(needing[:SUGGESTIONS_PER_ANSWER])


def _sentence(text: str) -> str:
    """A remark ending in a full stop, so remarks can sit side by side without "result.; Answers"."""
    text = text.strip().rstrip(";,:")
    return text if text.endswith((".", "!", "?")) else f"{text}."


def load_report(data: dict) -> Report:
    """Rebuild a report from a transcript's "report" event, or say why that is impossible."""
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise TranscriptError(
            f"the saved report is not one this version can read ({error.error_count()} problems, "
            f"first: {error.errors()[0]['msg']}); run the interview again for a fresh report"
        ) from None
