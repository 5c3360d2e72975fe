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
    r"needs? (?:more|to show)|(?:want|wants|would like) to explore|explore further|waffl\w*|"
    r"(?:not|n't|never|no)\s+(?:\w+\s+){0,3}(?:good|great|strong|clear|convincing|proper|real)\b|"
    r"room to improve|less so|fell short|underwhelm\w*|didn't (?:show|give|"
    r"convince|answer|come across)|did not (?:show|give|convince|answer|come across))\b",
    re.I,
)
_STRENGTH = re.compile(
    r"\b(?:lik(?:ed|es)|lov(?:ed|es)|enjoy(?:ed|s)|impressed|impressive|strong|strengths?|"
    r"stood out|stand-?out|excellent|great|good|convincing|confident|clear|praised|appreciated|"
    r"well received|well-received|positive|compelling|solid|highlights?|rated|warm|engaging|"
    r"articulate|persuasive|thoughtful|sharp|went (?:really |very )?well|landed)\b",
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
    r"impressed (?:by|with)|(?:very |really )?positive about|(?:really |particularly )?strong on)"
    r"\s+(?P<what>.+)",
    re.I,
)
_STRENGTH_SUBJECT = re.compile(
    r"^(?P<what>.+?)\s+(?:was|were|is|are|came across as|seemed)\s+(?:very |really |"
    r"particularly |especially )?(?:strong|clear|excellent|impressive|convincing|compelling|"
    r"solid|great|good|a strength|a highlight)\b|^(?P<what2>.+?)\s+(?:also\s+)?(?:went (?:really |"
    r"very |down )?well|landed|worked well)\b",
    re.I,
)
_CONCERN_OBJECT = re.compile(
    r"\bless (?:sure|convinced|clear) about (?:was|were|is)\s+(?P<what>.+)|"
    r"\b(?:want|wants|wanted|would like) to explore (?:further )?(?P<what2>(?!further).+)|"
    r"\bexplore further (?:is|are|was)\s+(?P<what3>.+)|"
    r"\b(?:less convinced|not (?:entirely |fully )?convinced|unconvinced|concerned|worried|"
    r"had doubts|doubts|reservations)\s+(?:about|by|of|on|over|that|regarding)\s+(?P<what4>.+)",
    re.I,
)
_TRAILING_ACTION = re.compile(r",?\s+and\s+(?=[a-z]+ed\b)|,\s+(?:especially|particularly)\b")
_WANTED_MORE = re.compile(
    r"\b(?:wanted|would (?:also )?(?:like|have liked)|wants?)\s+(?:to (?:hear|see|know)\s+)?"
    r"(?P<what>more\b.+)",
    re.I,
)
_OPENING = re.compile(r"^(?:and|but|so|also|then|especially|particularly)\s+", re.I)
_POSSESSIVE = re.compile(r"^(?:your|the|my|his|her|their)\s+", re.I)


def round_one_findings(notes: str) -> tuple[tuple[Sourced, ...], tuple[Sourced, ...]]:
    """(strengths, concerns) stated in the notes, each with the sentence it came from.

    A bullet under 'What went well' or 'Less good' takes its section's side, and one that opens
    'Weaker:' its own; other sentences are sorted by their cue words. What the notes say about
    the next interviewer ('Naomi is warm') is not round one's finding, and is left out."""
    found: dict[str, list[Sourced]] = {"strength": [], "concern": []}
    next_interviewer = _name_words(notes)
    for sentence, line in note_sentences(notes):
        if line.kind == "heading" or next_interviewer & set(re.findall(r"[A-Z][a-z]+", sentence)):
            continue
        side, topic = _side_of(sentence, line)
        if side:
            found[side] += [_sourced(value, sentence) for value in labelled_values(topic)]
            continue
        if _NOT_FEEDBACK.search(sentence) and not _CONCERN.search(sentence):
            sentence = _NOT_FEEDBACK.split(sentence)[-1]
        for clause in _clauses(sentence):
            _sort_clause(clause, sentence, found["strength"], found["concern"])
    strengths, concerns = (
        tuple(_unique(found[side])[:MAX_ITEMS]) for side in ("strength", "concern")
    )
    return strengths, concerns


_POSITIVE_SECTION = re.compile(
    r"^(?:what |stuff that |things that |bits that )?(?:went well|worked|landed|good|strengths?|"
    r"positives?|highlights?|pros|liked|strong points?)\b",
    re.I,
)
_NEGATIVE_SECTION = re.compile(
    r"^(?:what |stuff that |things that |bits that |areas? (?:to|for) )?(?:was |were )?(?:less|not so|"
    r"didn't|did not|weak|concerns?|negatives?|improve|cons|gaps?|work on|doubts?|development|"
    r"could have gone better|went badly|to work on)",
    re.I,
)
_SIDE_PREFIX = re.compile(
    r"^(?P<side>weaker|weak|weaknesses|concerns?|gaps?|less good|not so good|negatives?|strong|"
    r"stronger|good|went well|strengths?|positives?|highlights?)\s*[:\-–—]\s*(?P<topic>\S.*)$",
    re.I,
)


def _side_of(sentence: str, line: Line) -> tuple[str | None, str]:
    """('strength' | 'concern' | None, the topic) from a 'Weaker:' prefix or the section."""
    prefix = _SIDE_PREFIX.match(sentence)
    if prefix:
        return _side_word(prefix.group("side")), prefix.group("topic")
    if line.kind != "bullet" or not line.heading:
        return None, sentence
    if _NEGATIVE_SECTION.match(line.heading):
        return "concern", sentence
    if _POSITIVE_SECTION.match(line.heading):
        return "strength", sentence
    return None, sentence


def _side_word(word: str) -> str:
    positive = r"strong|good|went well|strength|positive|highlight"
    return "strength" if re.match(positive, word, re.I) else "concern"


_NONE = re.compile(
    r"^(?:none|nothing|nil|n/a|no(?:ne)?(?: real| major| particular| big)? "
    r"(?:concerns?|issues?|worries|weaknesses|gaps?|strengths?))\b",
    re.I,
)
_SHORT_LIST = re.compile(r"^[^.;:!?]+(?:,\s*[^.;:!?,]+)+\.?$")


def labelled_values(topic: str) -> list[str]:
    """What follows 'Strengths:' or a side's bullet: nothing for 'none really', each part of
    a short list ('clear communicator, good examples'), else the topic's subject."""
    if _NONE.match(topic.strip()):
        return []
    parts = [part.strip(" .") for part in topic.split(",")]
    if _SHORT_LIST.match(topic.strip()) and all(len(part.split()) <= 5 for part in parts):
        return [part for part in parts if part]
    return [topic_value(topic)]


_TOPIC_END = re.compile(
    r"\.\s|\s[-–—]\s|[:;]|,\s|\s+(?:also\s+)?(?:landed|went|was|were|came across|got|"
    r"worked|sounded|felt)\b"
)


def topic_value(text: str) -> str:
    """A bullet's subject: 'Budget. I admitted ...' -> 'Budget'; 'the pipeline story landed' ->
    'pipeline story'."""
    topic = _tidy(_TOPIC_END.split(text.strip(), maxsplit=1)[0])
    if len(topic) > 2 and topic.lower() not in {"it", "this", "that", "they", "he", "she", "we"}:
        return topic
    return _tidy(re.split(r"\.\s|,\s|;", text.strip(), maxsplit=1)[0])


def _name_words(notes: str) -> set[str]:
    """The first and last name of whom round two is with, to leave out what is said about them."""
    name, _ = round_two_interviewer(notes)
    if name is None:
        return set()
    return {w for w in re.sub(_HONORIFIC, "", name.value).split() if len(w) > 2}


_EMAIL_HEADER = re.compile(r"^(?:from|to|cc|subject|date|sent|re)\s*:", re.I)


def note_sentences(notes: str) -> list[tuple[str, Line]]:
    """Sentences of the notes in order, each with its line; a hard-wrapped paragraph (an email)
    is read as one text, and a bullet stays whole."""
    sentences: list[tuple[str, Line]] = []
    run: list[Line] = []
    for line in [*document_lines(notes), None]:
        alone = line is not None and bool(_EMAIL_HEADER.match(line.text))
        if run and (
            alone or line is None or line.kind != "text" or line.paragraph != run[-1].paragraph
        ):
            joined = " ".join(part.text for part in run)
            sentences.extend((sentence, run[0]) for _, sentence in split_sentences(joined))
            run = []
        if line is not None and line.kind == "text" and not alone:
            run.append(line)
        elif line is not None and not alone:
            sentences.append((line.text, line))
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
    return _tidy(_group(match) if match else _unreported(clause))


def concern_value(clause: str) -> str:
    """What worried them; the cue stays when dropping it would flip the meaning ('not sure ...')."""
    match = _CONCERN_OBJECT.search(clause) or _WANTED_MORE.search(clause)
    return _tidy(_group(match) if match else _unreported(clause))


def _group(match: re.Match) -> str:
    return next(value for name, value in match.groupdict().items() if value)


def _unreported(clause: str) -> str:
    """'The panel felt your X was strong' -> 'your X was strong'."""
    rest = clause
    for _ in range(3):  # "HR said the panel felt ..."
        rest = _REPORTING.sub("", rest, count=1).strip()
    return rest if len(rest.split()) >= 2 else clause


def _tidy(text: str) -> str:
    text = _OPENING.sub("", text.strip(" ,.;:-–—"))
    text = re.sub(r"^(?:is|are|was|were)\s+", "", text)
    text = _TRAILING_ACTION.split(text, maxsplit=1)[0]
    text = _POSSESSIVE.sub("", text)
    words = text.split()
    if len(words) > MAX_ITEM_WORDS:
        text = " ".join(words[:MAX_ITEM_WORDS])
        text = re.split(r",\s", text)[0]
    return text.strip(" ,.;:")


def _sourced(value: str, sentence: str) -> Sourced:
    return Sourced(value=value, source="notes", quote=sentence.strip())


_EMPTY_VALUE = re.compile(  # a pronoun or a section label alone says nothing round one found
    r"^(?:you|me|us|them|him|her|it|this|that|they|he|she|we|i|"
    r"strengths?|concerns?|weakness(?:es)?|gaps?|positives?|negatives?|feedback|notes?)$"
)


def _unique(items: list[Sourced]) -> list[Sourced]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item.value.casefold()
        if item.value and key not in seen and not _EMPTY_VALUE.match(key):
            seen.add(key)
            kept.append(item)
    return kept


# --- whom round two is with ---------------------------------------------------------------

_ROUND_TWO = re.compile(
    r"\b(?:round (?:two|2)|(?:second|2nd) (?:round|interview|stage)|next (?:round|stage|interview)|"
    r"final (?:round|interview|stage)|will (?:meet|be meeting|see|speak)|meeting with|"
    r"you(?:'ll| will) (?:meet|see|speak))\b",
    re.I,
)
_ROUND_ONE = re.compile(r"\b(?:round (?:one|1)|(?:first|1st) (?:round|interview|stage))\b", re.I)
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame)\.?\s+)?"
_NAME = r"(?P<name>" + _HONORIFIC + r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})"
_TITLE_WORDS = re.compile(
    r"\b(?:Director|Officer|Executive|Chief|Head|Manager|Chair|Chairman|Chairwoman|Chairperson|"
    r"President|VP|Partner|Founder|Co-founder|Dean|Principal|Matron|Headteacher|Governor|Lead|"
    r"Owner|Controller|Treasurer|Secretary|Superintendent|C[A-Z]{1,2}O)\b"
)
_RUN = r"(?P<title>(?:[A-Z][\w&'’-]*|of|and|&|for)(?:\s+(?:[A-Z][\w&'’-]*|of|and|&|for))*)"
_NAME_THEN_TITLE = re.compile(_NAME + r"\s*(?:,|\(|[-–—])\s*(?:(?:our|the|your)\s+)?" + _RUN)
_TITLE_THEN_NAME = re.compile(r"\b(?:our|the|your)\s+" + _RUN + r",?\s+" + _NAME)
_NAME_ALONE = re.compile(r"\b(?:with|meet|meeting|see|by)\s+" + _NAME)
_NOT_A_NAME = frozenset("Round Chief Head Director Final Second Next The Our Your Panel".split())


def round_two_interviewer(notes: str) -> tuple[Sourced | None, Sourced | None]:
    """(name, title) of whom the notes say round two is with; (None, None) when they do not."""
    for sentence, _ in note_sentences(notes):
        if not _ROUND_TWO.search(sentence) or _ROUND_ONE.search(sentence):
            continue
        found = _person_in(sentence)
        if found:
            return found
    return None, None


def _person_in(sentence: str) -> tuple[Sourced | None, Sourced | None] | None:
    for pattern in (_NAME_THEN_TITLE, _TITLE_THEN_NAME):
        for match in pattern.finditer(sentence):
            title = _title_of(match.group("title"))
            if title and _is_name(match.group("name")):
                return _sourced(match.group("name"), sentence), _sourced(title, sentence)
    alone = _NAME_ALONE.search(sentence)
    if alone and _is_name(alone.group("name")):
        return _sourced(alone.group("name"), sentence), None
    return None


def _title_of(run: str) -> str | None:
    """A job title: a capitalised run with a title word, without a trailing 'and'/'of'."""
    words = run.split()[:7]
    while words and words[-1] in {"of", "and", "&", "for"}:
        words.pop()
    title = " ".join(words)
    return title if _TITLE_WORDS.search(title) else None


def _is_name(name: str) -> bool:
    words = re.sub(_HONORIFIC, "", name).split()
    return bool(words) and words[0] not in _NOT_A_NAME and not _TITLE_WORDS.search(name)
