"""Writing files so that a crash never leaves half a file behind."""

import os
import tempfile
from pathlib import Path


def atomic_write_text(path: Path, text: str, *, mode: int | None = 0o600) -> None:
    """Write to a temp file beside `path`, fsync it, then rename it over `path`.

    `mode=None` gives the file the mode any new file gets here (0666 less the umask), for files
    the user asked for, like a report; private files keep 0600 whatever the umask."""
    mode = _mode_for_new_files() if mode is None else mode
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _mode_for_new_files() -> int:
    umask = os.umask(0o077)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask
