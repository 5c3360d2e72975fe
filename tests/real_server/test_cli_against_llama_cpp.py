"""The CLI against llama-cpp-python's real server and a real (tiny, weak) model.

SmolLM2-135M cannot interview well; the point is the protocol and a real server's failure modes:
a 500 for json_schema, one slot that a second request interrupts, replies that run to the context
limit, a 4,096-token window. Every command must end with exit 0, store only valid critiques
(graded, or honestly `ungraded` with a flag), and show the candidate nothing private.
"""

import json
import re
import time

import pytest

from interviewer.contract import Critique
from tests.practice_helpers import STRONG, VAGUE, blocks, events_of, only_session, run

PRIVATE_MARKERS = ("<<<", "[Note to you", "<<SYS>>", "[INST]", "<|", "Your private plan")
LONGEST_TURN = 2000  # characters: a capped reply of a few hundred tokens, not a runaway
QUESTION = "Why should we pick you over the other finalists?"


@pytest.fixture(autouse=True)
def patient_client(real_env, monkeypatch):
    """A 2-core CPU model is slow: give each reply time, as a user of such a server would."""
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "180")
    return real_env


def assert_valid_critique(data: dict) -> Critique:
    critique = Critique.model_validate(data)
    if critique.verdict == "ungraded":
        assert critique.overall is None and critique.flags, data
    else:
        assert critique.overall is not None, data
    return critique


def assert_nothing_private(text: str) -> None:
    for marker in PRIVATE_MARKERS:
        assert marker not in text, f"{marker!r} shown to the candidate:\n{text}"


def executive_turns(log) -> list[str]:
    kinds = ("opening", "question", "follow_up", "closing", "executive_reply", "farewell")
    return [e["text"] for e in log.events if e["type"] in kinds and e.get("text")]


def test_critique_of_one_answer_exits_0_with_a_valid_critique(real_env):
    started = time.monotonic()
    result = run("critique", "-q", QUESTION, "--answer", STRONG, "--format", "json")
    assert result.exit_code == 0, result.output
    assert_valid_critique(json.loads(result.stdout))
    print(f"critique: {time.monotonic() - started:.1f} s")


def test_a_batch_exits_0_and_every_line_is_a_valid_critique(real_env, tmp_path):
    items = [
        {"id": "strong", "question": QUESTION, "answer": STRONG},
        {"id": "vague", "question": QUESTION, "answer": VAGUE},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    result = run("critique", "--input", str(path), "--jobs", "2")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("id") for line in lines] == ["strong", "vague"]
    critiques = []
    for line in lines:
        assert "error" not in line, line
        critiques.append(assert_valid_critique({k: v for k, v in line.items() if k != "id"}))
    if all(critique.verdict == "ungraded" for critique in critiques):  # the tiny model, mostly
        assert result.exit_code == 1 and "could be graded" in result.stderr, result.output
    else:
        assert result.exit_code == 0, result.output


def test_a_two_question_practice_runs_to_its_report(real_env):
    answers = blocks(STRONG, VAGUE, "no")
    result = run("practice", "-n", "2", "--max-follow-ups", "0", input=answers)
    assert result.exit_code == 0, result.output
    log = only_session()
    assert events_of(log, "report"), "no report"
    critiques = [e["critique"] for e in events_of(log, "critique")]
    assert len(critiques) == 2
    for critique in critiques:
        assert_valid_critique(critique)
    assert_nothing_private(result.stdout)
    for turn in executive_turns(log):
        assert_nothing_private(turn)
        assert len(turn) <= LONGEST_TURN, turn


def test_a_paused_session_resumes_to_its_report(real_env):
    first = run("practice", "-n", "1", "--max-follow-ups", "0", input=blocks("/pause"))
    assert first.exit_code == 0, first.output
    session_id = only_session().session_id
    assert events_of(only_session(), "paused")
    resumed = run("resume", session_id, input=blocks(STRONG, "no"))
    assert resumed.exit_code == 0, resumed.output
    log = only_session()
    assert events_of(log, "report")
    (critique,) = [e["critique"] for e in events_of(log, "critique")]
    assert_valid_critique(critique)
    assert_nothing_private(first.stdout + resumed.stdout)
    assert not re.search(r"connection .*dropped", resumed.output)
