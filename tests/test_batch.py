"""`interviewer critique --input FILE`: one JSON line per item, in order, with failures kept to their item."""

import json
import re
import threading
import time
import warnings
from pathlib import Path

import pytest

from interviewer.guidance import CRITERION_IDS
from tests.llm_server import Reply
from tests.practice_helpers import CRITIQUE_KEYS, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
QUESTION = "Why should we pick you over the other finalists?"
FENCED_ANSWER = re.compile(r"<<<BEGIN ANSWER (\w+)>>>\n(.*?)\n<<<END ANSWER \1>>>", re.S)
CONTRACT_KEYS = ["id", *CRITIQUE_KEYS]


def answer_about(topic: str) -> str:
    return (
        f"At Lumen Retail in 2023 I personally led the {topic} work for the platform team. "
        "I set the plan, ran the weekly review myself, and the AWS bill fell 22% in two quarters."
    )


def item(item_id=..., *, answer: str, question: str = QUESTION) -> str:
    data = {} if item_id is ... else {"id": item_id}
    return json.dumps({**data, "question": question, "answer": answer})


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def batch(*args: str, input: str = ""):
    return run("critique", "--input", *args, input=input)


def assert_full_critique(result: dict) -> None:
    assert list(result) == CONTRACT_KEYS
    assert [c["id"] for c in result["criteria"]] == list(CRITERION_IDS)
    assert result["verdict"] in ("strong", "adequate", "weak", "insufficient")


# -- offline --------------------------------------------------------------------------------------


def test_one_line_per_item_in_input_order_with_each_id(tmp_path):
    lines = [
        item("first", answer=answer_about("cost")),
        "",
        item(2, answer=answer_about("reliability")),
        "   ",
        item(answer=answer_about("migration")),
        item("last", answer="I don't know."),
    ]
    result = batch(str(write_lines(tmp_path / "in.jsonl", lines)))
    assert result.exit_code == 0, result.output
    results = json_lines(result.stdout)
    assert [r["id"] for r in results] == ["first", 2, None, "last"]
    for r in results:
        assert_full_critique(r)
    assert [r["answer"] for r in results] == [
        json.loads(line)["answer"] for line in lines if line.strip()
    ]
    assert results[-1]["verdict"] == "insufficient"


BAD_LINES = {
    "not-json": ('{"id": 1, "question": "Why?"', "not valid JSON"),
    "not-an-object": ('["a list", "of things"]', "JSON object"),
    "no-answer": ('{"id": "no-answer", "question": "Why you?"}', '"answer"'),
    "wrong-type": ('{"id": "wrong-type", "question": "Why you?", "answer": 42}', '"answer"'),
    "unknown-key": (
        '{"id": "unknown-key", "question": "Why you?", "answer": "I led it.", "mood": "calm"}',
        "mood",
    ),
}


def _mixed_input(tmp_path: Path) -> tuple[Path, list[str]]:
    """Good items around every kind of bad line; returns the file and the raw lines."""
    lines = [item("good-1", answer=answer_about("cost"))]
    for bad, _words in BAD_LINES.values():
        lines.append(bad)
    lines.append(item("good-2", answer=answer_about("reliability")))
    return write_lines(tmp_path / "mixed.jsonl", lines), lines


def test_bad_lines_become_error_lines_while_the_rest_complete(tmp_path):
    path, lines = _mixed_input(tmp_path)
    result = batch(str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    results = json_lines(result.stdout)
    assert len(results) == len(lines)
    assert_full_critique(results[0])
    assert_full_critique(results[-1])
    assert [results[0]["id"], results[-1]["id"]] == ["good-1", "good-2"]
    for number, (result_line, (_bad, words)) in enumerate(
        zip(results[1:-1], BAD_LINES.values(), strict=True), start=2
    ):
        assert list(result_line) == ["id", "line", "error"]
        assert result_line["line"] == number
        assert words in result_line["error"]
    assert [r["id"] for r in results[1:-1]] == [
        None,
        None,
        "no-answer",
        "wrong-type",
        "unknown-key",
    ]


def test_stderr_says_how_many_items_failed(tmp_path):
    path, _lines = _mixed_input(tmp_path)
    result = batch(str(path))
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and f"{len(BAD_LINES)} of {len(BAD_LINES) + 2}" in last


def test_a_clean_run_exits_zero_and_says_no_error(tmp_path):
    lines = [item(n, answer=answer_about(topic)) for n, topic in enumerate(["cost", "uptime"])]
    result = batch(str(write_lines(tmp_path / "in.jsonl", lines)))
    assert result.exit_code == 0
    assert "Error" not in result.stderr


def test_dash_reads_the_items_from_stdin(tmp_path):
    lines = [item("a", answer=answer_about("cost")), item("b", answer=answer_about("hiring"))]
    from_stdin = batch("-", input="\n".join(lines) + "\n")
    from_file = batch(str(write_lines(tmp_path / "in.jsonl", lines)))
    assert from_stdin.exit_code == 0, from_stdin.output
    assert json_lines(from_stdin.stdout) == json_lines(from_file.stdout)
    assert [r["id"] for r in json_lines(from_stdin.stdout)] == ["a", "b"]


def test_output_writes_the_file_and_leaves_stdout_clean(tmp_path):
    lines = [item("a", answer=answer_about("cost")), item("b", answer=answer_about("hiring"))]
    path = write_lines(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out" / "critiques.jsonl"
    out.parent.mkdir()
    result = batch(str(path), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ""
    written = json_lines(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in written] == ["a", "b"]
    assert written == json_lines(batch(str(path)).stdout)


def test_progress_goes_to_stderr_never_stdout(tmp_path):
    lines = [item(n, answer=answer_about("cost")) for n in range(3)]
    result = batch(str(write_lines(tmp_path / "in.jsonl", lines)))
    assert "critiquing" in result.stderr
    assert "critiquing" not in result.stdout
    assert all(line.startswith("{") for line in result.stdout.splitlines())


def test_jobs_do_not_change_the_output(tmp_path):
    topics = ["cost", "uptime", "hiring", "migration", "budget", "on-call", "security", "tests"]
    lines = [item(f"item-{n}", answer=answer_about(t)) for n, t in enumerate(topics)]
    lines.append(item("vague", answer="I'm a hard worker and a team player with passion."))
    path = write_lines(tmp_path / "in.jsonl", lines)
    serial = batch(str(path), "--jobs", "1")
    parallel = batch(str(path), "--jobs", "8")
    assert serial.exit_code == parallel.exit_code == 0
    assert serial.stdout == parallel.stdout
    assert len(json_lines(serial.stdout)) == len(lines)


@pytest.mark.parametrize(
    "extra",
    [["--question", QUESTION], ["--answer", "I led it."], ["-"], ["--format", "json"]],
    ids=["question", "answer", "stdin-marker", "format"],
)
def test_input_cannot_be_combined_with_a_single_answer(tmp_path, extra):
    path = write_lines(tmp_path / "in.jsonl", [item("a", answer=answer_about("cost"))])
    result = batch(str(path), *extra)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "Traceback" not in result.output and result.stdout == ""


def test_a_missing_input_file_is_one_line(tmp_path):
    result = batch(str(tmp_path / "nowhere.jsonl"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file" in lines[0]


def test_the_example_file_runs_through_cleanly():
    source = EXAMPLES / "answers.jsonl"
    result = batch(str(source))
    assert result.exit_code == 0, result.output
    results = json_lines(result.stdout)
    expected_ids = [json.loads(line)["id"] for line in source.read_text().splitlines() if line]
    assert [r["id"] for r in results] == expected_ids and len(results) == 4
    for r in results:
        assert_full_critique(r)
    assert [r["verdict"] for r in results].count("insufficient") == 1


# -- the stdio bug, pinned ------------------------------------------------------------------------


def _with_warnings_as_errors(*args: str, input: str = ""):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return batch(*args, input=input)


def test_batch_to_stdout_uses_no_deprecated_click_api(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [item("a", answer=answer_about("cost"))])
    result = _with_warnings_as_errors(str(path))
    assert result.exit_code == 0, result.output


def test_batch_from_stdin_uses_no_deprecated_click_api(tmp_path):
    out = tmp_path / "out.jsonl"
    result = _with_warnings_as_errors(
        "-", "--output", str(out), input=item("a", answer=answer_about("cost")) + "\n"
    )
    assert result.exit_code == 0, result.output


# -- against the scripted server ------------------------------------------------------------------


class ConcurrentGrader:
    """Grades every answer 'strong' by quoting its first sentence, fails the one that says EXPLODE,
    and records how many requests were being answered at the same time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self.peak = 0

    def __call__(self, body: dict) -> Reply:
        with self._lock:
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
        try:
            time.sleep(0.15)  # hold the request open so overlapping ones can be seen
            return self._reply(body)
        finally:
            with self._lock:
                self._in_flight -= 1

    @staticmethod
    def _reply(body: dict) -> Reply:
        answer = FENCED_ANSWER.search(body["messages"][-1]["content"]).group(2)
        if "EXPLODE" in answer:
            return Reply.failure(500, "kaboom", headers={"retry-after-ms": "1"})
        quote = answer.split(". ")[0]
        return Reply.json(strong_grade(quote))


def strong_grade(quote: str) -> dict:
    criteria = [
        {
            "id": cid,
            "score": 4 if cid == "experience_evidence" else None,
            "evidence": [quote] if cid == "experience_evidence" else [],
            "comment": f"comment on {cid}",
            "suggestion": f"suggestion for {cid}",
        }
        for cid in CRITERION_IDS
    ]
    return {
        "criteria": criteria,
        "strengths": ["Concrete and owned"],
        "improvements": ["Open with the result"],
        "improved_answer": None,
        "verdict": "strong",
    }


def test_a_server_error_costs_only_its_own_item_and_requests_overlap(
    llm_env, tmp_path, monkeypatch
):
    monkeypatch.setenv("INTERVIEWER_PARALLEL_REQUESTS", "4")  # a server with several slots
    grader = ConcurrentGrader()
    llm_env.responder = grader
    topics = ["cost", "uptime", "EXPLODE", "hiring", "migration", "budget"]
    lines = [item(f"item-{n}", answer=answer_about(t)) for n, t in enumerate(topics)]
    result = batch(str(write_lines(tmp_path / "in.jsonl", lines)), "--jobs", "4")
    assert result.exit_code == 1
    results = json_lines(result.stdout)
    assert [r["id"] for r in results] == [f"item-{n}" for n in range(6)]
    failed = results[2]
    assert list(failed) == ["id", "line", "error"] and failed["line"] == 3
    assert "500" in failed["error"]
    for r in results[:2] + results[3:]:
        assert_full_critique(r)
        assert r["verdict"] == "strong" and r["grader"]["backend"] == "openai"
        evidence = next(c for c in r["criteria"] if c["id"] == "experience_evidence")
        assert evidence["score"] == 4 and evidence["evidence"][0] in r["answer"]
    assert "1 of 6" in result.stderr
    assert "sk-test-secret-0000" not in result.output
    assert grader.peak > 1


def test_a_local_server_gets_one_request_at_a_time_whatever_the_jobs(llm_env, tmp_path):
    """A one-slot local server (llama.cpp's default) would cut a running reply short."""
    grader = ConcurrentGrader()
    llm_env.responder = grader
    lines = [item(f"item-{n}", answer=answer_about(t)) for n, t in enumerate(["cost", "uptime"])]
    result = batch(str(write_lines(tmp_path / "in.jsonl", lines)), "--jobs", "4")
    assert result.exit_code == 0, result.output
    assert [r["verdict"] for r in json_lines(result.stdout)] == ["strong", "strong"]
    assert grader.peak == 1
