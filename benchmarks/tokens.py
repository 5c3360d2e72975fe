"""How long fitting a 60-turn interview into the context window takes, turn by turn.

Run: python benchmarks/tokens.py   (INTERVIEWER_TOKENIZER=estimate skips the tiktoken attempt)
"""

import statistics
import time

from interviewer.llm.tokens import TokenCounter, budget_for, context_window, fit_conversation

TURNS = 60
STABLE = [
    {"role": "system", "content": "Persona: a senior executive who probes for evidence. " * 120},
    {
        "role": "system",
        "content": "Guidance: what a strong answer shows, criterion by criterion. " * 150,
    },
    {"role": "system", "content": "Hidden plan: the areas to probe and in which order. " * 40},
]


def exchange(number: int) -> list[dict]:
    answer = " ".join(f"In my last role I led change number {number}, step {i}." for i in range(25))
    return [
        {"role": "assistant", "content": f"Question {number}: who decided, and what did it cost?"},
        {"role": "user", "content": answer},
    ]


def summarize(dropped: list[dict]) -> str:
    return f"{len(dropped)} earlier messages covered delivery, hiring and conflict."


def timed_interview(counter: TokenCounter, window: int) -> tuple[list[float], int]:
    """Seconds per fit over TURNS turns, and how many turns needed a summary."""
    budget, history, seconds, summarised = budget_for(window, counter), [], [], 0
    for number in range(TURNS):
        question, answer = exchange(number)
        history.append(question)
        start = time.perf_counter()
        prompt = fit_conversation(
            stable=STABLE, history=history, turn=[answer], budget=budget, counter=counter,
            summarize=summarize,
        )  # fmt: skip
        seconds.append(time.perf_counter() - start)
        summarised += prompt[len(STABLE)]["content"].startswith("Summary")
        history.append(answer)
    return seconds, summarised


def main() -> None:
    start = time.perf_counter()
    counter = TokenCounter("llama3.1:8b")
    setup = time.perf_counter() - start
    mode = "estimate" if counter.estimated else "tiktoken"
    print(f"TokenCounter setup: {setup * 1000:.1f} ms ({mode}; notice: {counter.notice})")
    for window in (context_window("llama3:8b"), 32768, context_window("llama3.1:8b")):
        seconds, summarised = timed_interview(counter, window)
        print(
            f"window {window:>6}: {TURNS} turns, summary on {summarised:>2}; per fit "
            f"median {statistics.median(seconds) * 1000:.2f} ms, "
            f"max {max(seconds) * 1000:.2f} ms, total {sum(seconds) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
