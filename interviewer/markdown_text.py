"""Text from a candidate or a model, made inert in Markdown: it shows as written and never as markup.

A Markdown report is often opened in a viewer that renders HTML and follows links, so an answer
holding `<script>`, `<img onerror=...>`, `[click](javascript:...)` or `![](https://tracker/...)`
must come out as plain text. HTML and link syntax are backslash-escaped, and anything URL-shaped
becomes a code span, which no renderer turns into a link. Only the tool's own templates make links.
"""

import re

_MARKUP = re.compile(r"([<\[\]`]|\\(?=[<\[\]`\\]))")  # a backslash only where it would undo ours
_URL_SHAPED = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,15}:(?://)?|www\.)[^\s<>`()\[\]]+")


def markdown_inert(text: str) -> str:
    """`text` with HTML and link syntax escaped and every URL shown as code, not as a link."""
    pieces, last = [], 0
    for match in _URL_SHAPED.finditer(text):
        if not _is_url(match.group()):
            continue
        pieces.append(_escape(text[last : match.start()]))
        pieces.append(f"`{match.group()}`")
        last = match.end()
    pieces.append(_escape(text[last:]))
    return "".join(pieces)


def _is_url(candidate: str) -> bool:
    """A scheme followed by something, or www.: not a time like 10:30 or a label like 'Note:'."""
    scheme, _, rest = candidate.partition(":")
    return candidate.lower().startswith("www.") or (scheme.isalpha() and bool(rest))


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)
