"""A drafted profile written as commented TOML that the candidate checks, edits and then uses.

Every value is followed by the words it came from, so checking the draft means reading it once;
every field nothing was found for gets a `# TODO:` saying what to write and where to find it.
The inputs are hostile data: every string is escaped for TOML, and every comment is kept to one
line with no control characters, so nothing in a job ad can add a key or break the file.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from interviewer.grading.grounding import normalize
from interviewer.prep.draft import ProfileDraft, Sourced

MAX_COMMENT_CHARS = 160
WRAP_AT = 96  # multi-line strings are wrapped with TOML's line-ending backslash past this width

_TODO = {
    "role": "write the job title, as the ad states it",
    "company": "write the employer's name, as the ad states it",
    "focus_areas": (
        "list what these interviewers care about most: read the ad's requirements, and ask HR "
        "or your contact at the company what matters most to the people you will meet"
    ),
    "strengths": (
        "list what round one found strong: ask HR for their feedback, or note what your "
        "first interviewers warmed to"
    ),
    "concerns": (
        "list what round one found less convincing: ask HR openly what the panel would like "
        "to hear more about"
    ),
    "interviewer": (
        "write who you will meet in round two (name and title): your invitation or HR will say"
    ),
    "candidate_name": "write your name",
    "background": "write two or three lines about yourself: your CV's summary will do",
    "experiences": (
        "list your achievements, one episode per line: what you did, the result, a figure; "
        "take them from your CV"
    ),
}


@dataclass(frozen=True, kw_only=True)
class Answers:
    """What the candidate typed for fields the documents did not give; lists hold one item each."""

    values: dict[str, str] = field(default_factory=dict)
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)


def render_profile_toml(
    draft: ProfileDraft, *, todo: bool, answers: Answers | None = None, origin: str = ""
) -> str:
    """The whole profile file: a header, then each section with its sources and TODOs."""
    answers = answers or Answers()
    parts = [
        _header(draft, origin),
        _top_level(draft, answers, todo),
        _interviewer(draft, answers, todo),
        _first_round(draft, answers, todo),
        _candidate(draft, answers, todo),
    ]
    return "\n".join(part for part in parts if part).rstrip("\n") + "\n"


def _header(draft: ProfileDraft, origin: str) -> str:
    lines = [
        "# Interview profile drafted by `interviewer profile new`.",
        *(f"# From: {comment_text(source)}" for source in origin.split("\n") if source),
        "# Each value is followed by the words of your documents it came from: check it against",
        "# them, correct what is wrong, and fill in every TODO. Nothing here was guessed.",
        "# Round one's strengths and concerns come only from your notes and HR's feedback.",
    ]
    lines += [f"# Note: {comment_text(notice)}" for notice in draft.notices]
    return "\n".join(lines) + "\n"


def _top_level(draft: ProfileDraft, answers: Answers, todo: bool) -> str:
    lines = [
        *_single("role", draft.role, answers, todo),
        *_single("company", draft.company, answers, todo),
        "",
        *_listed("focus_areas", draft.focus_areas, answers, todo, ranked=True),
    ]
    return "\n".join(lines) + "\n"


def _interviewer(draft: ProfileDraft, answers: Answers, todo: bool) -> str:
    lines = ["[interviewer]"]
    if todo and not (draft.interviewer_name or answers.values.get("interviewer_name")):
        lines.append(todo_line("interviewer"))
    lines += _single("name", draft.interviewer_name, answers, False, key="interviewer_name")
    lines += _single("title", draft.interviewer_title, answers, False, key="interviewer_title")
    lines.append(
        '# tone = "formal"  # formal | relaxed | shift: how the executive speaks; '
        "practice --tone overrides it"
    )
    return "\n".join(lines) + "\n"


def _first_round(draft: ProfileDraft, answers: Answers, todo: bool) -> str:
    lines = [
        "[first_round]",
        *_listed("strengths", draft.strengths, answers, todo),
        *_listed("concerns", draft.concerns, answers, todo),
    ]
    return "\n".join(lines) + "\n"


def _candidate(draft: ProfileDraft, answers: Answers, todo: bool) -> str:
    lines = [
        "[candidate]",
        *_single("name", draft.candidate_name, answers, todo, key="candidate_name"),
        *_single("background", draft.background, answers, todo, multiline=True),
        *_listed("experiences", draft.experiences, answers, todo),
    ]
    return "\n".join(lines) + "\n"


def _single(
    name: str,
    found: Sourced | None,
    answers: Answers,
    todo: bool,
    *,
    key: str | None = None,
    multiline: bool = False,
) -> list[str]:
    """`name = "value"` with its source, the candidate's answer, or a TODO (or nothing)."""
    key = key or name
    quote = _quote_multiline if multiline else toml_string
    if found is not None:
        source = "" if multiline else f"  # {_source_comment(found)}"
        return [f"{name} = {quote(found.value)}{source}"]
    if answers.values.get(key):
        return [f"{name} = {quote(answers.values[key])}  # as you typed it"]
    return [todo_line(key), f'# {name} = ""'] if todo else []


def _listed(
    name: str, found: tuple[Sourced, ...], answers: Answers, todo: bool, *, ranked: bool = False
) -> list[str]:
    """A TOML array, one item per line, each followed by the words it came from."""
    typed = answers.lists.get(name, ())
    if not found and not typed:
        return [todo_line(name), f"{name} = []"] if todo else [f"{name} = []"]
    lines = ["# Ranked: what the ad stresses most comes first."] if ranked and found else []
    lines.append(f"{name} = [")
    lines += [f"    {toml_string(item.value)},  # {_source_comment(item)}" for item in found]
    lines += [f"    {toml_string(item)},  # as you typed it" for item in typed]
    lines.append("]")
    return lines


def _source_comment(item: Sourced) -> str:
    """'from the CV' when the value is the quote itself, else the source and its words."""
    if normalize(item.quote) == normalize(item.value):
        return f"from the {item.source}" if item.source != "notes" else "from your notes"
    return f"{item.source}: {comment_text(repr_quote(item.quote))}"


def repr_quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def todo_line(key: str) -> str:
    return f"# TODO: {key}: {_TODO[key]}."


# --- escaping -------------------------------------------------------------------------------

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]|[\ud800-\udfff]')
_UNSAFE_IN_COMMENT = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (a lone surrogate becomes U+FFFD)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return _ESCAPES.get(char, f"\\u{ord(char):04x}")


def _quote_multiline(text: str) -> str:
    """A multi-line basic string, wrapped at spaces with TOML's line-ending backslash, so a long
    summary stays readable in an editor and still parses to the same text."""
    escaped = _NEEDS_ESCAPE.sub(_escape_keeping_newline, text)
    wrapped = "\n".join(_wrap(line) for line in escaped.split("\n"))
    return f'"""\n{wrapped}"""' if len(text) > WRAP_AT or "\n" in text else toml_string(text)


def _escape_keeping_newline(match: re.Match) -> str:
    return "\n" if match.group(0) == "\n" else _escape(match)


def _wrap(line: str) -> str:
    """Break a long line after a space; the backslash and newline vanish when parsed, but TOML
    also trims the whitespace that follows, so the space stays before the backslash."""
    pieces, rest = [], line
    while len(rest) > WRAP_AT:
        cut = rest.rfind(" ", 0, WRAP_AT)
        if cut <= 0 or rest[cut - 1] == "\\" or not rest[cut + 1 : cut + 2].strip():
            break
        pieces.append(rest[: cut + 1] + "\\")
        rest = rest[cut + 1 :]
    return "\n".join([*pieces, rest])


def comment_text(text: str) -> str:
    """Text safe inside a one-line TOML comment: no line breaks or controls, and not too long."""
    flat = " ".join(_UNSAFE_IN_COMMENT.sub(" ", unicodedata.normalize("NFC", text)).split())
    flat = "".join(ch if not ("\ud800" <= ch <= "\udfff") else "\ufffd" for ch in flat)
    if len(flat) > MAX_COMMENT_CHARS:
        flat = flat[: MAX_COMMENT_CHARS - 1].rstrip() + "…"
    return flat
