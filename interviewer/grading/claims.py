"""Claims a candidate makes about themselves, and where a later answer contradicts an earlier one.

Numbers (years of a skill, team sizes) and claims alike: "I have managed three engineering
managers" and later "I have never managed managers" say opposite things about the same subject.
Each contradiction keeps both sentences, so the executive can put them side by side and the
grader can quote them.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interviewer.grading.concepts import TOKEN, stem


@dataclass(frozen=True, kw_only=True)
class Contradiction:
    """Two statements by the candidate that cannot both be true, each quoted as said."""

    earlier_claim: str
    now_claim: str
    summary: str  # one line: "said 5 years of Python earlier, now 8"


def _sentences(text: str) -> list[str]:
    from interviewer.grading.analysis import split_sentences

    return [sentence for _, sentence in split_sentences(text)]


def _first(sentences: list[str], pattern: re.Pattern) -> str:
    return next((s for s in sentences if pattern.search(s)), sentences[0] if sentences else "")


# --- numbers: years of a skill, team sizes --------------------------------------------------

_WORD_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_COUNT = r"(\d+|" + "|".join(_WORD_NUMBERS) + r")"
_YEARS_OF = re.compile(
    r"\b" + _COUNT + r"\+? years?(?: of(?: \w+)? experience)?(?: of| in| with| doing| as an?| "
    r"working (?:in|with|on))? ([A-Za-z][\w+#.-]*)",
    re.I,
)
_NOT_A_SUBJECT = frozenset(
    "ago old later earlier experience running now a an the my our of in and at for on to "
    "with as it that this i we so but or".split()
)
_TEAM_OF = re.compile(
    r"\bteam of " + _COUNT + r"\b|\b" + _COUNT + r"[- ](?:person|people|strong) team\b|"
    r"\b(?:managed|led|ran|supervised|managing|leading) (?:a team of )?" + _COUNT + r" "
    r"(?:people|engineers|developers|nurses|reps|staff|direct reports|analysts|teachers)\b",
    re.I,
)
_LED = re.compile(
    r"\bI (?:led|headed|ran|owned|was (?:the )?lead (?:on|of|for))\s+(?:the |our |a |that )?"
    r"([\w-]+(?: [\w-]+)?)",
    re.I,
)
_NOT_LED = re.compile(
    r"\bI (?:wasn['’]t|was not|didn['’]t|did not|never) (?:the )?(?:lead(?:ing)?|led|run|head|own)"
    r"(?: (?:on|of|for))?\s+(?:the |our |a |that )?([\w-]+(?: [\w-]+)?)",
    re.I,
)


def _as_int(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token.lower()]


def _years_claims(sentences: list[str]) -> dict[str, tuple[int, str, str]]:
    """Subject -> (years, subject as written, sentence) for claims like "5 years of Python"."""
    claims = {}
    for sentence in sentences:
        for match in _YEARS_OF.finditer(sentence):
            subject = match.group(2).rstrip(".,")
            if subject.lower() not in _NOT_A_SUBJECT:
                claims[stem(subject)] = (_as_int(match.group(1)), subject, sentence)
    return claims


def _years_conflicts(now: list[str], before: list[str]) -> list[Contradiction]:
    now_years = _years_claims(now)
    return [
        Contradiction(
            earlier_claim=sentence,
            now_claim=now_years[key][2],
            summary=f"said {years} years of {subject} earlier, now {now_years[key][0]}",
        )
        for key, (years, subject, sentence) in _years_claims(before).items()
        if key in now_years and now_years[key][0] != years
    ]


_MINE = re.compile(r"\b(?:I|my|me|I['’](?:ve|m|d))\b")


def _team_sizes(sentences: list[str], *, mine: bool = False) -> set[int]:
    """Team sizes stated; with `mine`, only in sentences about the candidate's own team."""
    return {
        _as_int(next(g for g in match.groups() if g))
        for sentence in sentences
        if not mine or _MINE.search(sentence)
        for match in _TEAM_OF.finditer(sentence)
    }


def _team_conflicts(now: list[str], before: list[str]) -> list[Contradiction]:
    sizes_now, sizes_before = _team_sizes(now, mine=True), _team_sizes(before)
    if not (sizes_now and sizes_before) or sizes_now & sizes_before:
        return []
    one_each = len(sizes_now) == len(sizes_before) == 1
    summary = (
        f"said a team of {min(sizes_before)} earlier, now {min(sizes_now)}"
        if one_each
        else "gave different team sizes earlier"
    )
    return [
        Contradiction(
            earlier_claim=_first(before, _TEAM_OF), now_claim=_first(now, _TEAM_OF), summary=summary
        )
    ]


# --- claims: "I led X" against "I did not lead X", and any first-person verb with "never" ----


def _lead_claims(
    pattern: re.Pattern, sentences: list[str]
) -> list[tuple[frozenset[str], str, str]]:
    """(topic stems, topic phrase, sentence) for each "I led X" or "I did not lead X"."""
    claims = []
    for sentence in sentences:
        for match in pattern.finditer(sentence):
            words = match.group(1).split()
            while words and words[-1].lower() in _NOT_A_SUBJECT:
                words.pop()
            claims.append((_object_keys(words), " ".join(words), sentence))
    return claims


def _lead_conflicts(now: list[str], before: list[str]) -> list[Contradiction]:
    found = []
    for now_pattern, before_pattern, said in (
        (_LED, _NOT_LED, "did not lead"),
        (_NOT_LED, _LED, "led"),
    ):
        claimed_now = _lead_claims(now_pattern, now)
        for words, phrase, sentence in _lead_claims(before_pattern, before):
            match = next((s for keys, _, s in claimed_now if keys & words), None)
            if match:
                now_said = "you did" if said == "did not lead" else "you did not"
                summary = f"said earlier you {said} '{phrase}', now that {now_said}"
                found.append(
                    Contradiction(earlier_claim=sentence, now_claim=match, summary=summary)
                )
    return found


_SUBJECT = frozenset({"i", "i've", "i'd", "i'm"})
_NEGATION = frozenset({"never", "not", "no", "cannot", "nor"})
_AUXILIARY = frozenset(
    """have had has 've am was were been be do did does really actually ever also always
    personally only just still already truly honestly directly myself previously once yet
    formally officially""".split()
)
_MODAL = frozenset("would will could should might may can must shall 'll".split())
_BE = frozenset({"am", "was", "were", "been", "be", "i'm"})
_MENTAL = frozenset(
    """think know believe want like feel remember recall mean guess suppose hope need mind care
    say said agree see understand expect wish intend plan try tried love enjoy prefer get got
    go went come came let make made find found""".split()
)
_CLAUSE = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:and|but|so|because|although|though|while|whereas|which|who|when|"
    r"where|until|unless|if|whether|then|yet|however)\b",
    re.I,
)
_IRREGULAR = {
    "led": "lead",
    "ran": "run",
    "built": "build",
    "taught": "teach",
    "wrote": "write",
    "written": "write",
    "sold": "sell",
    "won": "win",
    "had": "have",
    "has": "have",
    "held": "hold",
    "kept": "keep",
    "spent": "spend",
    "oversaw": "oversee",
    "overseen": "oversee",
    "drove": "drive",
    "driven": "drive",
    "brought": "bring",
    "dealt": "deal",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "felt": "feel",
    "met": "meet",
}
_NEVER_COUNTS = frozenset(_WORD_NUMBERS) | frozenset(
    "several few many some any all every each a an the my our their his her its this that these "
    "those of in on at for to with as by from since over under about before after ever".split()
)


_MENTAL_KEYS = frozenset(stem(verb) for verb in _MENTAL)


@dataclass(frozen=True, kw_only=True)
class _Claim:
    negative: bool
    verb: str
    objects: frozenset[str]
    sentence: str


def _object_keys(words: Sequence[str]) -> frozenset[str]:
    keys = set()
    for word in words:
        lower = word.lower()
        if len(lower) >= 3 and lower.isalpha() and lower not in _NEVER_COUNTS:
            keys.add(stem(_IRREGULAR.get(lower, lower)))
    return frozenset(keys)


def _verb_key(word: str) -> str:
    lower = word.lower().replace("’", "'")
    if lower in _BE:
        return "be"
    return stem(_IRREGULAR.get(lower, lower))


def _clause_claim(words: list[str], sentence: str) -> _Claim | None:
    """The first-person claim a clause makes: its polarity, its verb and what it is about."""
    lowered = [w.lower().replace("’", "'") for w in words]
    start = next((i for i, w in enumerate(lowered) if w in _SUBJECT), None)
    if start is None:
        return None
    subject, negative, last = lowered[start], False, lowered[start]  # "i've": have, "i'm": be
    index = start + 1
    while index < len(words):
        word = lowered[index]
        if word in _MODAL or (subject == "i'd" and index == start + 1 and not _had(word)):
            return None  # "I would never...", "I'd like to": not a claim about the record
        if word in _NEGATION or word.endswith("n't"):
            negative = True
        elif word in _AUXILIARY:
            last = word
        else:
            break
        index += 1
    if index >= len(words):
        return None
    verb, rest = lowered[index], words[index + 1 : index + 7]
    if verb == "experience" and rest:  # "I have no experience managing managers"
        rest = [w for w in rest if w.lower() not in ("with", "in", "of")]
        if rest and rest[0].lower().endswith("ing"):
            verb, rest = rest[0].lower(), rest[1:]
    elif last in _HAVE and not _participle(verb):  # "I had four direct reports"
        verb, rest = "have", words[index : index + 6]
    elif verb in _NEVER_COUNTS:  # "I was a manager", "I've never been the lead", "I'm not a..."
        verb, rest = ("be" if last in _BE or subject == "i'm" else "have"), words[index : index + 6]
    key = _verb_key(verb)
    objects = _object_keys(rest)
    if key in _MENTAL_KEYS or not objects:
        return None
    return _Claim(negative=negative, verb=key, objects=objects, sentence=sentence)


_HAVE = frozenset({"have", "had", "has", "'ve", "i've"})
_PARTICIPLES = frozenset(
    "run won grown begun done seen taken given gone known shown become come".split()
)


def _had(word: str) -> bool:
    """After "I'd": "I'd never managed" is had, "I'd manage" is would."""
    return word in ("never", "not", "already", "just", "only") or _participle(word)


def _participle(word: str) -> bool:
    return word.endswith("ed") or word in _IRREGULAR or word in _PARTICIPLES or word == "been"


def _claims(sentences: list[str]) -> list[_Claim]:
    claims = []
    for sentence in sentences:
        for clause in _CLAUSE.split(sentence):
            claim = _clause_claim(TOKEN.findall(clause), sentence) if clause else None
            if claim:
                claims.append(claim)
    return claims


def _opposed(a: _Claim, b: _Claim) -> bool:
    """Same verb, same subject matter, opposite polarity."""
    if a.negative == b.negative or a.verb != b.verb:
        return False
    shared = a.objects & b.objects
    return bool(shared) and len(shared) * 2 >= min(len(a.objects), len(b.objects))


def _polarity_conflicts(now: list[str], before: list[str]) -> list[Contradiction]:
    now_claims = _claims(now)
    return [
        Contradiction(
            earlier_claim=old.sentence,
            now_claim=new.sentence,
            summary=f"said earlier \u201c{old.sentence}\u201d, now \u201c{new.sentence}\u201d",
        )
        for old in _claims(before)
        for new in now_claims
        if _opposed(old, new)
    ]


# --- statements: any clause about the candidate, and yes or no to a yes/no question -----------

_YES = re.compile(r"^\W*(?:yes|yeah|yep|absolutely|definitely|of course|many times|plenty)\b", re.I)
_NO = re.compile(
    r"^\W*(?:no|nope|never|not really|not yet|not as such|honestly,? no|to be honest,? no)\b", re.I
)
_YES_NO_QUESTION = re.compile(
    r"(?:^|[.?!]\s+)(?:have|has|had|did|do|does|are|were|was|is|can|could|would) (?:you|that|it|"
    r"there)\b[^.?!]*\?",
    re.I,
)
_NEGATIONS = frozenset({"never", "not", "no", "nobody", "nothing", "none", "neither", "cannot"})
_TIME_WORDS = frozenset({"year", "month", "week", "day", "quart", "time", "first", "last"})
_ABOUT_ME = frozenset({"i", "i've", "i'd", "i'm", "my", "me", "we", "we've", "our", "us", "myself"})


@dataclass(frozen=True, kw_only=True)
class _Statement:
    negative: bool
    words: tuple[frozenset[str], ...]  # the overlap keys of each content word
    sentence: str

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*self.words)


def _statement(tokens: list[str], sentence: str, *, negative: bool | None = None) -> _Statement:
    from interviewer.grading.analysis import word_keys

    lowered = [t.lower().replace("’", "'") for t in tokens]
    if negative is None:
        negative = any(_own_negation(lowered, index) for index in range(len(lowered)))
    base = [_IRREGULAR.get(t, t) if t in _IRREGULAR else tokens[i] for i, t in enumerate(lowered)]
    words = tuple(keys for keys in map(word_keys, base) if keys)
    return _Statement(negative=negative, words=words, sentence=sentence)


_SUBJECTS = frozenset({"i", "i've", "i'd", "i'm", "we", "we've", "we'd", "we're"})


def _own_negation(lowered: list[str], index: int) -> bool:
    """A negation of the candidate's own statement: "I have never", "we had no", "has never
    been"; not someone else's ("they weren't renewing") nor "a go or no-go"."""
    word = lowered[index]
    if word == "never":
        return True
    if word not in _NEGATIONS and not word.endswith("n't"):
        return False
    return bool(_SUBJECTS.intersection(lowered[max(0, index - 3) : index]))


def _statements(sentences: list[str], question: str = "") -> list[_Statement]:
    """Clauses about the candidate, each with its polarity; a bare "No, never" to a yes/no
    question states the question's own claim, negated."""
    found = []
    yes_no = _YES_NO_QUESTION.search(question)
    if sentences and yes_no:
        asked = yes_no.group(0)
        turned = any(
            t.lower() in _NEGATIONS or t.lower().endswith("n't") for t in TOKEN.findall(asked)
        )
        answered_no = bool(_NO.search(sentences[0]))
        if answered_no or _YES.search(sentences[0]):
            found.append(
                _statement(TOKEN.findall(asked), sentences[0], negative=answered_no != turned)
            )
    for sentence in sentences:
        for clause in _CLAUSE.split(sentence):
            tokens = TOKEN.findall(clause or "")
            lowered = {t.lower().replace("’", "'") for t in tokens}
            if lowered & _ABOUT_ME and not lowered & _MODAL and len(tokens) >= 3:
                found.append(_statement(tokens, sentence))
    return found


def _shared_words(a: _Statement, b: _Statement) -> int:
    a_keys, b_keys = a.keys - _TIME_WORDS, b.keys - _TIME_WORDS
    return min(sum(bool(w & b_keys) for w in a.words), sum(bool(w & a_keys) for w in b.words))


def _statement_conflicts(now: list[str], before: list[str], question: str) -> list[Contradiction]:
    now_statements = _statements(now, question)
    return [
        Contradiction(
            earlier_claim=old.sentence,
            now_claim=new.sentence,
            summary=f"said earlier \u201c{old.sentence}\u201d, now \u201c{new.sentence}\u201d",
        )
        for old in _statements(before)
        for new in now_statements
        if old.negative != new.negative and _shared_words(old, new) >= 2
    ]


# --- figures: the same quantity given twice, differently ------------------------------------

_HOW_MUCH = re.compile(
    r"\b(?:how (?:many|much|large|big|long|often)|what(?:['’]s| is| was) the (?:largest|biggest|"
    r"size|number)|what happened to|how did [^?]* (?:change|go)|where does [^?]* stand)\b",
    re.I,
)
_TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "k": 1_000, "m": 1_000_000}
_GENERIC = frozenset({"year", "month", "week", "time", "aroun", "about", "nearl", "almos"})
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, kw_only=True)
class _Figure:
    value: float
    percent: bool
    keys: frozenset[str]
    sentence: str


def _figures(tokens: list[str]) -> list[tuple[float, bool]]:
    """(value, is a percentage) for every figure in a run of words, digits or spelled out."""
    found: list[tuple[float, bool]] = []
    index = 0
    while index < len(tokens):
        value, used = _number_at(tokens, index)
        if value is None:
            index += 1
            continue
        after = tokens[index + used].lower() if index + used < len(tokens) else ""
        percent = tokens[index + used - 1].endswith("%") or after in ("percent", "per")
        found.append((value, percent))
        index += used
    return found


def _number_at(tokens: list[str], index: int) -> tuple[float | None, int]:
    token = tokens[index].lower()
    if token[0].isdigit():
        if _YEAR_TOKEN.fullmatch(token):
            return None, 1
        digits = token.rstrip("%").replace(",", "")
        scale = _SCALES.get(digits[-1], 1) if digits[-1] in "km" else 1
        try:
            return float(digits.rstrip("km")) * scale, 1
        except ValueError:
            return None, 1
    value, used = 0.0, 0
    while index + used < len(tokens):
        word = tokens[index + used].lower()
        if word in _WORD_NUMBERS and (word != "one" or used or index == 0 or value):
            value += _WORD_NUMBERS[word]
        elif word in _TENS:
            value += _TENS[word]
        elif word in _SCALES and len(word) > 1 and (value or used == 0 and word != "k"):
            value = (value or 1) * _SCALES[word]
        else:
            break
        used += 1
    return (value, used) if used else (None, 1)


def _stem_keys(tokens: list[str]) -> frozenset[str]:
    from interviewer.grading.analysis import plain_keys

    return plain_keys(tokens) - _GENERIC


def _facts(sentences: list[str], keys_of=None) -> list[_Figure]:
    """Every figure with the subject words of its sentence (or those given for all of them)."""
    found = []
    for sentence in sentences:
        tokens = TOKEN.findall(sentence)
        keys = keys_of if keys_of is not None else _stem_keys(tokens)
        figures = _figures(tokens)
        if sentence.lower().startswith(("just the one", "only the one", "only one")):
            figures = [(1.0, False), *figures]
        found += [_Figure(value=v, percent=p, keys=keys, sentence=sentence) for v, p in figures]
    return found


def _differs(value: float, others: list[float]) -> bool:
    return all(abs(value - other) > 0.05 * max(abs(value), abs(other)) for other in others)


def _figure_conflicts(now: list[str], before: list[str], question: str) -> list[Contradiction]:
    """A "how many" question answered with a figure other than the one given before.

    Only the answer's first figure, and only against earlier sentences on the question's
    subject: figures elsewhere in two answers are too often about different things."""
    if not now or not _HOW_MUCH.search(question):
        return []
    asked = _stem_keys(TOKEN.findall(question))
    answered = _facts(now[:1], keys_of=asked)[:1]
    earlier = [f for f in _facts(before) if f.keys & asked]
    for fact in answered:
        same = [f for f in earlier if f.percent == fact.percent]
        if same and _differs(fact.value, [f.value for f in same]):
            summary = (
                f"said earlier \u201c{same[0].sentence}\u201d, now \u201c{fact.sentence}\u201d"
            )
            return [
                Contradiction(
                    earlier_claim=same[0].sentence, now_claim=fact.sentence, summary=summary
                )
            ]
    return []


def claim_contradictions(
    answer: str, earlier: Sequence[str], *, question: str = ""
) -> list[Contradiction]:
    """Everything in this answer that contradicts an earlier one, with both claims quoted.

    The question helps with short answers: "Twenty-two people" to "How large is your team?"."""
    now = _sentences(answer)
    found: list[Contradiction] = []
    for text in earlier:
        before = _sentences(text)
        found += _years_conflicts(now, before) + _team_conflicts(now, before)
        found += _lead_conflicts(now, before)
        for more in (
            _polarity_conflicts(now, before),
            _statement_conflicts(now, before, question),
            _figure_conflicts(now, before, question),
        ):
            pairs = {(c.earlier_claim, c.now_claim) for c in found}
            found += [c for c in more if (c.earlier_claim, c.now_claim) not in pairs]
    return list(dict.fromkeys(found))


def contradictions(answer: str, earlier_answers: Sequence[str], *, question: str = "") -> list[str]:
    """Claims in this answer that disagree with what was said earlier, described briefly."""
    found = claim_contradictions(answer, earlier_answers, question=question)
    return list(dict.fromkeys(c.summary for c in found))
