"""Counting tokens and fitting a long interview into the model's context window.

tiktoken fetches its encoding files from the internet the first time; offline that fails, and
behind some firewalls it hangs (it sets no timeout). So the encoding loads in a daemon thread
that we wait on for LOAD_TIMEOUT seconds at most, and if it does not arrive we estimate from the
text's length and keep a safety margin. tiktoken is imported lazily, inside that thread.

The stable head of every prompt (persona, guidance, hidden plan) is passed through untouched so
that providers can cache it; only the conversation history is trimmed and summarised.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interviewer import environment
from interviewer.errors import ConfigError, ContextOverflow

KNOWN_CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-3.5-turbo": 16385,
    "gpt-4": 8192,
    "gpt-4-32k": 32768,
    "gpt-4-turbo": 128000,
    "gpt-4o": 128000,
    "gpt-4o-mini": 128000,
    "chatgpt-4o": 128000,
    "gpt-4.1": 1047576,
    "gpt-5": 272000,  # 400k in all, of which at most 272k may be input
    "o1": 200000,
    "o1-mini": 128000,
    "o1-preview": 128000,
    "o3": 200000,
    "o4": 200000,
    "llama3": 8192,
    "llama3.1": 131072,
    "llama3.2": 131072,
    "llama3.3": 131072,
    "llama-3": 8192,
    "llama-3.1": 131072,
    "llama-3.2": 131072,
    "llama-3.3": 131072,
    "mistral": 32768,
    "mistral-nemo": 131072,
    "mixtral": 32768,
    "qwen2": 32768,
    "qwen2.5": 32768,
    "gemma2": 8192,
    "gemma3": 32768,  # the 1b model has 32k; larger ones 128k: the smaller is the safe guess
    "phi3": 4096,
    "phi4": 16384,
}
DEFAULT_CONTEXT_WINDOW = 8192

# max_tokens for each kind of call, sent with every request: without it a small local model writes
# until its context is full (a 2,769-token "question"), and an abandoned request keeps the server busy
REPLY_TOKENS: dict[str, int] = {
    "turn": 300,  # one spoken turn of the executive: a reaction and one question
    "plan": 80,  # per planned question, plus PLAN_OPENING: one question with its aim, as JSON
    "grade": 1000,  # one critique: eight criteria with quotes, comments and suggestions, as JSON
    "memo": 500,  # the decision memo: a headline and a few reasons, as JSON
    "brief": 1000,  # the prep brief's part: likely questions, a line per story, a why-you draft
    "profile": 1000,  # a drafted profile: about twenty items, each with its quote, as JSON
    "probe": 16,  # a check that the endpoint answers at all
}
OPENAI_FAMILIES = ("gpt-", "chatgpt-", "o1", "o3", "o4", "text-", "davinci", "babbage")
PLAN_OPENING = 60
REASONING_MODELS = ("o1", "o3", "o4", "gpt-5")
REASONING_ALLOWANCE = 4000  # reasoning models spend part of max_tokens thinking before replying

TOKENIZER_ENV = environment.TOKENIZER
TOKENIZERS = ("tiktoken", "estimate")
FALLBACK_ENCODING = "o200k_base"
LOAD_TIMEOUT = 5.0
BYTES_PER_TOKEN = 4
MESSAGE_OVERHEAD = 4  # role and separators the chat format adds to every message
REPLY_PRIMING = 3  # the tokens that open the assistant's reply
ESTIMATE_MARGIN = 0.15
REPLY_RESERVE = 1024
SUMMARY_SHARE = 0.2  # the summary may take at most this share of the available tokens
TRIM_STEP = 4  # drop old exchanges in blocks, so the summarised part changes only now and then
SUMMARY_PREFIX = "Summary of the earlier interview: "
TRUNCATION_MARK = " [...]"
ESTIMATE_NOTICE = (
    "token counts are estimated: tiktoken could not load its encoding (offline?); "
    "the budget keeps a safety margin"
)

_encodings: dict[str, object | None] = {}  # model -> encoding, or None once loading failed


def context_window(model: str, override: int | None = None) -> int:
    """The window to plan for: the user's figure if given, else what we know of the model."""
    if override is not None:
        if override <= 0:
            raise ConfigError(
                f"--context-tokens must be a positive number of tokens, not {override}"
            )
        return override
    name = _bare_model_name(model)
    matches = [prefix for prefix in KNOWN_CONTEXT_WINDOWS if name.startswith(prefix)]
    return KNOWN_CONTEXT_WINDOWS[max(matches, key=len)] if matches else DEFAULT_CONTEXT_WINDOW


def reply_tokens(kind: str, model: str, *, items: int = 1) -> int:
    """The max_tokens for this kind of call (see REPLY_TOKENS), with room to think if needed;
    a plan grows with its number of questions (`items`)."""
    size = REPLY_TOKENS[kind] * items + (PLAN_OPENING if kind == "plan" else 0)
    if _bare_model_name(model).startswith(REASONING_MODELS):
        size += REASONING_ALLOWANCE
    return size


def _bare_model_name(model: str) -> str:
    """'Org/Llama3.1:8b' -> 'llama3.1'; 'ft:gpt-4o-mini:acme::x1' -> 'gpt-4o-mini'."""
    name = model.strip().lower().rsplit("/", 1)[-1]
    name = name.removeprefix("ft:")
    return name.split(":", 1)[0]


class TokenCounter:
    """Counts with the model's tiktoken encoding when it can be had, else estimates from length."""

    def __init__(self, model: str, *, tokenizer: str | None = None):
        self.model = model
        self.notice: str | None = None
        self._encoding: Any = None
        if _chosen_tokenizer(tokenizer) == "tiktoken":
            self._encoding = _encoding_for(model)
            self.notice = None if self._encoding is not None else ESTIMATE_NOTICE
        self.estimated = self._encoding is None
        # tiktoken holds only OpenAI's encodings: for any other model its count is an estimate too
        self.approximate = self.estimated or not _bare_model_name(model).startswith(OPENAI_FAMILIES)

    def count(self, text: str) -> int:
        """Tokens in one piece of text."""
        if self._encoding is None:
            return math.ceil(len(text.encode("utf-8")) / BYTES_PER_TOKEN)
        return len(self._encoding.encode(text, disallowed_special=()))  # candidate text is data

    def count_messages(self, messages: list[dict]) -> int:
        """Tokens a chat request with these messages costs, before the reply."""
        return REPLY_PRIMING + sum(self._count_message(message) for message in messages)

    def _count_message(self, message: dict) -> int:
        name = message.get("name")
        text = _message_text(message.get("content"))
        return MESSAGE_OVERHEAD + self.count(text) + (self.count(name) + 1 if name else 0)


def _message_text(content: object) -> str:
    """The text of a message, whether plain or given as a list of content parts."""
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


def _chosen_tokenizer(tokenizer: str | None) -> str:
    """'tiktoken' unless the caller or INTERVIEWER_TOKENIZER asks for the estimate."""
    chosen = (tokenizer or environment.read(TOKENIZER_ENV) or "tiktoken").strip().lower()
    if chosen not in TOKENIZERS:
        raise ConfigError(f"{TOKENIZER_ENV} must be 'tiktoken' or 'estimate', not {chosen!r}")
    return chosen


def _encoding_for(model: str) -> object | None:
    """The encoding for this model, waiting at most LOAD_TIMEOUT; None (remembered) on failure."""
    if model not in _encodings:
        done = threading.Event()
        loader = threading.Thread(target=_load_into, args=(_encodings, model, done), daemon=True)
        loader.start()
        if not done.wait(LOAD_TIMEOUT):
            _encodings.setdefault(model, None)  # a late success still replaces this
    return _encodings[model]


def _load_into(cache: dict, model: str, done: threading.Event) -> None:
    """Runs in a daemon thread: a hung download must never hold up the interview."""
    try:
        cache[model] = _load_encoding(model)
    except Exception:  # offline, firewalled, missing package: all mean "estimate"
        cache.setdefault(model, None)
    finally:
        done.set()


def _load_encoding(model: str) -> object:
    """The model's own encoding, or o200k_base for models tiktoken does not know."""
    import tiktoken

    try:
        return tiktoken.encoding_for_model(_bare_model_name(model))
    except KeyError:
        return tiktoken.get_encoding(FALLBACK_ENCODING)


@dataclass(frozen=True, kw_only=True)
class Budget:
    """How many prompt tokens we may send: the window minus the reply and a safety share."""

    window: int
    reply_reserve: int
    margin: float = 0.0

    def __post_init__(self) -> None:
        if self.window <= 0 or not 0 <= self.reply_reserve < self.window:
            raise ValueError(f"a budget needs 0 <= reply_reserve < window, got {self}")
        if not 0.0 <= self.margin < 1.0:
            raise ValueError(f"margin is a share between 0 and 1, got {self.margin}")

    @property
    def available(self) -> int:
        return max(0, math.floor(self.window * (1.0 - self.margin)) - self.reply_reserve)


def budget_for(window: int, counter: TokenCounter, *, reply: int = REPLY_RESERVE) -> Budget:
    """The usual budget: room for a reply of `reply` tokens (the request's max_tokens), and a
    margin whenever counts are estimated."""
    return Budget(
        window=window,
        reply_reserve=min(reply, window // 4),
        margin=ESTIMATE_MARGIN if counter.approximate else 0.0,
    )


def fit_conversation(
    *,
    stable: list[dict],
    history: list[dict],
    turn: list[dict],
    budget: Budget,
    counter: TokenCounter,
    summarize: Callable[[list[dict]], str],
) -> list[dict]:
    """stable + history + turn, with the oldest history summarised away if it would not fit."""
    fixed = counter.count_messages(stable + turn)
    if fixed > budget.available:
        raise ContextOverflow(_overflow_message(fixed, budget))
    if fixed + _history_cost(history, counter) <= budget.available:
        return [*stable, *history, *turn]
    room = budget.available - fixed
    summary_room = min(room, math.floor(budget.available * SUMMARY_SHARE))
    dropped, kept = _split_history(history, room - summary_room, counter)
    summary = _summary_message(summarize(dropped), summary_room, counter)
    return [*stable, *summary, *kept, *turn]


def _overflow_message(fixed: int, budget: Budget) -> str:
    return (
        f"the fixed part of the prompt (persona, guidance, plan and the current turn) needs "
        f"{fixed} tokens, but a {budget.window}-token window leaves {budget.available} after "
        f"reserving room for the reply; raise --context-tokens (INTERVIEWER_CONTEXT_TOKENS) "
        "or choose a model with a larger context window"
    )


def _history_cost(messages: list[dict], counter: TokenCounter) -> int:
    """What these messages add to a request (count_messages minus its one-off reply priming)."""
    return counter.count_messages(messages) - REPLY_PRIMING


def _split_history(
    history: list[dict], room: int, counter: TokenCounter
) -> tuple[list[dict], list[dict]]:
    """(oldest exchanges to summarise, newest exchanges that fit in room), in order."""
    exchanges = _exchanges(history)
    fitting, used = 0, 0
    for exchange in reversed(exchanges):
        used += _history_cost(exchange, counter)
        if used > room:
            break
        fitting += 1
    cut = _rounded_cut(len(exchanges), fitting)
    dropped = [message for exchange in exchanges[:cut] for message in exchange]
    return dropped, [message for exchange in exchanges[cut:] for message in exchange]


def _rounded_cut(total: int, fitting: int) -> int:
    """How many old exchanges to drop, rounded up to TRIM_STEP but never the newest that fits."""
    cut = math.ceil((total - fitting) / TRIM_STEP) * TRIM_STEP
    return min(cut, total - 1) if fitting else total


def _exchanges(history: list[dict]) -> list[list[dict]]:
    """History cut into exchanges, each opened by whichever role speaks first (question, answer)."""
    opener = next((m["role"] for m in history if m.get("role") != "system"), None)
    exchanges: list[list[dict]] = []
    for message in history:
        if not exchanges or (message.get("role") == opener and _has_spoken(exchanges[-1], opener)):
            exchanges.append([])
        exchanges[-1].append(message)
    return exchanges


def _has_spoken(exchange: list[dict], role: str | None) -> bool:
    return any(message.get("role") == role for message in exchange)


def _summary_message(summary: str, room: int, counter: TokenCounter) -> list[dict]:
    """The one summary message, cut short to fit room; none at all if even a stub cannot fit."""
    message = {"role": "system", "content": SUMMARY_PREFIX + summary.strip()}
    if _history_cost([message], counter) <= room:
        return [message]
    text = _truncated(summary.strip(), room, counter)
    return [{"role": "system", "content": SUMMARY_PREFIX + text}] if text else []


def _truncated(summary: str, room: int, counter: TokenCounter) -> str:
    """The longest start of summary (plus a mark) whose message still fits room."""

    def fits(length: int) -> bool:
        content = SUMMARY_PREFIX + summary[:length] + TRUNCATION_MARK
        return _history_cost([{"role": "system", "content": content}], counter) <= room

    low, high = 0, len(summary)
    while low < high:  # the largest length that fits, by bisection
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return summary[:low].rstrip() + TRUNCATION_MARK if low else ""
