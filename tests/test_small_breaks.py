"""The small breaks from the hardening issue, each reproduced through the real CLI: invalid UTF-8 on
stdin, the umask of `report -o`, and a profile nested too deeply for the TOML parser."""

import os
import stat
import subprocess
import sys

import pytest

from tests.practice_helpers import STRONG, only_session, run


def interviewer(*args: str, home, stdin: bytes = b"", umask: int | None = None):
    """The installed CLI in a child process (so stdin is real bytes and the umask is its own)."""
    command = [sys.executable, "-m", "interviewer", *args]
    if umask is not None:  # set by the shell, not preexec_fn: forking a threaded test is unsafe
        command = ["sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *command]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        env={**os.environ, "INTERVIEWER_HOME": str(home)},
        timeout=120,
    )


def test_invalid_utf8_on_stdin_keeps_the_answer_and_warns_once(isolated_home):
    answer = b"At Acme I led the \xff\xfe migration myself in 2023; costs fell 22%."
    result = interviewer(
        "practice", "-n", "2", home=isolated_home, stdin=answer + b"\n\n\xc3(\n\n/quit\n"
    )
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr and stderr.count("not UTF-8") == 1
    texts = [e["text"] for e in only_session().events if e["type"] == "answer"]
    assert texts[0] == "At Acme I led the \ufffd\ufffd migration myself in 2023; costs fell 22%."


@pytest.mark.parametrize("umask, expected", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_report_output_respects_the_umask(isolated_home, tmp_path, umask, expected):
    assert run("practice", "-n", "1", input=f"{STRONG}\n\nno\n\n").exit_code == 0
    out = tmp_path / f"report-{umask:o}.md"
    result = interviewer(
        "report", only_session().session_id, "-o", str(out), home=isolated_home, umask=umask
    )
    assert result.returncode == 0, result.stderr.decode()
    assert stat.S_IMODE(out.stat().st_mode) == expected


@pytest.mark.parametrize(
    "toml",
    ["role = " + "[" * 5000 + "]" * 5000, "role = " + "{a=" * 5000 + "1" + "}" * 5000],
)
def test_a_deeply_nested_profile_is_one_line_exit_2(tmp_path, toml):
    profile = tmp_path / "deep.toml"
    profile.write_text(toml)
    for command in (
        ["practice", "-p", str(profile)],
        ["critique", "-p", str(profile), "-q", "Q", "-a", STRONG],
    ):
        result = run(*command, input="")
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "RecursionError" not in result.output
        assert result.stderr.count("\n") == 1 and "nested too deeply" in result.stderr
