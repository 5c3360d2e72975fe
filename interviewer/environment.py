"""The one place that reads the process environment, so every variable the tool obeys is listed here.

Settings resolve their own variables (OPENAI_*, INTERVIEWER_MODEL...) through `read`; the rest are
named below with what they change.
"""

import os

HOME = "INTERVIEWER_HOME"  # one folder for config and data (tests, portable use)
DEBUG = "INTERVIEWER_DEBUG"  # show tracebacks instead of one-line errors
TOKENIZER = "INTERVIEWER_TOKENIZER"  # "estimate" skips tiktoken
EDITORS = ("VISUAL", "EDITOR")  # the editor /edit opens, first one set wins
PLATFORM_FOLDERS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA")


def read(name: str) -> str | None:
    """The variable's value with surrounding blanks removed; unset and empty are both None."""
    value = os.environ.get(name, "").strip()
    return value or None


def debug() -> bool:
    return read(DEBUG) is not None


def editor_command() -> str | None:
    return next((value for name in EDITORS if (value := read(name))), None)
