"""`interviewer doctor`: what works, and what does not, between this tool and its model server.

The checks run in the order one would debug by hand: the configuration, reaching the endpoint,
the model, structured output, the context window, streaming, whether a second request cuts a
running stream, speed, and token counting. Each says what it found and, for a problem, what to
do. Nothing here knows about click: the CLI prints `Diagnosis.table()` and exits with its code.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.errors import EndpointError, ExitCode, InterviewerError
from interviewer.settings import SPECS, Settings

OK, WARN, FAIL, SKIP = "ok", "warn", "FAIL", "skip"
PROBE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["ready"],
    "properties": {"ready": {"type": "boolean"}},
}
GRADE_REPLY_TOKENS = 900  # about what one graded answer costs; to judge whether speed suffices
SLOW_FIRST_WORDS = 10.0  # seconds before the first words that make a live interview feel stuck
SHOWN_SETTINGS = ("base_url", "api_key", "model", "timeout", "context_tokens", "parallel_requests")


@dataclass(frozen=True)
class Check:
    """One line of the table: what was checked, how it went, what was found, what to do."""

    name: str
    status: str
    found: str
    fix: str = ""


@dataclass
class Diagnosis:
    checks: list[Check] = field(default_factory=list)

    @property
    def problems(self) -> list[Check]:
        return [c for c in self.checks if c.status == FAIL]

    @property
    def exit_code(self) -> int:
        """0 when nothing failed (warnings allowed); 2 for the configuration, else 3."""
        if not self.problems:
            return ExitCode.OK
        if any(c.name in (SPECS[n].env for n in SHOWN_SETTINGS) for c in self.problems):
            return ExitCode.BAD_INPUT
        return ExitCode.ENDPOINT

    def table(self) -> str:
        """The checks as a short table, then the verdict and a fix for each problem."""
        width = max(len(c.name) for c in self.checks)
        lines = [f"{c.status:<4}  {c.name:<{width}}  {c.found}" for c in self.checks]
        fixes = [
            f"  - {c.name}: {c.fix or 'see above'}" for c in self.checks if c.status in (FAIL, WARN)
        ]
        return "\n".join([*lines, "", self.verdict(), *fixes])

    def verdict(self) -> str:
        failed, warned = len(self.problems), sum(c.status == WARN for c in self.checks)
        if failed:
            return f"Verdict: {failed} problem(s) to fix before practising with this endpoint."
        if warned:
            return f"Verdict: usable, with {warned} warning(s)."
        return "Verdict: everything checked works."


def diagnose(settings: Settings) -> Diagnosis:
    """Run every check against the configured endpoint; never raises for what it finds."""
    diagnosis = Diagnosis(_configuration(settings))
    if settings.use_offline:
        return diagnosis
    doctor = _Doctor(settings, diagnosis)
    try:
        doctor.run()
    finally:
        doctor.close()
    return diagnosis


def _configuration(settings: Settings) -> list[Check]:
    """Each setting and where it came from; the key is only ever 'set' or 'not set'."""
    checks = [
        Check(
            SPECS[name].env, OK, f"{settings.shown(name)} ({settings.sources.get(name, 'default')})"
        )
        for name in SHOWN_SETTINGS
    ]
    if settings.use_offline:
        why = "offline is set" if settings.offline else "no endpoint is configured"
        fix = "set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs one) to check an endpoint"
        checks.append(Check("endpoint", SKIP, f"{why}: the built-in offline engine is used", fix))
    return checks


class _Doctor:
    """The network checks, in order; a check that cannot run says why and the rest go on."""

    def __init__(self, settings: Settings, diagnosis: Diagnosis) -> None:
        from interviewer.llm.client import Endpoint, LLMClient
        from interviewer.llm.endpoint_memory import EndpointMemory

        self.settings = settings
        self.diagnosis = diagnosis
        self.endpoint = Endpoint.from_settings(settings)
        self._scratch = tempfile.TemporaryDirectory(prefix="interviewer-doctor-")
        memory = EndpointMemory(Path(self._scratch.name) / "endpoints.json")  # start fresh
        self.client = LLMClient(self.endpoint, memory=memory)
        self.speed: tuple[float, float] | None = None  # (seconds to first words, tokens/s)

    def run(self) -> None:
        if not self._add(self._endpoint):
            return  # nothing else can work
        for check in (
            self._structured_output,
            self._context_window,
            self._streaming,
            self._second_request,
            self._speed,
            self._token_counting,
        ):
            self._add(check)

    def close(self) -> None:
        self.client.close()
        self._scratch.cleanup()

    def _add(self, check: Callable[[], Check | list[Check]]) -> bool:
        """Run one check; an endpoint error becomes a failed line. False when it failed."""
        try:
            found = check()
        except InterviewerError as error:
            name = check.__name__.strip("_").replace("_", " ")
            found = Check(name, FAIL, str(error))
        results = found if isinstance(found, list) else [found]
        self.diagnosis.checks.extend(results)
        return all(c.status != FAIL for c in results)

    # -- the checks -----------------------------------------------------------------------------

    def _endpoint(self) -> list[Check]:
        started = time.monotonic()
        models = self.client.list_models()
        seconds = time.monotonic() - started
        reached = Check("endpoint", OK, f"{self.endpoint.url} answered in {seconds:.1f} s")
        return [reached, self._model(models)]

    def _model(self, models: list[str]) -> Check:
        model = self.endpoint.model
        if model in models:
            return Check("model", OK, f"'{model}' is served")
        listed = ", ".join(models[:5]) or "none"
        return Check(
            "model",
            WARN,
            f"'{model}' is not in the list the server gives ({listed})",
            f"set INTERVIEWER_MODEL to one of: {listed}" if models else "",
        )

    def _structured_output(self) -> Check:
        from interviewer.llm.client import extract_json
        from interviewer.templates import render

        messages = [{"role": "user", "content": render("doctor_json.j2")}]
        reply = self.client.complete_json(messages, schema=PROBE_SCHEMA, name="doctor_probe")
        mode, parsed = self.client.structured_mode, extract_json(reply)
        readable = "a readable JSON reply" if parsed is not None else "a reply that is not JSON"
        if mode == "json_schema":
            return Check("structured output", OK, f"json_schema works ({readable})")
        if mode == "json_object":
            found = f"json_object works, json_schema is refused ({readable})"
            return Check("structured output", OK if parsed is not None else WARN, found)
        return Check(
            "structured output",
            WARN,
            f"both response formats are refused; JSON is asked for in words ({readable})",
            "small models often fail that: use a server with JSON support (llama.cpp, vLLM, "
            "Ollama) or a larger model",
        )

    def _context_window(self) -> Check:
        from interviewer.llm.server_info import read_context_size
        from interviewer.llm.tokens import context_window

        said = read_context_size(
            self.endpoint.url,
            self.endpoint.model,
            api_key=self.endpoint.api_key,
            timeout=min(self.endpoint.timeout, 5.0),
        )
        configured = self.settings.context_tokens
        # as interviewer.llm.window.window_for decides: the user's figure, the server's, a guess
        planned = context_window(self.endpoint.model, configured or (said.tokens if said else None))
        if said is None:
            return Check(
                "context window",
                WARN if configured is None else OK,
                f"the server does not say; the tool plans for {planned} tokens",
                "set INTERVIEWER_CONTEXT_TOKENS to the server's context size",
            )
        found = f"{said.tokens} tokens ({said.source}); the tool plans for {planned}"
        if planned > said.tokens:
            fix = f"set INTERVIEWER_CONTEXT_TOKENS to {said.tokens}"
            return Check("context window", FAIL, found, fix)
        return Check("context window", OK, found)

    def _streaming(self) -> Check:
        from interviewer.templates import render

        messages = [{"role": "user", "content": render("doctor_stream.j2")}]
        started = time.monotonic()
        first, pieces = _timed_pieces(self.client.stream_text(messages))
        elapsed = time.monotonic() - started
        if len(pieces) < 2:
            return Check(
                "streaming",
                WARN,
                "the reply came in one piece: turns will appear all at once",
                "enable streaming on the server if it has a setting for it",
            )
        first_words = (first or started) - started
        self.speed = (first_words, len(pieces) / max(elapsed - first_words, 1e-3))
        return Check("streaming", OK, f"{len(pieces)} pieces in {elapsed:.1f} s, finished cleanly")

    def _second_request(self) -> Check:
        from interviewer.templates import render

        messages = [{"role": "user", "content": render("doctor_stream.j2")}]
        stream = self.client.stream_text(messages)
        next(stream, None)
        other = threading.Thread(target=self._raw_request, daemon=True)
        other.start()
        try:
            for _piece in stream:
                pass
        except EndpointError:
            return self._cut_stream()
        finally:
            other.join(self.endpoint.timeout)
        return Check("second request", OK, "a second request does not cut a running stream")

    def _cut_stream(self) -> Check:
        slots = self.endpoint.request_slots
        found = "a second request cuts a running stream (one slot)"
        if slots > 1:
            return Check(
                "second request",
                FAIL,
                f"{found}, but the tool may send {slots} at once",
                "set INTERVIEWER_PARALLEL_REQUESTS=1, or give the server more slots "
                "(llama.cpp: --parallel 2)",
            )
        return Check("second request", OK, f"{found}; the tool sends one request at a time")

    def _raw_request(self) -> None:
        """A second client's request (not ours: our own requests queue for the endpoint)."""
        body = {
            "model": self.endpoint.model,
            "messages": [{"role": "user", "content": "1"}],
            "max_tokens": 1,
        }
        headers = {"Content-Type": "application/json"}
        if self.endpoint.api_key:
            headers["Authorization"] = f"Bearer {self.endpoint.api_key}"
        request = urllib.request.Request(
            f"{self.endpoint.url}/chat/completions", data=json.dumps(body).encode(), headers=headers
        )
        with contextlib.suppress(OSError, ValueError):  # served or not: did it cut the stream?
            urllib.request.urlopen(request, timeout=self.endpoint.timeout).close()

    def _speed(self) -> Check:
        from interviewer.llm.bounded import EXCHANGE_DEADLINE_FACTOR

        if self.speed is None:
            return Check("speed", SKIP, "not measured: streaming did not work")
        first_words, rate = self.speed
        found = f"{rate:.1f} tokens/s; first words after {first_words:.1f} s"
        needed = GRADE_REPLY_TOKENS / max(rate, 1e-3) + first_words
        allowed = self.endpoint.timeout * EXCHANGE_DEADLINE_FACTOR
        if needed > allowed:
            fix = f"a graded answer would take about {needed:.0f} s: set INTERVIEWER_TIMEOUT to "
            fix += f"{needed / EXCHANGE_DEADLINE_FACTOR:.0f} or more, or use a faster model"
            return Check("speed", FAIL, found, fix)
        if first_words > SLOW_FIRST_WORDS:
            return Check("speed", WARN, found, "turns will feel slow: try a smaller model")
        return Check("speed", OK, found)

    def _token_counting(self) -> Check:
        from interviewer.llm.tokens import TokenCounter

        counter = TokenCounter(self.endpoint.model)
        if counter.estimated and counter.notice is None:
            return Check("token counting", OK, "estimated from length, as chosen; a margin is kept")
        if counter.estimated:
            return Check(
                "token counting",
                WARN,
                "estimated from length (tiktoken's encoding is not available); a margin is kept",
                "run once with network access so tiktoken can fetch its encoding, or set "
                "INTERVIEWER_TOKENIZER=estimate to choose the estimate on purpose",
            )
        return Check("token counting", OK, "tiktoken (exact for OpenAI models, close for others)")


def _timed_pieces(pieces: Iterator[str]) -> tuple[float | None, list[str]]:
    """All pieces of a stream, and when the first with any text arrived."""
    first, received = None, []
    for piece in pieces:
        if first is None and piece.strip():
            first = time.monotonic()
        received.append(piece)
    return first, received
