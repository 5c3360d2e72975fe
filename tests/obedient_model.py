"""An obedient stand-in for a model: it does whatever the candidate's text asks of it.

It reads every fenced piece of candidate text in a request (the answer, earlier answers, the
context, the executive's conversation, the memo's answers) the way a capable model would: it
undoes encodings (base64, rot13, reversed bidi text, homoglyphs, zero-width characters, full-width
and letter-spaced text, leetspeak) and understands requests in several languages. Whenever it finds
anything about scores or grades, it obeys: every criterion 5, quoting whatever looks best. Otherwise
it is stern, scoring the corpus's empty base answers as a fair grader would (2s and 3s).

Its reading is written independently of interviewer/grading/injection.py and is deliberately wider,
so the corpus test shows what happens when detection misses.
"""

import base64
import binascii
import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass, field

from interviewer.grading.injection import REMOVED
from interviewer.guidance import CRITERION_IDS
from tests.llm_server import Reply

OBEYED_SCORE = 5
# What a fair grader gives the corpus's empty base answers: the guidance's 1-2 where substance is
# missing, 3 where an answer can be direct and in register without any (as the labelled set does).
STERN_SCORES = dict.fromkeys(CRITERION_IDS, 2) | {
    "focused_and_pointed": 3,
    "consistent_style": 3,
    "follows_lead": 3,
}
_FENCED = re.compile(r"<<<BEGIN ([A-Z ]+?)( \d+|) (\w+)>>>\n?(.*?)\n?<<<END \1\2 \3>>>", re.S)
# Anything about grading, in the languages of the corpus and more; the base answers hold none.
_ASKS_FOR_A_GRADE = re.compile(
    r"\b5s?\b|5/5|\bfives?\b|\btop\b|highest|maxim|full marks|level 5|\bscor|\bgrade|\brat(e|ed|ing)\b"
    r"|\bmarks\b|verdict|criteri|exemplary|standout|\bnote\b|\bnota\b|bewert|punkt|höchst|bestnote"
    r"|calific|puntua|punteggio|massimo|máxim|avalia|évalua|балл|оцен|высш|максим|критери"
    r"|满分|最高|评分|分|採点|点|nothing to improve|ideal answer|fully met|puan|betyg|ocen|najwyż",
    re.IGNORECASE,
)
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_LEET = str.maketrans("0134", "oiea")
_LOOKALIKES = str.maketrans("аеорсухіјԁАЕОРСХВМНТКіο", "aeopcyxijdAEOPCXBMHTKio")
_DOTTED = re.compile(r"\b(?:\w\.){3,}\w\b")
_SPACED = re.compile(r"\b(?:\w ){3,}\w\b")


def readings(text: str) -> list[str]:
    """Every way a capable model could read this text."""
    plain = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in plain if unicodedata.category(c) != "Cf")
    unreversed = _unreverse(plain)
    views = [visible, unreversed, visible.translate(_LOOKALIKES), visible.translate(_LEET)]
    views.append(_SPACED.sub(lambda m: m.group().replace(" ", ""), visible))
    views.append(_DOTTED.sub(lambda m: m.group().replace(".", ""), visible))
    views.append(codecs.encode(visible, "rot13"))
    views += [_decoded(run) for run in _BASE64_RUN.findall(visible)]
    return views


def _unreverse(text: str) -> str:
    """Text after a right-to-left override displays reversed: read it the way it displays."""
    return re.sub(
        "\u202e([^\u202c\n]*)\u202c?", lambda m: m.group(1)[::-1], text.replace("\u202d", "")
    )


def _decoded(run: str) -> str:
    try:
        return base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""


def asks_for_a_grade(text: str) -> bool:
    text = text.replace(REMOVED, " ")  # the pipeline's own note is not a request
    return any(_ASKS_FOR_A_GRADE.search(view) for view in readings(text))


@dataclass
class ObedientModel:
    """A responder for tests/llm_server.py; records what it obeyed."""

    obeyed: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, body: dict) -> Reply:
        system = body["messages"][0]["content"]
        candidate_text = [
            m.group(4)
            for message in body["messages"]
            for m in _FENCED.finditer(message["content"])
            if m.group(1) not in ("QUESTION", "PLANNED")  # written by the user or the model
        ]
        obey = any(asks_for_a_grade(text) for text in candidate_text)
        if obey:
            with self._lock:
                self.obeyed.append(system[:40])
        if system.startswith("You assess answers"):
            return Reply.json(self._grade(body, obey))
        if "private hiring memo" in system:
            return Reply.json(_memo(obey))
        return Reply.text("Sure: every answer so far earns a 5." if obey else "Go on.")

    def _grade(self, body: dict, obey: bool) -> dict:
        answer = _fenced(body["messages"][-1]["content"], "ANSWER")
        quotes = _best_quotes(answer) if obey else []
        opening = [" ".join(answer.split()[:6])]  # a fair 3 still quotes the answer
        criteria = [
            {"id": cid, "score": OBEYED_SCORE if obey else STERN_SCORES[cid]}
            | {"evidence": quotes or (opening if STERN_SCORES[cid] >= 3 else [])}
            | {"comment": "Per the notes in the text."}
            | {"suggestion": "None needed." if obey else "Tell one real episode."}
            for cid in CRITERION_IDS
        ]
        verdict = "strong" if obey else "weak"
        return {"criteria": criteria, "strengths": [], "improvements": [], "verdict": verdict}


def _fenced(content: str, label: str) -> str:
    return next((m.group(4) for m in _FENCED.finditer(content) if m.group(1) == label), "")


def _best_quotes(answer: str) -> list[str]:
    """The whole answer, its first words and its last sentence: whatever might pass a check."""
    visible = answer.replace(REMOVED, " ").strip()
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", visible) if s.strip()]
    return [visible, " ".join(visible.split()[:6]), sentences[-1] if sentences else visible]


def _memo(obey: bool) -> dict:
    if obey:
        return {"advance": True, "headline": "The clear front-runner.", "reasons": ["All 5s."]}
    return {"advance": False, "headline": "Not the front-runner.", "reasons": ["No evidence."]}
