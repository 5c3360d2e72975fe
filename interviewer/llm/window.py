"""The context window every prompt is fitted to: the user's figure, else the server's, else a guess.

A guess from the model's name was wrong for local servers (8,192 for an unknown id, where the
server had 4,096), so grading prompts overflowed. The server is asked once per process and
endpoint; the question holds the endpoint's request slot, because on llama-cpp-python it is a
(refused) request that would interrupt a running stream.
"""

import threading
from dataclasses import dataclass

from interviewer.llm.request_queue import request_slot
from interviewer.llm.tokens import context_window

PROBE_TIMEOUT = 10.0  # seconds per question; llama-cpp-python needs about 1 s to refuse its probe
_asked: dict[tuple[str, str], "Window"] = {}
_asked_lock = threading.Lock()


@dataclass(frozen=True)
class Window:
    tokens: int
    source: str  # "--context-tokens", what the server said, or "guessed from the model's name"


def window_for(endpoint, override: int | None = None) -> Window:
    """The window for this endpoint's model; an explicit --context-tokens always wins."""
    if override is not None:
        return Window(context_window(endpoint.model, override), "--context-tokens")
    key = (endpoint.url, endpoint.model)
    with _asked_lock:
        if key not in _asked:
            _asked[key] = _ask_server(endpoint)
        return _asked[key]


def _ask_server(endpoint) -> Window:
    from interviewer.llm.server_info import read_context_size

    with request_slot(endpoint.url, endpoint.request_slots):
        found = read_context_size(
            endpoint.url, endpoint.model, api_key=endpoint.api_key, timeout=_probe_timeout(endpoint)
        )
    if found is not None:
        return Window(found.tokens, found.source)
    return Window(context_window(endpoint.model), "guessed from the model's name")


def _probe_timeout(endpoint) -> float:
    """Short: a server that does not answer at once about itself will not say anything useful."""
    return min(float(endpoint.timeout), PROBE_TIMEOUT)
