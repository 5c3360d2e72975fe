"""What real servers demand of the client, reproduced on the scripted server (real SDK, real HTTP).

Each case here was first seen against llama-cpp-python's server: a 500 that refuses a
response_format, replies that run until the context is full, and a second request that cuts a
running stream short. tests/real_server/ checks the same against the real thing.
"""

import threading

import pytest

from interviewer.errors import EndpointFailure
from interviewer.llm.client import Endpoint, LLMClient
from interviewer.llm.endpoint_memory import EndpointMemory
from interviewer.llm.request_queue import _queue_for
from interviewer.llm.tokens import REPLY_TOKENS, reply_tokens
from tests.llm_server import Reply

MESSAGES = [{"role": "user", "content": "Grade this answer."}]
SCHEMA = {
    "type": "object",
    "properties": {"score": {"type": "integer"}},
    "required": ["score"],
    "additionalProperties": False,
}
LLAMA_CPP_REFUSAL = (  # what llama-cpp-python 0.3.36 answers, with HTTP 500, to json_schema
    "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}]"
)


@pytest.fixture
def memory(tmp_path):
    return EndpointMemory(tmp_path / "endpoints.json")


def make_client(server, memory, **overrides) -> LLMClient:
    values = {"base_url": server.base_url, "model": "test-model", "max_retries": 2}
    return LLMClient(Endpoint(**{**values, **overrides}), memory=memory)


def refuse_json_schema_with_500(body: dict) -> Reply:
    if (body.get("response_format") or {}).get("type") == "json_schema":
        return Reply.failure(500, LLAMA_CPP_REFUSAL, headers={"retry-after-ms": "10"})
    return Reply.json({"score": 4})


def test_a_500_that_names_the_format_is_a_refusal_and_is_not_retried(llm_server, memory):
    llm_server.responder = refuse_json_schema_with_500
    client = make_client(llm_server, memory)
    assert client.complete_json(MESSAGES, schema=SCHEMA, name="critique") == '{"score": 4}'
    sent = [(r.get("response_format") or {}).get("type") for r in llm_server.chat_requests()]
    assert sent == ["json_schema", "json_object"]  # was 3 x json_schema, then exit 3
    assert client.structured_mode == "json_object"


def test_a_500_that_does_not_name_the_format_keeps_its_retries(llm_server, memory):
    quick = {"retry-after-ms": "10"}
    llm_server.enqueue(
        Reply.failure(500, "model busy", headers=quick),
        Reply.failure(500, "model busy", headers=quick),
        Reply.json({"score": 2}),
    )
    client = make_client(llm_server, memory)
    assert client.complete_json(MESSAGES, schema=SCHEMA, name="critique") == '{"score": 2}'
    sent = [(r.get("response_format") or {}).get("type") for r in llm_server.chat_requests()]
    assert sent == ["json_schema"] * 3  # the first try and max_retries=2 more, as before
    assert client.structured_mode == "json_schema"


def test_a_500_in_every_mode_fails_with_the_server_text(llm_server, memory):
    llm_server.responder = lambda body: Reply.failure(
        500, "out of memory", headers={"retry-after-ms": "10"}
    )
    with pytest.raises(EndpointFailure, match="HTTP 500: out of memory"):
        make_client(llm_server, memory, max_retries=0).complete_json(
            MESSAGES, schema=SCHEMA, name="critique"
        )
    assert len(llm_server.chat_requests()) == 1  # not a refusal: no fallback, no retries


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda c: c.complete_text(MESSAGES), "turn"),
        (lambda c: "".join(c.stream_text(MESSAGES)), "turn"),
        (lambda c: c.complete_json(MESSAGES, schema=SCHEMA, name="critique"), "grade"),
        (lambda c: c.complete_text(MESSAGES, kind="memo"), "memo"),
    ],
)
def test_every_request_caps_the_reply_by_its_kind(llm_server, memory, call, kind):
    llm_server.enqueue(Reply.json({"score": 1}))
    call(make_client(llm_server, memory))
    (request,) = llm_server.chat_requests()
    assert request["max_tokens"] == REPLY_TOKENS[kind]


def test_a_plan_is_capped_by_its_number_of_questions(llm_server, memory):
    llm_server.enqueue(Reply.json({"score": 1}), Reply.json({"score": 1}))
    client = make_client(llm_server, memory)
    for questions in (2, 10):
        client.complete_json(MESSAGES, schema=SCHEMA, name="plan", kind="plan", items=questions)
    two, ten = (r["max_tokens"] for r in llm_server.chat_requests())
    assert two == reply_tokens("plan", "test-model", items=2) < ten


def test_every_fallback_step_keeps_the_cap(llm_server, memory):
    llm_server.refuse_formats = {"json_schema", "json_object"}
    llm_server.enqueue(Reply.json({"score": 1}))
    make_client(llm_server, memory).complete_json(MESSAGES, schema=SCHEMA, name="critique")
    assert [r["max_tokens"] for r in llm_server.chat_requests()] == [REPLY_TOKENS["grade"]] * 3


def test_a_local_endpoint_takes_one_request_at_a_time_so_no_stream_is_cut(llm_server, memory):
    llm_server.enqueue(
        Reply.text("Tell me. About the outage. In your own words?"), Reply.text("ok")
    )
    executive, grader = make_client(llm_server, memory), make_client(llm_server, memory)
    stream = executive.stream_text(MESSAGES)
    first = next(stream)
    graded: list[str] = []
    grading = threading.Thread(target=lambda: graded.append(grader.complete_text(MESSAGES)))
    grading.start()
    grading.join(0.3)  # proves an absence: the grade must not reach the server meanwhile
    assert grading.is_alive() and len(llm_server.chat_requests()) == 1
    assert first + "".join(stream) == "Tell me. About the outage. In your own words?"
    grading.join(10)
    assert graded == ["ok"] and len(llm_server.chat_requests()) == 2


def test_parallel_requests_lets_a_server_with_more_slots_serve_both(llm_server, memory):
    llm_server.enqueue(Reply.text("Tell me. About the outage?"), Reply.text("ok"))
    client = make_client(llm_server, memory, parallel_requests=2)
    stream = client.stream_text(MESSAGES)
    next(stream)
    graded: list[str] = []
    grading = threading.Thread(target=lambda: graded.append(client.complete_text(MESSAGES)))
    grading.start()
    grading.join(10)
    assert graded == ["ok"]  # answered while the stream was still open
    stream.close()


def test_parallel_requests_comes_from_the_environment(monkeypatch):
    from interviewer.settings import resolve_settings

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert Endpoint.from_settings(resolve_settings()).request_slots == 1
    monkeypatch.setenv("INTERVIEWER_PARALLEL_REQUESTS", "4")
    assert Endpoint.from_settings(resolve_settings()).request_slots == 4
    openai_host = Endpoint(base_url=None, api_key="k", model="gpt-4o-mini")
    assert openai_host.request_slots > 1


def test_a_waiting_conversation_request_goes_before_a_waiting_grade(llm_server, memory):
    gate = threading.Event()
    llm_server.enqueue(Reply.text("first", wait_for=gate), Reply.text("question"), Reply.text("x"))
    conversation = make_client(llm_server, memory)
    grader = LLMClient(conversation.endpoint, memory=memory, background=True)
    order: list[str] = []
    first = threading.Thread(target=lambda: conversation.complete_text(MESSAGES))
    first.start()  # holds the only slot until the gate opens
    while not llm_server.chat_requests():
        threading.Event().wait(0.01)
    grading = threading.Thread(target=lambda: order.append(grader.complete_text(MESSAGES)))
    asking = threading.Thread(target=lambda: order.append(conversation.complete_text(MESSAGES)))
    grading.start()
    asking.start()
    queue = _queue_for(conversation.endpoint.url, 1)
    while not queue._conversation_waiting:  # the question is queued behind the running request
        threading.Event().wait(0.01)
    gate.set()
    for thread in (first, grading, asking):
        thread.join(10)
    assert order == ["question", "x"]


def test_a_plan_that_times_out_falls_back_to_the_question_bank(llm_env, monkeypatch):
    from tests.fake_llm_brain import Brain
    from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

    brain, release = Brain(), threading.Event()

    def responder(body: dict) -> Reply:
        if "draft your private plan" in body["messages"][-1]["content"]:
            return Reply.text("{}", wait_for=release)  # never answers in time
        return brain(body)

    llm_env.responder = responder
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "1")
    monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "0")
    try:
        result = run("practice", "-n", "1", "--max-follow-ups", "0", input=blocks(STRONG, "no"))
    finally:
        release.set()
    assert result.exit_code == 0, result.output  # was: exit 3 before any session existed
    assert "interview plan could not be written" in result.stderr
    assert "using the built-in question bank" in result.stderr
    (plan,) = events_of(only_session(), "plan")
    assert not plan["questions"][0]["id"].startswith("llm-")
