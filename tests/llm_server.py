"""A scripted OpenAI-compatible server on 127.0.0.1 for tests: the real SDK talks real HTTP to it.

Each test queues the replies it wants (or installs a responder that looks at the request), and
afterwards reads `server.requests` to see exactly what the client sent. Nothing leaves loopback.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
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


Responder = Callable[[dict], Reply]


class LLMServer:
    """Start with `start()`; `base_url` is what the client's base URL should be."""

    def __init__(self, *, models: tuple[str, ...] = ("test-model",)) -> None:
        self.models = list(models)
        self.script: deque[Reply] = deque()
        self.responder: Responder | None = None
        self.refuse_formats: set[str] = set()
        self.requests: list[dict] = []
        self.headers_seen: list[dict[str, str]] = []
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
                return Reply.failure(
                    400, f"response_format '{fmt}' is not supported by this server"
                )
            if self.script:
                return self.script.popleft()
        if self.responder:
            return self.responder(body)
        return Reply.failure(500, "test server: no scripted reply left for this request")


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
        if self.path.rstrip("/").endswith("/models"):
            data = [
                {"id": m, "object": "model", "created": 0, "owned_by": "test"}
                for m in self.server_state.models
            ]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        state = self.server_state
        with state._lock:
            state.requests.append({**body, "_path": self.path})
            state.headers_seen.append(dict(self.headers))
        if not self.path.rstrip("/").endswith("/chat/completions"):
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
        else:
            self._send_json(200, _completion(reply.content, body.get("model")), reply.headers)

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
        pieces = _pieces(reply.content)
        for index, piece in enumerate(pieces):
            if reply.drop_after_chunks is not None and index >= reply.drop_after_chunks:
                self._drop()
                return
            self._event(_chunk(model, {"content": piece}, None))
        self._event(_chunk(model, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

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


def _completion(content: str, model: str | None) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model or "test-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
