"""One queue of chat requests per endpoint, so a local server is never asked two things at once.

A local server with a single slot (llama.cpp's default) cuts the running reply short when a second
request arrives: a background grade would silently end the question being streamed. So requests to
one endpoint take turns, one at a time unless the user says the server has more slots
(`parallel_requests`); OpenAI's own host serves many at once. The conversation goes first: a
background request (a grade) never starts while a conversation request waits, and gives one that
is about to start (the next question, asked right after the answer it grades) a moment to arrive.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

LOCAL_SLOTS = 1
OPENAI_SLOTS = 8
OPENAI_HOST = "api.openai.com"
BACKGROUND_GRACE = 0.5  # seconds a grade waits for the next question once a conversation runs

_queues: dict[tuple[str, int], "EndpointQueue"] = {}
_queues_lock = threading.Lock()


def default_slots(url: str) -> int:
    """How many requests an endpoint takes at once when the user has not said."""
    return OPENAI_SLOTS if urlsplit(url).hostname == OPENAI_HOST else LOCAL_SLOTS


class EndpointQueue:
    """A counting lock whose waiting conversation requests go before background ones."""

    def __init__(self, slots: int) -> None:
        self._changed = threading.Condition()
        self._free = slots
        self._conversation_waiting = 0
        self._conversation_seen = False

    @contextmanager
    def slot(self, *, background: bool) -> Iterator[None]:
        """Hold one slot for the whole request, a stream included."""
        with self._changed:
            if background:
                self._wait_as_background()
            else:
                self._wait_as_conversation()
            self._free -= 1
        try:
            yield
        finally:
            with self._changed:
                self._free += 1
                self._changed.notify_all()

    def _wait_as_conversation(self) -> None:
        self._conversation_seen = True
        self._conversation_waiting += 1
        try:
            self._changed.wait_for(lambda: self._free > 0)
        finally:
            self._conversation_waiting -= 1

    def _wait_as_background(self) -> None:
        if self._conversation_seen:  # let the turn that follows an answer start first
            self._changed.wait_for(self._conversation_busy, timeout=BACKGROUND_GRACE)
        self._changed.wait_for(lambda: self._free > 0 and not self._conversation_waiting)

    def _conversation_busy(self) -> bool:
        return self._conversation_waiting > 0 or self._free == 0


@contextmanager
def request_slot(url: str, slots: int, *, background: bool = False) -> Iterator[None]:
    """Hold one of the endpoint's slots for one request (see EndpointQueue)."""
    with _queue_for(url, slots).slot(background=background):
        yield


def _queue_for(url: str, slots: int) -> EndpointQueue:
    """The one queue for this endpoint (and slot count) in this process."""
    key = (url.rstrip("/"), slots)
    with _queues_lock:
        if key not in _queues:
            _queues[key] = EndpointQueue(slots)
        return _queues[key]
