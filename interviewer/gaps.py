"""What an answer can leave out: one table (prompts/gaps.toml) that the grader, the executive and
the report all read, so a gap is named, described, probed and fixed in the same words everywhere.
"""

import functools
import tomllib
from typing import Any

from interviewer.templates import prompts_dir


@functools.cache
def table() -> dict[str, Any]:
    """prompts/gaps.toml, read once; a broken file is a packaging bug, so fail loudly."""
    return tomllib.loads((prompts_dir() / "gaps.toml").read_text(encoding="utf-8"))


def descriptions() -> dict[str, str]:
    """What each gap is, in words an LLM executive (and a report reader) can act on."""
    return table()["descriptions"]


def says() -> dict[str, str]:
    """How a critique names each gap the offline grader finds."""
    return table()["says"]


def fixes() -> dict[str, str]:
    """The suggestion for each gap the offline grader finds."""
    return table()["fixes"]
