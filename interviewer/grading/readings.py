"""Every way a model might read a piece of text, so screening sees what the model will see.

A model reads through disguises a plain pattern match does not: full-width or decorated letters,
invisible characters inside words, Cyrillic letters posing as Latin ones, text reversed by a bidi
override, leetspeak, letters spaced apart, HTML or markdown comments that a renderer would hide,
base64 and rot13. Screening checks every reading; the text itself is never changed here.
"""

import base64
import binascii
import codecs
import re
import unicodedata

_TO_LATIN = str.maketrans(
    "аеорсуххіјԁһѕԛԝАВЕКМНОРСТХІЈЅαεορτυνικΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aeopcyxxijdhsqwABEKMHOPCTXIJSaeoptuvikABEHIKMNOPTXYZ",
)
_TO_CYRILLIC = str.maketrans("aeopcyxAEOPCXBMHTK", "аеорсухАЕОРСХВМНТК")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
_LEET = str.maketrans("013457", "oieast")
_SPACED_LETTERS = re.compile(r"(?<!\w)(?:\w[ \u00a0]){2,}\w(?!\w)")
DOTTED_LETTERS = r"(?<![\w.])(?:\w\.){3,}\w(?!\w)"  # F.u.l.l, but not e.g. or U.S.A.
_DOTTED = re.compile(DOTTED_LETTERS)
_QUOTE_PREFIX = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")
_COMMENT_MARKS = re.compile(r"<!--|-->|^\s*\[[^\]\n]*\]:\s*(?:#|<>)\s*", re.MULTILINE)
_BASE64_RUN = re.compile(r"(?<![\w+/])[A-Za-z0-9+/]{16,}={0,2}(?![\w+/=])")
_OVERRIDE = re.compile("\u202e([^\u202a-\u202e\n]*)")
MIN_PRINTABLE = 0.9
COMMON_SHARE = 0.15  # English prose runs at 40-50% of these words
_COMMON = frozenset(
    "the a an and or of to in on at for with is was it i my we our this that".split()
)


def visible(text: str, *, invisible_as: str = "") -> str:
    """NFKC, with the invisible format characters (zero-width, bidi controls, soft hyphens) gone."""
    text = _OVERRIDE.sub(lambda m: m.group(1)[::-1], text)  # read reversed text as it displays
    text = unicodedata.normalize("NFKC", text)
    return "".join(invisible_as if unicodedata.category(c) == "Cf" else c for c in text)


def readings(text: str) -> list[str]:
    """The distinct ways to read `text`, the plain one first."""
    plain = _QUOTE_PREFIX.sub("", _COMMENT_MARKS.sub(" ", visible(text))).replace("\n", " ")
    views = [plain, _fold_mixed_scripts(plain), _unleet(plain), _join_spaced(plain)]
    views.append(visible(text, invisible_as=" "))  # a zero-width space can separate words
    if _looks_encoded(plain):
        views.append(codecs.encode(plain, "rot13"))
    views += [decoded for run in _BASE64_RUN.findall(plain) if (decoded := base64_text(run))]
    return list(dict.fromkeys(views))


def _looks_encoded(text: str) -> bool:
    """Plain English is full of short common words; rot13 of it has almost none."""
    words = _WORD.findall(text.lower())
    return sum(word in _COMMON for word in words) < COMMON_SHARE * len(words)


def _fold_mixed_scripts(text: str) -> str:
    """A word mixing Latin and Cyrillic letters is read in the script most of its letters use."""

    def fold(match: re.Match) -> str:
        word = match.group()
        latin, cyrillic = len(_LATIN.findall(word)), len(_CYRILLIC.findall(word))
        if not (latin and cyrillic) and not any(c in "αεοτυνικ" for c in word):
            return word
        return word.translate(_TO_CYRILLIC if cyrillic > latin else _TO_LATIN)

    return _WORD.sub(fold, text)


def _unleet(text: str) -> str:
    """Digits inside words read as the letters they imitate ("sc0r3" is "score")."""

    def unleet(match: re.Match) -> str:
        word = match.group()
        has_both = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
        return word.translate(_LEET) if has_both else word

    return _WORD.sub(unleet, text)


def _join_spaced(text: str) -> str:
    """L e t t e r s spaced apart (or d.o.t.t.e.d) read as one word."""
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    return _SPACED_LETTERS.sub(lambda m: re.sub(r"[ \u00a0]", "", m.group()), text)


def base64_text(run: str) -> str:
    """What a base64 run says, when it decodes to readable text; otherwise ''."""
    try:
        text = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""
    printable = sum(c.isprintable() or c.isspace() for c in text)
    return text if text and printable / len(text) >= MIN_PRINTABLE else ""
