"""A document as logical lines: bullets, headings and paragraphs, each under its section heading.

Job ads, CVs and notes arrive from web pages, PDFs and Word files, so bullets come in many glyphs,
a bullet's text may wrap onto the next line, and headings may be Markdown, bold, upper case or end
in a colon. Every line keeps its exact text, so whatever the rules quote from it is in the input.
"""

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*+•·▪‣◦●○■□➢►▸✓✔–—]|\d{1,2}[.)])\s+(?=\S)")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")  # a Setext heading's underline, or a rule
_BOLD = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&/+-]*")
MAX_HEADING_WORDS = 7
_SECTION_NAMES = re.compile(  # headings common enough in ads and CVs to know without decoration
    r"(?:(?:professional|personal|career|executive) )?(?:summary|profile|statement)|about(?: me| you| us)?|"
    r"(?:work |professional |relevant )?experience|employment(?: history)?|career history|education|"
    r"(?:key |technical |core )?skills|qualifications|certifications|achievements|interests|"
    r"references|languages|(?:key )?responsibilities|requirements|essential|desirable|"
    r"nice to have|benefits|what we offer|the role|about the role|about the team|"
    r"person specification|how to apply|objective",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class Line:
    """One logical line: its exact text (bullet marker removed), kind and section heading."""

    text: str
    kind: str  # "bullet", "heading" or "text"
    heading: str  # the heading it sits under, lower case; "" before the first
    index: int  # position among the document's logical lines
    paragraph: int  # lines of one paragraph (no blank line between) share this number


def document_lines(text: str) -> list[Line]:
    """Split a document into logical lines, joining a bullet's wrapped continuation to it."""
    raw_lines = text.splitlines()
    lines: list[Line] = []
    heading, paragraph, blank = "", 0, True
    for number, raw in enumerate(raw_lines):
        if not raw.strip() or _UNDERLINE.match(raw):
            blank = True
            continue
        paragraph += blank
        following = _next_line(raw_lines, number)
        kind, content = _classify(raw, following)
        underline = raw_lines[number + 1] if number + 1 < len(raw_lines) else ""
        if kind == "text" and _UNDERLINE.match(underline):
            kind = "heading"
        if _continues(lines, kind, content, blank):
            lines.append(_joined(lines.pop(), content))
            blank = False
            continue
        if kind == "heading":
            heading = heading_text(content).lower()
        line = Line(text=content, kind=kind, heading=heading, index=len(lines), paragraph=paragraph)
        lines.append(line)
        blank = False
    return lines


def _next_line(raw_lines: list[str], number: int) -> str:
    """The next non-blank line, where a heading's first bullet would be."""
    return next((line for line in raw_lines[number + 1 :] if line.strip()), "")


def _classify(raw: str, following: str) -> tuple[str, str]:
    bullet = _BULLET.match(raw)
    if bullet:
        return "bullet", raw[bullet.end() :].strip()
    content = raw.strip()
    if is_heading(content) or (_BULLET.match(following) and _short_title(content)):
        return "heading", content
    return "text", content


def _short_title(line: str) -> bool:
    """'What you'll do' over a list: a few words with no sentence punctuation."""
    if re.search(r"[,;]|:\s*\S", line) or line.endswith((".", "!", "?")):
        return False  # 'Skills: Go, SQL' is a line of content, not a title
    return len(_WORD.findall(line)) <= MAX_HEADING_WORDS


def is_heading(line: str) -> bool:
    """Markdown or bold headings, a short line ending in a colon, or a short line in capitals."""
    if _MARKDOWN_HEADING.match(line) or _BOLD.match(line):
        return True
    words = _WORD.findall(line)
    if not words or len(words) > MAX_HEADING_WORDS or line.endswith((".", ",", ";")):
        return False
    if line.endswith(":") or _SECTION_NAMES.fullmatch(line.strip("*_ ")):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def heading_text(line: str) -> str:
    """A heading without its Markdown, bold or colon decoration."""
    line = _MARKDOWN_HEADING.sub("", line)
    bold = _BOLD.match(line)
    return (bold.group(2) if bold else line).strip().rstrip(":").strip("*_ ").strip()


def _continues(lines: list[Line], kind: str, content: str, blank: bool) -> bool:
    """A wrapped bullet: plain text straight after a bullet, starting in lower case."""
    return bool(
        lines
        and not blank
        and kind == "text"
        and lines[-1].kind == "bullet"
        and content[:1].islower()
    )


def _joined(line: Line, more: str) -> Line:
    return Line(
        text=f"{line.text} {more}",
        kind=line.kind,
        heading=line.heading,
        index=line.index,
        paragraph=line.paragraph,
    )


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive text lines with no blank line between, grouped."""
    groups: dict[int, list[Line]] = {}
    for line in lines:
        if line.kind == "text":
            groups.setdefault(line.paragraph, []).append(line)
    return list(groups.values())
