"""Facts a model wrote about the candidate that the candidate never gave: numbers, names, titles.

A brief that hands the candidate an invented MBA, a figure or an employer sends them into the
interview to claim it. So anything a model adds is checked against the candidate's own words: the
grader's check (numbers and organisations after "at", "for"...), plus written numbers, capitalised
names anywhere but at the start of a sentence, degrees and certifications.
"""

import re

from interviewer.grading.grounding import invented_facts, normalize

_WORD = re.compile(r"[A-Za-z][\w'’&-]*")
_OPENERS = ".!?:;\"“‘'([\n-*•"  # after one of these (or nothing) a capital opens a sentence
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion dozen dozens double doubled tripled halved".split()
)
_DIGITS = dict(
    zip(
        "two three four five six seven eight nine ten eleven twelve".split(),
        range(2, 13),
        strict=True,
    )
)
_CREDENTIAL = re.compile(
    r"\b(?:MBA|Ph\.?D|DPhil|M\.?Sc|B\.?Sc|B\.?A|M\.?A|MEng|BEng|LLB|LLM|MPhil|CPA|CFA|ACCA|CIMA|"
    r"PMP|PRINCE2|CISSP|CISA|SHRM|CIPD|ITIL|Six Sigma|black belt|degree|diploma|doctorate|"
    r"master['’]?s|bachelor['’]?s|graduate|certified|certification|certificate|chartered|"
    r"licen[cs]ed|accredited|qualified as|fellow of)\b",
    re.I,
)
# capitalised words a sentence may hold without naming anyone: our own words, not facts
_OWN_WORDS = frozenset(
    "i i'm i've i'd i'll hr ceo coo cfo cto cio vp ok".split()
    + "monday tuesday wednesday thursday friday".split()
)


def unsupported_facts(text: str, sources: str) -> list[str]:
    """Everything in `text` that reads as a fact about the candidate and is not in `sources`."""
    known = normalize(sources)
    found = invented_facts(text, sources)
    found += [w for w in _number_words(text) if not _number_known(w, known)]
    found += [c for c in _credentials(text) if normalize(c) not in known]
    found += [n for n in _names(text) if not _word_known(n, known)]
    return list(dict.fromkeys(found))


def _number_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.casefold() in _NUMBER_WORDS]


def _number_known(word: str, known: str) -> bool:
    """ "eight" is known if the sources say "eight" or "8"."""
    digit = _DIGITS.get(word.casefold())
    return _word_known(word, known) or (
        digit is not None and re.search(rf"(?<![\d.]){digit}(?![\d.])", known) is not None
    )


def _credentials(text: str) -> list[str]:
    return [match.group(0) for match in _CREDENTIAL.finditer(text)]


def _names(text: str) -> list[str]:
    """Capitalised words that do not open a sentence: names of people, firms, products."""
    names = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper() or word.casefold() in _OWN_WORDS:
            continue
        before = text[: match.start()].rstrip(" \t")
        if not before or before[-1] in _OPENERS:
            continue
        names.append(word)
    return names


def _word_known(word: str, known: str) -> bool:
    core = normalize(word).strip("'-&").removesuffix("'s")
    return bool(core) and re.search(rf"(?<!\w){re.escape(core)}(?!\w)", known) is not None
