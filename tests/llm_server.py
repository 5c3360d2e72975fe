"""A scripted OpenAI-compatible server on 127.0.0.1 for tests: the real SDK talks real HTTP to it.

Each test queues the replies it wants (or installs a responder that looks at the request), and
afterwards reads `server.requests` to see exactly what the client sent. Nothing leaves loopback.

It also behaves like the real servers we met, when a test asks it to: `flavour` picks whose
quirks it copies (how it refuses a response_format, how it names its context window),
`single_slot` cuts a running stream when another request arrives (llama-cpp-python's default),
and `fill_without_max_tokens` makes a request without max_tokens run until the window is full.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted answer to one /v1/chat/completions request."""

    content: str = ""
    status: int = 200
    error: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    wait_for: threading.Event | None = None
    drop: bool = False
    drop_after_chunks: int | None = None
    endless: bool = False  # a stream that sends a word forever, never finishing
    keepalive_only: bool = False  # a stream of SSE comments only, never any data
    no_finish: bool = False  # a stream that ends cleanly but never sends a finish_reason
    chunk_delay: float = 0.0  # seconds between stream chunks, for the slow and the endless
    finish: str = "stop"

    @classmethod
    def text(cls, content: str, **kwargs) -> Reply:
        return cls(content=content, **kwargs)

    @classmethod
    def json(cls, payload: object, **kwargs) -> Reply:
        return cls(content=json.dumps(payload), **kwargs)

    @classmethod
    def failure(cls, status: int, message: str, *, code: str | None = None, **kwargs) -> Reply:
        error = {"message": message, "type": "invalid_request_error", "param": None, "code": code}
        return cls(status=status, error={"error": error}, **kwargs)

    @classmethod
    def dropped(cls) -> Reply:
        return cls(drop=True)

    @classmethod
    def never_ending(cls, *, keepalive_only: bool = False, chunk_delay: float = 0.02) -> Reply:
        """A stream that never finishes: words forever, or only keep-alive comments."""
        return cls(
            content="and ", endless=True, keepalive_only=keepalive_only, chunk_delay=chunk_delay
        )


# How each real server refuses a response_format it does not support.
FORMAT_REFUSALS = {
    "openai": (400, "response_format '{fmt}' is not supported by this server"),
    "llama-cpp-python": (
        500,
        "[{{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': '{fmt}'}}]",
    ),
}
TRICKLE_BYTES = 8
FLAVOURS = ("openai", "llama.cpp", "llama-cpp-python", "ollama", "vllm")


Responder = Callable[[dict], Reply]


class LLMServer:
    """Start with `start()`; `base_url` is what the client's base URL should be."""

    def __init__(
        self,
        *,
        models: tuple[str, ...] = ("test-model",),
        flavour: str = "openai",
        context_size: int | None = None,
    ) -> None:
        assert flavour in FLAVOURS, flavour
        self.models = list(models)
        self.flavour = flavour
        self.context_size = context_size  # None: the server does not say
        self.script: deque[Reply] = deque()
        self.responder: Responder | None = None
        self.refuse_formats: set[str] = set()
        self.refusal_status: int | None = None  # None: as the flavour does (400, or 500)
        self.single_slot = False  # a new request cuts the running stream, as llama-cpp-python
        self.fill_without_max_tokens = False  # no max_tokens: the reply runs to the window
        self.models_meta = True  # llama.cpp before 2025 listed no window in /v1/models
        self.interrupted_streams = 0
        self.streams_open = 0
        self._stream_generation = 0
        self.requests: list[dict] = []
        self.headers_seen: list[dict[str, str]] = []
        self.gets: list[tuple[str, dict[str, str]]] = []  # (path, headers) of each GET
        self.handler_errors: list[str] = []  # e.g. a client hanging up mid-reply
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def chat_requests(self) -> list[dict]:
        return [r for r in self.requests if r.get("_path", "").endswith("/chat/completions")]

    def start(self) -> LLMServer:
        handler = type("Handler", (_Handler,), {"server_state": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd.errors = self.handler_errors
        self._httpd.daemon_threads = True
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()  # a short poll makes stop() quick
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    def next_reply(self, body: dict) -> Reply:
        with self._lock:
            fmt = (body.get("response_format") or {}).get("type")
            if fmt in self.refuse_formats:
                return self._format_refusal(fmt)
            if self.script:
                return self._bounded(self.script.popleft(), body)
        if self.responder:
            return self._bounded(self.responder(body), body)
        return Reply.failure(500, "test server: no scripted reply left for this request")

    def _format_refusal(self, fmt: str) -> Reply:
        status, message = FORMAT_REFUSALS.get(self.flavour, FORMAT_REFUSALS["openai"])
        return Reply.failure(self.refusal_status or status, message.format(fmt=fmt))

    def _bounded(self, reply: Reply, body: dict) -> Reply:
        """A model stops at max_tokens (one word, one token here), or else at the full window."""
        if reply.status != 200 or reply.endless:
            return reply
        limit = body.get("max_tokens") or body.get("max_completion_tokens")
        if limit is None and self.fill_without_max_tokens:
            limit = self.context_size or 4096
            reply = replace(reply, content=_filled(reply.content, limit))
        words = reply.content.split(" ")
        if limit is not None and len(words) > limit:
            return replace(reply, content=" ".join(words[:limit]), finish="length")
        return reply

    def begin_stream(self) -> int:
        """A stream starts; the number lets it notice when a later request cut it."""
        with self._lock:
            self.streams_open += 1
            return self._stream_generation

    def end_stream(self) -> None:
        with self._lock:
            self.streams_open -= 1

    def request_arrived(self) -> None:
        """On a single-slot server every new request takes the slot from a running stream."""
        with self._lock:
            if self.single_slot and self.streams_open:
                self._stream_generation += 1

    def stream_cut(self, generation: int) -> bool:
        with self._lock:
            return self._stream_generation != generation

    def props(self) -> dict | None:
        """llama.cpp's /props, when this server plays llama.cpp."""
        if self.flavour != "llama.cpp":
            return None
        settings = {"n_ctx": self.context_size or 0, "params": {}}
        return {
            "default_generation_settings": settings,
            "total_slots": 1 if self.single_slot else 4,
        }

    def model_entry(self, model: str) -> dict:
        """A /v1/models entry, shaped like the flavour's."""
        entry = {"id": model, "object": "model", "created": 0, "owned_by": "test"}
        if self.flavour == "llama-cpp-python":
            entry = {"id": model, "object": "model", "owned_by": "me", "permissions": []}
        elif self.flavour == "vllm" and self.context_size:
            entry = {**entry, "owned_by": "vllm", "max_model_len": self.context_size}
        elif self.flavour == "llama.cpp" and self.context_size and self.models_meta:
            entry = {**entry, "owned_by": "llamacpp", "meta": {"n_ctx": self.context_size}}
        return entry

    def ollama_show(self, model: str) -> dict | None:
        if self.flavour != "ollama" or model not in self.models:
            return None
        parameters = f"num_ctx {self.context_size}\nstop <|im_end|>" if self.context_size else ""
        return {"parameters": parameters, "model_info": {"llama.context_length": 131072}}

    def overflow_error(self, body: dict) -> Reply | None:
        """llama-cpp-python's refusal of a prompt longer than its window."""
        text = body.get("prompt") or json.dumps(body.get("messages") or "")
        tokens = len(str(text).split())
        if (
            self.flavour != "llama-cpp-python"
            or not self.context_size
            or tokens < self.context_size
        ):
            return None
        message = (
            f"This model's maximum context length is {self.context_size} tokens, however you "
            f"requested {tokens} tokens ({tokens} in your prompt; None for the completion). "
            "Please reduce your prompt; or completion length."
        )
        return Reply.failure(400, message, code="context_length_exceeded")


class _QuietServer(ThreadingHTTPServer):
    """Records handler errors instead of printing tracebacks into the output under test."""

    errors: list[str]

    def handle_error(self, request, client_address) -> None:
        import sys

        self.errors.append(repr(sys.exc_info()[1]))


class _Handler(BaseHTTPRequestHandler):
    server_state: LLMServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        state = self.server_state
        with state._lock:
            state.gets.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0].rstrip("/")
        if path.endswith("/models"):
            data = [state.model_entry(m) for m in state.models]
            self._send_json(200, {"object": "list", "data": data})
        elif path == "/props" and (props := state.props()) is not None:
            self._send_json(200, props)
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        state = self.server_state
        with state._lock:
            state.requests.append({**body, "_path": self.path})
            state.headers_seen.append(dict(self.headers))
        state.request_arrived()
        path = self.path.rstrip("/")
        if path == "/api/show" and (shown := state.ollama_show(body.get("model"))) is not None:
            self._send_json(200, shown)
            return
        if path.endswith("/completions") and (overflow := state.overflow_error(body)) is not None:
            self._send_json(overflow.status, overflow.error or {})
            return
        if not path.endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        model = body.get("model")
        if model not in state.models:
            message = f"The model `{model}` does not exist or you do not have access to it."
            self._send_json(
                404,
                {
                    "error": {
                        "message": message,
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "model_not_found",
                    }
                },
            )
            return
        self._answer(state.next_reply(body), body)

    def _answer(self, reply: Reply, body: dict) -> None:
        if reply.wait_for is not None:
            reply.wait_for.wait(timeout=30)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self._drop()
        elif reply.status != 200:
            self._send_json(reply.status, reply.error or {}, reply.headers)
        elif body.get("stream"):
            self._stream(reply, body.get("model", "test-model"))
        elif reply.chunk_delay:
            self._trickle(_completion(reply.content, body.get("model"), reply.finish), reply)
        else:
            completion = _completion(reply.content, body.get("model"), reply.finish)
            self._send_json(200, completion, reply.headers)

    def _trickle(self, payload: dict, reply: Reply) -> None:
        """A whole reply sent a few bytes at a time: every read is quick, the whole is not."""
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        for start in range(0, len(data), TRICKLE_BYTES):
            self.wfile.write(data[start : start + TRICKLE_BYTES])
            self.wfile.flush()
            time.sleep(reply.chunk_delay)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send_json(self, status: int, payload: object, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, reply: Reply, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = self.server_state
        generation = state.begin_stream()
        try:
            if self._stream_pieces(reply, model, generation) and not reply.no_finish:
                self._event(_chunk(model, {}, reply.finish))
            if not reply.endless:
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
        finally:
            state.end_stream()

    def _stream_pieces(self, reply: Reply, model: str, generation: int) -> bool:
        """Send the content; False when the stream was dropped or cut by another request."""
        pieces = itertools.repeat(reply.content) if reply.endless else _pieces(reply.content)
        for index, piece in enumerate(pieces):
            if reply.drop_after_chunks is not None and index >= reply.drop_after_chunks:
                self._drop()
                return False
            if self.server_state.stream_cut(generation):
                self.server_state.interrupted_streams += 1
                self._drop()  # llama-cpp-python ends the response without a finish_reason
                return False
            if reply.keepalive_only:
                self.wfile.write(b": ping\n\n")
                self.wfile.flush()
            else:
                self._event(_chunk(model, {"content": piece}, None))
            if reply.chunk_delay:
                time.sleep(reply.chunk_delay)
        return True

    def _event(self, payload: dict) -> None:
        self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
        self.wfile.flush()


def _pieces(text: str) -> list[str]:
    """Split text into word-sized chunks the way a model streams tokens."""
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)] if text else []


def _chunk(model: str, delta: dict, finish: str | None) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _filled(content: str, words: int) -> str:
    """What a small model does with no max_tokens: it keeps going until the window is full."""
    padding = " ".join(["and"] * max(words - len(content.split(" ")), 0))
    return f"{content} {padding}" if padding else content


def _completion(content: str, model: str | None, finish: str = "stop") -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model or "test-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
