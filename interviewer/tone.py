"""The executive's tone: the one place that decides which register is in force, and when.

A tone is what a profile or `--tone` asks for; a register is how the executive speaks at a given
moment. "shift" starts formal and relaxes partway through, so the candidate can follow the lead.
"""

from typing import Literal, get_args

Tone = Literal["formal", "relaxed", "shift"]
Register = Literal["formal", "relaxed"]
TONES: tuple[Tone, ...] = get_args(Tone)
REGISTERS: tuple[Register, ...] = get_args(Register)
DEFAULT_TONE: Tone = "formal"


def chosen_tone(flag: str | None, profile_tone: str | None) -> Tone:
    """The flag wins, then the profile, then formal."""
    tone = flag or profile_tone or DEFAULT_TONE
    if tone not in TONES:
        raise ValueError(f"tone must be formal, relaxed or shift, got {tone!r}")
    return tone


def register_for(tone: str, *, shifted: bool = False) -> Register:
    """The register in force: a shifting executive is formal until the shift, then relaxed."""
    if tone == "shift":
        return "relaxed" if shifted else "formal"
    if tone not in REGISTERS:
        raise ValueError(f"tone must be formal, relaxed or shift, got {tone!r}")
    return tone


def known_register(tone: str | None) -> Register | None:
    """For an answer judged on its own: a shifting tone leaves the moment's register unknown."""
    return tone if tone in REGISTERS else None


def shift_point(tone: str, questions: int) -> int | None:
    """Before which planned question a shifting executive relaxes: about halfway."""
    return questions // 2 + 1 if tone == "shift" else None
