"""Each session is an append-only JSONL event log, synced per event so a crash loses nothing.

Storage only: this module knows that events have a "type" and an "at" timestamp, plus the few
fields `list_sessions` summarises. A torn last line (the process died mid-write) is tolerated and,
on resume, moved aside into a backup; a bad line anywhere else means the log is corrupt, and we
then refuse to read past it or append to it, and never change its bytes.
"""

import errno
import json
import os
import re
import secrets
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from interviewer.errors import TranscriptError
from interviewer.paths import sessions_dir

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one process per session is then on the user
    fcntl = None  # type: ignore[assignment]

Event = dict[str, Any]

SUFFIX = ".jsonl"
_FILE_MODE = 0o600
_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise turn \n into \r\n
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_MAX_LISTED_MATCHES = 10
STATUSES = ("finished", "paused", "interrupted", "quit", "corrupt", "empty")
# The version of the event schema; the writer stamps it on session_started. A log without it is
# version 1. Bump it when an event's meaning changes, and teach the readers the old meaning.
SCHEMA_VERSION = 1


def status_after(status: str, event: Event) -> str:
    """A session's status once `event` is applied: the one rule for every reader of a log.

    A session neither ended nor paused is "interrupted" (its process stopped, or is still running).
    """
    kind = event["type"]
    if kind == "paused":
        return "paused"
    if kind == "resumed":
        return "interrupted"
    if kind == "ended":
        reason = event.get("reason")
        if reason == "input_ended":  # end of piped input is a /quit: the report was written
            return "quit"
        return reason if reason in ("finished", "quit") else "interrupted"
    return status


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- session ids and files

_issued_ids: set[str] = set()
_issued_lock = threading.Lock()


def new_session_id(now: datetime | None = None) -> str:
    """A readable id that sorts by start time (UTC); a naive `now` is taken as UTC."""
    moment = now or datetime.now(UTC)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    with _issued_lock:
        for _ in range(100_000):
            candidate = f"{stamp}-{secrets.token_hex(2)}"
            if candidate not in _issued_ids and not session_path(candidate).exists():
                _issued_ids.add(candidate)
                return candidate
    raise TranscriptError(f"could not find a free session id for {stamp}; try again in a second")


def session_path(session_id: str) -> Path:
    """Where a session's log lives; refuses ids that could escape the sessions folder."""
    if not _SESSION_ID.fullmatch(session_id):
        raise TranscriptError(
            f"'{session_id}' is not a session id (letters, digits, '-' and '_' only); "
            "run `interviewer sessions` to list them"
        )
    return sessions_dir() / f"{session_id}{SUFFIX}"


def _session_id_of(path: Path) -> str:
    return path.name.removesuffix(SUFFIX)


def resolve_session(session_id_or_path: str | Path) -> Path:
    """Find a log by path, by exact id, or by a unique prefix of an id."""
    if isinstance(session_id_or_path, Path) or _looks_like_path(session_id_or_path):
        path = Path(session_id_or_path).expanduser()
        if not path.is_file():
            raise TranscriptError(f"no session log at {path}; check the path")
        return path
    return _resolve_id(session_id_or_path.strip())


def _looks_like_path(text: str) -> bool:
    return text.endswith(SUFFIX) or "/" in text or os.sep in text


def _resolve_id(session_id: str) -> Path:
    unknown = TranscriptError(f"no session '{session_id}'; run `interviewer sessions` to list them")
    if not _SESSION_ID.fullmatch(session_id):
        raise unknown
    exact = session_path(session_id)
    if exact.is_file():
        return exact
    matches = sorted(sessions_dir().glob(f"{session_id}*{SUFFIX}"))
    if not matches:
        raise unknown
    if len(matches) > 1:
        raise TranscriptError(_ambiguous_message(session_id, matches))
    return matches[0]


def _ambiguous_message(prefix: str, matches: list[Path]) -> str:
    names = [_session_id_of(path) for path in matches[:_MAX_LISTED_MATCHES]]
    more = len(matches) - len(names)
    listed = ", ".join(names) + (f" and {more} more" if more else "")
    return f"'{prefix}' matches {len(matches)} sessions ({listed}); give more of the id"


def _fsync_dir(folder: Path) -> None:
    """Make a new file's name durable too, where the platform allows it."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (never overwriting), write `data` and sync it; mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, _FILE_MODE)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, _FILE_MODE)  # in case a strict umask took bits we need away
    _fsync_dir(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# ---------------------------------------------------------------- reading


@dataclass
class _LogScan:
    """What reading a log taught us about its tail, beyond its events."""

    path: Path
    torn_line: int | None = None
    clean_bytes: int = 0  # length of the content before any torn last line
    needs_newline: bool = False  # last event is complete but its newline never made it


def _scan_events(scan: _LogScan, lines: Iterable[bytes]) -> Iterator[Event]:
    """Yield events line by line; only the last line may be torn, any other bad line is fatal."""
    pending: tuple[int, bytes] | None = None
    for number, raw in enumerate(lines, start=1):
        if pending is not None:
            yield from _accept(scan, *pending, is_last=False)
        pending = (number, raw)
    if pending is not None:
        yield from _accept(scan, *pending, is_last=True)


def _accept(scan: _LogScan, number: int, raw: bytes, *, is_last: bool) -> Iterator[Event]:
    problem, event = _parse_line(raw)
    if problem == "not valid JSON" and is_last:
        scan.torn_line = number
        return
    if problem:
        raise TranscriptError(
            f"{scan.path}: line {number} is {problem}; the log is corrupt and was left untouched"
        )
    scan.clean_bytes += len(raw)
    scan.needs_newline = is_last and not raw.endswith(b"\n")
    if event is not None:
        yield event


def _parse_line(raw: bytes) -> tuple[str | None, Event | None]:
    """(problem, event); blank lines are neither."""
    if not raw.strip():
        return None, None
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "not valid JSON", None
    if not (isinstance(value, dict) and isinstance(value.get("type"), str) and "at" in value):
        return 'not an event (a JSON object with "type" and "at")', None
    return None, value


def _scan_file(path: Path) -> tuple[_LogScan, list[Event]]:
    """Read a log without following a symlink: a link could point the tool at any file."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except OSError as error:
        raise TranscriptError(_cannot_open(path, error)) from None
    scan = _LogScan(path)
    with os.fdopen(fd, "rb") as handle:
        return scan, list(_scan_events(scan, handle))


def _scan_fd(path: Path, fd: int) -> _LogScan:
    """Scan the log through an open descriptor, from its start, leaving the descriptor open."""
    scan = _LogScan(path)
    with os.fdopen(os.dup(fd), "rb") as handle:
        handle.seek(0)
        for _ in _scan_events(scan, handle):
            pass
    return scan


@dataclass(frozen=True, kw_only=True)
class LoadedTranscript:
    session_id: str
    path: Path
    events: list[Event]
    notices: list[str] = field(default_factory=list)


def load_transcript(session_id_or_path: str | Path) -> LoadedTranscript:
    """Read every event of a session; a torn last line becomes a notice, corruption an error."""
    path = resolve_session(session_id_or_path)
    session_id = _session_id_of(path)
    try:
        scan, events = _scan_file(path)
    except OSError as error:
        raise TranscriptError(f"session {session_id}: cannot read {path} ({error})") from None
    _check_schema(session_id, events)
    notices = []
    if scan.torn_line is not None:
        notices.append(
            f"session {session_id}: ignored a torn last line (line {scan.torn_line}; "
            "the process stopped mid-write)"
        )
    return LoadedTranscript(session_id=session_id, path=path, events=events, notices=notices)


def _check_schema(session_id: str, events: list[Event]) -> None:
    """Refuse a log written by a newer version rather than misread it."""
    version = events[0].get("schema", 1) if events else 1
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise TranscriptError(
            f"session {session_id} was written with log schema {version!r}, newer than this "
            f"version reads ({SCHEMA_VERSION}); upgrade interviewer to open it"
        )


# ---------------------------------------------------------------- writing


class TranscriptWriter:
    """Appends events to one session log, each synced to disk before `append` returns.

    The writer holds an exclusive lock on the log for as long as it is open, so a second process
    cannot interleave its events. A write that fails is rolled back to the last complete line,
    and every later append then fails the same way: no event can ever join half a line.
    """

    def __init__(self, path: Path, *, repair: bool = False):
        self.path = Path(path)
        self.session_id = _session_id_of(self.path)
        self._lock = threading.Lock()
        self._failure: TranscriptWriteError | None = None
        self.notices: list[str] = []
        fd = _open_locked(self.path)
        self._fd: int | None = fd
        try:
            self._check_tail(fd, repair=repair)
        except BaseException:
            self.close()
            raise

    def _check_tail(self, fd: int, *, repair: bool) -> None:
        scan = _scan_fd(self.path, fd)  # raises on corruption
        if not (scan.torn_line is not None or scan.needs_newline):
            return
        if not repair:
            raise TranscriptError(
                f"session {self.session_id}: the last line of {self.path} is incomplete; "
                "resume the session so it can be repaired"
            )
        if scan.torn_line is not None:
            backup = _set_torn_tail_aside(self.path, fd, scan.clean_bytes)
            self.notices.append(
                f"session {self.session_id}: set a torn last line (line {scan.torn_line}; "
                f"the process stopped mid-write) aside in {backup}"
            )
        else:
            _write_all(fd, b"\n")
            os.fsync(fd)

    @classmethod
    def create(cls, session_id: str) -> Self:
        """Start a new session log; an existing one is never reused."""
        path = session_path(session_id)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_new_file(path, b"")
        except FileExistsError:
            raise TranscriptError(f"session {session_id} already exists at {path}") from None
        except OSError as error:
            raise TranscriptError(_unwritable_folder(path.parent, error)) from None
        return cls(path)

    @classmethod
    def reopen(cls, session_id_or_path: str | Path) -> Self:
        """Continue the log at exactly this id or path, first setting a torn last line aside."""
        return cls(resolve_session(session_id_or_path), repair=True)

    def append(self, type: str, **payload: Any) -> Event:
        """Write one event as one line, then flush and fsync it; undo it all if that fails."""
        if not isinstance(type, str) or not type:
            raise ValueError("an event type must be a non-empty string")
        if "at" in payload:
            raise ValueError("'at' is set by the writer")
        event: Event = {"type": type, "at": _now(), **payload}
        if type == "session_started":
            event.setdefault("schema", SCHEMA_VERSION)
        line = json.dumps(event, ensure_ascii=False, allow_nan=False) + "\n"
        with self._lock:
            if self._fd is None:
                raise ValueError(f"the log of session {self.session_id} is closed")
            if self._failure is not None:
                raise self._failure.again(event)
            self._write_line(line.encode("utf-8"), event)
        return event

    def _write_line(self, data: bytes, event: Event) -> None:
        assert self._fd is not None
        good_size = os.fstat(self._fd).st_size
        try:
            _write_all(self._fd, data)
            os.fsync(self._fd)
        except OSError as error:
            _roll_back(self._fd, good_size)
            self._failure = TranscriptWriteError(self.path, error, event)
            raise self._failure from None

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)  # closing the descriptor also releases the lock
                self._fd = None

    @property
    def closed(self) -> bool:
        return self._fd is None

    @property
    def failure(self) -> "TranscriptWriteError | None":
        """The write that failed, if one did; every later append fails with it too."""
        return self._failure

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class TranscriptWriteError(TranscriptError):
    """The disk refused an event; the log was cut back to its last complete line."""

    def __init__(self, path: Path, error: OSError, event: Event) -> None:
        reason = error.strerror or type(error).__name__
        super().__init__(
            f"could not save to the session log {path} ({reason})",
            fix=_remedy(error, path.parent),
        )
        self.path, self.error, self.event = path, error, event

    def again(self, event: Event) -> "TranscriptWriteError":
        """The same failure, now for a later event that must not be lost either."""
        return TranscriptWriteError(self.path, self.error, event)


def _remedy(error: OSError, folder: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"free some space in {folder}"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"make {folder} writable"
    return f"check the disk holding {folder}"


def _unwritable_folder(folder: Path, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return (
        f"cannot create a session log in {folder} ({reason}); {_remedy(error, folder)}, "
        "or set INTERVIEWER_HOME to a folder you can write"
    )


def _roll_back(fd: int, good_size: int) -> None:
    """Cut a half-written line off; if even that fails, resume sets the torn tail aside."""
    try:
        os.ftruncate(fd, good_size)
        os.fsync(fd)
    except OSError:
        pass


def _open_locked(path: Path) -> int:
    """Open for appending without following a symlink, and hold the only writer's lock."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _BINARY
    try:
        fd = os.open(path, flags, _FILE_MODE)
    except OSError as error:
        raise TranscriptError(_cannot_open(path, error)) from None
    try:
        _lock_exclusively(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _lock_exclusively(fd: int, path: Path) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SessionBusy(
            f"session {_session_id_of(path)} is open in another interviewer process; "
            "finish or pause that one first"
        ) from None


class SessionBusy(TranscriptError):
    """Another process holds the session open for writing."""


def _cannot_open(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP or path.is_symlink():
        return f"{path} is a symbolic link; session logs are never followed through links"
    reason = error.strerror or type(error).__name__
    return f"cannot open the session log {path} ({reason}); {_remedy(error, path.parent)}"


def _set_torn_tail_aside(path: Path, fd: int, clean_bytes: int) -> Path:
    """Copy the whole log to the next free .torn-<n>.bak, then cut the torn tail off."""
    original = _read_all(fd)
    for number in range(1, 10_000):
        backup = path.with_name(f"{path.name}.torn-{number}.bak")
        try:
            _write_new_file(backup, original)
        except FileExistsError:
            continue
        os.ftruncate(fd, clean_bytes)
        os.fsync(fd)
        return backup
    raise TranscriptError(f"{path}: too many .torn-*.bak files beside it; move some away")


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while chunk := os.pread(fd, 1 << 16, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------- listing


@dataclass(frozen=True, kw_only=True)
class SessionSummary:
    session_id: str
    started_at: str | None
    role: str | None
    company: str | None
    questions_answered: int
    overall: float | None
    status: str  # one of STATUSES


@dataclass
class _Tally:
    """Running totals over a session's events, so a listing never holds a whole log."""

    started_at: str | None = None
    role: str | None = None
    company: str | None = None
    questions_answered: int = 0
    overall: float | None = None
    status: str = "interrupted"

    def add(self, event: Event) -> None:
        kind = event["type"]
        if kind == "session_started" and self.started_at is None:
            self._start(event)
        elif kind == "answer" and event.get("kind") == "main":
            self.questions_answered += 1
        elif kind == "report":
            self.overall = _overall_of(event.get("report"))
        self.status = status_after(self.status, event)

    def _start(self, event: Event) -> None:
        self.started_at = _text_or_none(event.get("at"))
        profile = event.get("profile")
        if isinstance(profile, dict):
            self.role = _text_or_none(profile.get("role"))
            self.company = _text_or_none(profile.get("company"))

    def summary(self, session_id: str, *, status: str | None = None) -> SessionSummary:
        return SessionSummary(
            session_id=session_id,
            started_at=self.started_at,
            role=self.role,
            company=self.company,
            questions_answered=self.questions_answered,
            overall=self.overall,
            status=status or self.status,
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _overall_of(report: Any) -> float | None:
    value = report.get("overall") if isinstance(report, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def summarize_session(path: Path) -> SessionSummary:
    """One listing row; a corrupt or unreadable log shows as "corrupt" with what came before."""
    tally = _Tally()
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY), "rb") as handle:
            for event in _scan_events(_LogScan(path), handle):
                tally.add(event)
    except (TranscriptError, OSError):
        return tally.summary(_session_id_of(path), status="corrupt")
    return tally.summary(_session_id_of(path), status=None if tally.started_at else "empty")


def list_sessions() -> list[SessionSummary]:
    """Every session, newest first (ids begin with the UTC start time)."""
    folder = sessions_dir()
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob(f"*{SUFFIX}"), key=lambda path: path.name, reverse=True)
    return [summarize_session(path) for path in paths if path.is_file()]
