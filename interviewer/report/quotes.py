"""Quoting the candidate: every quote in a report is checked against what they actually said."""

import re

from interviewer.contract import CriterionResult
from interviewer.grading.analysis import split_sentences
from interviewer.grading.grounding import is_grounded
from interviewer.report.records import QuestionRecord

QUOTE_LIMIT = 200  # characters of the candidate's words in one quote


def trim_quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The text, cut at a word boundary to at most `limit` characters; always a substring of it."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-")


def first_sentence(text: str) -> str:
    """The opening sentence (or line) of an answer, exactly as written, trimmed to a quote."""
    sentences = split_sentences(text)
    return trim_quote(sentences[0][1] if sentences else text)


def said(record: QuestionRecord, quote: str) -> bool:
    """True when the candidate really said `quote` in this question's answers."""
    texts = record.answers() + ([record.critique.answer] if record.critique else [])
    return bool(quote) and is_grounded(quote, tuple(texts))


def grounded_evidence(record: QuestionRecord, result: CriterionResult) -> str | None:
    """The first evidence quote for `result` that occurs in what the candidate said."""
    for evidence in result.evidence:
        quote = trim_quote(evidence)
        if said(record, quote):
            return own_words(record, quote)
    return None


def own_words(record: QuestionRecord, quote: str) -> str:
    """The candidate's exact spelling of a grounded quote (a grader may change case or spacing)."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    for text in record.answers():
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            return match.group(0)
    return quote


def opening_words(record: QuestionRecord) -> str | None:
    answers = record.answers()
    return first_sentence(answers[0]) if answers else None


EXCERPT_CHARS = 1200  # an answer longer than this is shown as its opening, never whole


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A long answer's opening, cut at a word boundary, with how much was left out."""
    if len(text) <= limit + 200:  # not worth cutting a little
        return text
    shown = trim_quote(text, limit)
    hidden = len(text) - len(shown)
    return f"{shown} [... {hidden:,} more characters not shown; the session log keeps them all]"
