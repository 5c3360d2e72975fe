"""Answers with nothing to grade (empty, gibberish, "I don't know") are caught before any grader runs.

Sending them to an LLM would cost money and invite it to find merit that is not there.
"""

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FILLERS = re.compile(
    r"\b(honestly|sorry|um+|uh+|er+|hmm+|well|so|okay|ok|to be honest|i'm afraid|i am afraid|"
    r"really|actually|just|oh|ah)\b"
)
_NON_ANSWERS = {
    "i don't know",
    "i do not know",
    "don't know",
    "dont know",
    "i dont know",
    "idk",
    "no idea",
    "i have no idea",
    "not sure",
    "i'm not sure",
    "im not sure",
    "i am not sure",
    "pass",
    "skip",
    "n/a",
    "na",
    "nothing",
    "no comment",
    "dunno",
    "no answer",
    "can't say",
    "cannot say",
    "i can't answer that",
    "i cannot answer that",
    "i'd rather not say",
    "next question",
    "next",
    "no clue",
    "i have no clue",
    "not applicable",
    "none",
    "tbd",
    "todo",
    "lorem ipsum",
}
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}", re.IGNORECASE)
_REPEATED_CHAR = re.compile(r"(.)\1{3,}")
MIN_WORDS = 3


def insufficient_reason(answer: str) -> str | None:
    """Why the answer cannot be graded, or None when it is a real attempt."""
    text = answer.strip()
    if not text:
        return "the answer is empty"
    if _core_phrase(text) in _NON_ANSWERS:
        return "the answer declines to answer"
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return f"the answer has fewer than {MIN_WORDS} words"
    if _looks_like_gibberish(words):
        return "the answer is not readable text"
    return None


def _core_phrase(text: str) -> str:
    """The answer with punctuation and filler words removed, to spot polite non-answers."""
    lowered = text.lower().replace("’", "'")
    lowered = re.sub(r"[^\w'/ ]+", " ", lowered)
    lowered = _FILLERS.sub(" ", lowered)
    return " ".join(lowered.split())


def _looks_like_gibberish(words: list[str]) -> bool:
    wordlike = [w for w in words if _is_wordlike(w)]
    if len(wordlike) < 0.6 * len(words):
        return True
    distinct = {w.lower() for w in words}
    return len(words) >= 6 and len(distinct) <= 2


def _is_wordlike(word: str) -> bool:
    if len(word) > 24 or _REPEATED_CHAR.search(word) or _CONSONANT_RUN.search(word):
        return False
    return bool(_VOWEL.search(word)) or word.upper() == word  # acronyms like SQL, KPI
