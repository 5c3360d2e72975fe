"""Reading the context window from each kind of server, over real HTTP, and never failing on one."""

import socket
import time

import pytest

from interviewer.llm.server_info import (
    ContextSize,
    context_size_from_error,
    read_context_size,
)
from tests.llm_server import LLMServer


@pytest.fixture
def serve():
    started: list[LLMServer] = []

    def start(**options) -> LLMServer:
        server = LLMServer(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.mark.parametrize(
    ("flavour", "source"),
    [
        ("llama.cpp", "/v1/models meta.n_ctx"),
        ("vllm", "/v1/models max_model_len"),
        ("ollama", "Ollama /api/show num_ctx"),
        ("llama-cpp-python", "llama-cpp-python overflow error"),
    ],
)
def test_each_server_kind_says_its_window_where_it_does(serve, flavour, source):
    server = serve(flavour=flavour, context_size=3072)
    found = read_context_size(server.base_url, "test-model", api_key="sk-test")
    assert found == ContextSize(3072, source)


def test_llama_cpp_props_is_read_when_models_do_not_say(serve):
    server = serve(flavour="llama.cpp", context_size=4096)
    server.models_meta = False
    found = read_context_size(server.base_url, "test-model")
    assert found == ContextSize(4096, "llama.cpp /props n_ctx")
    assert "/props" in [path for path, _ in server.gets]


def test_ollama_without_num_ctx_assumes_its_small_default(serve):
    server = serve(flavour="ollama")
    found = read_context_size(server.base_url, "test-model")
    assert found is not None and found.tokens == 2048 and "default" in found.source


def test_a_server_that_says_nothing_gives_none(serve):
    server = serve(flavour="openai", context_size=4096)
    assert read_context_size(server.base_url, "test-model") is None
    assert not [r for r in server.requests if "prompt" in r]  # no overflow probe elsewhere


def test_a_router_without_a_loaded_model_gives_none(serve):
    server = serve(flavour="llama.cpp", context_size=None)  # /props says n_ctx 0
    assert read_context_size(server.base_url, "test-model") is None


def test_nothing_listening_gives_none_quickly():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    assert read_context_size(f"http://127.0.0.1:{port}/v1", "m", timeout=0.5) is None
    assert time.monotonic() - started < 5


def test_a_server_that_never_answers_is_given_up_on():
    with socket.socket() as sock:  # accepts connections (backlog) but never replies
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        port = sock.getsockname()[1]
        started = time.monotonic()
        assert read_context_size(f"http://127.0.0.1:{port}/v1", "m", timeout=0.2) is None
        assert time.monotonic() - started < 0.2 * 4 + 1


@pytest.mark.parametrize("url", ["not a url", "http://user:pw@127.0.0.1:1/v1", "ftp://x/v1"])
def test_malformed_urls_give_none(url):
    assert read_context_size(url, "m", timeout=0.2) is None


def test_the_key_goes_in_the_header_only(serve):
    server = serve(flavour="vllm", context_size=8192)
    found = read_context_size(server.base_url, "test-model", api_key="sk-secret-123")
    assert found is not None and "sk-secret" not in repr(found)
    assert server.gets and all(
        headers.get("Authorization") == "Bearer sk-secret-123" for _, headers in server.gets
    )


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("This model's maximum context length is 4096 tokens. However, you requested", 4096),
        ("request (9000 tokens) exceeds the available context size (2048 tokens), try", 2048),
        ("Requested tokens (5000) exceed context window of 512", 512),
        ("something else went wrong", None),
        ("", None),
    ],
)
def test_the_window_named_in_an_overflow_error(text, tokens):
    assert context_size_from_error(text) == tokens
