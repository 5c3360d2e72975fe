"""Errors the user sees: each says what went wrong and what to do about it, as separate fields.

The CLI prints `str(error)` on one line and exits with `error.exit_code`; nothing here knows
about click, so the core can raise these from anywhere. Callers add what they did to keep the
user's work safe with `kept()`, instead of editing the message.
"""

from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """Exit statuses that mean something to a script calling us."""

    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    ENDPOINT = 3
    INTERRUPTED = 130


class InterviewerError(Exception):
    """Base class: `problem` and `fix` are complete sentences shown to the user as they are."""

    exit_code: ClassVar[int] = ExitCode.FAILURE

    def __init__(self, problem: str, *, fix: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.safekeeping: list[str] = []  # e.g. "your answer is kept in PATH"

    def kept(self, note: str) -> "InterviewerError":
        """Record how the user's work was kept safe; shown after the message."""
        self.safekeeping.append(note)
        return self

    def __str__(self) -> str:
        text = f"{self.problem}; {self.fix}" if self.fix else self.problem
        return f"{text} ({'; '.join(self.safekeeping)})" if self.safekeeping else text


class BadInput(InterviewerError):
    """Something the user gave us (a file, a flag, a line) is wrong; they can fix it."""

    exit_code = ExitCode.BAD_INPUT


class ProfileError(BadInput):
    """The interview profile TOML is unreadable or holds a wrong key or value."""


class ConfigError(BadInput):
    """The settings (config file, environment, flags) are inconsistent or unreadable."""


class TranscriptError(InterviewerError):
    """A session log is missing or corrupt; we report it and never overwrite it."""


class EndpointError(InterviewerError):
    """The LLM endpoint could not give us an answer; `status` is the HTTP status, if any."""

    exit_code = ExitCode.ENDPOINT

    def __init__(self, problem: str, *, fix: str | None = None, status: int | None = None) -> None:
        super().__init__(problem, fix=fix)
        self.status = status


class MissingApiKey(EndpointError):
    """The endpoint needs a key and none is configured."""


class AuthenticationFailed(EndpointError):
    """The endpoint rejected the key."""


class EndpointUnreachable(EndpointError):
    """Nothing answered at the base URL, or the connection dropped."""


class EndpointTimeout(EndpointError):
    """The endpoint took longer than the configured timeout."""


class RateLimited(EndpointError):
    """The endpoint kept answering 429 after every retry."""


class ModelNotFound(EndpointError):
    """The endpoint does not serve the configured model."""


class ContextOverflow(EndpointError):
    """The prompt is larger than the model's context window."""


class EndpointFailure(EndpointError):
    """The endpoint answered with a server error or something we cannot use."""
