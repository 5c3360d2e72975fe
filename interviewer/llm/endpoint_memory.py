"""What we learned about each endpoint, kept across runs so we do not probe it again every time.

The file maps "base_url|model" to {"structured_mode": ...}. It never holds a key. A file we cannot
read or parse is treated as empty and left exactly as it is: the user may want to look at it.
"""

import contextlib
import json
import threading
from pathlib import Path

from interviewer import paths
from interviewer.files import atomic_write_text
from interviewer.redact import without_credentials

STRUCTURED_MODES = ("json_schema", "json_object", "prompt")


class EndpointMemory:
    """A small JSON file, read once, merged and rewritten atomically when we learn something."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.endpoint_memory_file()
        self._lock = threading.Lock()
        self._entries: dict[str, dict] | None = None

    def structured_mode(self, base_url: str, model: str) -> str | None:
        """The structured-output mode that last worked for this endpoint and model, if any."""
        with self._lock:
            if self._entries is None:
                self._entries, _ = self._read()
            mode = self._entries.get(_key(base_url, model), {}).get("structured_mode")
        return mode if mode in STRUCTURED_MODES else None

    def remember_structured_mode(self, base_url: str, model: str, mode: str) -> None:
        """Record the mode that worked; the file is rewritten only when it changes."""
        if mode not in STRUCTURED_MODES:
            raise ValueError(f"unknown structured mode {mode!r}")
        with self._lock:
            on_disk, writable = self._read()  # merge with what other processes wrote meanwhile
            entries = {**(self._entries or {}), **on_disk}
            changed = entries.get(_key(base_url, model), {}).get("structured_mode") != mode
            entries[_key(base_url, model)] = {"structured_mode": mode}
            self._entries = entries
            if changed and writable:
                self._write(entries)

    def _read(self) -> tuple[dict[str, dict], bool]:
        """The entries on disk, and whether we may overwrite the file (missing or well-formed)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, True
        except (OSError, UnicodeDecodeError, ValueError):
            return {}, False
        if not isinstance(data, dict):
            return {}, False
        return {k: v for k, v in data.items() if isinstance(v, dict)}, True

    def _write(self, entries: dict[str, dict]) -> None:
        """Best effort: failing to save what we learned must never stop an interview."""
        with contextlib.suppress(OSError):
            atomic_write_text(self.path, json.dumps(entries, indent=2, sort_keys=True) + "\n")


def _key(base_url: str, model: str) -> str:
    """Keyed by the URL without any user:pass@, so no credential is ever written to the file."""
    return f"{without_credentials(base_url).rstrip('/')}|{model}"
