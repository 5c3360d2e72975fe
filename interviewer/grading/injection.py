"""Text in an answer that tries to steer the grader is found, removed before grading, and flagged.

Graders only ever read the cleaned text, so an instruction hidden in an answer cannot raise a score
however cleverly it is phrased for the model. Detection is deliberately broad: removing a sentence
that only looked like an instruction costs the candidate little, obeying one costs the grade its meaning.
"""

import re
import secrets
from dataclasses import dataclass

REMOVED = "[removed: text addressed to the grader]"

_I = re.IGNORECASE | re.MULTILINE
_GRADER = r"(grader|evaluator|assessor|reviewer|examiner|scorer|marker|ai|a\.i\.|model|llm|assistant|chatbot|chatgpt|gpt|claude)"
# Words that only name whoever grades this answer; "model" or "system" alone are too common in real answers.
_JUDGE = r"(grader|evaluator|assessor|scorer|marker|grading\s+\w+|scoring\s+\w+|llm|language\s+model|ai\s+grader|chatbot)"
_TOP = r"(5|five|10|ten|full|maximum|max|top|perfect|highest|strong|excellent|best)"

# Sentences that speak to the grader rather than to the interviewer.
_SENTENCE_RULES = [
    re.compile(
        r"\b(ignore|disregard|forget|override|bypass)\b\s+(all\s+|any\s+|the\s+|of\s+)*(previous|prior|above|earlier|preceding|foregoing|your|system|original|grading|scoring|other)\s+(instructions?|prompts?|rules?|guidelines?|directions?|criteria|rubric|guidance)\b",
        _I,
    ),
    re.compile(r"\b(new|updated|revised|real|hidden)\s+(instructions|system\s+prompt)\b", _I),
    re.compile(
        rf"\b(note|message|instructions?|memo|reminder|p\.?s\.?)\s+(to|for)\s+(the\s+|any\s+|my\s+)?{_GRADER}s?\b",
        _I,
    ),
    re.compile(rf"\b(dear|attention|hey|hi|hello)\s+(the\s+)?{_GRADER}s?\b\s*[,:!]", _I),
    re.compile(rf"^\s*(to|for)\s+(the\s+|any\s+)?{_GRADER}s?\s*:", _I),
    re.compile(
        rf"\b(the|this|any|an?)\s+{_JUDGE}s?\b[^.!?\n]{{0,60}}\b(should|must|shall|will|needs?\s+to|has\s+to|is\s+(instructed|required|told)|are\s+(instructed|required))\b",
        _I,
    ),
    re.compile(
        rf"\b(give|award|assign|grant)\s+(me|this|this\s+answer|this\s+response|the\s+candidate|him|her|them|it)\b[^.!?\n]{{0,40}}\b{_TOP}\b",
        _I,
    ),
    re.compile(
        rf"\b(rate|score|grade|mark|evaluate|assess)\s+(me|this|this\s+answer|this\s+response|the\s+candidate|it)\b[^.!?\n]{{0,40}}\b{_TOP}\b",
        _I,
    ),
    re.compile(
        r"^\s*(please\s+)?(output|return|respond|reply|print|emit)\b[^.!?\n]{0,40}\b(json|verdict|scores?|grades?)\b",
        _I,
    ),
    re.compile(rf"\byou\s+are\s+(now\s+)?(an?|the|my)\s+([a-z-]+\s+){{0,3}}{_JUDGE}\b", _I),
    re.compile(
        r"\b(as\s+an\s+ai|system\s+prompt|prompt\s+injection|jailbreak|developer\s+mode)\b", _I
    ),
]
# Lines that pretend a new chat turn or the end of the answer begins; the rest of the paragraph goes too.
_TURN_RULES = [
    re.compile(
        r"^\s*(#+\s*|\*\*)?(system|assistant|developer|user|human|grader|evaluator|tool)\s*(\*\*)?\s*[:>\]]",
        _I,
    ),
    re.compile(r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>|</?s>|<\|endoftext\|>", _I),
    re.compile(
        r"^\s*</?\s*(answer|candidate[\s_-]*answer|candidate|response|input|user[\s_-]*input|text|data|question|transcript)\s*>",
        _I,
    ),
    re.compile(r"^\s*(<{2,}|>{2,}|\[{2,}).*$", _I),
    re.compile(r"^\s*(-{3,}|={3,}|\*{3,}|#{3,}|_{3,})\s*(end|begin|start|stop|new)\b", _I),
    re.compile(
        r"^\s*\(?(end|begin|start)\s+(of\s+)?(the\s+)?(candidate'?s?\s+)?(answer|response|input|transcript|text|data)\b",
        _I,
    ),
]
_GRADE_KEY = re.compile(
    r'["\']?(score|overall|verdict|criteria|grade|rating)["\']?\s*:', re.IGNORECASE
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


@dataclass(frozen=True)
class GuardedAnswer:
    """The answer as typed, the text graders may read, and the clean pieces quotes must come from."""

    original: str
    graded_text: str
    segments: tuple[str, ...]
    attempted: bool


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


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        if sentence.strip() and any(rule.search(sentence) for rule in _SENTENCE_RULES):
            leading = len(sentence) - len(sentence.lstrip())
            spans.append((match.start() + leading, match.end()))
    return spans


def _turn_spans(text: str) -> list[tuple[int, int]]:
    """From a fake turn marker or fake delimiter to the end of its paragraph."""
    spans = []
    for rule in _TURN_RULES:
        for match in rule.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            paragraph_end = text.find("\n\n", match.end())
            spans.append((line_start, len(text) if paragraph_end < 0 else paragraph_end))
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
