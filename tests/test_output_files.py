"""Files the user names with -o: no mistyped folder created, no file or symlink replaced without
--force, and a device or FIFO written into, never renamed over."""

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.errors import BadInput
from interviewer.files import atomic_write_text

PROFILE = Path(__file__).resolve().parent.parent / "examples" / "sales-manager.toml"
PROFILE_NEW = ["profile", "new", "--job", "We need a ward manager who can lead safe staffing",
               "--offline", "--no-ask"]  # fmt: skip
PREP = ["prep", "-p", str(PROFILE), "--offline"]


def _run(args):
    return CliRunner().invoke(cli, args)


@pytest.mark.parametrize("command", [PREP, PROFILE_NEW], ids=["prep", "profile-new"])
def test_a_missing_folder_is_one_line_and_is_not_created(tmp_path, command):
    out = tmp_path / "nonexistent" / "dir" / "b.html"
    result = _run([*command, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"no folder {out.parent}; create it first or choose another path" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "nonexistent").exists()


def test_report_refuses_a_missing_folder_before_looking_up_the_session(tmp_path, isolated_home):
    out = tmp_path / "nonexistent" / "r.md"
    result = _run(["report", "no-such-session", "-o", str(out)])
    assert result.exit_code == 2 and "no folder" in result.output
    assert not out.parent.exists()


def test_prep_keeps_an_existing_file_without_force_and_writes_through_a_symlink(tmp_path):
    notes = tmp_path / "my-notes.md"
    notes.write_text("# my own notes\n", encoding="utf-8")
    link = tmp_path / "brief.md"
    link.symlink_to(notes)
    for target in (notes, link):
        refused = _run([*PREP, "-o", str(target)])
        assert refused.exit_code == 2 and "--force" in refused.output, refused.output
        assert len(refused.output.strip().splitlines()) == 1
    assert notes.read_text(encoding="utf-8") == "# my own notes\n"
    assert _run([*PREP, "--format", "markdown", "-o", str(link), "--force"]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(notes)
    assert (
        notes.read_text(encoding="utf-8").startswith("#")
        and "my own notes" not in notes.read_text()
    )


def test_a_fifo_is_written_into_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write_text(fifo, "hello\n")
    reader.join(timeout=10)
    assert received == [b"hello\n"]
    assert fifo.is_fifo() and [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_line_and_stays_a_device():
    from interviewer.files import write_output

    with pytest.raises(BadInput, match=r"cannot write /dev/full \(No space left on device\)"):
        write_output(Path("/dev/full"), "x" * 100_000)
    assert Path("/dev/full").is_char_device()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_prep_to_a_full_device_exits_non_zero_in_one_line():
    result = _run([*PREP, "-o", "/dev/full"])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
