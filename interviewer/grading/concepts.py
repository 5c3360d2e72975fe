"""Words that mean the same thing to an interviewer, so a paraphrase counts as on-topic.

The lexicon is data (prompts/concepts.toml): a concept is a list of words, matched by their stem,
and phrases, matched in order within a sentence. It is read once, on first use, and answers are
matched against it with dictionary lookups only, so the offline grader stays fast and small.
"""

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*(?:%|(?:[kKmMxX]|bn)(?![A-Za-z]))?")
_SUFFIXES = ("ies", "ing", "ed", "ly", "s", "e")
MAX_GAP = 3  # other words allowed between the words of a phrase


def stem(word: str) -> str:
    """Crude but stable stemming: strip a common suffix (and a final e), keep five letters."""
    return base_form(word)[:5]


def base_form(word: str) -> str:
    """A word without its common suffix (and final e), untruncated, to tell "retail" from "retain"."""
    base = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if base.endswith(suffix) and len(base) - len(suffix) >= 3 and not base.endswith("ss"):
            base = base[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ed", "ing") and base[-1] == base[-2] and base[-1] not in "lsfz":
                base = base[:-1]  # shipped -> ship, planning -> plan; staffed stays staff
            break
    if base.endswith("e") and len(base) > 3:
        base = base[:-1]
    return base


Phrase = tuple[tuple[str, ...], str]  # (the stems after the first, concept label)


@dataclass(frozen=True, kw_only=True)
class Lexicon:
    """Concept labels by word stem, and phrases by the stem of their first word."""

    version: str
    words: dict[str, tuple[tuple[str, str], ...]]  # stem -> (base form of the term, label)
    exact: frozenset[str]  # the words as listed, which outrank the stopword list
    phrases: dict[str, tuple[Phrase, ...]]


def _index(concepts: dict[str, list[str]]) -> tuple[dict, frozenset[str], dict]:
    words: dict[str, set[tuple[str, str]]] = {}
    phrases: dict[str, list[Phrase]] = {}
    for name, terms in concepts.items():
        label = f"~{name}"
        for term in terms:
            tokens = TOKEN.findall(term)
            stems = tuple(stem(token) for token in tokens)
            if len(stems) == 1:
                words.setdefault(stems[0], set()).add((base_form(tokens[0]), label))
            elif stems:
                phrases.setdefault(stems[0], []).append((stems[1:], label))
    exact = frozenset(t.lower() for terms in concepts.values() for t in terms if " " not in t)
    return {k: tuple(sorted(v)) for k, v in words.items()}, exact, phrases


@functools.cache
def lexicon() -> Lexicon:
    """Read prompts/concepts.toml once (imported late: the CLI's --help must stay light)."""
    from interviewer.templates import prompts_dir

    data = tomllib.loads((prompts_dir() / "concepts.toml").read_text(encoding="utf-8"))
    words, exact, phrases = _index(data["concepts"])
    return Lexicon(
        version=data["version"],
        words=words,
        exact=exact,
        phrases={k: tuple(v) for k, v in phrases.items()},
    )


def word_concepts(word: str) -> frozenset[str]:
    """The concepts a word belongs to: one base form must begin the other, not merely share a stem.

    Five shared letters are not enough ("retail" is no form of "retain"), and a base form shorter
    than five letters must match whole ("rate" is no form of "rather").
    """
    base = base_form(word)
    return frozenset(
        label for term, label in lexicon().words.get(base[:5], ()) if _same_word(base, term)
    )


def same_word(a: str, b: str) -> bool:
    """Whether two words are forms of one word: one base form begins the other."""
    return _same_word(base_form(a), base_form(b))


def _same_word(base: str, term: str) -> bool:
    shorter, longer = sorted((base, term), key=len)
    return longer.startswith(shorter) and (len(shorter) >= 5 or shorter == longer)


def _follows(stems: Sequence[str], start: int, rest: tuple[str, ...]) -> bool:
    """Whether the stems `rest` come in order from `start`, each within MAX_GAP of the last."""
    position = start
    for wanted in rest:
        window = stems[position : position + MAX_GAP + 1]
        if wanted not in window:
            return False
        position += window.index(wanted) + 1
    return True


def phrase_concepts(stems: Sequence[str]) -> set[str]:
    """The concepts whose phrases occur in a sentence, given the stems of all its words."""
    phrases = lexicon().phrases
    found: set[str] = set()
    for index, first in enumerate(stems):
        for rest, label in phrases.get(first, ()):
            if label not in found and _follows(stems, index + 1, rest):
                found.add(label)
    return found


_TOPICS_MARKER = "# --- topics"


@functools.cache
def topic_concepts() -> frozenset[str]:
    """The labels of concepts that name a subject ("~conflict_handling"), not the general groups
    ("~less", "~bad") listed before the topics marker in concepts.toml: sharing a topic means two
    texts are about the same thing, sharing a general group does not."""
    from interviewer.templates import prompts_dir

    text = (prompts_dir() / "concepts.toml").read_text(encoding="utf-8")
    _, marker, topics = text.partition(_TOPICS_MARKER)
    body = topics.partition("\n")[2]
    names = tomllib.loads("[concepts]\n" + body)["concepts"] if marker else {}
    return frozenset(f"~{name}" for name in names)
