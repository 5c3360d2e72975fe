"""Token counting and the conversation budget; tiktoken is only ever a fake module here."""

import json
import sys
import threading
import types

import pytest

from interviewer.errors import ConfigError, ContextOverflow
from interviewer.llm import tokens
from interviewer.llm.tokens import (
    DEFAULT_CONTEXT_WINDOW,
    ESTIMATE_NOTICE,
    KNOWN_CONTEXT_WINDOWS,
    SUMMARY_PREFIX,
    Budget,
    TokenCounter,
    budget_for,
    context_window,
    fit_conversation,
)

STABLE = [
    {"role": "system", "content": "You are a senior executive hiring a head of operations. " * 20},
    {"role": "system", "content": "Guidance: press for numbers, ask who decided, and why. " * 20},
    {"role": "system", "content": "Hidden plan: probe delivery, then hiring, then conflict. " * 10},
]
TURN = [{"role": "user", "content": "I cut the release cycle from six weeks to two."}]


@pytest.fixture(autouse=True)
def fresh_encoding_cache(monkeypatch):
    """Each test loads (or fails to load) its encoding afresh."""
    monkeypatch.setattr(tokens, "_encodings", {})


def fake_tiktoken(monkeypatch, get_encoding):
    """Install a stand-in tiktoken whose models are all unknown, so get_encoding decides."""
    module = types.ModuleType("tiktoken")

    def encoding_for_model(model):
        raise KeyError(model)

    module.encoding_for_model = encoding_for_model
    module.get_encoding = get_encoding
    monkeypatch.setitem(sys.modules, "tiktoken", module)
    monkeypatch.setenv("INTERVIEWER_TOKENIZER", "tiktoken")
    return module


class WordEncoding:
    """One token per word: easy to tell apart from the length estimate."""

    def __init__(self):
        self.calls = []

    def encode(self, text, disallowed_special=None):
        self.calls.append(text)
        return text.split()


def exchange(number: int, words: int = 40) -> list[dict]:
    answer = " ".join(f"answer{number}-{i}" for i in range(words))
    return [
        {"role": "assistant", "content": f"Question {number}: what exactly did you own?"},
        {"role": "user", "content": answer},
    ]


def interview(exchanges: int) -> list[dict]:
    return [message for number in range(exchanges) for message in exchange(number)]


def fit(history, *, window=2000, counter=None, summarize=None, stable=STABLE, turn=TURN):
    counter = counter or TokenCounter("gpt-4o")
    return fit_conversation(
        stable=stable,
        history=history,
        turn=turn,
        budget=Budget(window=window, reply_reserve=200),
        counter=counter,
        summarize=summarize or (lambda dropped: f"{len(dropped)} earlier messages"),
    )


# context windows


@pytest.mark.parametrize(
    ("model", "prefix"),
    [
        ("gpt-4o", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("gpt-4-0613", "gpt-4"),
        ("gpt-4-turbo-preview", "gpt-4-turbo"),
        ("gpt-4.1-nano", "gpt-4.1"),
        ("o3-mini", "o3"),
        ("GPT-3.5-Turbo", "gpt-3.5-turbo"),
        ("llama3:8b", "llama3"),
        ("llama3.1:8b", "llama3.1"),
        ("llama3.3:70b-instruct-q4_K_M", "llama3.3"),
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1"),
        ("openai/gpt-4o", "gpt-4o"),
        ("qwen2.5:14b", "qwen2.5"),
        ("ft:gpt-4o-mini:acme::abc123", "gpt-4o-mini"),
    ],
)
def test_the_longest_known_prefix_of_the_bare_model_name_wins(model, prefix):
    assert context_window(model) == KNOWN_CONTEXT_WINDOWS[prefix]


def test_versions_of_a_family_get_their_own_window():
    assert context_window("llama3.1:8b") != context_window("llama3:8b")
    assert context_window("gpt-4o") != context_window("gpt-4")


def test_an_unknown_model_gets_the_default_window():
    assert context_window("my-private-model:latest") == DEFAULT_CONTEXT_WINDOW


def test_the_users_figure_overrides_what_we_know():
    assert context_window("gpt-4o", override=4096) == 4096
    assert context_window("unknown", override=32000) == 32000


def test_a_window_of_no_tokens_is_refused():
    with pytest.raises(ConfigError, match="--context-tokens"):
        context_window("gpt-4o", override=0)


# counting


def test_the_estimate_is_used_quietly_when_asked_for(monkeypatch):
    monkeypatch.setitem(sys.modules, "tiktoken", None)  # importing it would now fail loudly
    counter = TokenCounter("gpt-4o")
    assert counter.estimated
    assert counter.notice is None
    assert counter.count("x" * 40) == 10
    assert counter.count("x" * 41) == 11


def test_the_estimate_counts_bytes_so_non_latin_text_is_not_undercounted():
    counter = TokenCounter("gpt-4o")
    assert counter.count("面试" * 10) > counter.count("ab" * 10)


def test_messages_cost_more_than_their_text():
    counter = TokenCounter("gpt-4o")
    messages = [{"role": "user", "content": "a" * 40}, {"role": "assistant", "content": "b" * 40}]
    assert counter.count_messages(messages) > counter.count("a" * 40) + counter.count("b" * 40)
    assert counter.count_messages(messages) > counter.count_messages(messages[:1])


def test_content_given_as_parts_is_counted():
    counter = TokenCounter("gpt-4o")
    plain = [{"role": "user", "content": "hello there " * 10}]
    parts = [{"role": "user", "content": [{"type": "text", "text": "hello there " * 10}]}]
    assert counter.count_messages(parts) == counter.count_messages(plain)


def test_an_unknown_tokenizer_setting_is_a_config_error(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_TOKENIZER", "sentencepiece")
    with pytest.raises(ConfigError, match="INTERVIEWER_TOKENIZER"):
        TokenCounter("gpt-4o")


def test_a_failing_download_falls_back_to_the_estimate_with_a_notice(monkeypatch):
    def get_encoding(name):
        raise ConnectionError("Failed to resolve 'openaipublic.blob.core.windows.net'")

    fake_tiktoken(monkeypatch, get_encoding)
    counter = TokenCounter("llama3.1:8b")
    assert counter.estimated
    assert counter.notice == ESTIMATE_NOTICE
    assert "\n" not in counter.notice
    assert counter.count("x" * 40) == 10


def test_a_hanging_download_is_abandoned_after_the_timeout(monkeypatch):
    release, finished = threading.Event(), threading.Event()

    def get_encoding(name):
        try:
            release.wait()
            raise ConnectionError("gave up")
        finally:
            finished.set()

    fake_tiktoken(monkeypatch, get_encoding)
    monkeypatch.setattr(tokens, "LOAD_TIMEOUT", 0.05)
    try:
        counter = TokenCounter("gpt-4o")
        assert counter.estimated
        assert counter.notice == ESTIMATE_NOTICE
        assert not finished.is_set()  # we stopped waiting; the download did not finish
    finally:
        release.set()
        finished.wait()


def test_a_failure_is_remembered_so_the_next_counter_does_not_wait_again(monkeypatch):
    attempts = []

    def get_encoding(name):
        attempts.append(name)
        raise ConnectionError("offline")

    fake_tiktoken(monkeypatch, get_encoding)
    TokenCounter("gpt-4o")
    second = TokenCounter("gpt-4o")
    assert attempts == ["o200k_base"]
    assert second.notice == ESTIMATE_NOTICE


def test_a_loaded_encoding_is_used_for_counting(monkeypatch):
    encoding = WordEncoding()
    fake_tiktoken(monkeypatch, lambda name: encoding)
    counter = TokenCounter("llama3.1:8b")
    assert not counter.estimated
    assert counter.notice is None
    assert counter.count("one two three " * 20) == 60
    assert encoding.calls == ["one two three " * 20]


def test_the_models_own_encoding_is_preferred(monkeypatch):
    own, fallback = WordEncoding(), WordEncoding()
    module = fake_tiktoken(monkeypatch, lambda name: fallback)

    def encoding_for_model(model):
        if model != "gpt-4o":
            raise KeyError(model)
        return own

    module.encoding_for_model = encoding_for_model
    TokenCounter("openai/gpt-4o").count("hello world")
    assert own.calls == ["hello world"]
    assert fallback.calls == []


# budgets


def test_the_budget_keeps_room_for_the_reply_and_the_margin():
    assert Budget(window=1000, reply_reserve=100).available == 900
    assert Budget(window=1000, reply_reserve=100, margin=0.2).available == 700


def test_an_estimating_counter_gets_a_margin_and_a_proportionate_reply_reserve():
    budget = budget_for(2000, TokenCounter("gpt-4o"))
    assert budget.margin > 0
    assert budget.reply_reserve == 500
    assert budget_for(128000, TokenCounter("gpt-4o")).reply_reserve == 1024


def test_a_budget_without_room_for_the_prompt_is_refused():
    with pytest.raises(ValueError, match="reply_reserve"):
        Budget(window=100, reply_reserve=100)


# fitting the conversation


def test_a_conversation_that_fits_is_left_alone():
    history = interview(3)
    assert fit(history, window=100_000) == [*STABLE, *history, *TURN]


def test_an_overlong_conversation_is_summarised_right_after_the_stable_head():
    history = interview(40)
    result = fit(history)
    summary = result[len(STABLE)]
    assert result[: len(STABLE)] == STABLE
    assert summary["role"] == "system"
    assert summary["content"].startswith(SUMMARY_PREFIX)
    assert result[-len(TURN) :] == TURN
    assert len(result) < len(STABLE) + len(history) + len(TURN)


def test_the_oldest_messages_go_first_and_in_whole_exchanges():
    history = interview(40)
    seen = []
    result = fit(history, summarize=lambda dropped: seen.extend(dropped) or "earlier talk")
    kept = result[len(STABLE) + 1 : -len(TURN)]
    assert seen + kept == history
    assert seen[0]["role"] == "assistant" and seen[-1]["role"] == "user"
    assert kept[0]["role"] == "assistant"


def test_the_result_stays_within_the_budget():
    counter = TokenCounter("gpt-4o")
    budget = Budget(window=2000, reply_reserve=200)
    for exchanges in (5, 20, 60):
        result = fit(interview(exchanges), counter=counter)
        assert counter.count_messages(result) <= budget.available


def test_the_stable_head_is_byte_identical_however_long_the_interview_grows():
    heads = set()
    for exchanges in range(1, 61, 3):
        result = fit(interview(exchanges))
        heads.add(json.dumps(result[: len(STABLE)]))
        assert result[: len(STABLE)] == STABLE
    assert heads == {json.dumps(STABLE)}


def test_the_summarised_part_changes_only_every_few_turns():
    summaries = [fit(interview(n))[len(STABLE)]["content"] for n in range(30, 42)]
    assert len(set(summaries)) < len(summaries) / 2


def test_a_long_summary_is_cut_to_fit():
    counter = TokenCounter("gpt-4o")
    budget = Budget(window=2000, reply_reserve=200)
    result = fit(interview(40), counter=counter, summarize=lambda dropped: "blah " * 5000)
    summary = result[len(STABLE)]["content"]
    assert summary.startswith(SUMMARY_PREFIX + "blah")
    assert summary.endswith("[...]")
    assert counter.count_messages(result) <= budget.available


def test_a_conversation_is_fitted_even_when_one_answer_is_bigger_than_the_room():
    history = interview(3) + exchange(3, words=3000)
    counter = TokenCounter("gpt-4o")
    result = fit(history, counter=counter)
    assert result[len(STABLE)]["content"].startswith(SUMMARY_PREFIX)
    assert counter.count_messages(result) <= Budget(window=2000, reply_reserve=200).available


def test_a_prompt_whose_fixed_part_cannot_fit_is_refused_with_advice():
    huge_turn = [{"role": "user", "content": "word " * 5000}]
    with pytest.raises(ContextOverflow, match="--context-tokens") as caught:
        fit(interview(2), turn=huge_turn)
    assert "\n" not in str(caught.value)
    assert "larger context window" in str(caught.value)
