"""Cut the candidate's documents down until the drafting prompt fits the model's context window.

A long CV or job ad pasted whole would overflow a small local server (4,096 tokens), which then
fails the request or drops the start of the prompt without saying so. Here the longest document
loses its end first (ads and CVs put what matters most near the top), and each cut is reported in
a notice, so the candidate knows which part the model never read.
"""

from collections.abc import Callable
from dataclasses import replace

from interviewer.errors import ContextOverflow
from interviewer.llm.tokens import TRUNCATION_MARK, TokenCounter, budget_for, reply_tokens
from interviewer.prep.draft import PrepInputs

KEEP_AT_LEAST = 400  # characters: below this a document says too little to be worth cutting
CUT_SHARE = 0.75  # each step keeps this share of the longest document


class DraftFit:
    """The drafting budget: the window minus the reply's max_tokens and the JSON instruction."""

    def __init__(self, model: str, window: int, instruction: str) -> None:
        self.counter = TokenCounter(model)
        self.window = window
        self.budget = budget_for(window, self.counter, reply=reply_tokens("profile", model))
        self._instruction = self.counter.count(instruction)  # added in json_object/prompt mode

    def fits(self, messages: list[dict]) -> bool:
        cost = self.counter.count_messages(messages) + self._instruction
        return cost <= self.budget.available

    def fitted(
        self, inputs: PrepInputs, build: Callable[[PrepInputs], list[dict]]
    ) -> tuple[list[dict], list[str]]:
        """The messages for `inputs`, with the longest documents cut until they fit, and a
        notice for each document that was cut."""
        sent = inputs
        messages = build(sent)
        while not self.fits(messages):
            sent = self._shortened(sent)
            messages = build(sent)
        return messages, self._notices(inputs, sent)

    def _shortened(self, inputs: PrepInputs) -> PrepInputs:
        pieces = _pieces(inputs)
        name = max(pieces, key=lambda key: len(pieces[key]))
        if len(pieces[name]) <= KEEP_AT_LEAST:
            raise ContextOverflow(
                f"even with every document cut to its first {KEEP_AT_LEAST} characters, the "
                f"drafting prompt does not fit a {self.window}-token window",
                fix="raise --context-tokens (INTERVIEWER_CONTEXT_TOKENS) if the server holds "
                "more, or use --offline",
            )
        pieces[name] = _cut(pieces[name], int(len(pieces[name]) * CUT_SHARE))
        return _from_pieces(inputs, pieces)

    def _notices(self, original: PrepInputs, sent: PrepInputs) -> list[str]:
        before, after = _pieces(original), _pieces(sent)
        return [
            f"the {name} was cut to its first {len(after[name]) - len(TRUNCATION_MARK):,} of "
            f"{len(before[name]):,} characters to fit the model's {self.window:,}-token context "
            "window; nothing after that was drafted"
            for name in before
            if after[name] != before[name]
        ]


def _pieces(inputs: PrepInputs) -> dict[str, str]:
    """Each document by the name a notice gives it."""
    pieces = {"job ad": inputs.job or "", "CV": inputs.cv or ""}
    if len(inputs.notes) == 1:
        return pieces | {"notes": inputs.notes[0]}
    return pieces | {f"notes {i}": note for i, note in enumerate(inputs.notes, start=1)}


def _from_pieces(inputs: PrepInputs, pieces: dict[str, str]) -> PrepInputs:
    notes = tuple(text for name, text in pieces.items() if name.startswith("notes"))
    return replace(inputs, job=pieces["job ad"] or None, cv=pieces["CV"] or None, notes=notes)


def _cut(text: str, length: int) -> str:
    """The start of text, at most `length` characters, ended at a line or word break."""
    kept = text[:length]
    for breaker in ("\n", " "):
        at = kept.rfind(breaker)
        if at > length // 2:
            kept = kept[:at]
            break
    return kept.rstrip() + TRUNCATION_MARK
