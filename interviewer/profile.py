"""The interview context: who is interviewing whom, for what, and what round one thought.

A profile is a TOML file; every field is optional. Mistakes are reported in one line that names
the key or the line, because a user editing TOML by hand needs to know exactly where to look.
"""

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewer.errors import ProfileError
from interviewer.tone import Tone


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InterviewerPersona(_Strict):
    name: str | None = None
    title: str | None = None
    tone: Tone | None = None


class FirstRound(_Strict):
    strengths: list[str] = Field(default_factory=list)
    concerns: list[str] = Field(default_factory=list)


class Candidate(_Strict):
    name: str | None = None
    background: str | None = None
    # one line per episode from the CV ("Led ... , cutting ... by 22%"): what prep matches stories from
    experiences: list[str] = Field(default_factory=list)


class Profile(_Strict):
    role: str | None = None
    company: str | None = None
    focus_areas: list[str] = Field(default_factory=list)
    interviewer: InterviewerPersona = Field(default_factory=InterviewerPersona)
    first_round: FirstRound = Field(default_factory=FirstRound)
    candidate: Candidate = Field(default_factory=Candidate)

    def candidate_facts(self) -> str:
        """Everything the candidate has said about themselves here, for fact checks."""
        parts = [self.candidate.name, self.candidate.background, *self.candidate.experiences]
        return " ".join(filter(None, parts))


def load_profile(path: Path | None) -> Profile:
    """Read and validate a profile file; no path means an empty profile."""
    if path is None:
        return Profile()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"profile {path}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"profile {path}: cannot read it ({error})") from None
    return parse_profile(text, source=str(path))


def parse_profile(text: str, *, source: str = "profile") -> Profile:
    too_deep = ProfileError(f"{source}: nested too deeply to be a profile; see examples/")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: not valid TOML: {error}; fix that line") from None
    except RecursionError:
        raise too_deep from None
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(f"{source}: {_describe(error.errors()[0])}") from None
    except RecursionError:
        raise too_deep from None


_TYPE_WORDS = {
    "string_type": "text in quotes",
    "list_type": 'a list of text, like ["a", "b"]',
    "model_type": "a table, like [section]",
    "model_attributes_type": "a table, like [section]",
    "dict_type": "a table, like [section]",
}


def _describe(problem: Mapping[str, Any]) -> str:
    """One line naming the key and what is wrong with it."""
    key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"])
    key = key.lstrip(".")
    kind = problem["type"]
    if kind == "extra_forbidden":
        parent = Profile
        for part in problem["loc"][:-1]:
            annotation = parent.model_fields[part].annotation
            parent = annotation if isinstance(annotation, type) else parent
        allowed = ", ".join(parent.model_fields)
        return f"unknown key '{key}'; allowed here: {allowed}"
    if kind == "literal_error":
        return f"'{key}' must be one of formal, relaxed, shift (got {problem['input']!r})"
    wanted = _TYPE_WORDS.get(kind, problem["msg"].lower())
    return f"'{key}' must be {wanted} (got {problem['input']!r})"
