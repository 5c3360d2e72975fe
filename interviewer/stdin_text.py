"""Typed or piped answers that are not valid UTF-8 are kept, not fatal: a bad byte must not cost an
answer. Each undecodable run becomes U+FFFD, and the candidate is told once, in one line."""

import codecs
import sys
import threading

HANDLER = "interviewer-keep-answer"
_warned = threading.Event()


def _replace_and_warn(error: UnicodeError) -> tuple[str, int]:
    if not _warned.is_set():
        _warned.set()
        sys.stderr.write(
            "warning: your input holds bytes that are not UTF-8; they are shown as \ufffd and the "
            "rest of your answer is kept (set your terminal to UTF-8 to avoid this)\n"
        )
    end = getattr(error, "end", None)
    if not isinstance(error, UnicodeDecodeError) or end is None:
        raise error
    return "\ufffd", end


def tolerate_invalid_utf8(stream) -> None:
    """Make `stream` (a text stdin) replace undecodable bytes instead of raising mid-interview."""
    codecs.register_error(HANDLER, _replace_and_warn)
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=HANDLER)
