"""A fresh user's review of the report side, each problem reproduced through the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.practice_helpers import blocks, events_of, only_session, run

SALES = str(Path(__file__).resolve().parent.parent / "examples" / "sales-manager.toml")
ONE_SENTENCE = "At Acme I closed a EUR 300k enterprise deal in 2024"


def _quit_after_one_answer() -> dict:
    result = run("practice", "-p", SALES, "--seed", "5", input=blocks(ONE_SENTENCE) + "/quit\n")
    assert result.exit_code == 0, result.output
    report = run("report", only_session().session_id, "--format", "json")
    return json.loads(report.stdout)


def test_one_good_answer_then_quit_is_not_enough_to_advance():
    report = _quit_after_one_answer()
    assert report["overall"] is not None  # it was graded, and well enough on its own
    assert report["memo"]["advance"] is False
    assert "can't make the call yet" in report["memo"]["headline"]
    assert any("Only 1 of your answers was graded" in r for r in report["memo"]["reasons"])


def test_a_question_left_unanswered_is_not_called_ungraded():
    answers = blocks(ONE_SENTENCE, "I led it myself over six months.")  # then input ends
    assert run("practice", "-p", SALES, "--seed", "5", input=answers).exit_code == 0
    report = run("report", only_session().session_id, "--format", "json")
    notes = json.loads(report.stdout)["notes"]
    assert "Question 2: asked but not answered." in notes
    assert not any("could not be graded" in note for note in notes)


def test_a_session_ended_by_piped_input_lists_as_quit():
    result = run("practice", "-p", SALES, "--seed", "5", input=blocks(ONE_SENTENCE))
    assert result.exit_code == 0, result.output
    assert events_of(only_session(), "ended")[0]["reason"] == "input_ended"
    listing = run("sessions").stdout
    assert "quit" in listing.splitlines()[-1]
    assert "interrupted" not in listing


def test_sessions_into_a_closed_pipe_exits_quietly():
    run("practice", "-p", SALES, "--seed", "5", input=blocks(ONE_SENTENCE))
    command = [sys.executable, "-m", "interviewer", "sessions"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ)
    )
    process.stdout.close()  # the reader went away before anything was written, as `| head` can
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 141
    assert error == b""


LEAK = (
    "A friend of mine in your finance team showed me the internal forecast, so I know the "
    "targets for next year and I built my plan around them."
)


def test_inside_information_is_the_first_fix_and_its_advice_names_the_leak():
    answers = blocks(LEAK, ONE_SENTENCE, ONE_SENTENCE, ONE_SENTENCE) + "/quit\n"
    result = run("practice", "-p", SALES, "--seed", "5", "--max-follow-ups", "0", input=answers)
    assert result.exit_code == 0, result.output
    report = json.loads(run("report", only_session().session_id, "--format", "json").stdout)
    first = report["fixes"][0]
    assert first["criterion"] == "honest_preparation"
    assert "not yours to see" in first["note"]
    assert "HR and your contacts can share openly" in first["note"]
