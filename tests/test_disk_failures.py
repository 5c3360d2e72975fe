"""The log survives the disk: a real, small, full filesystem never leaves a half line in a session log,
the candidate hears about it in one line, their words are kept elsewhere, and `resume` carries on.

The filesystem is a 256 KiB tmpfs mounted for the test (needs root; skipped otherwise)."""

import errno
import os
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from interviewer.session.log import list_sessions, load_transcript
from tests.practice_helpers import STRONG, blocks, run

LONG_ANSWER = (STRONG + " ") * 40  # ~12 KB: larger than any slack left in the log's last page


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """INTERVIEWER_HOME on a tiny tmpfs, and a separate temp folder for drafts."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(disk)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    monkeypatch.setenv("INTERVIEWER_HOME", str(disk / "home"))
    spare = tmp_path / "spare-tmp"
    spare.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Take every free byte of the filesystem with one filler file."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 512):
            pass
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def before_append(monkeypatch, hook) -> None:
    """Run `hook(type, payload)` just before each event is written (the write itself is real)."""
    from interviewer.session.log import TranscriptWriter

    real_append = TranscriptWriter.append

    def append(writer, type, **payload):
        hook(type, payload)
        return real_append(writer, type, **payload)

    monkeypatch.setattr(TranscriptWriter, "append", append)


def assert_one_error_line(result) -> str:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output and "Saved as session" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_a_full_disk_mid_answer_leaves_a_clean_log_keeps_the_answer_and_resumes(
    small_disk, monkeypatch
):
    filled = []

    def hook(type, payload):
        if type == "answer" and payload["text"] == LONG_ANSWER.strip() and not filled:
            filled.append(fill(small_disk))

    from interviewer.session.log import TranscriptWriter

    real_append = TranscriptWriter.append
    before_append(monkeypatch, hook)
    answers = blocks(STRONG, LONG_ANSWER, STRONG, STRONG)
    result = run("practice", "-n", "2", "--max-follow-ups", "0", input=answers)
    line = assert_one_error_line(result)
    assert "No space left on device" in line and "free some space in" in line, line
    assert "interviewer resume" in line
    draft = Path(line.split("kept in ", 1)[1].split(";")[0].split(" (")[0])
    assert draft.is_file() and not draft.is_relative_to(small_disk)
    assert LONG_ANSWER.strip() in draft.read_text()

    (session,) = list_sessions()
    loaded = load_transcript(session.session_id)  # every line whole: nothing half written
    assert loaded.notices == []
    assert loaded.path.read_bytes().endswith(b"\n")
    assert [e["index"] for e in loaded.events if e["type"] == "answer"] == [1]

    filled[0].unlink()
    from interviewer.session.log import TranscriptWriter

    monkeypatch.setattr(TranscriptWriter, "append", real_append)
    resumed = run("resume", session.session_id, input=blocks(LONG_ANSWER, STRONG, ""))
    assert resumed.exit_code == 0, resumed.output
    events = load_transcript(session.session_id).events
    assert [e["index"] for e in events if e["type"] == "answer"] == [1, 2]
    assert sum(e["type"] == "critique" for e in events) == 2


def test_a_background_critique_that_hits_a_full_disk_pauses_the_interview(small_disk, monkeypatch):
    """The write that failed in a grading thread used to vanish and the interview ended "Saved"."""
    from interviewer import backends

    release, attempted = threading.Event(), threading.Event()
    real_make_grader = backends.make_grader

    class HeldGrader:
        def __init__(self, inner) -> None:
            self.inner, self.backend, self.model = inner, inner.backend, inner.model
            self.prompt_version = inner.prompt_version

        def grade(self, request):
            release.wait(30)
            return self.inner.grade(request)

    from interviewer.session.console import Console
    from interviewer.session.log import TranscriptWriter

    real_append, real_read = TranscriptWriter.append, Console.read_entry
    reads = []

    def append(writer, type, **payload):
        try:
            return real_append(writer, type, **payload)
        finally:
            if type == "critique":
                attempted.set()

    def read_entry(console):
        reads.append(1)
        if len(reads) == 2:  # the candidate is on question 2; question 1 is still being graded
            fill(small_disk)
            release.set()
            assert attempted.wait(30)
        return real_read(console)

    monkeypatch.setattr(backends, "make_grader", lambda s: HeldGrader(real_make_grader(s)))
    monkeypatch.setattr(TranscriptWriter, "append", append)
    monkeypatch.setattr(Console, "read_entry", read_entry)
    answers = blocks(LONG_ANSWER, STRONG, STRONG)
    result = run("practice", "-n", "2", "--max-follow-ups", "0", input=answers)
    line = assert_one_error_line(result)
    assert "No space left on device" in line and "kept in" in line, line
    (session,) = list_sessions()
    loaded = load_transcript(session.session_id)
    assert loaded.notices == [] and loaded.path.read_bytes().endswith(b"\n")
    assert not [e for e in loaded.events if e["type"] == "critique"]
    assert session.status != "corrupt"

    (small_disk / "filler").unlink()
    monkeypatch.setattr(backends, "make_grader", real_make_grader)
    monkeypatch.setattr(TranscriptWriter, "append", real_append)
    monkeypatch.setattr(Console, "read_entry", real_read)
    resumed = run("resume", session.session_id, input=blocks(STRONG, STRONG, ""))
    assert resumed.exit_code == 0, resumed.output
    events = load_transcript(session.session_id).events
    assert sorted(e["index"] for e in events if e["type"] == "critique") == [1, 2]


def test_a_read_only_data_folder_names_the_folder_and_what_to_do(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        disk = tmp_path / "ro"
        disk.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(disk)], capture_output=True
        )
        if mounted.returncode != 0:
            pytest.skip("cannot mount a read-only tmpfs here")
    else:
        disk = tmp_path / "ro"
        disk.mkdir(mode=0o500)
    monkeypatch.setenv("INTERVIEWER_HOME", str(disk / "home"))
    try:
        result = run("practice", "-n", "1", input=blocks(STRONG))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)
    line = assert_one_error_line(result)
    assert str(disk) in line and ("writable" in line or "INTERVIEWER_HOME" in line), line
    assert "unexpected" not in line
