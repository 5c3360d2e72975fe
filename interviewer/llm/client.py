"""Talking to any OpenAI-compatible endpoint; every SDK failure becomes an error that we explain.

The openai SDK is imported inside functions only: it is slow to import, and `interviewer --help`
or the offline engine should never pay for it. The API key is never logged, stored or shown.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from interviewer.errors import (
    AuthenticationFailed,
    ContextOverflow,
    EndpointError,
    EndpointFailure,
    EndpointTimeout,
    EndpointUnreachable,
    MissingApiKey,
    ModelNotFound,
    RateLimited,
)
from interviewer.llm.endpoint_memory import STRUCTURED_MODES, EndpointMemory
from interviewer.llm.request_queue import default_slots, request_slot
from interviewer.llm.tokens import reply_tokens
from interviewer.redact import refuse_url_credentials, scrub_secrets
from interviewer.settings import OPENAI_BASE_URL, Settings

if TYPE_CHECKING:
    import openai

PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK insists on one
MODELS_LISTED = 10
SERVER_TEXT_LIMIT = 200
_OVERFLOW_CODES = {
    "context_length_exceeded",
    "exceed_context_size_error",
    "string_above_max_length",
}
_OVERFLOW_WORDS = re.compile(
    r"context[ _-]?(length|window|size)|too many tokens|prompt is too long|maximum (input )?length",
    re.IGNORECASE,
)
# a server that cannot give the response_format we asked for says so naming it, sometimes with a 5xx
# (llama-cpp-python: HTTP 500 "Input should be 'text' or 'json_object'")
_FORMAT_WORDS = re.compile(
    r"response[_ ]?format|json[_ ]?schema|json_object|Input should be 'text'", re.IGNORECASE
)
_T = TypeVar("_T")


@dataclass(frozen=True, kw_only=True)
class Endpoint:
    """Where to send chat requests and how patiently; the key stays out of repr and str."""

    base_url: str | None
    api_key: str | None = field(default=None, repr=False)
    model: str
    timeout: float = 60.0
    max_retries: int = 2
    parallel_requests: int | None = None

    def __post_init__(self) -> None:
        refuse_url_credentials(self.base_url)

    @classmethod
    def from_settings(cls, settings: Settings) -> Endpoint:
        """Build from resolved interviewer.settings.Settings."""
        return cls(
            base_url=settings.base_url,
            api_key=settings.api_key,
            model=settings.model,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            parallel_requests=settings.parallel_requests or None,
        )

    @property
    def request_slots(self) -> int:
        """How many chat requests may run here at once (see interviewer.llm.request_queue)."""
        return self.parallel_requests or default_slots(self.url)

    @property
    def url(self) -> str:
        """The base URL actually used, for messages and for remembering what works where."""
        return (self.base_url or OPENAI_BASE_URL).rstrip("/")

    @property
    def needs_key(self) -> bool:
        """OpenAI's own host needs a key; local and other servers may do without one."""
        return self.base_url is None or urlsplit(self.url).hostname == "api.openai.com"


class LLMClient:
    """Chat completions (plain, streamed, JSON) against one endpoint and model."""

    def __init__(
        self, endpoint: Endpoint, *, memory: EndpointMemory | None = None, background: bool = False
    ) -> None:
        """`background`: this client's requests (grades) let the conversation's go first."""
        self.endpoint = endpoint
        self.background = background
        self._memory = memory if memory is not None else EndpointMemory()
        self._sdk_client: openai.OpenAI | None = None
        self._sdk_lock = threading.Lock()
        self._closer: weakref.finalize | None = None
        self._mode = self._memory.structured_mode(endpoint.url, endpoint.model)

    @property
    def structured_mode(self) -> str | None:
        """The structured-output mode that last worked here: json_schema, json_object or prompt."""
        return self._mode

    def complete_text(self, messages: list[dict], *, kind: str = "turn") -> str:
        """One whole reply, at most REPLY_TOKENS[kind] long."""
        with self._slot():
            return self._content(self._create(messages, kind=kind))

    def stream_text(self, messages: list[dict], *, kind: str = "turn") -> Iterator[str]:
        """The reply piece by piece, as the model produces it; the endpoint's slot is held
        until the stream ends, so no other request of ours can cut it short."""
        with self._slot():
            stream = self._create(messages, kind=kind, stream=True)
            try:
                yield from self._deltas(stream)
            finally:
                stream.close()

    def complete_json(
        self, messages: list[dict], *, schema: dict, name: str, kind: str = "grade", items: int = 1
    ) -> str:
        """A reply meant to be one JSON object matching `schema`; the caller validates it.

        Tries strict json_schema, then json_object, then a plain instruction, starting from
        whatever worked last time for this endpoint and model.
        """
        ladder = STRUCTURED_MODES[STRUCTURED_MODES.index(self._mode or STRUCTURED_MODES[0]) :]
        for mode in ladder:
            with self._slot():
                refused, reply = self._try_mode(mode, messages, schema, name, (kind, items))
            if not refused:
                self._learn(mode)
                return self._content(reply)
        raise AssertionError("the last mode is never refused")  # pragma: no cover

    def list_models(self) -> list[str]:
        """The model ids the endpoint says it serves."""
        return self._call(lambda: [model.id for model in self._sdk().models.list()])

    def close(self) -> None:
        """Release the HTTP connections now; the client reconnects if used again."""
        with self._sdk_lock:
            if self._closer is not None:
                self._closer()
            self._sdk_client = self._closer = None

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- requests -------------------------------------------------------------------------

    def _slot(self):
        slots = self.endpoint.request_slots
        return request_slot(self.endpoint.url, slots, background=self.background)

    def _create(
        self,
        messages: list[dict],
        *,
        kind: str | tuple[str, int],
        retries: int | None = None,
        **options,
    ):
        """One chat request, capped at the reply size for its kind; `retries` overrides the SDK's."""
        sdk = self._sdk() if retries is None else self._sdk().with_options(max_retries=retries)
        request: dict[str, Any] = {
            "model": self.endpoint.model,
            "messages": messages,
            _max_tokens_field(self.endpoint): _reply_cap(kind, self.endpoint.model),
            **options,
        }
        return self._call(lambda: sdk.chat.completions.create(**request))

    def _try_mode(
        self, mode: str, messages: list[dict], schema: dict, name: str, kind: tuple[str, int]
    ):
        """(refused, reply): refused when the server rejects this way of asking for JSON.

        A refusal is not worth retrying, so the first try goes without the SDK's retries; only
        a failure that is not a refusal gets the retries it would have had."""
        options, messages = _json_request(mode, messages, schema, name)
        if mode == STRUCTURED_MODES[-1]:
            return False, self._create(messages, kind=kind, **options)
        try:
            return False, self._create(messages, kind=kind, retries=0, **options)
        except _RequestRejected:
            return True, None
        except (EndpointFailure, EndpointTimeout, EndpointUnreachable, RateLimited):
            if self.endpoint.max_retries == 0:
                raise
        retries = self.endpoint.max_retries - 1
        return False, self._create(messages, kind=kind, retries=retries, **options)

    def _call(self, operation: Callable[[], _T]) -> _T:
        """Run one SDK operation; translate its failure outside the except block so no chain
        (and nothing the SDK saw, such as headers) reaches the user."""
        import httpx2
        import openai

        try:
            return operation()
        except (openai.OpenAIError, httpx2.HTTPError) as error:
            failure = self._translate(error)
        except (ValueError, RecursionError):  # a body the SDK could not parse as JSON
            failure = EndpointFailure(
                f"{self.endpoint.url} sent a reply that is not valid JSON",
                fix="check that OPENAI_BASE_URL points at an OpenAI-compatible server "
                "(interviewer doctor tests it)",
            )
        raise failure

    def _sdk(self) -> openai.OpenAI:
        """The SDK client, built on first use; with a key missing, fail before any network call."""
        with self._sdk_lock:
            if self._sdk_client is None:
                self._sdk_client = _build_sdk_client(self.endpoint)
                # close its sockets before garbage collection could find them unclosed
                self._closer = weakref.finalize(self, self._sdk_client.close)
            return self._sdk_client

    # -- replies ----------------------------------------------------------------------------

    def _content(self, completion) -> str:
        """The text of the first choice; an empty or refused reply is a failure."""
        choices = getattr(completion, "choices", None)
        message = choices[0].message if choices else None
        refusal = getattr(message, "refusal", None)
        if refusal:
            raise EndpointFailure(
                f"model '{self.endpoint.model}' at {self.endpoint.url} declined to answer: "
                f"{self._server_text(refusal)}"
            )
        if message is None or not (message.content or "").strip():
            raise self._empty_reply()
        return message.content

    def _deltas(self, stream) -> Iterator[str]:
        """Content pieces; a stream that stops before any finish_reason was cut short, whether
        the server closed it politely ([DONE] with no finish_reason, as llama-cpp-python does
        when a second request interrupts it) or broke the connection after some content."""
        received = finished = cut = False
        chunks = self._chunks(stream)
        while True:
            try:
                chunk = next(chunks)
            except StopIteration:
                break
            except EndpointUnreachable:
                if finished:
                    break  # the reply was whole; only the end of the exchange was lost
                if not received:
                    raise
                cut = True  # raised below, outside this handler, so no chain is kept
                break
            for choice in chunk.choices or ():
                finished = finished or choice.finish_reason is not None
                if choice.delta and choice.delta.content:
                    received = True
                    yield choice.delta.content
        if cut or not finished:
            raise self._cut_short()
        if not received:
            raise self._empty_reply()

    def _cut_short(self) -> ReplyCutShort:
        return ReplyCutShort(
            f"{self.endpoint.url} ended the reply before it was finished (no finish_reason): "
            "a local server cuts a reply short when another request arrives or its context "
            "is full; try again, and if it recurs set INTERVIEWER_PARALLEL_REQUESTS=1 or "
            "raise the server's context size"
        )

    def _chunks(self, stream) -> Iterator:
        iterator, end = iter(stream), object()
        while (chunk := self._call(lambda: next(iterator, end))) is not end:
            yield chunk

    def _empty_reply(self) -> EndpointFailure:
        return EndpointFailure(
            f"model '{self.endpoint.model}' at {self.endpoint.url} sent an empty reply; "
            "try again, or choose another model with INTERVIEWER_MODEL or --model"
        )

    def _learn(self, mode: str) -> None:
        if mode != self._mode:
            self._mode = mode
            self._memory.remember_structured_mode(self.endpoint.url, self.endpoint.model, mode)

    # -- errors -----------------------------------------------------------------------------

    def _translate(self, error: Exception) -> Exception:
        """The user-facing error for an SDK or transport failure."""
        import httpx2
        import openai

        url = self.endpoint.url
        if (bounded := _bound_exceeded(error, url)) is not None:
            return bounded
        if isinstance(error, openai.APITimeoutError | httpx2.TimeoutException):
            return EndpointTimeout(
                f"no reply from {url} within {self.endpoint.timeout:g} s; raise "
                "INTERVIEWER_TIMEOUT or --timeout, or choose a faster model"
            )
        if isinstance(error, openai.APIConnectionError | httpx2.TransportError):
            return EndpointUnreachable(
                f"cannot reach {url} (or the connection dropped): is the server running? "
                "Check OPENAI_BASE_URL"
            )
        if isinstance(error, openai.APIStatusError):
            return self._translate_status(error)
        return EndpointFailure(
            f"unexpected reply from {url}: {self._server_text(str(error))}; try again"
        )

    def _translate_status(self, error: openai.APIStatusError) -> Exception:
        import openai

        url, status = self.endpoint.url, error.status_code
        if isinstance(error, openai.RateLimitError):
            return RateLimited(
                f"{url} kept answering HTTP 429 (rate limited) after "
                f"{self.endpoint.max_retries} retries ({self._server_message(error)}); "
                "wait a little, or raise INTERVIEWER_MAX_RETRIES",
                status=status,
            )
        if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
            return AuthenticationFailed(  # the server's text may echo part of the key: not shown
                f"{url} rejected the API key (HTTP {status}); check OPENAI_API_KEY",
                status=status,
            )
        if isinstance(error, openai.NotFoundError) and _about_model(error, self.endpoint.model):
            return self._model_not_found()
        if _is_overflow(error):
            return ContextOverflow(
                f"the prompt is larger than model '{self.endpoint.model}' accepts "
                f"({self._server_message(error)}); lower --context-tokens "
                "(INTERVIEWER_CONTEXT_TOKENS) or choose a model with a larger context",
                status=status,
            )
        if isinstance(error, openai.BadRequestError | openai.UnprocessableEntityError) or (
            status >= 500 and _names_format(error)
        ):
            return _RequestRejected(
                f"endpoint {url} rejected the request (HTTP {status}): "
                f"{self._server_message(error)}; check the model and OPENAI_BASE_URL",
                status=status,
            )
        hint = " (check OPENAI_BASE_URL; it usually ends in /v1)" if status == 404 else ""
        return EndpointFailure(
            f"endpoint {url} answered HTTP {status}: {self._server_message(error)}{hint}; "
            "try again later or check the server's logs",
            status=status,
        )

    def _model_not_found(self) -> ModelNotFound:
        endpoint = self.endpoint
        try:
            models = self.list_models()
        except EndpointError:
            models = []
        if models:
            shown = ", ".join(models[:MODELS_LISTED])
            hidden = len(models) - MODELS_LISTED
            more = f" (and {hidden} more)" if hidden > 0 else ""
            available = f"available: {shown}{more}"
        else:
            available = "it did not list the models it serves"
        return ModelNotFound(
            f"model '{endpoint.model}' is not served at {endpoint.url}; {available}. "
            "Set INTERVIEWER_MODEL or --model"
        )

    def _server_message(self, error: openai.APIStatusError) -> str:
        body = error.body
        text = body.get("message") if isinstance(body, dict) else body
        return self._server_text(text if isinstance(text, str) and text else "no details")

    def _server_text(self, text: str) -> str:
        """Server text fit for one line of a message: short, and never holding the key."""
        text = " ".join(text.split())
        if self.endpoint.api_key:
            text = text.replace(self.endpoint.api_key, "[key hidden]")
        text = scrub_secrets(text)
        if len(text) > SERVER_TEXT_LIMIT:
            text = text[: SERVER_TEXT_LIMIT - 1] + "…"
        return text


def _build_sdk_client(endpoint: Endpoint) -> openai.OpenAI:
    if endpoint.needs_key and not endpoint.api_key:
        raise MissingApiKey(
            f"no API key for {endpoint.url}: set OPENAI_API_KEY, or point OPENAI_BASE_URL "
            "at a local server, or use --offline"
        )
    import openai

    from interviewer.llm.bounded import bounded_http_client

    return openai.OpenAI(
        api_key=endpoint.api_key or PLACEHOLDER_KEY,
        base_url=endpoint.url,
        timeout=endpoint.timeout,
        max_retries=endpoint.max_retries,
        http_client=bounded_http_client(endpoint.timeout),
    )


def _bound_exceeded(error: Exception, url: str) -> EndpointError | None:
    """The message for a reply that ran past its deadline or size cap (interviewer.llm.bounded)."""
    from interviewer.llm.bounded import ExchangeTooLong, ReplyTooLarge

    if isinstance(error, ExchangeTooLong):
        return EndpointTimeout(
            f"{url} was still sending its reply after {error.seconds:g} s (a stream that never "
            "ends, or only keep-alive pings); raise INTERVIEWER_TIMEOUT or --timeout if the "
            "model is just slow, or choose another model"
        )
    if isinstance(error, ReplyTooLarge):
        return EndpointFailure(
            f"the reply from {url} grew past {error.limit // (1024 * 1024)} MB without ending "
            "(a model that runs away); try again, or choose another model"
        )
    return None


class _RequestRejected(EndpointFailure):
    """HTTP 400/422 that is not a context overflow, or a 5xx naming the response_format: for
    JSON, most likely the server cannot give the format we asked for."""


class ReplyCutShort(EndpointFailure):
    """A streamed reply ended without a finish_reason: the server stopped it, the link held."""


def _reply_cap(kind: str | tuple[str, int], model: str) -> int:
    """max_tokens for a call of this kind (and number of items, for a plan)."""
    name, items = kind if isinstance(kind, tuple) else (kind, 1)
    return reply_tokens(name, model, items=items)


def _max_tokens_field(endpoint: Endpoint) -> str:
    """OpenAI's host wants max_completion_tokens (its reasoning models refuse max_tokens); other
    servers know max_tokens, and some know only that."""
    return "max_completion_tokens" if endpoint.needs_key else "max_tokens"


def _names_format(error: openai.APIStatusError) -> bool:
    body = error.body if isinstance(error.body, dict) else {}
    return bool(_FORMAT_WORDS.search(f"{body.get('message', '')} {error.message}"))


def _about_model(error: openai.APIStatusError, model: str) -> bool:
    message = error.message or ""
    return error.code == "model_not_found" or model in message or "model" in message.lower()


def _is_overflow(error: openai.APIStatusError) -> bool:
    if error.status_code not in (400, 413, 422):
        return False
    body = error.body if isinstance(error.body, dict) else {}
    text = f"{body.get('message', '')} {error.message}"
    return (
        error.code in _OVERFLOW_CODES
        or body.get("type") in _OVERFLOW_CODES
        or bool(_OVERFLOW_WORDS.search(text))
    )


def _json_request(mode: str, messages: list[dict], schema: dict, name: str):
    """The request options and messages that ask for JSON in the given mode."""
    if mode == "json_schema":
        json_schema = {"name": name, "schema": schema, "strict": True}
        return {"response_format": {"type": "json_schema", "json_schema": json_schema}}, messages
    instructed = _with_instruction(messages, schema_instruction(schema))
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}, instructed
    return {}, instructed


def schema_instruction(schema: dict) -> str:
    """The words that ask for JSON in json_object and prompt mode (graders budget for them)."""
    from interviewer.templates import render

    return render("json_instruction.j2", schema_json=json.dumps(schema, ensure_ascii=False)).strip()


def _with_instruction(messages: list[dict], instruction: str) -> list[dict]:
    """Add the instruction to the last user message, or as a new one; strict chat templates
    reject two user messages in a row or a system message after the first turn."""
    last = messages[-1] if messages else None
    if last and last.get("role") == "user" and isinstance(last.get("content"), str):
        return [*messages[:-1], {**last, "content": f"{last['content']}\n\n{instruction}"}]
    return [*messages, {"role": "user", "content": instruction}]


# -- reading JSON out of a reply ------------------------------------------------------------
# A reply may be anything a broken or hostile model sends, so the search is bounded: linear work
# in the reply's length, a fixed number of candidates tried, and no nesting deep enough to reach
# the interpreter's recursion limit (json.loads recurses once per level).

MAX_JSON_DEPTH = 32  # our replies nest three or four levels; nothing real goes near this
MAX_JSON_CANDIDATES = 64  # texts handed to json.loads per reply
SCAN_BUDGET_FACTOR = 4  # brace scanning may visit each significant character this many times
_FENCED = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)```", re.DOTALL)
_SIGNIFICANT = re.compile(r'[{}"\\]')


def extract_json(text: str) -> dict | None:
    """The first JSON object in a reply: the whole text, a fenced block, or a balanced {...}."""
    tried: set[str] = set()
    for candidate in _candidates(text):
        if candidate in tried:
            continue
        tried.add(candidate)
        if (found := _load_object(candidate)) is not None:
            return found
        if len(tried) >= MAX_JSON_CANDIDATES:
            return None
    return None


def _candidates(text: str) -> Iterator[str]:
    yield text.strip()
    for match in _FENCED.finditer(text):
        yield match.group(1).strip()
    yield from _balanced_spans(text)


def _load_object(text: str) -> dict | None:
    """The text as a JSON object, or None: not JSON, not an object, or nested too deep."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) and _depth_within(value, MAX_JSON_DEPTH) else None


def _depth_within(value: object, limit: int) -> bool:
    """Whether the value nests no deeper than `limit`, checked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return True


def _balanced_spans(text: str) -> Iterator[str]:
    """Each {...} span whose braces balance, ignoring braces inside JSON strings, in order.

    A scan from one brace settles every brace it passes outside a string, so most replies need
    one scan; braces that sat inside a string get their own scan, within a budget that keeps
    the whole search linear in the reply's length.
    """
    ends: dict[int, int | None] = {}
    budget = SCAN_BUDGET_FACTOR * len(text)
    start = text.find("{")
    while start != -1:
        if start not in ends:
            if budget <= 0:
                return
            budget -= _scan_from(text, start, ends)
        if (end := ends[start]) is not None:
            yield text[start : end + 1]
        start = text.find("{", start + 1)


def _scan_from(text: str, start: int, ends: dict[int, int | None]) -> int:
    """Match braces from `start` (outside any string); record each brace's end, or None when it
    never closes. Returns how many characters the scan looked at."""
    open_braces: list[int] = []
    in_string = escaped = False
    looked_at = 0
    for match in _SIGNIFICANT.finditer(text, start):
        looked_at += 1
        char, index = match.group(), match.start()
        if escaped:
            escaped = False
        elif in_string:
            escaped, in_string = char == "\\", char != '"'
        elif char == '"':
            in_string = True
        elif char == "{":
            open_braces.append(index)
        elif char == "}" and open_braces:
            ends.setdefault(open_braces.pop(), index)
            if not open_braces:
                break  # the span from `start` closed: later braces get their own scan
    for index in open_braces:
        ends.setdefault(index, None)
    return looked_at
