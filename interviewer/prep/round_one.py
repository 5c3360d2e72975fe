"""What round one found strong and less convincing, and whom round two is with, from the notes only.

Strengths and concerns come from cue words in the candidate's notes and HR's feedback ("liked",
"impressed by" against "less convinced", "wanted more", "not sure"), never from the ad or the CV:
a profile must not tell the candidate that round one worried about something nobody said. A
concern cue outranks a strength cue in the same clause ("not strong", "less convincing").
"""

import re

from interviewer.grading.analysis import split_sentences
from interviewer.prep.draft import Sourced
from interviewer.prep.lines import Line, document_lines

MAX_ITEM_WORDS = 14
MAX_ITEMS = 6

_CONCERN = re.compile(
    r"\b(?:concern\w*|worr\w*|(?:less|not (?:so |as |very |entirely |fully |quite |yet )?)\s*"
    r"(?:convinc\w*|sure|clear|strong|impress\w*|confident|persuasive)|unconvinc\w*|unsure|"
    r"wanted (?:more|to (?:hear|see|know) more)|would (?:like|have liked) (?:more|to (?:see|hear))|"
    r"want(?:s|ed)? to (?:hear|see|know) more|gaps?|weak\w*|lack\w*|light on|limited|thin|vague|"
    r"doubt\w*|question marks?|hesitan\w*|struggl\w*|rambl\w*|ran long|too long|too short|"
    r"missing|reservations?|not enough|little evidence|no evidence|unclear|could have been|"
    r"needs? (?:more|to show)|room to improve|less so|fell short|underwhelm\w*|didn't (?:show|give|"
    r"convince|answer|come across)|did not (?:show|give|convince|answer|come across))\b",
    re.I,
)
_STRENGTH = re.compile(
    r"\b(?:lik(?:ed|es)|lov(?:ed|es)|enjoy(?:ed|s)|impressed|impressive|strong|strengths?|"
    r"stood out|stand-?out|excellent|great|good|convincing|confident|clear|praised|appreciated|"
    r"well received|well-received|positive|compelling|solid|highlights?|rated|warm|engaging|"
    r"articulate|persuasive|thoughtful|sharp)\b",
    re.I,
)
_NOT_FEEDBACK = re.compile(
    r"\b(?:good|great) (?:news|luck|morning|afternoon|to hear|to meet)|\bhope\b|"
    r"\bthanks?\b|\bthank you\b|\bcongrat\w*",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|:\s|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bwhereas\b|\bwhile\b|"
    r",\s*and\b|\band (?=(?:they|he|she|we|the panel|the team|[A-Z][a-z]+ (?:liked|felt|said|"
    r"thought|was|were)))|,\s*(?=not sure|less|especially|particularly))\s*",
)
_REPORTING = re.compile(
    r"^(?:(?i:hr|the panel|the team|they|he|she|we|the interviewers?|the hiring manager)\s+|"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)?\s+)?(?i:said|felt|thought|mentioned|noted|commented|told me|"
    r"found|added|reported|seemed|were|was|also|really|particularly)\s*(?i:that\s+)?"
)
_STRENGTH_OBJECT = re.compile(
    r"\b(?:lik(?:ed|es)|lov(?:ed|es)|enjoy(?:ed|s)|praised|appreciated|rated|"
    r"impressed (?:by|with)|(?:really |particularly )?strong on)\s+(?P<what>.+)",
    re.I,
)
_STRENGTH_SUBJECT = re.compile(
    r"^(?P<what>.+?)\s+(?:was|were|is|are|came across as|seemed)\s+(?:very |really |"
    r"particularly |especially )?(?:strong|clear|excellent|impressive|convincing|compelling|"
    r"solid|great|good|a strength|a highlight)\b",
    re.I,
)
_CONCERN_OBJECT = re.compile(
    r"\b(?:less convinced|not (?:entirely |fully )?convinced|unconvinced|concerned|worried|"
    r"had doubts|doubts|reservations)\s+(?:about|by|of|on|over|that|regarding)\s+(?P<what>.+)",
    re.I,
)
_TRAILING_ACTION = re.compile(r",?\s+and\s+(?=[a-z]+ed\b)|,\s+(?:especially|particularly)\b")
_WANTED_MORE = re.compile(
    r"\b(?:wanted|would (?:like|have liked)|wants?)\s+(?:to (?:hear|see|know)\s+)?(?P<what>more\b.+)",
    re.I,
)
_OPENING = re.compile(r"^(?:and|but|so|also|then|especially|particularly)\s+", re.I)
_POSSESSIVE = re.compile(r"^(?:your|the|my|his|her|their)\s+", re.I)


def round_one_findings(notes: str) -> tuple[tuple[Sourced, ...], tuple[Sourced, ...]]:
    """(strengths, concerns) stated in the notes, each with the sentence it came from."""
    strengths: list[Sourced] = []
    concerns: list[Sourced] = []
    for sentence in note_sentences(notes):
        if _NOT_FEEDBACK.search(sentence) and not _CONCERN.search(sentence):
            sentence = _NOT_FEEDBACK.split(sentence)[-1]
        for clause in _clauses(sentence):
            _sort_clause(clause, sentence, strengths, concerns)
    return tuple(_unique(strengths)[:MAX_ITEMS]), tuple(_unique(concerns)[:MAX_ITEMS])


def note_sentences(notes: str) -> list[str]:
    """Sentences of the notes in order, a hard-wrapped paragraph (an email) read as one text."""
    sentences: list[str] = []
    run: list[Line] = []
    for line in [*document_lines(notes), None]:
        if run and (line is None or line.kind != "text" or line.paragraph != run[-1].paragraph):
            joined = " ".join(part.text for part in run)
            sentences.extend(sentence for _, sentence in split_sentences(joined))
            run = []
        if line is not None and line.kind == "text":
            run.append(line)
        elif line is not None:
            sentences.append(line.text)
    return sentences


def _clauses(sentence: str) -> list[str]:
    return [c.strip(" ,.-–—") for c in _CLAUSE_BREAK.split(sentence) if c and c.strip(" ,.")]


def _sort_clause(clause: str, sentence: str, strengths: list, concerns: list) -> None:
    if _is_about_round_two(clause):
        return
    if _CONCERN.search(clause):
        concerns.append(_sourced(concern_value(clause), sentence))
    elif _STRENGTH.search(clause) and not _NOT_FEEDBACK.search(clause):
        strengths.append(_sourced(strength_value(clause), sentence))


def _is_about_round_two(clause: str) -> bool:
    return bool(
        re.search(
            r"\b(?:will want|will ask|wants to talk|round two is|next round is)\b", clause, re.I
        )
    )


def strength_value(clause: str) -> str:
    """What was liked: the object of 'liked'/'impressed by', or the subject of 'was strong'."""
    match = _STRENGTH_OBJECT.search(clause) or _STRENGTH_SUBJECT.search(_unreported(clause))
    return _tidy(match.group("what") if match else _unreported(clause))


def concern_value(clause: str) -> str:
    """What worried them; the cue stays when dropping it would flip the meaning ('not sure ...')."""
    match = _CONCERN_OBJECT.search(clause) or _WANTED_MORE.search(clause)
    return _tidy(match.group("what") if match else _unreported(clause))


def _unreported(clause: str) -> str:
    """'The panel felt your X was strong' -> 'your X was strong'."""
    rest = clause
    for _ in range(3):  # "HR said the panel felt ..."
        rest = _REPORTING.sub("", rest, count=1).strip()
    return rest if len(rest.split()) >= 2 else clause


def _tidy(text: str) -> str:
    text = _OPENING.sub("", text.strip(" ,.;:-–—"))
    text = _TRAILING_ACTION.split(text, maxsplit=1)[0]
    text = _POSSESSIVE.sub("", text)
    words = text.split()
    if len(words) > MAX_ITEM_WORDS:
        text = " ".join(words[:MAX_ITEM_WORDS])
        text = re.split(r",\s", text)[0]
    return text.strip(" ,.;:")


def _sourced(value: str, sentence: str) -> Sourced:
    return Sourced(value=value, source="notes", quote=sentence.strip())


def _unique(items: list[Sourced]) -> list[Sourced]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item.value.casefold()
        if item.value and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


# --- whom round two is with ---------------------------------------------------------------

_ROUND_TWO = re.compile(
    r"\b(?:round (?:two|2)|second (?:round|interview|stage)|next (?:round|stage|interview)|"
    r"final (?:round|interview|stage)|will (?:meet|be meeting|see|speak)|meeting with|"
    r"you(?:'ll| will) (?:meet|see|speak))\b",
    re.I,
)
_ROUND_ONE = re.compile(r"\b(?:round (?:one|1)|first (?:round|interview|stage))\b", re.I)
_NAME = r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})"
_TITLE = (
    r"(?P<title>(?:(?:our|the|your)\s+)?(?:Chief\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\sOfficer|"
    r"C[A-Z]{1,2}O|VP(?:\sof)?\s[A-Z][\w&]*(?:\s[A-Z][\w&]*)?|Vice\sPresident(?:,?\s(?:of\s)?"
    r"[A-Z][\w&]*(?:\s[A-Z][\w&]*)?)?|(?:Head|Director|Manager)\sof\s[A-Z][\w&]*(?:\s[A-Z][\w&]*)?|"
    r"(?:Managing|Medical|Finance|Nursing|Sales|Regional|Group|Executive)\sDirector|"
    r"Founder|Co-founder|President|Partner|General\sManager|Principal|Headteacher|Dean|Chair))"
)
_NAME_THEN_TITLE = re.compile(_NAME + r"\s*(?:,|\(|[-–—]|\bthe\b|\bour\b)\s*" + _TITLE)
_TITLE_THEN_NAME = re.compile(_TITLE + r",?\s+" + _NAME)
_NAME_ALONE = re.compile(r"\b(?:with|meet|meeting|see|by)\s+" + _NAME)
_NOT_A_NAME = frozenset("Round Chief Head Director Final Second Next The Our Your".split())


def round_two_interviewer(notes: str) -> tuple[Sourced | None, Sourced | None]:
    """(name, title) of whom the notes say round two is with; (None, None) when they do not."""
    for sentence in note_sentences(notes):
        if not _ROUND_TWO.search(sentence) or _ROUND_ONE.search(sentence):
            continue
        found = _person_in(sentence)
        if found:
            return found
    return None, None


def _person_in(sentence: str) -> tuple[Sourced | None, Sourced | None] | None:
    for pattern in (_NAME_THEN_TITLE, _TITLE_THEN_NAME):
        match = pattern.search(sentence)
        if match and match.group("name").split()[0] not in _NOT_A_NAME:
            title = re.sub(r"^(?:our|the|your)\s+", "", match.group("title"), flags=re.I)
            return _sourced(match.group("name"), sentence), _sourced(title, sentence)
    alone = _NAME_ALONE.search(sentence)
    if alone and alone.group("name").split()[0] not in _NOT_A_NAME:
        return _sourced(alone.group("name"), sentence), None
    return None
