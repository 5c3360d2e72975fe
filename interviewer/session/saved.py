"""Render a saved session's report again, or a provisional one for an interview still under way."""

from interviewer.errors import TranscriptError
from interviewer.report.records import Report
from interviewer.report.render import load_report, render_html, render_json, render_markdown
from interviewer.session.log import load_transcript
from interviewer.session.state import InterviewState

RENDERERS = {"markdown": render_markdown, "html": render_html, "json": render_json}


def session_report(session_id: str) -> Report:
    """The stored report; for an unfinished session, one built from what has been graded so far."""
    loaded = load_transcript(session_id)
    try:
        state = InterviewState.from_events(loaded.events)
    except (ValueError, KeyError, IndexError) as error:
        raise TranscriptError(
            f"session {loaded.session_id}: the log cannot be replayed ({error})"
        ) from None
    if state.report is not None:
        return load_report(state.report)
    report = state.build_report()
    note = f"Provisional: this interview is not finished; continue it with `interviewer resume {state.session_id}`."
    return report.model_copy(update={"notes": [note, *report.notes]})


def render_session_report(session_id: str, fmt: str) -> str:
    return RENDERERS[fmt](session_report(session_id))
