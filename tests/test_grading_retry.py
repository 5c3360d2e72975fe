"""Transient failures stay transient: a critique lost to a dropped connection is graded again on
`resume` once the server on 127.0.0.1 is healthy; only a reply that was invalid twice stays ungraded."""

import pytest

from tests.fake_llm_brain import Brain
from tests.llm_server import Reply
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run


def is_grading(body: dict) -> bool:
    return body["messages"][0]["content"].startswith("You assess answers")


@pytest.fixture
def flaky(llm_env):
    """A server whose grading requests fail (as `mode` says) until `healthy` is set."""
    brain = Brain()
    state = {"healthy": False, "mode": "drop"}

    def respond(body: dict) -> Reply:
        if is_grading(body) and not state["healthy"]:
            if state["mode"] == "drop":
                return Reply.dropped()
            return Reply.text("I would rather not grade this in JSON.")
        return brain(body)

    llm_env.responder = respond
    return state


def critiques(session_id: str) -> list[dict]:
    return [e for e in events_of(only_session(), "critique")]


def test_a_dropped_grading_call_is_retried_on_resume_and_the_report_says_how(flaky):
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert "interviewer resume" in result.stderr and "could not be graded" in result.stderr
    session_id = only_session().session_id
    first = critiques(session_id)
    assert [c["critique"]["verdict"] for c in first] == ["ungraded", "ungraded"]
    assert all(c.get("retryable") for c in first)
    report = run("report", session_id)
    assert f"interviewer resume {session_id}" in report.stdout, report.stdout

    flaky["healthy"] = True
    resumed = run("resume", session_id)
    assert resumed.exit_code == 0, resumed.output
    latest = {c["index"]: c for c in critiques(session_id)}
    assert [latest[i]["critique"]["verdict"] for i in (1, 2)] != ["ungraded", "ungraded"]
    assert not any(c.get("retryable") for c in latest.values())
    final = run("report", session_id, "--format", "json")
    assert "could not be graded because the model endpoint failed" not in final.stdout
    again = run("resume", session_id)
    assert again.exit_code != 0 and "already over" in again.stderr


def test_a_reply_invalid_twice_stays_ungraded_and_is_not_retried(flaky):
    flaky["mode"] = "prose"
    result = run("practice", "--questions", "1", input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    session_id = only_session().session_id
    (critique,) = critiques(session_id)
    assert critique["critique"]["verdict"] == "ungraded" and not critique.get("retryable")
    flaky["healthy"] = True
    again = run("resume", session_id)
    assert again.exit_code != 0 and "already over" in again.stderr
