"""LLM access against the scripted server: real SDK, real HTTP on 127.0.0.1, no mocks."""

import json
import socket
import subprocess
import sys
import threading
import traceback

import pytest

from interviewer import paths
from interviewer.errors import (
    AuthenticationFailed,
    ContextOverflow,
    EndpointFailure,
    EndpointTimeout,
    EndpointUnreachable,
    MissingApiKey,
    ModelNotFound,
    RateLimited,
)
from interviewer.llm.client import Endpoint, LLMClient, ReplyCutShort, extract_json
from interviewer.llm.endpoint_memory import EndpointMemory
from interviewer.settings import resolve_settings
from tests.llm_server import Reply

KEY = "sk-test-secret-0000"
QUICK_RETRY = {"retry-after-ms": "10"}
MESSAGES = [
    {"role": "system", "content": "You are a senior executive."},
    {"role": "user", "content": "Grade this answer."},
]
SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": "integer"}, "comment": {"type": "string"}},
    "required": ["score", "comment"],
    "additionalProperties": False,
}


@pytest.fixture
def memory(tmp_path):
    return EndpointMemory(tmp_path / "endpoints.json")


def make_client(server, memory, **overrides) -> LLMClient:
    values = {"base_url": server.base_url, "api_key": KEY, "model": "test-model"}
    return LLMClient(Endpoint(**{**values, **overrides}), memory=memory)


def assert_key_hidden(error: BaseException) -> None:
    shown = "".join(traceback.format_exception(error)) + repr(error)
    assert KEY not in shown
    assert error.__cause__ is None and error.__context__ is None


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- plain and streamed text --------------------------------------------------------------


def test_complete_text_returns_the_reply_and_sends_model_and_messages(llm_server, memory):
    llm_server.enqueue(Reply.text("Tell me about the hardest decision you made."))
    reply = make_client(llm_server, memory).complete_text(MESSAGES)
    assert reply == "Tell me about the hardest decision you made."
    (request,) = llm_server.chat_requests()
    assert request["model"] == "test-model"
    assert request["messages"] == MESSAGES
    assert "response_format" not in request


def test_stream_text_yields_several_pieces_that_join_to_the_reply(llm_server, memory):
    text = "Why should we pick you over the other finalists?"
    llm_server.enqueue(Reply.text(text))
    pieces = list(make_client(llm_server, memory).stream_text(MESSAGES))
    assert len(pieces) > 1
    assert "".join(pieces) == text
    assert llm_server.chat_requests()[0]["stream"] is True


def test_a_stream_ended_without_finish_reason_is_reported_as_cut_short(llm_server, memory):
    llm_server.enqueue(Reply.text("one two three four five", drop_after_chunks=2))
    received = []
    with pytest.raises(ReplyCutShort, match="ended the reply before it was finished") as caught:
        received.extend(make_client(llm_server, memory, max_retries=0).stream_text(MESSAGES))
    assert_key_hidden(caught.value)


@pytest.mark.parametrize("reply", [Reply.text(""), Reply.text("   ")])
def test_an_empty_reply_is_an_endpoint_failure(llm_server, memory, reply):
    llm_server.enqueue(reply)
    with pytest.raises(EndpointFailure, match="empty reply"):
        make_client(llm_server, memory).complete_text(MESSAGES)


def test_an_empty_stream_is_an_endpoint_failure(llm_server, memory):
    llm_server.enqueue(Reply.text(""))
    with pytest.raises(EndpointFailure, match="empty reply"):
        list(make_client(llm_server, memory).stream_text(MESSAGES))


# -- the structured-output ladder ---------------------------------------------------------


def test_json_schema_mode_sends_the_strict_schema(llm_server, memory):
    llm_server.enqueue(Reply.json({"score": 4, "comment": "clear"}))
    client = make_client(llm_server, memory)
    reply = client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert json.loads(reply) == {"score": 4, "comment": "clear"}
    (request,) = llm_server.chat_requests()
    assert request["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "critique", "schema": SCHEMA, "strict": True},
    }
    assert request["messages"] == MESSAGES
    assert client.structured_mode == "json_schema"


def test_refused_json_schema_falls_back_to_json_object_and_is_remembered(llm_server, memory):
    llm_server.refuse_formats = {"json_schema"}
    llm_server.enqueue(Reply.json({"score": 3, "comment": "fine"}))
    client = make_client(llm_server, memory)
    reply = client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert json.loads(reply)["score"] == 3
    first, second = llm_server.chat_requests()
    assert first["response_format"]["type"] == "json_schema"
    assert second["response_format"] == {"type": "json_object"}
    assert "JSON" in second["messages"][-1]["content"]
    assert json.dumps(SCHEMA) in second["messages"][-1]["content"]
    assert client.structured_mode == "json_object"
    saved = json.loads(memory.path.read_text())
    assert saved == {f"{llm_server.base_url}|test-model": {"structured_mode": "json_object"}}

    llm_server.enqueue(Reply.json({"score": 2, "comment": "thin"}))
    fresh = make_client(llm_server, EndpointMemory(memory.path))  # as a new process would
    assert fresh.structured_mode == "json_object"
    fresh.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    third = llm_server.chat_requests()[2:]
    assert [r["response_format"]["type"] for r in third] == ["json_object"]


def test_refusing_both_formats_falls_back_to_the_schema_in_the_prompt(llm_server, memory):
    llm_server.refuse_formats = {"json_schema", "json_object"}
    llm_server.enqueue(Reply.text('Here it is: {"score": 5, "comment": "sharp"}'))
    client = make_client(llm_server, memory)
    reply = client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert extract_json(reply) == {"score": 5, "comment": "sharp"}
    requests = llm_server.chat_requests()
    assert [(r.get("response_format") or {}).get("type") for r in requests] == [
        "json_schema",
        "json_object",
        None,
    ]
    last_message = requests[-1]["messages"][-1]
    assert last_message["role"] == "user"
    assert last_message["content"].startswith(MESSAGES[-1]["content"])
    assert "Reply with one JSON object only" in last_message["content"]
    assert json.dumps(SCHEMA) in last_message["content"]
    assert requests[-1]["messages"][:-1] == MESSAGES[:-1]
    assert client.structured_mode == "prompt"
    assert (
        EndpointMemory(memory.path).structured_mode(llm_server.base_url, "test-model") == "prompt"
    )


def test_instruction_becomes_a_new_user_turn_after_an_assistant_turn(llm_server, memory):
    llm_server.refuse_formats = {"json_schema"}
    llm_server.enqueue(Reply.json({"score": 1, "comment": "none"}))
    messages = [*MESSAGES, {"role": "assistant", "content": "Noted."}]
    make_client(llm_server, memory).complete_json(messages, schema=SCHEMA, name="critique")
    sent = llm_server.chat_requests()[-1]["messages"]
    assert sent[:-1] == messages
    assert sent[-1]["role"] == "user" and json.dumps(SCHEMA) in sent[-1]["content"]


def test_a_request_rejected_in_every_mode_fails_and_teaches_nothing(llm_server, memory):
    llm_server.responder = lambda body: Reply.failure(400, "messages: invalid role")
    client = make_client(llm_server, memory)
    with pytest.raises(EndpointFailure, match="HTTP 400.*invalid role") as caught:
        client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert len(llm_server.chat_requests()) == 3
    assert client.structured_mode is None
    assert not memory.path.exists()
    assert_key_hidden(caught.value)


# -- retries and failures -----------------------------------------------------------------


def test_a_rate_limit_then_success_returns_the_reply(llm_server, memory):
    llm_server.enqueue(
        Reply.failure(429, "slow down", code="rate_limit_exceeded", headers=QUICK_RETRY),
        Reply.text("Go on."),
    )
    assert make_client(llm_server, memory).complete_text(MESSAGES) == "Go on."
    assert len(llm_server.chat_requests()) == 2


def test_rate_limited_after_every_retry(llm_server, memory):
    llm_server.responder = lambda body: Reply.failure(429, "quota", headers=QUICK_RETRY)
    with pytest.raises(RateLimited, match="INTERVIEWER_MAX_RETRIES") as caught:
        make_client(llm_server, memory, max_retries=2).complete_text(MESSAGES)
    assert len(llm_server.chat_requests()) == 3
    assert "quota" in str(caught.value)
    assert_key_hidden(caught.value)


def test_a_server_error_after_every_retry_is_an_endpoint_failure(llm_server, memory):
    llm_server.responder = lambda body: Reply.failure(500, "kaput", headers=QUICK_RETRY)
    with pytest.raises(EndpointFailure, match="HTTP 500: kaput") as caught:
        make_client(llm_server, memory, max_retries=1).complete_text(MESSAGES)
    assert len(llm_server.chat_requests()) == 2
    assert_key_hidden(caught.value)


def test_a_dropped_connection_is_unreachable(llm_server, memory):
    llm_server.enqueue(Reply.dropped())
    with pytest.raises(EndpointUnreachable, match="is the server running") as caught:
        make_client(llm_server, memory, max_retries=0).complete_text(MESSAGES)
    assert llm_server.base_url in str(caught.value)
    assert_key_hidden(caught.value)


def test_a_closed_port_is_unreachable(memory):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    endpoint = Endpoint(base_url=url, api_key=KEY, model="test-model", max_retries=0)
    with pytest.raises(EndpointUnreachable, match="is the server running") as caught:
        LLMClient(endpoint, memory=memory).complete_text(MESSAGES)
    assert url in str(caught.value)
    assert_key_hidden(caught.value)


def test_a_slow_reply_times_out(llm_server, memory):
    llm_server.enqueue(Reply.text("too late", delay=2.0))
    client = make_client(llm_server, memory, timeout=0.3, max_retries=0)
    with pytest.raises(EndpointTimeout, match="0.3 s.*INTERVIEWER_TIMEOUT or --timeout") as caught:
        client.complete_text(MESSAGES)
    assert_key_hidden(caught.value)


def test_an_unknown_model_lists_the_models_served(llm_server, memory):
    llm_server.models.append("other-model")
    with pytest.raises(ModelNotFound) as caught:
        make_client(llm_server, memory, model="no-such-model").complete_text(MESSAGES)
    message = str(caught.value)
    assert "'no-such-model'" in message
    assert "available: test-model, other-model" in message
    assert "INTERVIEWER_MODEL or --model" in message
    assert_key_hidden(caught.value)


def test_context_overflow_is_not_mistaken_for_a_refused_format(llm_server, memory):
    llm_server.enqueue(
        Reply.failure(
            400,
            "This model's maximum context length is 8192 tokens; you sent 9000.",
            code="context_length_exceeded",
        )
    )
    with pytest.raises(ContextOverflow, match="--context-tokens") as caught:
        make_client(llm_server, memory).complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert len(llm_server.chat_requests()) == 1
    assert_key_hidden(caught.value)


def test_context_overflow_is_recognised_by_its_wording_alone(llm_server, memory):
    llm_server.enqueue(Reply.failure(400, "the request exceeds the available context size"))
    with pytest.raises(ContextOverflow):
        make_client(llm_server, memory).complete_text(MESSAGES)


# -- keys ---------------------------------------------------------------------------------


def test_a_missing_key_for_openai_fails_before_any_request(memory):
    client = LLMClient(Endpoint(base_url=None, api_key=None, model="gpt-4o-mini"), memory=memory)
    with pytest.raises(MissingApiKey, match="OPENAI_API_KEY.*--offline") as caught:
        client.complete_text(MESSAGES)  # a request would fail as unreachable: there is no network
    assert "https://api.openai.com/v1" in str(caught.value)


def test_a_local_server_needs_no_key(llm_server, memory):
    llm_server.enqueue(Reply.text("Hello."))
    assert make_client(llm_server, memory, api_key=None).complete_text(MESSAGES) == "Hello."
    headers = {name.lower(): value for name, value in llm_server.headers_seen[0].items()}
    assert headers["authorization"] == "Bearer not-needed"


def test_a_rejected_key_is_never_echoed(llm_server, memory):
    llm_server.enqueue(Reply.failure(401, f"Incorrect API key provided: {KEY}"))
    with pytest.raises(AuthenticationFailed, match="check OPENAI_API_KEY") as caught:
        make_client(llm_server, memory).complete_text(MESSAGES)
    assert_key_hidden(caught.value)


def test_a_key_echoed_in_a_server_error_is_hidden(llm_server, memory):
    llm_server.responder = lambda body: Reply.failure(500, f"bad key {KEY} here")
    with pytest.raises(EndpointFailure, match="key hidden") as caught:
        make_client(llm_server, memory, max_retries=0).complete_text(MESSAGES)
    assert_key_hidden(caught.value)


def test_the_key_stays_out_of_repr_and_the_memory_file(llm_server, memory):
    llm_server.refuse_formats = {"json_schema"}
    llm_server.enqueue(Reply.json({"score": 3, "comment": "ok"}))
    client = make_client(llm_server, memory)
    client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert KEY not in repr(client.endpoint) and KEY not in str(client.endpoint)
    assert KEY not in memory.path.read_text()


def test_endpoint_from_settings(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "12.5")
    endpoint = Endpoint.from_settings(resolve_settings({"model": "m1", "max_retries": 5}))
    assert (endpoint.base_url, endpoint.api_key, endpoint.model) == (
        "http://127.0.0.1:9/v1",
        KEY,
        "m1",
    )
    assert (endpoint.timeout, endpoint.max_retries) == (12.5, 5)


def test_list_models(llm_server, memory):
    llm_server.models.append("second")
    assert make_client(llm_server, memory).list_models() == ["test-model", "second"]


# -- endpoint memory ----------------------------------------------------------------------


def test_memory_defaults_to_the_data_folder(llm_server):
    llm_server.refuse_formats = {"json_schema"}
    llm_server.enqueue(Reply.json({"score": 3, "comment": "ok"}))
    LLMClient(
        Endpoint(base_url=llm_server.base_url, api_key=KEY, model="test-model")
    ).complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert "json_object" in paths.endpoint_memory_file().read_text()


def test_a_corrupt_memory_file_is_ignored_and_left_alone(llm_server, memory):
    memory.path.write_text("{not json")
    llm_server.refuse_formats = {"json_schema"}
    llm_server.enqueue(
        Reply.json({"score": 3, "comment": "ok"}), Reply.json({"score": 4, "comment": "ok"})
    )
    client = make_client(llm_server, memory)
    assert client.structured_mode is None
    client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    client.complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert memory.path.read_text() == "{not json"
    assert len(llm_server.chat_requests()) == 3  # learned in this process all the same


def test_memory_keeps_entries_written_by_another_process(tmp_path):
    path = tmp_path / "endpoints.json"
    EndpointMemory(path).remember_structured_mode("http://a/v1", "m", "prompt")
    mine = EndpointMemory(path)
    assert mine.structured_mode("http://b/v1", "m") is None
    EndpointMemory(path).remember_structured_mode("http://c/v1/", "m", "json_object")
    mine.remember_structured_mode("http://b/v1", "m", "json_schema")
    saved = json.loads(path.read_text())
    assert {k: v["structured_mode"] for k, v in saved.items()} == {
        "http://a/v1|m": "prompt",
        "http://b/v1|m": "json_schema",
        "http://c/v1|m": "json_object",
    }


def test_importing_llm_does_not_import_openai():
    code = "import sys, interviewer.llm.client; print('openai' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- extract_json -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('  \n{"a": [1, 2]}\n', {"a": [1, 2]}),
        ('Sure!\n```json\n{"a": 1}\n```\nHope that helps.', {"a": 1}),
        ('```\n{"a": 2}\n```', {"a": 2}),
        ('My grade: {"a": {"b": 3}} as requested.', {"a": {"b": 3}}),
        ('Note {"s": "a } brace and a \\" quote {"} trailing', {"s": 'a } brace and a " quote {'}),
        ('{broken, then {"ok": true}', {"ok": True}),
        ("[1, 2, 3]", None),
        ("no json here at all", None),
        ('{"unterminated": ', None),
        ("", None),
    ],
)
def test_extract_json(text, expected):
    assert extract_json(text) == expected


def test_a_closed_client_reconnects_when_used_again(llm_server, memory):
    llm_server.enqueue(Reply.text("first"), Reply.text("second"))
    with make_client(llm_server, memory) as client:
        assert client.complete_text(MESSAGES) == "first"
    assert client.complete_text(MESSAGES) == "second"
    client.close()


def test_memory_written_from_many_threads_keeps_every_entry(tmp_path):
    memory = EndpointMemory(tmp_path / "endpoints.json")
    models = [f"model-{n}" for n in range(16)]
    threads = [
        threading.Thread(target=memory.remember_structured_mode, args=("http://h/v1", m, "prompt"))
        for m in models
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = json.loads(memory.path.read_text())
    assert sorted(saved) == sorted(f"http://h/v1|{m}" for m in models)
