"""Errors the user sees: each message says what went wrong and what to do about it.

The CLI prints `str(error)` on one line and exits with `error.exit_code`; nothing here knows
about click, so the core can raise these from anywhere.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses that mean something to a script calling us."""

    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    ENDPOINT = 3
    INTERRUPTED = 130


class InterviewerError(Exception):
    """Base class: the message is complete and shown to the user as it is."""

    exit_code: int = ExitCode.FAILURE


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
    """The LLM endpoint could not give us an answer."""

    exit_code = ExitCode.ENDPOINT


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
