"""The one Jinja environment every prompt is rendered with.

Prompts are plain text, so autoescape is off; StrictUndefined turns a missing variable into an
error instead of a silent hole in a prompt. Candidate text only ever arrives as a variable, and
Jinja never evaluates the contents of a variable, so `{{ 7*7 }}` in an answer stays literal.
"""

import functools
import hashlib
from pathlib import Path

import jinja2

# Bump when the meaning of a prompt changes; the content hash below catches everything else.
PROMPT_SERIES = "p1"


def prompts_dir() -> Path:
    """The templates folder: inside the installed package, or beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "prompts", package.parent / "prompts"):
        if (candidate / "guidance.toml").is_file():
            return candidate
    raise FileNotFoundError(f"prompt templates not found beside {package}; reinstall interviewer")


def _environment(*, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def environment() -> jinja2.Environment:
    """For prompts: plain text, so no escaping (it would turn R&D into R&amp;D)."""
    return _environment(autoescape=False)


@functools.cache
def html_environment() -> jinja2.Environment:
    """Reports in HTML escape everything: candidate text must never become markup."""
    return _environment(autoescape=True)


@functools.cache
def markdown_environment() -> jinja2.Environment:
    """For Markdown reports: every value printed is made inert (no raw HTML, no foreign links)."""
    env = _environment(autoescape=False)
    env.finalize = _inert_if_text
    return env


def _inert_if_text(value: object) -> object:
    """Controls out first (a report is often read with `cat`), then markup made literal."""
    from interviewer.markdown_text import markdown_inert
    from interviewer.terminal_text import for_terminal

    return markdown_inert(for_terminal(value)) if isinstance(value, str) else value


def render(name: str, **variables: object) -> str:
    """Render prompts/<name> with exactly the variables given (Markdown output made inert)."""
    env = markdown_environment() if name.endswith(".md.j2") else environment()
    return env.get_template(name).render(**variables)


def render_html(name: str, **variables: object) -> str:
    return html_environment().get_template(name).render(**variables)


def template_names() -> list[str]:
    """Every template a caller renders (Jinja files only; `_*.j2` partials are only imported)."""
    return sorted(p.name for p in prompts_dir().glob("*.j2") if not p.name.startswith("_"))


def is_output_template(name: str) -> bool:
    """Templates that format results for people (report.html.j2) rather than prompt a model."""
    return name.endswith((".md.j2", ".html.j2", ".txt.j2"))


@functools.cache
def prompt_version() -> str:
    """A label for the exact prompts and data in use, recorded with every critique and transcript."""
    digest = hashlib.sha256()
    for path in sorted(prompts_dir().iterdir()):
        if path.is_file() and not is_output_template(path.name):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{PROMPT_SERIES}-{digest.hexdigest()[:10]}"
