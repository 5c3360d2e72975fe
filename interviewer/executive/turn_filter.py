"""Hold an executive's streamed turn to the rules, whatever the model produces.

The turn is passed on sentence by sentence, so the text stays live while we still see a whole
sentence before showing it. Before a sentence is shown, everything private is taken out: fence
markers, bracketed notes, chat-template tokens, "(aim: ...)" asides, and any sentence that repeats
the private prompt (plan, aims, notes, instructions) word for word. A sentence that praises or
grades the candidate is dropped. The turn ends after its first question, at a chat template's
end-of-turn token, or once it is longer than anyone says in one turn; a runaway sentence is never
shown. No sentence may grow past a fixed size, so each chunk costs bounded work: the filter is
linear in the length of the stream.
"""

import re
from collections.abc import Iterable, Iterator

from interviewer.words import PRAISE_PHRASES, PRAISE_WORDS

MAX_SENTENCE_CHARS = 600  # about 100 words: the executive is told to keep a turn under 60
MAX_TURN_CHARS = 1_000
MAX_RAW_SENTENCE_CHARS = 2_000  # before markers and tokens are taken out
MAX_RAW_TURN_CHARS = 16_000  # an echo of the whole prompt is dropped sentence by sentence: stop
TOKEN_OVERLAP = 24  # a token or a sentence end may straddle two chunks
MIN_ECHO_WORDS = 4  # a sentence this long found word for word in the private prompt is an echo

_PRAISE_ALTERNATIVES = "|".join(
    re.escape(p).replace(r"\ ", r"\s+")
    for p in sorted({*PRAISE_WORDS, *PRAISE_PHRASES}, key=len, reverse=True)
)
_PRAISE = re.compile(
    r"^\W*(that'?s\s+|that\s+is\s+|what\s+an?\s+|such\s+an?\s+|an?\s+|really\s+|very\s+|truly\s+|quite\s+|so\s+)*"
    rf"({_PRAISE_ALTERNATIVES})\b"
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
_ENUMERATION = re.compile(r"^\s*(\d{1,2}[.)]|[-*•])\s+")
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s*$")  # "1." of a list, split off as a sentence
# Mid-stream a sentence ends only where whitespace follows: "3." may still become "3.5".
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*\s+")
_FINAL_END = re.compile(r"[.!?…]+[\"')\]]*(\s+|$)")

# Our fence markers, and the broken echoes a small model makes of them ("<<<BEGIN CANDIDATE x>>",
# "<<END ...", ">>>"): any run of two or more angle brackets never reaches the candidate.
_FENCE_MARKER = re.compile(
    r"<{2,}(?!/?SYS>>)\s*(?:(?:BEGIN|END)\b[^<>\n]{0,120})?>*|>{2,}", re.IGNORECASE
)
_TEMPLATE_TOKEN = re.compile(
    r"<\|[\w .-]{1,40}\|>(\s*(system|user|assistant|model)\b\s*:?)?"
    r"|</?s>|<(start|end)_of_turn>(\s*(user|model)\b)?"
    r"|^\s*#{2,}\s*(Instruction|Response|System|User|Assistant)\s*:?",
    re.IGNORECASE,
)
# Where a chat template would end the model's turn, or begin the candidate's.
_END_OF_TURN = re.compile(
    r"<\|(im_end|eot_id|end|endoftext)\|>|</s>|<end_of_turn>"
    r"|<\|im_start\|>\s*user|<start_of_turn>\s*user",
    re.IGNORECASE,
)
# Spans the candidate never sees: bracketed notes, a template's system block and user turn.
_HIDDEN_OPENER = re.compile(r"<<SYS>>|\[INST\]|\[", re.IGNORECASE)
_HIDDEN_CLOSER = {"<<sys>>": "<</sys>>", "[inst]": "[/inst]", "[": "]"}
_PRIVATE_ASIDE = re.compile(r"\(\s*(aim|note|private|internal)\b[^()]*\)", re.IGNORECASE)
# Phrases that only the private prompt uses: a sentence holding one is an echo of it.
_TELLTALE = re.compile(
    r"\bprivate plan\b|\bnote to you\b|\bcandidate does not see\b|\bnever reveal\b"
    r"|\bin a (formal|relaxed) register\b|\bof your plan\b",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[^\w]+")


def is_praise(sentence: str) -> bool:
    return bool(_PRAISE.search(sentence))


def normalised(text: str) -> str:
    """Lower-case words separated by single spaces, for word-for-word comparison."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def filtered_turn(chunks: Iterable[str], *, private: str = "") -> Iterator[str]:
    """Yield the turn's text, private text and praise removed, stopping after the first question.

    `private` is what the model was told but the candidate must never see (its prompt, minus the
    questions it is meant to ask and the candidate's own context).
    """
    turn = _Turn(normalised(_FENCE_MARKER.sub(" ", _TEMPLATE_TOKEN.sub(" ", private))))
    source = iter(chunks)
    try:
        for chunk in source:
            yield from turn.feed(chunk)
            if turn.over:
                return
        yield from turn.finish()
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()  # stop the stream now, not when garbage collection finds it


def clean_turn(text: str, *, private: str = "") -> str:
    """The whole filtered turn as one string, tidied."""
    return " ".join("".join(filtered_turn([text], private=private)).split())


class _Turn:
    """The state of one turn as it streams: the unfinished sentence and what was shown."""

    def __init__(self, private: str) -> None:
        self.private = private
        self.buffer = ""
        self.searched = 0  # the buffer before this offset holds no sentence end or token
        self.received = 0
        self.shown = 0
        self.first = True
        self.closer: str | None = None  # the end of the hidden span we are in
        self.over = False

    def feed(self, chunk: str) -> Iterator[str]:
        self.buffer += chunk
        self.received += len(chunk)
        while not self.over and (token := self._end_of_turn()) is not None:
            before, self.buffer = self.buffer[: token.start()], self.buffer[token.end() :]
            self.searched = 0
            yield from self._flush(before)
            self.over = self.over or self.shown > 0  # a stray token before any words is ignored
        yield from self._complete_sentences()
        if len(self.buffer) > MAX_RAW_SENTENCE_CHARS or self.received > MAX_RAW_TURN_CHARS:
            self.over = True  # a runaway: what is unfinished is never shown

    def finish(self) -> Iterator[str]:
        """The rest of the stream, once it has ended."""
        rest, self.buffer = self.buffer, ""
        yield from self._flush(rest)

    def _end_of_turn(self) -> re.Match | None:
        return _END_OF_TURN.search(self.buffer, max(self.searched - TOKEN_OVERLAP, 0))

    def _complete_sentences(self) -> Iterator[str]:
        begin, search_from = 0, self.searched
        while not self.over and (match := _SENTENCE_END.search(self.buffer, search_from)):
            yield from self._sentence(self.buffer[begin : match.end()])
            begin = search_from = match.end()
        self.buffer = self.buffer[begin:]
        self.searched = max(len(self.buffer) - TOKEN_OVERLAP, 0)

    def _flush(self, text: str) -> Iterator[str]:
        """Every sentence of a text that is complete: the end of the stream, or of the turn."""
        start = 0
        while (
            not self.over and (match := _FINAL_END.search(text, start)) and match.end() < len(text)
        ):
            yield from self._sentence(text[start : match.end()])
            start = match.end()
        if not self.over:
            yield from self._sentence(text[start:])

    def _sentence(self, raw: str) -> Iterator[str]:
        sentence = self._without_private(raw)
        if self.first and sentence.strip():
            sentence = _ENUMERATION.sub("", _SPEAKER.sub("", sentence, count=1), count=1)
            self.first = False
        if len(sentence) > MAX_SENTENCE_CHARS or self.shown + len(sentence) > MAX_TURN_CHARS:
            self.over = True
            return
        if (kept := _kept(sentence)).strip():
            self.shown += len(kept)
            yield kept
        if "?" in sentence:
            self.over = True

    def _without_private(self, sentence: str) -> str:
        """The sentence with markers, tokens, notes and asides taken out; "" if it is an echo."""
        sentence = self._outside_hidden_spans(_TEMPLATE_TOKEN.sub("", sentence))
        sentence = _FENCE_MARKER.sub("", sentence)  # after <<SYS>> blocks are gone
        sentence = _PRIVATE_ASIDE.sub("", sentence)
        sentence = _after_telltale(sentence)
        return "" if _BARE_NUMBER.match(sentence) or self._echoes_private(sentence) else sentence

    def _outside_hidden_spans(self, sentence: str) -> str:
        """Drop [bracketed notes], <<SYS>> blocks and [INST] turns, even across sentences."""
        kept, position = [], 0
        while position < len(sentence):
            if self.closer is not None:
                close = sentence.lower().find(self.closer, position)
                if close == -1:
                    break
                position, self.closer = close + len(self.closer), None
                continue
            opener = _HIDDEN_OPENER.search(sentence, position)
            if opener is None:
                kept.append(sentence[position:])
                break
            kept.append(sentence[position : opener.start()])
            position, self.closer = opener.end(), _HIDDEN_CLOSER[opener.group().lower()]
        return "".join(kept)

    def _echoes_private(self, sentence: str) -> bool:
        words = normalised(sentence)
        return bool(self.private) and len(words.split()) >= MIN_ECHO_WORDS and words in self.private


def _after_telltale(sentence: str) -> str:
    """What follows the colon after a phrase only the private prompt uses ("Your private plan
    ...: 1. ..."); the whole sentence goes when no colon follows it."""
    matches = list(_TELLTALE.finditer(sentence))
    if not matches:
        return sentence
    last = matches[-1]
    colon = sentence.find(":", last.end())
    return sentence[colon + 1 :] if colon != -1 else ""


def _kept(sentence: str) -> str:
    """The sentence as shown: praise dropped, but a question is only ever trimmed, never lost."""
    if "?" in sentence:
        trimmed = _LEADING_PRAISE.sub(r"\1", sentence)
        if trimmed == sentence:
            return sentence
        lead = len(trimmed) - len(trimmed.lstrip())
        return trimmed[:lead] + trimmed[lead : lead + 1].upper() + trimmed[lead + 1 :]
    return "" if is_praise(sentence) else sentence
