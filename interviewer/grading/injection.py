"""Text in an answer that tries to steer the grader is found, removed before grading, and flagged.

Graders only ever read the cleaned text, so an instruction hidden in an answer cannot raise a score
however cleverly it is phrased for the model. Detection is deliberately broad: removing a sentence
that only looked like an instruction costs the candidate little, obeying one costs the grade its meaning.
Every sentence is screened in every way a model might read it (see readings.py): decoded, folded
and with hidden comments exposed; the rules (injection_rules.py) cover nine languages. Detection is
only the first guard: pipeline.py also caps any score the answer's own content cannot support.
"""

import functools
import re
import secrets
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from interviewer.grading.injection_rules import SENTENCE_RULES, TURN_RULES
from interviewer.grading.readings import DOTTED_LETTERS, readings, visible

REMOVED = "[removed: text addressed to the grader]"

_GRADE_KEY = re.compile(
    r'["\']?(score|overall|verdict|criteria|grade|rating)["\']?\s*:', re.IGNORECASE
)
# One line's sentences, and sentences that run across line breaks (an attack split over lines).
_SENTENCE = re.compile(r"[^.!?。！？\n]*(?:[.!?。！？]+|\n|$)")
_SPLIT_SENTENCE = re.compile(r"(?:[^.!?。！？\n]|\n(?![ \t]*\n))*(?:[.!?。！？]+|\n[ \t]*\n|$)")
# A sentence holding d.o.t.t.e.d words, whose dots would otherwise end it after every letter.
_DOTTED_SENTENCE = re.compile(
    rf"(?:[^.!?\n]|{DOTTED_LETTERS})*{DOTTED_LETTERS}(?:[^.!?\n]|{DOTTED_LETTERS})*[.!?]*"
)
_REVERSED = re.compile("\u202e[^\u202c\n]*\u202c?")  # punctuation inside reads in reverse
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|^[ \t]*\[[^\]\n]*\]:[ \t]*(?:#|<>)[^\n]*", re.S | re.M)


@dataclass(frozen=True)
class GuardedAnswer:
    """The answer as typed, the text graders may read, and the clean pieces quotes must come from."""

    original: str
    graded_text: str
    segments: tuple[str, ...]
    attempted: bool


@functools.lru_cache(maxsize=512)  # a conversation re-sends the same turns on every request
def guard(answer: str) -> GuardedAnswer:
    """Remove everything in `answer` that addresses the grader rather than the interviewer."""
    spans = _merge(_json_grade_spans(answer) + _turn_spans(answer) + _sentence_spans(answer))
    if not spans:
        return GuardedAnswer(answer, answer, (answer,), False)
    pieces, segments, cursor = [], [], 0
    for start, end in spans:
        pieces += [answer[cursor:start], REMOVED]
        segments.append(answer[cursor:start])
        cursor = end
    pieces.append(answer[cursor:])
    segments.append(answer[cursor:])
    clean = tuple(s for s in segments if s.strip())
    return GuardedAnswer(answer, "".join(pieces).strip(), clean, True)


def guarded_text(text: str) -> str:
    """The text a model may read: `text` with anything addressed to a grader removed."""
    return guard(text).graded_text if text else text


Model = TypeVar("Model", bound=BaseModel)


def guarded_model(model: Model) -> Model:
    """A copy of a profile (or any model) in which every string field has been guarded."""
    updates: dict = {}
    for name, value in model:
        if isinstance(value, str):
            updates[name] = guarded_text(value)
        elif isinstance(value, BaseModel):
            updates[name] = guarded_model(value)
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            updates[name] = [guarded_text(item) for item in value]
    return model.model_copy(update=updates)


@functools.lru_cache(maxsize=4096)  # long answers repeat themselves; so do conversations
def addresses_grader(text: str) -> bool:
    """Whether any reading of this piece of text speaks to whoever grades it."""
    return any(SENTENCE_RULES.search(view) for view in readings(text))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences (and hidden comments) that address the grader, however they are disguised."""
    spans = _screened(text, _SENTENCE) + _screened(text, _COMMENT) + _screened(text, _REVERSED)
    if re.search(DOTTED_LETTERS, text):
        spans += _screened(text, _DOTTED_SENTENCE)
    for start, end in _screened(text, _SPLIT_SENTENCE, across_lines=True):
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))  # only the joined lines make the attack
    return spans


def _screened(text: str, units: re.Pattern, *, across_lines=False) -> list[tuple[int, int]]:
    spans = []
    for match in units.finditer(text):
        unit = match.group()
        if across_lines and "\n" not in unit.strip():
            continue
        if unit.strip() and addresses_grader(unit):
            leading = len(unit) - len(unit.lstrip())
            spans.append((match.start() + leading, match.end()))
    return spans


def _turn_spans(text: str) -> list[tuple[int, int]]:
    """From a fake turn marker or fake delimiter to the end of its paragraph."""
    spans, line_start = [], 0
    for line in text.split("\n"):
        shown = visible(line)
        if any(rule.search(view) for view in (line, shown) for rule in TURN_RULES):
            paragraph_end = text.find("\n\n", line_start)
            spans.append((line_start, len(text) if paragraph_end < 0 else paragraph_end))
        line_start += len(line) + 1
    return spans


def _json_grade_spans(text: str) -> list[tuple[int, int]]:
    """Brace-balanced objects that carry grade-like keys: a fake grader reply."""
    spans, depth, start = [], 0, -1
    for index, char in enumerate(text):
        if char == "{":
            start, depth = (index, 1) if depth == 0 else (start, depth + 1)
        elif char == "}" and depth:
            depth -= 1
            if depth == 0 and _GRADE_KEY.search(text[start : index + 1]):
                spans.append((start, index + 1))
    if depth and _GRADE_KEY.search(text[start:]):
        spans.append((start, len(text)))  # an unclosed fake reply runs to the end
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Fence:
    """Per-call delimiters around untrusted text; the nonce is random, so an answer cannot forge them."""

    nonce: str

    @classmethod
    def around(cls, *texts: str) -> "Fence":
        while True:
            nonce = secrets.token_hex(8)
            if not any(nonce in text for text in texts):
                return cls(nonce)

    def begin(self, label: str) -> str:
        return f"<<<BEGIN {label} {self.nonce}>>>"

    def end(self, label: str) -> str:
        return f"<<<END {label} {self.nonce}>>>"
