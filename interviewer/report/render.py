"""The report in its three formats, and back from a saved transcript."""

from pydantic import ValidationError

from interviewer import templates
from interviewer.errors import TranscriptError
from interviewer.report.records import Report


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
