"""Whether a candidate prepared openly or leaned on information that was not theirs to see.

Round-two advice is to ask HR and contacts honest questions, never to seek inside information.
An answer that cites a confidential document, leaked figures or the questions in advance is named
for what it used, so the grader can mark it down and the executive can react as a real one would.
"""

import re
from dataclasses import dataclass

_SECRET = (
    r"confidential|internal|leaked|non-public|not(?: yet)? public|unpublished|unreleased|"
    r"embargoed|restricted|insider|inside|secret"
)
_DOCUMENT = (
    r"forecasts?|decks?|board (?:pack|papers|minutes|presentation)s?|minutes|memos?|roadmaps?|"
    r"figures|numbers|financials|results|pipeline(?: report)?|dashboards?|documents?|docs?|"
    r"files?|emails?|slides?|plans?|strategy|pricing|price list|salary bands?|salar(?:y|ies)|"
    r"budgets?|reports?|spreadsheets?|data|questions|scorecards?|notes|feedback forms?|"
    r"org charts?|reorg(?:anisation)? plans?|layoff plans?|information|info|knowledge|tips?|"
    r"scoop|track|wiki|slack|channel|targets?"
)
# "the confidential board deck", "their internal sales forecast": what was used, as said.
_NAMED = re.compile(
    rf"\b((?:(?:the|their|your|its|our|a|an|some|this|next|last)\s+)?"
    rf"(?:{_SECRET})\s+(?:[\w'’&-]+\s+){{0,3}}?(?:{_DOCUMENT}))\b",
    re.I,
)
_BOARD = re.compile(
    r"\b((?:the\s+|their\s+|your\s+)?board (?:deck|pack|papers|minutes|presentation)s?)\b", re.I
)
_ALWAYS = re.compile(  # improper on their own, whatever document is involved
    r"\b(?:leaked|not supposed to (?:share|tell|show|see|know|have|read)|"
    r"(?:got|had|saw|knew|seen|have) the (?:interview )?questions (?:in advance|ahead|beforehand|early)|"
    r"(?:questions|answers) (?:in advance|ahead of time)|off the record|under the table|"
    r"back[- ]?channel|still ha(?:ve|d) (?:access|a login|my login)|"
    r"inside (?:information|info|scoop|track)|insider (?:information|knowledge|info|tips?)|"
    r"someone (?:on|in) the (?:panel|hiring committee)|a friend (?:on|in) the (?:panel|hiring))",
    re.I,
)
_PASSED_ON = (  # someone gave it to the candidate: improper whatever the document is called
    r"showed|shown|sent|forwarded|shared|gave|given|passed|slipped|leaked|let me (?:see|look|read)|"
    r"got (?:hold|a copy|access|a look)|have a copy|had a copy|copy of|access to|peek|screenshot|"
    r"tipped me"
)
_ACCESS = re.compile(
    rf"\b(?:{_PASSED_ON}|read|saw|seen|looked (?:at|through)|went through)\b", re.I
)
_HANDED = re.compile(rf"\b(?:{_PASSED_ON})\b", re.I)
_THEIRS = re.compile(r"^(?:the\s+)?(?:your|their|its)\b", re.I)
_DISCLAIMED = re.compile(  # "without asking for anything confidential", "I didn't want inside info"
    r"\b(?:without|never|didn['’]t|did not|wouldn['’]t|would not|won['’]t|avoid(?:ed)?|"
    r"refused|declined|careful not|made sure not|not (?:ask|looking|seeking|after|trying)|"
    r"nothing (?:confidential|internal)|no (?:inside|insider|confidential|internal))\b",
    re.I,
)
_OPEN = re.compile(r"\b(?:public(?:ly)?|published|annual report|press release|website)\b", re.I)


@dataclass(frozen=True, kw_only=True)
class InsideUse:
    """One sentence that uses information the candidate should not have, and what it was."""

    item: str  # as the candidate named it: "the internal sales forecast"
    sentence: str  # the whole sentence, quoted exactly


def inside_uses(sentences: list[str]) -> list[InsideUse]:
    """Every sentence that relies on inside, confidential or improperly obtained information."""
    return [use for sentence in sentences if (use := _inside_use(sentence))]


_MAYBE = re.compile(
    r"confidential|internal|leak|public|releas|embargo|restricted|inside|secret|board|supposed|"
    r"advance|ahead|record|table|channel|access|panel|hiring",
    re.I,
)


def _inside_use(sentence: str) -> InsideUse | None:
    if not _MAYBE.search(sentence):
        return None  # most sentences: one cheap scan instead of five
    always = _ALWAYS.search(sentence)
    named = _NAMED.search(sentence) or _BOARD.search(sentence)
    if always and not _DISCLAIMED.search(sentence[: always.start()]):
        return InsideUse(item=(named or always).group(0).strip(), sentence=sentence)
    if not named or _DISCLAIMED.search(sentence) or _OPEN.search(named.group(0)):
        return None
    item = named.group(1).strip()
    weak = re.match(r"(?:\w+\s+){0,3}?(?:internal|inside)\b", item, re.I)
    if not _ACCESS.search(sentence):
        return None  # "I kept confidential files locked": handled, not used to prepare
    if weak and not (_HANDED.search(sentence) or _THEIRS.search(item)):
        return None  # "I read our internal dashboards": the candidate's own workplace
    return InsideUse(item=item, sentence=sentence)


def inside_information(text: str) -> list[str]:
    """What inside or confidential information an answer says it used, each named as said.

    For the interview executive, which should react to it the way a real one would."""
    from interviewer.grading.analysis import split_sentences

    found = inside_uses([sentence for _, sentence in split_sentences(text)])
    return list(dict.fromkeys(use.item for use in found))
