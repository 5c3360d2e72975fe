"""Hold an executive's streamed turn to the rules, whatever the model produces.

The turn is passed on sentence by sentence: a sentence that praises or grades the candidate is
dropped, and the turn ends after its first question. Streaming by sentence keeps the text live
while still letting us see a whole sentence before showing it.
"""

import re
from collections.abc import Iterable, Iterator

_PRAISE = re.compile(
    r"^\W*(that'?s\s+|that\s+is\s+|what\s+an?\s+|such\s+an?\s+|an?\s+|really\s+|very\s+|truly\s+|quite\s+|so\s+)*"
    r"(great|excellent|good|nice|impressive|perfect|wonderful|fantastic|awesome|brilliant|superb|"
    r"outstanding|amazing|terrific|solid|strong|love|lovely|well\s+done|well\s+said|spot\s+on|"
    r"exactly|fair\s+enough|good\s+stuff)\b"
    r"|\b(great|excellent|good|impressive|strong|perfect|fantastic|solid)\s+(answer|response|point|example|story)\b"
    r"|\b(i\s+(love|like)\s+(that|this|it|how))\b"
    r"|\b(you\s+(nailed|aced)\s+(it|that))\b"
    r"|\b(score|rating|grade)\s+(of|is|would\s+be)\s+\d",
    re.IGNORECASE,
)
_LEADING_PRAISE = re.compile(
    r"^(\s*)(great|excellent|good|nice|perfect|wonderful|fantastic|awesome|brilliant|"
    r"impressive|lovely|terrific|okay,?\s+great)\s*[,!.;:\u2014\u2013-]+\s*",
    re.IGNORECASE,
)
# A label such as "Priya Raman:" or "**Interviewer:**" that models put before their own turn.
_SPEAKER = re.compile(r"^\s*(\*\*)?[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}:(\*\*)?\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(\s+|$)")


def is_praise(sentence: str) -> bool:
    return bool(_PRAISE.search(sentence))


def _kept(sentence: str) -> str:
    """The sentence as shown: praise dropped, but a question is only ever trimmed, never lost."""
    if "?" in sentence:
        trimmed = _LEADING_PRAISE.sub(r"\1", sentence)
        if trimmed == sentence:
            return sentence
        lead = len(trimmed) - len(trimmed.lstrip())
        return trimmed[:lead] + trimmed[lead : lead + 1].upper() + trimmed[lead + 1 :]
    return "" if is_praise(sentence) else sentence


def filtered_turn(chunks: Iterable[str]) -> Iterator[str]:
    """Yield the turn's text, praise removed, stopping after the first question."""
    buffer = ""
    first = True
    for chunk in chunks:
        buffer += chunk
        while (match := _SENTENCE_END.search(buffer)) is not None:
            sentence, buffer = buffer[: match.end()], buffer[match.end() :]
            if first:
                sentence, first = _SPEAKER.sub("", sentence, count=1), False
            if (kept := _kept(sentence)).strip():
                yield kept
            if "?" in sentence:
                return
    rest = _SPEAKER.sub("", buffer, count=1) if first else buffer
    if (kept := _kept(rest)).strip():
        yield kept


def clean_turn(text: str) -> str:
    """The whole filtered turn as one string, tidied."""
    return " ".join("".join(filtered_turn([text])).split())
