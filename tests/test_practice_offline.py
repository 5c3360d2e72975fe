"""Whole offline interviews, driven through the CLI with scripted input."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from interviewer.grading.analysis import analyze, answer_gaps
from tests.practice_helpers import STRONG, VAGUE, blocks, events_of, only_session, run

PROFILE = str(Path(__file__).parent.parent / "examples" / "platform-director.toml")
ROOT = Path(__file__).parent.parent


def test_a_full_offline_interview_ends_with_a_report():
    answers = [STRONG] * 5 + [
        "What does success look like in the first six months?",
        "No, that's all.",
    ]
    args = ("practice", "--profile", PROFILE, "--seed", "3", "--max-follow-ups", "0")
    result = run(*args, input=blocks(*answers))
    assert result.exit_code == 0, result.output
    assert "offline executive" in result.stderr
    log = only_session()
    kinds = [e["type"] for e in log.events]
    assert kinds[:3] == ["session_started", "plan", "opening"]
    assert len(events_of(log, "question")) == 5
    assert len(events_of(log, "critique")) == 5
    assert events_of(log, "executive_reply") and events_of(log, "farewell")
    assert kinds[-2:] == ["report", "ended"]
    report = events_of(log, "report")[0]["report"]
    assert report["overall"] is not None and report["memo"]["headline"]
    assert report["memo"]["headline"] in result.stdout
    assert f"interviewer report {log.session_id} --format" in result.stdout  # the full one


def test_the_plan_is_logged_but_never_shown():
    result = run(
        "practice",
        "--profile",
        PROFILE,
        "--seed",
        "3",
        "--questions",
        "2",
        input=blocks(STRONG, STRONG),
    )
    plan = events_of(only_session(), "plan")[0]["questions"]
    assert len(plan) == 2
    for planned in plan:
        assert planned["aim"] not in result.output


def test_follow_up_after_a_vague_answer_and_not_after_a_strong_one():
    run("practice", "--profile", PROFILE, "--seed", "3", "--questions", "1", input=blocks(VAGUE))
    log = only_session()
    follow_ups = events_of(log, "follow_up")
    assert follow_ups, "a vague answer must be probed"
    assert follow_ups[0]["gap"] in answer_gaps(
        analyze(VAGUE, question=events_of(log, "question")[0]["text"])
    )


def test_no_follow_up_after_a_strong_answer(tmp_path):
    args = ("practice", "--profile", PROFILE, "--seed", "3", "--questions", "1", "--pause-on-eof")
    first = run(*args, input="")
    log = only_session()
    question = events_of(log, "question")[0]["text"]
    assert "Continue with: interviewer resume" in first.stderr
    strong = f"On '{question}': {STRONG}"
    assert answer_gaps(analyze(strong, question=question)) == []
    run("resume", log.session_id, input=blocks(strong, "no"))
    log = only_session()
    assert events_of(log, "follow_up") == []
    assert events_of(log, "ended")[0]["reason"] == "finished"


def test_follow_ups_are_capped_per_question():
    run(
        "practice",
        "--seed",
        "1",
        "--questions",
        "1",
        "--max-follow-ups",
        "1",
        input=blocks(VAGUE, VAGUE, VAGUE),
    )
    assert len(events_of(only_session(), "follow_up")) == 1


def test_every_executive_turn_holds_at_most_one_question():
    run("practice", "--profile", PROFILE, "--seed", "5", input=blocks(*[VAGUE] * 15))
    for event in only_session().events:
        if event["type"] in (
            "question",
            "follow_up",
            "opening",
            "tone_shift",
            "farewell",
            "executive_reply",
        ):
            assert event["text"].count("?") <= 1, event


def test_quit_mid_interview_keeps_every_answer_and_reports_them():
    answers = [STRONG, "I led the budget review myself and cut costs by 12% in 2022.", "/quit"]
    result = run(
        "practice",
        "--profile",
        PROFILE,
        "--seed",
        "2",
        "--max-follow-ups",
        "0",
        input=blocks(*answers),
    )
    assert result.exit_code == 0
    log = only_session()
    said = [e["text"] for e in events_of(log, "answer")]
    assert said == answers[:2]
    assert events_of(log, "ended")[0]["reason"] == "quit"
    report = events_of(log, "report")[0]["report"]
    assert [q["index"] for q in report["questions"] if q["critique"]] == [1, 2]


def test_skip_repeat_and_help_commands():
    answers = ["/help", "/repeat", "/skip", STRONG, "no"]
    result = run(
        "practice",
        "--seed",
        "4",
        "--questions",
        "2",
        "--max-follow-ups",
        "0",
        input=blocks(*answers),
    )
    log = only_session()
    first_question = events_of(log, "question")[0]["text"]
    assert result.stdout.count(f"Executive: {first_question}") == 2  # asked, then repeated
    assert "/pause" in result.stderr  # the help text
    assert events_of(log, "skipped")[0]["index"] == 1
    report = events_of(log, "report")[0]["report"]
    assert report["questions"][0]["skipped"] is True


def test_pause_then_resume_loses_nothing_and_repeats_nothing():
    run(
        "practice",
        "--seed",
        "6",
        "--questions",
        "3",
        "--max-follow-ups",
        "0",
        input=blocks(STRONG, "/pause"),
    )
    log = only_session()
    assert events_of(log, "paused")[0]["reason"] == "paused"
    result = run("resume", log.session_id, input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    log = only_session()
    questions = events_of(log, "question")
    assert [q["index"] for q in questions] == [1, 2, 3]
    assert [a["index"] for a in events_of(log, "answer")] == [1, 2, 3]
    assert events_of(log, "ended")[0]["reason"] == "finished"


def _practice_process(home: Path, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """A real `interviewer practice` process, three questions, fed through a pipe."""
    env = {**os.environ, "INTERVIEWER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "interviewer",
        "practice",
        "--seed",
        "8",
        "--questions",
        "3",
        "--max-follow-ups",
        "0",
    ]
    return subprocess.Popen(
        command, env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr
    )


def test_resume_after_the_process_is_killed(isolated_home):
    """SIGKILL mid-interview: on resume nothing said is lost and no answered question comes back."""
    with _practice_process(isolated_home) as process:
        process.stdin.write(blocks(STRONG, STRONG))
        process.stdin.flush()
        _wait_for_event(isolated_home, lambda log: len(events_of(log, "question")) == 3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    log = only_session()
    assert [a["index"] for a in events_of(log, "answer")] == [1, 2]
    result = run("resume", log.session_id, input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    log = only_session()
    answers = events_of(log, "answer")
    assert [a["index"] for a in answers] == [1, 2, 3]
    asked = [q["index"] for q in events_of(log, "question")]
    assert asked == [1, 2, 3]  # question 3 was asked once, shown again on resume, never re-logged
    assert len(events_of(log, "critique")) == 3


def _wait_for_event(home: Path, ready, timeout: float = 20.0) -> None:
    from interviewer.session.log import list_sessions, load_transcript

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sessions = list_sessions()
        if sessions and ready(load_transcript(sessions[0].session_id)):
            return
        time.sleep(0.05)
    raise AssertionError("the interview never reached the expected point")


def test_tone_shift_relaxes_the_register_midway():
    run(
        "practice",
        "--seed",
        "9",
        "--questions",
        "4",
        "--tone",
        "shift",
        "--max-follow-ups",
        "0",
        input=blocks(*[STRONG] * 4, "no"),
    )
    log = only_session()
    assert len(events_of(log, "tone_shift")) == 1
    registers = [q["register"] for q in events_of(log, "question")]
    assert registers == ["formal", "formal", "relaxed", "relaxed"]
    critiques = [e["critique"] for e in events_of(log, "critique")]
    assert all(c["criteria"][6]["id"] == "follows_lead" for c in critiques)
    assert all(c["criteria"][6]["score"] is not None for c in critiques)


def test_report_renders_in_all_three_formats_and_sessions_lists_it():
    run(
        "practice",
        "--profile",
        PROFILE,
        "--seed",
        "3",
        "--questions",
        "2",
        "--max-follow-ups",
        "0",
        input=blocks(STRONG, STRONG, "no"),
    )
    session_id = only_session().session_id
    markdown = run("report", session_id)
    html = run("report", session_id, "--format", "html")
    data = json.loads(run("report", session_id, "--format", "json").stdout)
    assert markdown.exit_code == html.exit_code == 0
    assert "Director of Platform Engineering" in markdown.stdout
    assert html.stdout.lstrip().lower().startswith("<!doctype html>")
    assert data["session_id"] == session_id and len(data["questions"]) == 2
    listing = run("sessions").stdout
    assert session_id in listing and "Northwind Freight" in listing and "finished" in listing


def test_unknown_session_is_one_clear_line():
    result = run("report", "nope")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "interviewer sessions" in result.stderr


def test_ctrl_c_saves_everything_and_exits_130(isolated_home):
    with _practice_process(isolated_home, stderr=subprocess.PIPE) as process:
        process.stdin.write(blocks(STRONG))
        process.stdin.flush()
        _wait_for_event(isolated_home, lambda log: len(events_of(log, "question")) == 2)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "interviewer resume" in err and "Traceback" not in err
    log = only_session()
    assert events_of(log, "answer")[0]["text"] == STRONG
    assert events_of(log, "paused")[0]["reason"] == "interrupted"


def test_edit_takes_the_answer_from_the_editor(tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text({STRONG!r} + '\\n\\nA second paragraph.\\n' + p.read_text())\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    run(
        "practice",
        "--seed",
        "2",
        "--questions",
        "1",
        "--max-follow-ups",
        "0",
        input=blocks("/edit", "no"),
    )
    answer = events_of(only_session(), "answer")[0]["text"]
    assert answer == STRONG + "\n\nA second paragraph."


def test_resume_ignores_a_torn_last_line_with_a_notice():
    args = ("practice", "--seed", "6", "--questions", "2", "--max-follow-ups", "0")
    run(*args, "--pause-on-eof", input=blocks(STRONG))
    log = only_session()
    with open(log.path, "a", encoding="utf-8") as handle:
        handle.write('{"type": "answer", "index": 2, "kind": "ma')  # the process died mid-write
    result = run("resume", log.session_id, input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert "torn" in result.stderr
    assert [a["index"] for a in events_of(only_session(), "answer")] == [1, 2]


def test_a_corrupt_log_is_reported_and_never_overwritten():
    run(
        "practice", "--seed", "6", "--questions", "2", "--max-follow-ups", "0", input=blocks(STRONG)
    )
    path = only_session().path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "this is not json\n"
    path.write_text("".join(lines), encoding="utf-8")
    before = path.read_bytes()
    for command in (["resume", path.stem], ["report", path.stem]):
        result = run(*command, input=blocks(STRONG))
        assert result.exit_code != 0
        assert "line 3" in result.stderr and result.stderr.count("\n") == 1
    assert path.read_bytes() == before
    assert "corrupt" in run("sessions").stdout
