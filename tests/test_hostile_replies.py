"""Replies a broken or hostile model can send: none may crash us, hang us or burn the CPU.

The speed itself is measured by benchmarks/hostile_replies.py; here we check the answers.
"""

import time

import pytest

from interviewer.errors import EndpointFailure, EndpointTimeout
from interviewer.llm.bounded import EXCHANGE_DEADLINE_FACTOR, MAX_REPLY_BYTES
from interviewer.llm.client import MAX_JSON_DEPTH, Endpoint, LLMClient, extract_json
from interviewer.llm.endpoint_memory import EndpointMemory
from tests.fake_llm_brain import Brain
from tests.llm_server import Reply
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

MESSAGES = [{"role": "user", "content": "Ask your first question."}]


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    "text",
    [
        nested(5_000),  # json.loads would raise RecursionError
        '{"x": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"a":' * 10_000,
        "{" * 50_000,
        '{"' * 20_000,
        '{"{\\"' * 10_000,
        "```json\n{" * 5_000,
    ],
    ids=[
        "nested objects",
        "nested arrays",
        "unclosed keys",
        "braces",
        "quotes",
        "escapes",
        "fences",
    ],
)
def test_hostile_json_is_no_object_and_no_crash(text):
    assert extract_json(text) is None


def depth_of(value: object) -> int:
    return 1 + depth_of(value["a"]) if isinstance(value, dict) else 0


def test_nesting_up_to_the_limit_is_read_and_deeper_is_cut_to_it():
    assert depth_of(extract_json(nested(MAX_JSON_DEPTH))) == MAX_JSON_DEPTH
    assert depth_of(extract_json(nested(MAX_JSON_DEPTH + 5))) == MAX_JSON_DEPTH


def test_an_object_after_an_unbalanced_quote_in_prose_is_found():
    assert extract_json('He said "hi. Then: {"score": 3}') == {"score": 3}


def test_the_first_object_after_prose_braces_wins():
    assert extract_json('set {x} and {y}, then {"score": 2} and {"score": 5}') == {"score": 2}


def test_an_object_after_unclosed_prose_braces_is_found():
    text = "Consider {this and {that " + '{"score": 4, "note": "a } inside"}'
    assert extract_json(text) == {"score": 4, "note": "a } inside"}


# -- deadlines and size caps, over real HTTP -----------------------------------------------


def client_for(server, timeout: float) -> LLMClient:
    endpoint = Endpoint(base_url=server.base_url, model="test-model", timeout=timeout)
    return LLMClient(endpoint, memory=EndpointMemory(None))


def stream_all(client: LLMClient) -> str:
    return "".join(client.stream_text(MESSAGES))


@pytest.mark.parametrize("keepalive_only", [False, True], ids=["endless words", "only pings"])
def test_a_stream_that_never_ends_stops_at_the_deadline(llm_server, keepalive_only):
    llm_server.enqueue(Reply.never_ending(keepalive_only=keepalive_only))
    started = time.monotonic()
    with client_for(llm_server, timeout=0.5) as client, pytest.raises(EndpointTimeout) as caught:
        stream_all(client)
    elapsed = time.monotonic() - started
    assert 0.5 * EXCHANGE_DEADLINE_FACTOR <= elapsed < 0.5 * EXCHANGE_DEADLINE_FACTOR + 2
    assert "still sending" in str(caught.value) and "\n" not in str(caught.value)


def test_a_reply_trickled_byte_by_byte_stops_at_the_deadline(llm_server):
    llm_server.enqueue(Reply.text("word " * 200, chunk_delay=0.05))  # each read is quick
    started = time.monotonic()
    with client_for(llm_server, timeout=0.5) as client, pytest.raises(EndpointTimeout):
        client.complete_text(MESSAGES)
    assert time.monotonic() - started < 0.5 * EXCHANGE_DEADLINE_FACTOR + 2
    assert len(llm_server.chat_requests()) == 1  # not retried: waiting again would not help


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_a_huge_reply_is_cut_at_the_cap(llm_server, streamed):
    llm_server.enqueue(Reply.text("x" * (MAX_REPLY_BYTES + 1000)))
    with client_for(llm_server, timeout=10) as client, pytest.raises(EndpointFailure) as caught:
        stream_all(client) if streamed else client.complete_text(MESSAGES)
    assert "grew past 4 MB" in str(caught.value)


def test_a_slow_but_finishing_stream_within_the_deadline_is_whole(llm_server):
    llm_server.enqueue(Reply.text("one two three four five", chunk_delay=0.1))
    with client_for(llm_server, timeout=1) as client:
        assert stream_all(client) == "one two three four five"


@pytest.mark.parametrize("hanging_stream", [0, 2], ids=["first turn", "after an answer"])
def test_practice_with_a_stream_that_never_ends_exits_3_in_bounded_time_and_resumes(
    llm_env, monkeypatch, hanging_stream
):
    brain, streams = Brain(), []

    def responder(body):
        if body.get("stream"):
            streams.append(body)
            if len(streams) - 1 == hanging_stream:
                return Reply.never_ending(keepalive_only=True)
        return brain(body)

    llm_env.responder = responder
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "1")
    started = time.monotonic()
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "still sending" in errors[0] and "resume" in errors[0]
    assert "Traceback" not in result.output
    assert elapsed < 1 * EXCHANGE_DEADLINE_FACTOR + 10
    kept = [e["text"] for e in events_of(only_session(), "answer")]
    assert kept == ([STRONG] if hanging_stream else [])
    resumed = run("resume", only_session().session_id, input=blocks(STRONG, STRONG, "no"))
    assert resumed.exit_code == 0, resumed.output
    assert len(events_of(only_session(), "answer")) == 2


@pytest.mark.parametrize(
    "hostile",
    [nested(5_000), "{" * 50_000, '{"x": ' + "[" * 50_000 + "]" * 50_000 + "}"],
    ids=["nested objects", "open braces", "nested arrays"],
)
def test_hostile_grading_and_memo_replies_leave_an_honest_report(llm_env, hostile):
    """Once 'unexpected RecursionError', exit 1, on every resume; or minutes of CPU per reply."""
    brain = Brain()

    def responder(body):
        system = body["messages"][0]["content"]
        if system.startswith("You assess answers") or "private hiring memo" in system:
            return Reply.text(hostile)
        return brain(body)

    llm_env.responder = responder
    started = time.monotonic()
    result = run("practice", "--questions", "1", input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 30
    log = only_session()
    assert [c["critique"]["verdict"] for c in events_of(log, "critique")] == ["ungraded"]
    assert events_of(log, "report")[0]["report"]["memo"]["author"] == "offline"
    assert llm_env.handler_errors == []


def test_critique_with_a_reply_that_never_finishes_exits_3_and_keeps_the_answer(
    llm_env, monkeypatch
):
    llm_env.responder = lambda body: Reply.text("word " * 400, chunk_delay=0.05)  # trickled
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "1")
    started = time.monotonic()
    result = run("critique", "-q", "What changed?", "-a", STRONG)
    assert result.exit_code == 3
    assert time.monotonic() - started < 1 * EXCHANGE_DEADLINE_FACTOR * 2 + 10
    error = result.stderr.strip().splitlines()[-1]
    assert "still sending" in error and "drafts" in error


LONG_ANSWER = "I renegotiated our two largest cloud contracts myself and cut the bill by a fifth."


class _RawBodyServer:
    """A server whose every reply is the same raw body, whatever is asked: not even JSON."""

    def __init__(self, body: bytes) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def _send(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _send

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(
    "body",
    [b"{" * 50_000, b'{"choices":' + b"[" * 100_000],
    ids=["braces", "nested"],
)
def test_a_body_that_is_not_json_is_one_line_exit_3_and_the_answer_is_kept(
    body, monkeypatch, isolated_home
):
    server = _RawBodyServer(body)
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-0000")
        monkeypatch.setenv("INTERVIEWER_MODEL", "x")
        monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "0")
        result = run("critique", "-q", "How would you cut our bill?", "--answer", LONG_ANSWER)
    finally:
        server.stop()
    assert result.exit_code == 3, result.output
    assert "not valid JSON" in result.output and "unexpected" not in result.output
    drafts = list((isolated_home / "drafts").glob("*.json"))
    assert drafts and LONG_ANSWER in drafts[0].read_text(encoding="utf-8")
