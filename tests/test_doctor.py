"""`interviewer doctor` against the scripted server, each problem reproduced as a real server shows it."""

import socket

import pytest

from tests.llm_server import Reply
from tests.practice_helpers import run

KEY = "sk-test-secret-0000"
NUMBERS = "one, two, three, four, five, six, seven, eight, nine, ten"


def answering(body: dict, *, stream_reply: Reply | None = None) -> Reply:
    """A model that does what the doctor asks: a JSON object, or the numbers, streamed."""
    if not body.get("stream"):
        return Reply.json({"ready": True})
    return stream_reply or Reply.text(NUMBERS, chunk_delay=0.01)


@pytest.fixture
def server(llm_env):
    llm_env.responder = answering
    return llm_env


def lines(output: str) -> dict[str, tuple[str, str]]:
    """The table as {check name: (status, what was found)}."""
    table = output.split("\n\n")[0].splitlines()
    rows = [(line[:4].strip(), *line[6:].split("  ", 1)) for line in table]
    return {name: (state, found.strip()) for state, name, found in rows}


def status(output: str, name: str) -> str:
    return lines(output)[name][0]


def test_a_healthy_server_passes_every_check_and_the_key_stays_hidden(server, monkeypatch):
    server.flavour, server.context_size = "vllm", 8192
    result = run("doctor")
    assert result.exit_code == 0, result.output
    assert {status(result.output, n) for n in lines(result.output)} == {"ok"}
    assert lines(result.output)["OPENAI_API_KEY"] == ("ok", "set (hidden) (env OPENAI_API_KEY)")
    assert KEY not in result.output
    assert "8192 tokens (/v1/models max_model_len)" in result.output
    assert "Verdict: everything checked works." in result.output


def test_nothing_listening_is_one_failed_line_and_exit_3(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "0")
    result = run("doctor")
    assert result.exit_code == 3
    assert status(result.output, "endpoint") == "FAIL" and "cannot reach" in result.output
    assert "structured output" not in result.output  # nothing else can work


def test_a_model_the_server_does_not_serve_is_named_with_the_ones_it_does(server, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_MODEL", "gpt-5-typo")
    result = run("doctor")
    assert result.exit_code == 3
    assert status(result.output, "model") == "warn" and "test-model" in result.output
    assert status(result.output, "structured output") == "FAIL"


@pytest.mark.parametrize(
    ("refused", "expected", "code"),
    [
        ({"json_schema"}, ("ok", "json_object works"), 0),
        ({"json_schema", "json_object"}, ("warn", "both response formats are refused"), 0),
    ],
)
def test_the_structured_output_mode_that_works_is_found(server, refused, expected, code):
    server.refuse_formats = refused
    result = run("doctor")
    state, text = lines(result.output)["structured output"]
    assert state == expected[0] and text.startswith(expected[1])
    assert result.exit_code == code, result.output


def test_a_window_set_larger_than_the_server_has_is_a_problem(server, monkeypatch):
    server.flavour, server.context_size = "llama.cpp", 4096
    monkeypatch.setenv("INTERVIEWER_CONTEXT_TOKENS", "8192")
    result = run("doctor")
    assert result.exit_code == 3
    assert status(result.output, "context window") == "FAIL"
    assert "set INTERVIEWER_CONTEXT_TOKENS to 4096" in result.output


def test_a_server_that_does_not_say_its_window_is_a_warning(server):
    result = run("doctor")
    assert status(result.output, "context window") == "warn"
    assert "does not say" in result.output


def test_a_single_slot_server_is_recognised(server):
    server.single_slot = True
    server.responder = lambda body: answering(
        body, stream_reply=Reply.text(" ".join(["word"] * 60), chunk_delay=0.02)
    )
    result = run("doctor")
    assert "a second request cuts a running stream" in result.output
    assert server.interrupted_streams == 1


def test_a_slow_server_is_told_which_timeout_it_needs(server, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "2")
    server.responder = lambda body: answering(
        body, stream_reply=Reply.text(NUMBERS, chunk_delay=0.1)
    )
    result = run("doctor")
    assert result.exit_code == 3
    assert (
        status(result.output, "speed") == "FAIL" and "set INTERVIEWER_TIMEOUT to" in result.output
    )


@pytest.mark.parametrize(
    ("reply", "found"),
    [
        (Reply.never_ending(keepalive_only=True), "still sending"),
        (Reply.text(NUMBERS, drop_after_chunks=3), "before"),
    ],
    ids=["never ends", "cut short"],
)
def test_a_broken_stream_fails_the_streaming_check(server, monkeypatch, reply, found):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "1")
    server.responder = lambda body: answering(body, stream_reply=reply)
    result = run("doctor")
    assert result.exit_code == 3
    assert (
        status(result.output, "streaming") == "FAIL"
        and found in lines(result.output)["streaming"][1]
    )


def test_a_reply_in_one_piece_is_a_warning_about_streaming(server):
    server.responder = lambda body: answering(body, stream_reply=Reply.text("one,two,three"))
    result = run("doctor")
    assert status(result.output, "streaming") == "warn"


def test_offline_checks_only_the_configuration(monkeypatch):
    result = run("doctor")
    assert result.exit_code == 0
    assert status(result.output, "endpoint") == "skip"


def test_a_single_slot_server_with_two_requests_allowed_is_a_problem(server, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_PARALLEL_REQUESTS", "2")
    server.single_slot = True
    server.responder = lambda body: answering(
        body, stream_reply=Reply.text(" ".join(["word"] * 60), chunk_delay=0.02)
    )
    result = run("doctor")
    assert result.exit_code == 3
    assert status(result.output, "second request") == "FAIL"
    assert "INTERVIEWER_PARALLEL_REQUESTS=1" in result.output


def test_the_window_the_server_reports_is_the_one_planned_for(server):
    server.flavour, server.context_size = "llama-cpp-python", 4096
    result = run("doctor")
    assert lines(result.output)["context window"] == (
        "ok",
        "4096 tokens (llama-cpp-python overflow error); the tool plans for 4096",
    )
