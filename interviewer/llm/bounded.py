"""Every exchange with a model server ends in bounded time and size, whatever the server sends.

httpx's timeout bounds each wait for bytes, not a whole exchange: a stream that never finishes,
one that sends only keep-alive comments, or a body trickled a byte at a time would each hold a
call forever. So every response body is read through a guard that checks, after each piece the
network delivers, a deadline for the exchange and a cap on its size. The guard's errors are
OpenAIErrors, which the SDK passes on without retrying: waiting again would not help.

Imported only where the SDK is built (it imports openai and httpx2, which are slow to import).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx2
import openai

EXCHANGE_DEADLINE_FACTOR = 3  # a whole reply may take this many times the configured timeout
MAX_REPLY_BYTES = 4 * 1024 * 1024  # a streamed reply of a few thousand tokens is well under 1 MB


class ExchangeTooLong(openai.OpenAIError):
    """The server was still sending when the exchange's deadline passed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete reply within {seconds:g} s")
        self.seconds = seconds


class ReplyTooLarge(openai.OpenAIError):
    """The reply grew past MAX_REPLY_BYTES without ending: a model that runs away."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"reply larger than {limit} bytes")
        self.limit = limit


def bounded_http_client(timeout: float) -> httpx2.Client:
    """The HTTP client for the SDK: its defaults, plus a deadline and a size cap per exchange."""
    return BoundedClient(timeout=timeout, exchange_seconds=timeout * EXCHANGE_DEADLINE_FACTOR)


class BoundedClient(openai.DefaultHttpxClient):
    """An httpx client whose every response body is read under a deadline and a size cap."""

    def __init__(
        self, *, exchange_seconds: float, max_bytes: int = MAX_REPLY_BYTES, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.exchange_seconds = exchange_seconds
        self.max_bytes = max_bytes

    def send(self, request: httpx2.Request, *, stream: bool = False, **kwargs) -> httpx2.Response:
        """Send as httpx does, but always read the body through the guard."""
        deadline = time.monotonic() + self.exchange_seconds
        response = super().send(request, stream=True, **kwargs)
        response.stream = _GuardedStream(response.stream, self, deadline)
        if not stream:
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        return response


class _GuardedStream(httpx2.SyncByteStream):
    """A response body that stops at the exchange's deadline or size cap."""

    def __init__(self, inner, client: BoundedClient, deadline: float) -> None:
        self._inner = inner
        self._client = client
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for piece in self._inner:
            received += len(piece)
            if received > self._client.max_bytes:
                raise ReplyTooLarge(self._client.max_bytes)
            if time.monotonic() > self._deadline:
                raise ExchangeTooLong(self._client.exchange_seconds)
            yield piece

    def close(self) -> None:
        self._inner.close()
