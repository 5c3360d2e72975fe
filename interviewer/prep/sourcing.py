"""Which drafted items the candidate's documents bear out, and why the others are dropped.

A model asked to extract will still embellish: an MBA the CV never mentions, a percentage from
nowhere, a round-one concern guessed from the job ad. Each item must quote the document it names,
word for word; round one's verdicts must come from the notes; its value may carry no number or
name that no document holds, and must say something its quote says.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from interviewer.grading.concepts import base_form, same_word
from interviewer.grading.grounding import is_grounded, normalize
from interviewer.prep.draft import PrepInputs, Source, Sourced
from interviewer.words import FUNCTION_WORDS

SINGLE_FIELDS = (
    "role",
    "company",
    "interviewer_name",
    "interviewer_title",
    "candidate_name",
    "background",
)
LIST_FIELDS = ("focus_areas", "strengths", "concerns", "experiences")
NOTES_ONLY = frozenset({"strengths", "concerns", "interviewer_name", "interviewer_title"})
MOST_ITEMS = {"focus_areas": 6, "strengths": 5, "concerns": 5, "experiences": 8}
LONGEST_VALUE = 400  # characters: a background of two sentences, never a pasted document

# why an item was dropped, as a notice says it
REASONS = {
    "malformed": "not an item with a value, a source and a quote",
    "unquoted": "quoting words that are not in the document named",
    "not_from_notes": "round-one verdicts or interviewers not taken from the notes",
    "invented": "carrying a number, an amount or a name that no document holds",
    "unsupported": "saying something its quote does not",
}
_SOURCES: dict[str, Source] = {
    "job ad": "job ad",
    "job": "job ad",
    "job advert": "job ad",
    "job posting": "job ad",
    "cv": "CV",
    "resume": "CV",
    "résumé": "CV",
    "notes": "notes",
    "note": "notes",
    "hr feedback": "notes",
    "round-one notes": "notes",
}
_LETTERS = re.compile(r"[^\W\d_]+")
# an amount with a currency or a scale (£2m, $450k, 24%, 1.5bn): the whole of it must be in a document
_AMOUNT = re.compile(r"[£$€]\s?\d[\d,.]*(?:\s?(?:k|m|bn))?|\d[\d,.]*\s?(?:%|k\b|m\b|bn\b)", re.I)
_AMOUNT_SPACING = re.compile(r"[\s,]")
PREFIX = 5  # same_word compares words from five letters on; shorter ones must be equal
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+")


@dataclass
class Vetted:
    """The items that held up, by field, and how many were dropped for each reason."""

    fields: dict[str, object] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    over_limit: Counter[str] = field(default_factory=Counter)
    reworded: int = 0  # items whose value became their quote (see in_documents_words)

    @property
    def kept(self) -> int:
        return sum(len(v) if isinstance(v, tuple) else v is not None for v in self.fields.values())


def vet_reply(data: dict, inputs: PrepInputs) -> Vetted:
    """Every field of the model's reply, with only the items the documents bear out."""
    vetted = Vetted()
    for name in SINGLE_FIELDS:
        kept = _vetted_items(name, [data.get(name)] if data.get(name) else [], inputs, vetted)
        vetted.fields[name] = kept[0] if kept else None
    for name in LIST_FIELDS:
        items = data.get(name) or []
        kept = _vetted_items(name, items if isinstance(items, list) else [items], inputs, vetted)
        vetted.over_limit[name] = max(0, len(kept) - MOST_ITEMS[name])
        vetted.fields[name] = tuple(kept[: MOST_ITEMS[name]])
    return vetted


def _vetted_items(name: str, items: list, inputs: PrepInputs, vetted: Vetted) -> list[Sourced]:
    kept: list[Sourced] = []
    for raw in items:
        item = _as_sourced(raw)
        reason = "malformed" if item is None else why_unsupported(name, item, inputs)
        if reason or item is None:
            vetted.dropped[reason or "malformed"] += 1
            continue
        worded = in_documents_words(item, inputs)
        vetted.reworded += worded is not item
        if not _repeats(worded, kept):
            kept.append(worded)
    return kept


def _as_sourced(raw: object) -> Sourced | None:
    """The item as a Sourced, or None when it is not one (a bare string, a missing part)."""
    if not isinstance(raw, dict):
        return None
    value, source, quote = raw.get("value"), raw.get("source"), raw.get("quote")
    if not all(isinstance(part, str) and part.strip() for part in (value, source, quote)):
        return None
    known = _SOURCES.get(re.sub(r"[\d_]+", " ", str(source)).strip().lower())
    if known is None or len(str(value)) > LONGEST_VALUE:
        return None
    return Sourced(value=str(value).strip(), source=known, quote=str(quote).strip())


def why_unsupported(name: str, item: Sourced, inputs: PrepInputs) -> str | None:
    """The reason (a key of REASONS) this item cannot stand, or None when it holds up."""
    if name in NOTES_ONLY and item.source != "notes":
        return "not_from_notes"
    if not is_grounded(item.quote, (inputs.text_of(item.source),)):
        return "unquoted"
    if invented_in(item.value, known_words(inputs).text):
        return "invented"
    if not rests_on(item.value, item.quote):
        return "unsupported"
    return None


def in_documents_words(item: Sourced, inputs: PrepInputs) -> Sourced:
    """The item, or its quote as its value when the model's wording adds words no document
    holds (a 'physics degree' tacked onto a real episode): the documents' words are never wrong."""
    if not words_not_in(item.value, known_words(inputs)):
        return item
    return Sourced(value=item.quote, source=item.source, quote=item.quote)


def invented_in(value: str, sources: str) -> list[str]:
    """Numbers, amounts, credentials and names in a drafted value that no document contains:
    the brief's rule (prep/facts.py), plus whole amounts and acronyms that open a value."""
    from interviewer.prep.facts import unsupported_facts

    known = normalize(sources)
    found = unsupported_facts(value, sources)
    compact = _AMOUNT_SPACING.sub("", known)
    found += [
        a for a in _AMOUNT.findall(value) if _AMOUNT_SPACING.sub("", a.lower()) not in compact
    ]
    opening = _TOKEN.match(value.strip())
    acronym = opening.group().strip(".!?'’-") if opening else ""
    if sum(c.isupper() for c in acronym) >= 2 and not _says(known, acronym):
        found.append(acronym)
    return list(dict.fromkeys(found))


def _says(known: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(normalize(word))}(?!\w)", known) is not None


def rests_on(value: str, quote: str) -> bool:
    """Whether the value shares a word (or a form of one) with the quote it claims to rest on."""
    value_words = _content_words(value)
    if not value_words:
        return normalize(value) in normalize(quote)
    quote_words = _content_words(quote)
    return any(same_word(a, b) for a in value_words for b in quote_words)


def _content_words(text: str) -> set[str]:
    return {w for w in _LETTERS.findall(normalize(text)) if w not in FUNCTION_WORDS}


def _repeats(item: Sourced, kept: list[Sourced]) -> bool:
    return any(normalize(item.value) == normalize(other.value) for other in kept)


@dataclass(frozen=True)
class KnownWords:
    """Every word of the documents, by base form, to tell a shortened quote from an addition."""

    text: str
    bases: frozenset[str]
    by_prefix: dict[str, tuple[str, ...]]

    def holds(self, word: str) -> bool:
        base = base_form(word)
        if base in self.bases:
            return True
        return any(same_word(word, other) for other in self.by_prefix.get(base[:PREFIX], ()))


@functools.lru_cache(maxsize=8)  # one set of documents is vetted item after item
def known_words(inputs: PrepInputs) -> KnownWords:
    text = "\n\n".join(inputs.text_of(source) for source in ("job ad", "CV", "notes"))
    words = set(_LETTERS.findall(normalize(text)))
    bases = frozenset(base_form(word) for word in words)
    by_prefix: dict[str, list[str]] = {}
    for word in words:
        by_prefix.setdefault(base_form(word)[:PREFIX], []).append(word)
    return KnownWords(text, bases, {k: tuple(v) for k, v in by_prefix.items()})


def words_not_in(value: str, known: KnownWords) -> list[str]:
    """The value's own words (not function words) that occur in no document, in any form."""
    words = [w for w in _LETTERS.findall(normalize(value)) if len(w) > 2]
    return [w for w in words if w not in FUNCTION_WORDS and not known.holds(w)]


def dropped_notice(vetted: Vetted) -> str | None:
    """One line that counts what was dropped and says why, or None when nothing was."""
    total = sum(vetted.dropped.values())
    if not total:
        return None
    items = "item was" if total == 1 else "items were"
    why = "; ".join(f"{count} {REASONS[reason]}" for reason, count in vetted.dropped.items())
    return f"the model's {total} unsupported {items} dropped ({why})"


def reworded_notice(vetted: Vetted) -> str | None:
    if not vetted.reworded:
        return None
    items = "item" if vetted.reworded == 1 else "items"
    return (
        f"the model worded {vetted.reworded} {items} with words no document holds; "
        "the documents' own words are shown instead"
    )
