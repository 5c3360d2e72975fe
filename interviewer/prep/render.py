"""The prep brief for a reader: the terminal, Markdown, a self-contained HTML page, or JSON.

Every value in a brief may hold the candidate's own text, so it is treated as hostile data:
control sequences are stripped for the terminal, markup is made inert in Markdown, and the HTML
template escapes everything.
"""

import json

from interviewer import templates
from interviewer.prep.brief import Brief

FORMATS = ("text", "markdown", "html", "json")
_READINESS_ORDER = {"missing": 0, "thin": 1, "ready": 2}


def render_brief(brief: Brief, fmt: str) -> str:
    """The brief in one of FORMATS."""
    renderers = {"text": render_text, "markdown": render_markdown, "html": render_html}
    if fmt == "json":
        return json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return renderers[fmt](brief)


def render_text(brief: Brief) -> str:
    """The terminal version: the weakest stories first, one item a line, no control characters."""
    from interviewer.terminal_text import for_terminal

    return for_terminal(templates.render("prep.txt.j2", **readable(brief)))


def render_markdown(brief: Brief) -> str:
    return templates.render("prep.md.j2", **readable(brief))


def render_html(brief: Brief) -> str:
    """A self-contained page; escaped by the template, and no control character survives."""
    from interviewer.terminal_text import for_terminal

    return for_terminal(templates.render_html("prep.html.j2", **readable(brief)))


def readable(brief: Brief) -> dict:
    """The brief as the templates read it: stories ordered weakest first, counts for the headline."""
    stories = sorted(
        brief.stories, key=lambda s: (_READINESS_ORDER[s.readiness], s.kind != "concern")
    )
    counts = {level: sum(s.readiness == level for s in brief.stories) for level in _READINESS_ORDER}
    return {"brief": brief, "stories": stories, "counts": counts}
