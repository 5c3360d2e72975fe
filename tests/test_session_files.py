"""One writer per session, no symlinks followed, the path given is the path written, and an empty log
is explained rather than a crash. Each case runs the real CLI against real files."""

import os
import shutil
import subprocess
import sys

from interviewer.session.log import list_sessions, load_transcript, session_path
from tests.practice_helpers import STRONG, blocks, run


def paused_session() -> str:
    result = run("practice", "-n", "3", "--max-follow-ups", "0", input=blocks(STRONG, "/pause"))
    assert result.exit_code == 0, result.output
    (session,) = list_sessions()
    return session.session_id


def one_error_line(result, *, exit_code: int | None = None) -> str:
    assert result.exit_code != 0, result.output
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_a_second_resume_of_the_same_session_is_refused_and_appends_nothing(isolated_home):
    session_id = paused_session()
    first = subprocess.Popen(
        [sys.executable, "-m", "interviewer", "resume", session_id],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "INTERVIEWER_HOME": str(isolated_home)},
        text=True,
    )
    try:
        assert first.stderr.readline().startswith(f"Session {session_id}")  # it holds the log now
        before = session_path(session_id).read_bytes()
        second = run("resume", session_id, input=blocks(STRONG, STRONG, STRONG, ""))
        line = one_error_line(second)
        assert "open in another interviewer process" in line, line
        assert session_path(session_id).read_bytes() == before
        first.communicate(blocks("/pause"), timeout=60)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == 0
    kinds = [e["type"] for e in load_transcript(session_id).events]
    assert kinds.count("resumed") == 1 and kinds.count("answer") == 1


def test_a_session_log_that_is_a_symlink_is_never_followed(tmp_path):
    session_id = paused_session()
    path = session_path(session_id)
    target = tmp_path / "elsewhere.jsonl"
    shutil.move(path, target)
    path.symlink_to(target)
    before = target.read_bytes()
    for command in (["resume", session_id], ["report", session_id]):
        line = one_error_line(run(*command, input=blocks(STRONG)))
        assert "symbolic link" in line, line
    assert target.read_bytes() == before
    assert [s.status for s in list_sessions()] == ["corrupt"]


def test_resume_of_a_path_appends_to_that_very_file(tmp_path):
    session_id = paused_session()
    original = session_path(session_id)
    copy = tmp_path / "copy" / f"{session_id}.jsonl"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    before = original.read_bytes()
    result = run("resume", str(copy), input=blocks(STRONG, STRONG, ""))
    assert result.exit_code == 0, result.output
    assert original.read_bytes() == before
    kinds = [e["type"] for e in load_transcript(copy).events]
    assert kinds.count("answer") == 3 and kinds[-1] == "ended"


def test_an_empty_log_is_listed_and_explained_not_a_crash():
    session_path("20261127-120000-abcd").parent.mkdir(parents=True)
    session_path("20261127-120000-abcd").write_bytes(b"")
    listing = run("sessions")
    assert listing.exit_code == 0, listing.output
    assert "20261127-120000-abcd" in listing.stdout and "empty" in listing.stdout
    line = one_error_line(run("resume", "20261127-120000-abcd", input=blocks(STRONG)))
    assert "never started" in line and "interviewer practice" in line, line
    one_error_line(run("report", "20261127-120000-abcd"))
    assert session_path("20261127-120000-abcd").read_bytes() == b""


def test_a_short_write_then_an_io_error_is_rolled_back_and_blocks_later_appends(monkeypatch):
    """EIO after half a line (os.write patched: the kernel would do this on a failing disk)."""
    import errno

    import pytest

    from interviewer.errors import TranscriptError
    from interviewer.session import log
    from interviewer.session.log import TranscriptWriter, new_session_id

    session_id = new_session_id()
    writer = TranscriptWriter.create(session_id)
    writer.append("session_started", session_id=session_id, profile={})
    good = session_path(session_id).read_bytes()
    real_write, calls = os.write, []

    def failing_write(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))  # a short write
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(log.os, "write", failing_write)
    with pytest.raises(TranscriptError, match="Input/output error"):
        writer.append("answer", index=1, kind="main", text="half of me " * 50)
    monkeypatch.setattr(log.os, "write", real_write)
    assert session_path(session_id).read_bytes() == good
    with pytest.raises(TranscriptError, match="Input/output error"):
        writer.append("paused", reason="x")  # never joins a line after a failure
    writer.close()
    assert session_path(session_id).read_bytes() == good
    assert load_transcript(session_id).notices == []
