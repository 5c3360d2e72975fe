"""The failure modes a real llama-cpp-python server showed (issue 7), reproduced in the fast tests.

The scripted server plays llama-cpp-python 0.3.36 on its defaults: it refuses json_schema with an
HTTP 500, has one slot (a new request cuts the running stream), writes until its window is full
when no max_tokens is sent, and names its window only when refusing a prompt longer than it.
"""

import json
import urllib.request

import pytest

from interviewer.errors import EndpointError, EndpointFailure, EndpointUnreachable
from interviewer.llm.client import Endpoint, LLMClient
from interviewer.llm.endpoint_memory import EndpointMemory
from tests.fake_llm_brain import Brain
from tests.llm_server import Reply
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

WINDOW = 4096  # as the server in issue 7 had; at its default 2048 no grading prompt fits
STREAM_CHUNK_DELAY = 0.02  # slow enough that a background grade arrives mid-stream


def slow_streams(brain: Brain):
    """The brain's replies, with every streamed turn arriving word by word, as a real model's."""

    def respond(body: dict) -> Reply:
        reply = brain(body)
        if body.get("stream"):
            reply.chunk_delay = STREAM_CHUNK_DELAY
        return reply

    return respond


@pytest.fixture
def llama_cpp_python(llm_env):
    llm_env.flavour = "llama-cpp-python"
    llm_env.context_size = WINDOW
    llm_env.refuse_formats = {"json_schema"}
    llm_env.single_slot = True
    llm_env.fill_without_max_tokens = True
    llm_env.responder = slow_streams(Brain())
    return llm_env


def formats_sent(server) -> list[str | None]:
    return [(r.get("response_format") or {}).get("type") for r in server.chat_requests()]


def test_critique_falls_back_at_once_after_a_500_refusal(llama_cpp_python):
    result = run("critique", "-q", "What did you change?", "-a", STRONG, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["grader"]["backend"] == "openai"
    assert formats_sent(llama_cpp_python) == ["json_schema", "json_object"]  # no SDK retries


def test_practice_on_a_single_slot_server_cuts_no_stream(llama_cpp_python):
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert llama_cpp_python.interrupted_streams == 0
    critiques = [e["critique"] for e in events_of(only_session(), "critique")]
    assert len(critiques) == 2 and all(c["grader"]["backend"] == "openai" for c in critiques)


def test_every_request_carries_a_reply_limit(llama_cpp_python):
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    requests = llama_cpp_python.chat_requests()
    assert requests and all(
        (r.get("max_tokens") or r.get("max_completion_tokens") or 0) > 0 for r in requests
    )


def test_no_prompt_is_larger_than_the_window_the_server_names(llama_cpp_python):
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    sizes = [len(json.dumps(r["messages"]).split()) for r in llama_cpp_python.chat_requests()]
    assert max(sizes) < WINDOW


def test_a_stream_without_finish_reason_is_called_cut_short_not_a_dropped_connection(
    llm_server,
):
    llm_server.enqueue(Reply.text("Where did the budget go", no_finish=True))
    endpoint = Endpoint(base_url=llm_server.base_url, model="test-model", timeout=5)
    client = LLMClient(endpoint, memory=EndpointMemory(None))
    with client, pytest.raises(EndpointFailure) as caught:
        "".join(client.stream_text([{"role": "user", "content": "Ask."}]))
    assert not isinstance(caught.value, EndpointUnreachable)


def test_the_scripted_server_really_cuts_a_stream_when_a_second_request_arrives(llm_server):
    """The quirk itself, so the tests above cannot pass by the server failing to reproduce it."""
    llm_server.single_slot = True
    llm_server.enqueue(Reply.text("word " * 200, chunk_delay=STREAM_CHUNK_DELAY), Reply.text("hi"))
    endpoint = Endpoint(base_url=llm_server.base_url, model="test-model", timeout=5)
    with LLMClient(endpoint, memory=EndpointMemory(None)) as client:
        stream = client.stream_text([{"role": "user", "content": "Talk."}])
        next(stream)
        second = {"model": "test-model", "messages": [{"role": "user", "content": "Hi."}]}
        request = urllib.request.Request(
            f"{llm_server.base_url}/chat/completions",
            data=json.dumps(second).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=5).close()  # another program, not our queue
        with pytest.raises(EndpointError):
            "".join(stream)
    assert llm_server.interrupted_streams == 1
