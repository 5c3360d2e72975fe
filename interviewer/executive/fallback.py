"""The follow-up data every executive shares, and the plain lines the interview falls back on.

Both live in the gap table (prompts/gaps.toml), so the interview loop never reaches into one
executive's phrasing: an LLM that goes quiet and the scripted executive get the same fallback.
"""

from typing import Any

from interviewer import gaps


def follow_up_data() -> dict[str, Any]:
    return gaps.table()


def gap_descriptions() -> dict[str, str]:
    return gaps.descriptions()


def line(turn: str) -> str:
    """What to say for a turn ('follow_up', 'closing', ...) when the executive said nothing."""
    return follow_up_data()["fallback"][turn]
