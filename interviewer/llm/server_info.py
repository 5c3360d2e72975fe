"""Asking a server how large its context window really is, instead of guessing from the model's name.

Each kind of server says it somewhere else: llama.cpp's C++ server in `/props` and in the `meta`
of its `/v1/models` entries, vLLM as `max_model_len` in `/v1/models`, Ollama in `POST /api/show`
(or `/api/ps` once the model is loaded), LM Studio in `/api/v0/models/{id}`. llama-cpp-python's
server says it nowhere except in the error for a prompt that is too long, so for that server alone
we send one such prompt (it is refused after tokenising, before any computing).

Every request has a short timeout and a size cap; any failure means "not known" (None), never an
exception: an unknown server simply keeps the configured or guessed window. The API key goes in
the Authorization header only and is never part of a result or a message.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

PROBE_TIMEOUT = 3.0
DEADLINE_REQUESTS = 4  # the whole inquiry may take as long as this many slow requests
REPLY_LIMIT = 1 << 20  # bytes: a server's description of itself is never larger
OLLAMA_DEFAULT_CONTEXT = 2048  # Ollama's smallest default num_ctx: safe when it is not set
OVERFLOW_PROBE_WORDS = 1 << 18  # 262,144 tokens: more than any llama-cpp-python window in practice
_CONTEXT_FIELDS = ("max_model_len", "context_length", "context_window", "loaded_context_length")
_WINDOW_IN_ERROR = re.compile(
    r"maximum context length is (\d+)"
    r"|available context size \((\d+) tokens?\)"
    r"|context window of (\d+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ContextSize:
    """A window the server itself reported, and where it said so (for `doctor` and messages)."""

    tokens: int
    source: str


def read_context_size(
    base_url: str, model: str, *, api_key: str | None = None, timeout: float = PROBE_TIMEOUT
) -> ContextSize | None:
    """The context window the server reports for `model`, or None when it does not say.

    Call it before any stream starts: on llama-cpp-python it sends one (refused) request, and a
    single-slot server interrupts a running stream when any request arrives.
    """
    if urlsplit(base_url).hostname == "api.openai.com":
        return None  # says nothing of windows; tokens.py knows its models
    found: list[ContextSize | None] = [None]

    def ask() -> None:
        try:
            found[0] = _ask(_Probe(base_url, api_key, timeout), model)
        except Exception:  # best effort: a server that answers nonsense says nothing of its size
            found[0] = None

    worker = threading.Thread(target=ask, name="context-size", daemon=True)
    worker.start()
    worker.join(timeout * DEADLINE_REQUESTS)  # a server that trickles bytes cannot hold us
    return found[0]


def _ask(probe: _Probe, model: str) -> ContextSize | None:
    entry = _model_entry(probe.get_json("/models"), model)
    for reader in (_from_models_entry, _from_llama_cpp, _from_ollama, _from_lm_studio):
        found = reader(probe, model, entry)
        if found is not None:
            return found
    if _looks_like_llama_cpp_python(entry):
        return _from_overflow_probe(probe, model)
    return None


def context_size_from_error(text: str) -> int | None:
    """The window named in a server's "prompt too long" error (OpenAI, vLLM, both llama.cpps)."""
    match = _WINDOW_IN_ERROR.search(text or "")
    return int(next(group for group in match.groups() if group)) if match else None


# -- one reader per kind of server ------------------------------------------------------------


def _from_models_entry(probe: _Probe, model: str, entry: dict | None) -> ContextSize | None:
    """vLLM (max_model_len), llama.cpp (meta.n_ctx) and hosted APIs that list a window."""
    if entry is None:
        return None
    for name in _CONTEXT_FIELDS:
        if (tokens := _positive_int(entry.get(name))) is not None:
            return ContextSize(tokens, f"/v1/models {name}")
    meta = entry.get("meta")
    if isinstance(meta, dict) and (tokens := _positive_int(meta.get("n_ctx"))) is not None:
        return ContextSize(tokens, "/v1/models meta.n_ctx")
    return None


def _from_llama_cpp(probe: _Probe, model: str, entry: dict | None) -> ContextSize | None:
    """llama.cpp's C++ server: the window of one slot (0 from a router that loaded nothing)."""
    for path in ("/props", f"/props?model={quote(model, safe='')}"):
        props = probe.get_json(path, root=True)
        settings = props.get("default_generation_settings") if isinstance(props, dict) else None
        if isinstance(settings, dict) and (tokens := _positive_int(settings.get("n_ctx"))):
            return ContextSize(tokens, "llama.cpp /props n_ctx")
    return None


def _from_ollama(probe: _Probe, model: str, entry: dict | None) -> ContextSize | None:
    """Ollama: the loaded window, else num_ctx, else its default (the model's own is larger)."""
    if (tokens := _ollama_loaded_window(probe, model)) is not None:
        return ContextSize(tokens, "Ollama /api/ps context_length")
    shown = probe.post_json("/api/show", {"model": model}, root=True)
    if not isinstance(shown, dict) or not {"model_info", "parameters"} & shown.keys():
        return None
    if (tokens := _num_ctx(shown.get("parameters"))) is not None:
        return ContextSize(tokens, "Ollama /api/show num_ctx")
    trained = _trained_length(shown.get("model_info")) or OLLAMA_DEFAULT_CONTEXT
    return ContextSize(min(trained, OLLAMA_DEFAULT_CONTEXT), "Ollama default num_ctx (set num_ctx)")


def _ollama_loaded_window(probe: _Probe, model: str) -> int | None:
    loaded = probe.get_json("/api/ps", root=True)
    running = loaded.get("models") if isinstance(loaded, dict) else None
    for item in running if isinstance(running, list) else ():
        if isinstance(item, dict) and model in (item.get("name"), item.get("model")):
            return _positive_int(item.get("context_length"))
    return None


def _from_lm_studio(probe: _Probe, model: str, entry: dict | None) -> ContextSize | None:
    """LM Studio's own API: the window the model was loaded with."""
    found = probe.get_json(f"/api/v0/models/{quote(model, safe='')}", root=True)
    if isinstance(found, dict) and (tokens := _positive_int(found.get("loaded_context_length"))):
        return ContextSize(tokens, "LM Studio loaded_context_length")
    return None


def _from_overflow_probe(probe: _Probe, model: str) -> ContextSize | None:
    """llama-cpp-python names its window only when refusing a prompt longer than it."""
    body = {"model": model, "prompt": " a" * OVERFLOW_PROBE_WORDS, "max_tokens": 1}
    refusal = probe.post_text("/completions", body)
    tokens = context_size_from_error(refusal or "")
    return ContextSize(tokens, "llama-cpp-python overflow error") if tokens else None


# -- small helpers ------------------------------------------------------------------------------


def _model_entry(listing: object, model: str) -> dict | None:
    """The /v1/models entry for `model` (or the only entry, as servers of one model answer)."""
    entries = listing.get("data") if isinstance(listing, dict) else None
    entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    for entry in entries:
        if model in (entry.get("id"), *(entry.get("aliases") or ())):
            return entry
    return entries[0] if len(entries) == 1 else None


def _looks_like_llama_cpp_python(entry: dict | None) -> bool:
    """Its /v1/models entries say owned_by "me" with an empty permissions list."""
    return entry is not None and entry.get("owned_by") == "me" and entry.get("permissions") == []


def _num_ctx(parameters: object) -> int | None:
    """num_ctx from Ollama's Modelfile parameters, one `name value` per line."""
    for line in str(parameters or "").splitlines():
        name, _, value = line.strip().partition(" ")
        if name == "num_ctx":
            return _positive_int(value.strip())
    return None


def _trained_length(model_info: object) -> int | None:
    if not isinstance(model_info, dict):
        return None
    for name, value in model_info.items():
        if str(name).endswith(".context_length"):
            return _positive_int(value)
    return None


def _positive_int(value: object) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if number > 0 else None


class _Probe:
    """Small GET/POST requests to one server; every failure is None, never an exception."""

    def __init__(self, base_url: str, api_key: str | None, timeout: float) -> None:
        self.base = base_url.rstrip("/")
        parts = urlsplit(self.base)
        root_path = re.sub(r"/v1$", "", parts.path.rstrip("/"))
        self.root = urlunsplit((parts.scheme, parts.netloc, root_path, "", ""))
        self.headers = {"Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        self.timeout = timeout

    def get_json(self, path: str, *, root: bool = False) -> object:
        return _parsed(self._send(path, None, root=root, errors_too=False))

    def post_json(self, path: str, body: dict, *, root: bool = False) -> object:
        return _parsed(self._send(path, body, root=root, errors_too=False))

    def post_text(self, path: str, body: dict) -> str | None:
        """The reply's text, error replies included (they are what the overflow probe wants)."""
        return self._send(path, body, root=False, errors_too=True)

    def _send(self, path: str, body: dict | None, *, root: bool, errors_too: bool) -> str | None:
        url = (self.root if root else self.base) + path
        data = json.dumps(body).encode() if body is not None else None
        headers = {**self.headers, **({"Content-Type": "application/json"} if data else {})}
        try:
            request = urllib.request.Request(url, data=data, headers=headers)
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return reply.read(REPLY_LIMIT).decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return _error_text(error) if errors_too else None
        except (OSError, ValueError):  # unreachable, timed out, refused, a malformed URL
            return None


def _error_text(error: urllib.error.HTTPError) -> str | None:
    try:
        return error.read(REPLY_LIMIT).decode("utf-8", "replace")
    except OSError:
        return None
    finally:
        error.close()


def _parsed(text: str | None) -> object:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None
