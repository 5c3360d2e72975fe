"""Writing files so that a crash never leaves half a file behind."""

import os
import stat
import tempfile
from pathlib import Path

from interviewer.errors import BadInput


def atomic_write_text(path: Path, text: str, *, mode: int | None = 0o600) -> None:
    """Write to a temp file beside `path`, fsync it, then rename it over `path`.

    `mode=None` gives the file the mode any new file gets here (0666 less the umask), for files
    the user asked for, like a report; private files keep 0600 whatever the umask."""
    if _is_special(path):  # a device or FIFO: renaming over it would replace the node itself
        _write_through(path, text)
        return
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


def _is_special(path: Path) -> bool:
    """True for an existing path that is not a regular file (a char device, a FIFO, a socket)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _write_through(path: Path, text: str) -> None:
    """Open the existing node and write into it, so /dev/null stays a device and /dev/full fails."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()


def write_output(path: Path, text: str, *, force: bool = False) -> None:
    """Write a file the user named with -o: never into a mistyped folder, never over a file
    without --force, through a symlink to its target, and into a device as a device."""
    check_output_path(path, force=force)
    target = Path(os.path.realpath(path))  # a symlink's target is what the user meant
    try:
        atomic_write_text(target, text, mode=None)  # a file the user asked for: their umask
    except OSError as error:
        raise BadInput(
            f"cannot write {path} ({error.strerror or error})", fix="choose another place with -o"
        ) from None


def check_output_path(path: Path, *, force: bool = False) -> None:
    """Refuse, before any work, an -o path whose folder is missing or that would replace a file."""
    if path.is_dir():
        raise BadInput(f"{path} is a folder", fix=f"give a file name, e.g. {path / 'out.md'}")
    folder = Path(os.path.realpath(path)).parent
    if not folder.exists():  # a missing folder is a typo; mkdir would hide it
        raise BadInput(f"no folder {path.parent}", fix="create it first or choose another path")
    if path.exists() and not force and not _is_special(path):
        raise BadInput(
            f"{path} already exists",
            fix="choose another name with -o, or add --force to replace it",
        )
