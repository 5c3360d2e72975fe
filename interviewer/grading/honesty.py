"""Whether a candidate prepared openly or leaned on information that was not theirs to see.

Round-two advice is to ask HR and contacts honest questions, never to seek inside information.
An answer that cites a confidential document, leaked figures, someone's login or the questions in
advance is named for what it used, so the grader can mark it down and the executive can react as
a real one would. Visits, feedback from HR and what a contact said openly are not inside
information; a document an insider passed on, or one marked as not public, is.
"""

import re
from dataclasses import dataclass

_HANDED_OVER = (  # someone passed something to the candidate, or the candidate got at it
    r"forwarded(?: me)?|sent me|showed me|shown|let me (?:look|see|read|have|use)|"
    r"shared\b.{0,60}?\bwith me|walked me through|talked me through|got me|gave me|passed me|"
    r"slipped me|leaked|exported\b.{0,60}?\bfor me|got hold of|a copy of|photos? of|"
    r"screenshots? of|on (?:her|his|their|a friend['’]s) login|access to"
)
_TRANSFER = re.compile(rf"\b(?:{_HANDED_OVER})", re.I)
_SEEN = re.compile(
    r"\b(?:I (?:read|saw|have seen|['’]ve seen|went through|looked at)|seen)\b", re.I
)
_WEAK_SECRET = re.compile(r"\b(?:internal(?:ly)?|draft|private|marked|login)\b", re.I)
_SECRET = re.compile(
    r"\b(?:confidential|internal(?:ly)?|unpublished|non-public|not (?:yet )?public|"
    r"(?:aren|isn|wasn|weren)['’]t public|leaked|between us|before it (?:goes|went|is published)|"
    r"draft|names and all|marked|login|off the record|not supposed to|under NDA|private|"
    r"accident book|incident (?:log|review|report)s?|management letter|discount (?:approval )?"
    r"matrix|board (?:meeting|deck|pack|papers|minutes)|tracking spreadsheet|supplier terms|"
    r"service[- ]level agreement|penalty clauses|exit[- ]interview)\b",
    re.I,
)
_DOCUMENT_WORDS = (
    r"log|spreadsheet|draft|self-evaluation|evaluation|assessment|analysis|audit|summary|letter|numbers|figures|terms|matrix|agreement|contract|data|"
    r"report|review|forecast|deck|minutes|files?|records|emails?|accounts|results|photos|"
    r"budget|pricing|salar(?:y|ies)|plan|notes|book|slides|memo|roadmap|questions|list of "
    r"(?:customers|clients|prices|salaries)"
)
_DOCUMENT = re.compile(rf"\b(?:{_DOCUMENT_WORDS})\b", re.I)
_ALWAYS = re.compile(  # improper on their own, whatever document is involved
    r"\b(?:not supposed to (?:share|tell|show|see|know|have|read)|"
    r"(?:got|had|saw|knew|seen|have) the (?:interview )?questions (?:in advance|ahead|beforehand|early)|"
    r"(?:questions|answers) (?:in advance|ahead of time)|off the record|under the table|"
    r"back[- ]?channel|still ha(?:ve|d) (?:access|a login|my login)|"
    r"inside (?:information|info|scoop|track)|insider (?:information|knowledge|info|tips?)|"
    r"someone (?:on|in) the (?:panel|hiring committee)|a friend (?:on|in) the (?:panel|hiring))",
    re.I,
)
_DISCLAIMED = re.compile(  # "without asking for anything confidential", "I didn't want inside info"
    r"\b(?:without (?:asking|seeking|looking|trying|wanting|using|any)|never|didn['’]t|did not|wouldn['’]t|would not|won['’]t|avoid(?:ed)?|"
    r"refused|declined|careful not|made sure not|not (?:ask|looking|seeking|after|trying)|"
    r"nothing (?:confidential|internal)|no (?:inside|insider|confidential|internal)|"
    r"all above board)\b",
    re.I,
)
_OPEN = re.compile(
    r"\b(?:public(?:ly)?|published|annual reports?|press (?:release|piece)|website|blog|"
    r"job (?:description|spec|advert)|linkedin|careers page|results call|earnings call|"
    r"trade press)\b",
    re.I,
)
_STOP = re.compile(
    r"[,.;:!?]|\s(?:with|for|on|so|which|that|before|to|and|but|because|about|over)\s|"
    r"\sfrom\s(?!your\b|their\b|the\b)",
    re.I,
)
_MAYBE = re.compile(
    r"confidential|internal|leak|public|publish|embargo|inside|secret|board|supposed|advance|"
    r"ahead|record|table|channel|access|panel|hiring|forward|sent|show|shar|let me|walked|gave|"
    r"got|passed|slipped|export|cop(?:y|ies)|photo|screenshot|login|draft",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class InsideUse:
    """One sentence that uses information the candidate should not have, and what it was."""

    item: str  # as the candidate named it: "the internal sales forecast"
    sentence: str  # the whole sentence, quoted exactly


def inside_uses(sentences: list[str]) -> list[InsideUse]:
    """Every sentence that relies on inside, confidential or improperly obtained information.

    A sentence is read with the one after it, since "It was marked confidential" often follows."""
    found = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        use = _inside_use(sentence, following)
        if use:
            found.append(use)
    return found


def _inside_use(sentence: str, following: str) -> InsideUse | None:
    if not _MAYBE.search(sentence):
        return None  # most sentences: one cheap scan instead of several
    always = _ALWAYS.search(sentence)
    if always:
        if _DISCLAIMED.search(sentence[: always.start()]):
            return None
        return InsideUse(item=_named(sentence) or always.group(0), sentence=sentence)
    if _DISCLAIMED.search(sentence):
        return None
    handed = _TRANSFER.search(sentence)
    secret = _SECRET.search(sentence) or _SECRET.search(following[:120])
    if not handed and secret and _WEAK_SECRET.fullmatch(secret.group(0)):
        secret = None  # "I read the internal dashboards": at the candidate's own workplace
    if not (handed or _SEEN.search(sentence)) or not (secret or _DOCUMENT.search(sentence)):
        return None
    item = _named(sentence)
    if _OPEN.search(item or sentence) or not (secret or handed and item):
        return None  # a published report, or a contact who "showed me round"
    return InsideUse(item=item or (secret.group(0) if secret else "a document"), sentence=sentence)


def _named(sentence: str) -> str:
    """What was used, in the candidate's words: the noun phrase after "sent me", "showed me"."""
    for match in _TRANSFER.finditer(sentence):
        rest = re.sub(r"^\s*(?:me\s+|through\s+|with me\s+)?", "", sentence[match.end() :])
        if match.group(0).lower().startswith(("shared", "exported")):
            rest = sentence[match.start() :].split(None, 1)[-1]
        phrase = _STOP.split(" " + rest, maxsplit=1)[0].strip()
        words = phrase.split()
        if 0 < len(words) <= 8 and _DOCUMENT.search(phrase):
            return phrase
    found = re.search(
        rf"\b(?:(?:the|your|their|its|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_DOCUMENT_WORDS})\b",
        sentence,
        re.I,
    )
    return found.group(0) if found else ""


def inside_information(text: str) -> list[str]:
    """What inside or confidential information an answer says it used, each named as said.

    For the interview executive, which should react to it the way a real one would."""
    from interviewer.grading.analysis import split_sentences

    found = inside_uses([sentence for _, sentence in split_sentences(text)])
    return list(dict.fromkeys(use.item for use in found))
