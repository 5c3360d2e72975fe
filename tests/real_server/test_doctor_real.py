"""`interviewer doctor` against llama-cpp-python's real server: the table must say what is true of it.

What is true was established by hand against this server (0.3.36, SmolLM2-135M, --n_ctx 4096): it
refuses json_schema with HTTP 500 and takes json_object, names its window only in an overflow error,
streams, and cuts a running stream when a second request arrives.
"""

import pytest

from tests.practice_helpers import run
from tests.real_server.server import CONTEXT_TOKENS
from tests.test_doctor import lines


@pytest.fixture(autouse=True)
def patient_client(real_env, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "180")
    return real_env


def test_doctor_prints_an_accurate_table_for_the_real_server(real_env):
    result = run("doctor")
    print(result.output)
    rows = lines(result.output)
    assert rows["endpoint"][0] == "ok"
    assert rows["model"] == ("ok", f"'{real_env.model}' is served")
    assert rows["structured output"][0] == "ok"
    assert rows["structured output"][1].startswith("json_object works, json_schema is refused")
    assert rows["context window"] == (
        "ok",
        f"{CONTEXT_TOKENS} tokens (llama-cpp-python overflow error); "
        f"the tool plans for {CONTEXT_TOKENS}",
    )
    assert rows["streaming"][0] == "ok"
    assert rows["second request"][1].startswith("a second request cuts a running stream")
    assert rows["speed"][0] in ("ok", "warn")
    assert result.exit_code == 0, result.output


def test_doctor_names_the_problem_when_two_requests_are_allowed(real_env, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_PARALLEL_REQUESTS", "2")
    result = run("doctor")
    assert lines(result.output)["second request"][0] == "FAIL"
    assert result.exit_code == 3
