"""The follow-up data every executive shares, and the plain lines the interview falls back on.

Both live in prompts/follow_ups.toml, so the interview loop never reaches into one executive's
phrasing: an LLM that goes quiet and the scripted executive get the same neutral fallback.
"""

import functools
import tomllib

from interviewer.templates import prompts_dir


@functools.cache
def follow_up_data() -> dict:
    """prompts/follow_ups.toml, read once; a broken file is a packaging bug, so fail loudly."""
    return tomllib.loads((prompts_dir() / "follow_ups.toml").read_text(encoding="utf-8"))


def gap_descriptions() -> dict[str, str]:
    return follow_up_data()["descriptions"]


def line(turn: str) -> str:
    """What to say for a turn ('follow_up', 'closing', ...) when the executive said nothing."""
    return follow_up_data()["fallback"][turn]
