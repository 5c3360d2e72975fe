"""Fit a grading prompt into the model's context window, so a small local server never gets one
larger than it holds (7,600-token grading prompts used to go to a 4,096-token server as they were).

What may shrink, in order: the candidate's earlier answers (oldest first: they are only there for
consistency), then, on the retry after an invalid reply, the echo of that reply. The guidance, the
question and the graded answer never shrink: without them there is nothing to grade, and the
answer is reported ungraded instead (a ContextOverflow that says what to change).
"""

from collections.abc import Callable
from dataclasses import replace

from interviewer.errors import ContextOverflow
from interviewer.grading.pipeline import GradingRequest
from interviewer.llm.tokens import (
    TRUNCATION_MARK,
    TokenCounter,
    budget_for,
    context_window,
    reply_tokens,
)


class GradingFit:
    """The grader's budget: the window minus the reply's max_tokens and the JSON instruction."""

    def __init__(self, model: str, context_tokens: int | None, instruction: str) -> None:
        self.counter = TokenCounter(model)
        window = context_window(model, context_tokens)
        self.budget = budget_for(window, self.counter, reply=reply_tokens("grade", model))
        self._instruction = self.counter.count(instruction)  # added in json_object/prompt mode

    def fits(self, messages: list[dict]) -> bool:
        cost = self.counter.count_messages(messages) + self._instruction
        return cost <= self.budget.available

    def request(
        self, request: GradingRequest, build: Callable[[GradingRequest], list[dict]]
    ) -> list[dict]:
        """The grading messages, dropping the oldest earlier answers until they fit."""
        earlier = request.earlier_answers
        messages = build(request)
        while not self.fits(messages) and earlier:
            earlier = earlier[1:]
            messages = build(replace(request, earlier_answers=earlier))
        if not self.fits(messages):
            raise ContextOverflow(self._overflow_message(messages))
        return messages

    def correction(
        self, messages: list[dict], reply: str, build: Callable[[str], list[dict]]
    ) -> list[dict] | None:
        """messages plus the correction turns for `reply`, its echo cut short to fit; None
        when not even an empty echo fits."""
        echo = reply
        while True:
            extended = [*messages, *build(echo)]
            if self.fits(extended):
                return extended
            if not echo:
                return None
            echo = echo[: len(echo) // 2].rstrip() if len(echo) > 64 else ""
            echo = echo + TRUNCATION_MARK if echo else ""

    def _overflow_message(self, messages: list[dict]) -> str:
        needed = self.counter.count_messages(messages) + self._instruction
        return (
            f"the grading prompt for this answer needs {needed} tokens, but a "
            f"{self.budget.window}-token window leaves {self.budget.available} after room for "
            "the reply; shorten the answer, or raise --context-tokens (INTERVIEWER_CONTEXT_TOKENS) "
            "if the server holds more"
        )
