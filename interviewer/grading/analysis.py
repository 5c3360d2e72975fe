"""Deterministic features of one answer, so the offline grader and the interview engine need no LLM.

An answer is split into sentences (exact substrings, so anything quoted from them is grounded)
and words; one pass over the words with a phrase table counts every feature at once. Tables and
patterns are built at import; an answer is analysed in well under a millisecond.
"""

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from interviewer.grading.claims import Contradiction, claim_contradictions, contradictions
from interviewer.grading.concepts import TOKEN, lexicon, phrase_concepts, stem, word_concepts
from interviewer.grading.honesty import inside_information
from interviewer.words import FUNCTION_WORDS

__all__ = [  # what the interview engine and the grader use; the rest is detail
    "AnswerAnalysis",
    "Contradiction",
    "analyze",
    "answer_gaps",
    "claim_contradictions",
    "content_words",
    "contradictions",
    "inside_information",
    "sentence_signals",
    "split_sentences",
    "stem",
    "summarize",
]

GAP_CODES = ("vague", "no_example", "no_outcome", "dodged", "we_not_i")
_GAP_PRIORITY = ("dodged", "no_example", "no_outcome", "vague", "we_not_i")

_SENTENCE = re.compile(r"(?:[-*•]+\s+)?(\S.*?(?:[.!?]+[\"'”’)\]]*(?=\s|$)|(?=\n)|$))")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ABBREVIATIONS = frozenset(
    "st dr mr mrs ms mx prof sr jr rev gen col capt lt sgt vs etc e.g i.e cf approx dept "
    "inc ltd co corp bros mt ft ave rd jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _word_set(text: str) -> frozenset[str]:
    return frozenset(_words(text))


_NOT_PROPER = _word_set("I I'm I've I'd I'll OK")
_CONTRACTION_ENDINGS = ("n't", "'m", "'re", "'ve", "'ll", "'d")
_CONTRACTED_IS = _word_set("it's that's there's here's what's he's she's let's who's where's")
_IRREGULAR_PAST = _word_set(
    """ran led made took built rebuilt wrote rewrote sent told spent found set put got gave
    met cut won sold brought kept began chose drove went came saw rang taught caught bought
    left lost paid held drew grew split shut quit flew sat spoke stood wrote knew heard fought
    sought threw woke hired fired rang sang swam ate fed bent lent slept swept dealt meant won"""
)

# --- the phrase table ----------------------------------------------------------------------
# A spec is space-separated slots; "a|b" offers alternatives for a slot and "a_b" is a
# two-word alternative. Special slots: "#" any number, "#year" a year such as 2021,
# "^" a capitalised word that does not open its sentence (or an acronym).

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_FEATURE_SPECS: dict[str, tuple[str, ...]] = {
    "numbers": (
        "#|#year|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        "thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|"
        "million|millions|dozen|dozens|half",
    ),
    "proper": ("^",),
    "scale": (  # a time or size word pinned down: "three weeks", "that quarter", "each shift"
        "#|two|three|four|five|six|seven|eight|nine|ten|twelve|a_few|several|last|next|this|"
        "that|each|every|per|one|the_following|the_same "
        "quarter|quarters|week|weeks|month|months|year|years|day|days|hour|hours|minute|minutes|"
        "deadline|deadlines|budget|budgets|shift|shifts|sprint|sprints|semester|semesters|term|"
        "terms|weekend|weekends|night|nights|morning|afternoon|evening",
        "overnight|revenue|headcount",
    ),
    "first_person": ("i|i'm|i've|i'd|i'll|my|me|mine|myself",),
    "we": ("we|we're|we've|we'd|we'll|our|ours|us|ourselves", "the team"),
    "outcomes": (
        "reduced|reducing|cut|increased|increasing|grew|grown|doubled|tripled|halved|saved|"
        "launched|shipped|won|delivered|improved|raised|boosted|lowered|exceeded|beat|achieved|"
        "hit|closed|signed|recovered|resolved|retained|dropped|fell|rose|climbed|shrank|"
        "promoted|adopted|passed|renewed|eliminated|prevented|freed|fallen|risen|lower|higher|"
        "fewer|faster|quicker|cheaper|doubled|halved|zero",
        "without|not|never a_single|touched|missed",
        "without friction|incident|complaint|a_hitch|a_single",
        "they|it|we|she|he|everyone|both now",
        "stayed_within|came_through|no_longer|asked_to_come_back",
        "from # to #",
        "as_a_result|which_meant|the_result_was|resulted_in|led_to|ended_up|went_from|"
        "down_from|up_from|by_the_end",
    ),
    "story_markers": (
        "when i|we",
        f"last year|month|quarter|spring|summer|autumn|fall|winter|week|term|semester|{_MONTHS}",
        f"in #year|{_MONTHS}",
        "one_time|for_example|for_instance|on_one_occasion|i_remember|there_was_a_time|"
        "a_time_when|recently|earlier_this_year|this_year|case_in_point",
        "in my last|previous|current|first|old role|job|position|company|team|post|school|"
        "hospital|ward",
        "at my last|previous|current|old|first role|job|company|school|hospital|employer|firm",
        "#|two|three|four|five|several|a_few|a_couple_of years|months|weeks ago",
        "during my|the|a|our",
        "after #|two|three|four|five|six|several|a_few years|months|weeks",
        "since #year",
        "i had a client|customer|patient|student|case|situation",
        "at ^",
    ),
    "actions": (
        "i then|also|quickly|immediately|personally|finally|first|eventually %past",
        "i %past",
    ),
    "team_actions": ("we %past", "we then|also|quickly|immediately|finally|first %past"),
    "hedges": (
        "maybe|kinda|probably|hopefully|perhaps|possibly|somewhat|might",
        "i guess|think|suppose|hope",
        "sort|kind of",
        "try|trying to",
        "i_feel_like|more_or_less|not_sure|i'd_say|i_would_say|i'd_like_to_think",
    ),
    "differentiators": (
        "unlike|rare",
        "the only one|person|candidate",
        "only one|person|candidate who",
        "the_first|first_person|first_one to",
        "rarely_see|few_people|not_many_people|no_one_else|nobody_else|most_candidates|"
        "other_candidates|other_finalists|more_than_most|distinguishes_me|stand_out|"
        "stands_out|edge_over|unusual_combination|what_i_bring_that",
        "sets|set me apart",
        "that|which most people|candidates|others|managers",
    ),
    "preparation_mentions": (
        "spoke|speaking|talked|talking|chatted with|to HR|your|^|the_recruiter|a_former",
        "spoke|speaking|talked|talking|chatted with|to someone at|from|in your",
        "asked HR|your|the_recruiter|for_feedback",
        "asked ^ in|from|at",
        "^ in|from HR",
        "to|with|from|emailed|called HR",
        "recruiter|researched",
        "human_resources|annual_report|annual_reports|earnings_call|press_release|"
        "press_releases|reached_out_to|coffee_with|former_colleague|my_contact",
        "feedback from|after|on round_one|the_first|my_first|HR",
        "after round_one|the_first_round|the_first_interview",
        "read|reading|reviewed your",
        "read_about|looked_into|looked_at your",
        "your website|blog|careers",
        "prepared|preparing for this|today|the|round|our",
        "prepared|preparing my|two|three|an|a|examples|example",
    ),
    "insider_claims": (
        "inside information|info|scoop|track",
        "insider information|knowledge|info|tip|tips",
        "an_insider|leaked|got_the_questions|questions_in_advance|questions_ahead_of_time|"
        "off_the_record|under_the_table|back_channel|backchannel",
        "not supposed to tell|share|know|see|have",
        "someone|a_friend|a_contact on|in the panel",
        "confidential plans|roadmap|figures|numbers|strategy",
    ),
    "contractions": ("'c",),
    "slang": (
        "gonna|wanna|gotta|kinda|sorta|yeah|yep|nope|stuff|awesome|cool|super|guys|basically|"
        "literally|totally|crazy|insane|dude|lol|whatever|freaking",
        "you_know|ya_know|tons_of|a_ton_of|a_bunch_of|pretty_much",
    ),
    "deflections": (
        "can't|cannot think of",
        "doesn't|does_not happen|really_happen",
        "never really had|happened",
        "hard to pick|say|choose",
        "nothing comes|springs to mind",
        "rather not say|go_into",
        "depends on the situation",
        "not something i've had|faced",
        "i don't|don't_really make|have many|any",
    ),
}
_CLICHE_VARIANTS = {
    "hard worker": ("hard worker", "hard working", "hardworking"),
    "team player": ("team player",),
    "perfectionist": ("perfectionist",),
    "think outside the box": ("think outside the box", "outside the box"),
    "go-getter": ("go getter",),
    "self-starter": ("self starter",),
    "passionate": ("passionate", "passion for"),
    "detail-oriented": ("detail oriented", "attention to detail"),
    "results-driven": ("results driven", "results oriented"),
    "wear many hats": ("wear many hats", "wearing many hats"),
    "synergy": ("synergy", "synergies"),
    "people person": ("people person", "people skills", "good with people"),
    "energy": (
        "a lot of energy",
        "a ton of energy",
        "high energy",
        "bring energy",
        "full of energy",
        "energetic",
    ),
    "culture of ownership": ("culture of ownership", "culture of excellence"),
    "best practice": ("best practice", "best practices"),
    "shift left": ("shifted left", "shift left"),
    "championed innovation": ("championed innovation", "drove innovation"),
    "empowered people": ("empowered people", "empowered the team"),
    "move fast": ("move fast",),
    "delivered value": ("delivered a lot of value", "delivered value", "added value"),
    "leaned into": ("leaned into",),
    "thought leadership": ("thought leadership",),
    "driven": ("super driven", "highly driven", "never give up", "that hunger", "natural closer"),
    "positive attitude": ("positive attitude", "can do attitude"),
    "natural leader": ("natural leader", "born leader"),
    "110%": ("110%", "110 percent", "a hundred and ten percent"),
    "hit the ground running": ("hit the ground running",),
    "fast learner": ("fast learner", "quick learner"),
    "highly motivated": ("highly motivated", "self motivated"),
    "above and beyond": ("above and beyond",),
    "thrive under pressure": ("thrive under pressure", "work well under pressure"),
    "problem solver": ("problem solver",),
    "strong work ethic": ("work ethic",),
    "excellent communicator": ("excellent communicator", "excellent communication skills"),
    "move the needle": ("move the needle",),
    "game changer": ("game changer",),
    "win-win": ("win win",),
    "track record of success": ("proven track record", "track record of success"),
    "dynamic": ("dynamic",),
}
_COUNTED = (*_FEATURE_SPECS, "cliches")

Phrase = tuple[tuple[str, ...], str, str]  # (the slots after the second, feature, cliché label)


def _expand(spec: str) -> list[tuple[str, ...]]:
    """Every word sequence a spec stands for."""
    slots = [[option.split("_") for option in slot.split("|")] for slot in spec.split()]
    return [tuple(word for part in choice for word in part) for choice in itertools.product(*slots)]


def _phrase_entries() -> list[tuple[tuple[str, ...], str, str]]:
    entries = [
        (words, feature, "")
        for feature, specs in _FEATURE_SPECS.items()
        for spec in specs
        for words in _expand(spec)
    ]
    entries += [
        (tuple(TOKEN.findall(variant)), "cliches", label)
        for label, variants in _CLICHE_VARIANTS.items()
        for variant in variants
    ]
    return sorted(entries, key=lambda entry: -len(entry[0]))


def _phrase_tables() -> tuple[
    dict[str, list[tuple[str, str]]], dict[tuple[str, ...], list[Phrase]]
]:
    """One-word phrases by word; longer ones by their first two words, longest first."""
    single: dict[str, list[tuple[str, str]]] = {}
    multi: dict[tuple[str, ...], list[Phrase]] = {}
    for words, feature, label in _phrase_entries():
        if len(words) == 1:
            single.setdefault(words[0], []).append((feature, label))
        else:
            multi.setdefault(words[:2], []).append((words[2:], feature, label))
    return single, multi


_SINGLE, _MULTI = _phrase_tables()

# --- content words: what a question and an answer share ------------------------------------

_STOPWORDS = FUNCTION_WORDS | _word_set(  # and the words every interview answer uses
    """
    able above am anything are be been being below bit came can closely come could describe
    did do does doing done everything example examples explain feel felt few first further
    get gets getting give given go going got had handle handled has have having is job kind
    know let look lot lots made make noted nothing oh other place position put role round
    said same say see seeing seen set sets should something sort sure take talk tell thing
    things think time times took use used walk want was way ways went were will would yet
    yourselves
    """
)
_content: dict[str, tuple[str, ...]] = {}
_stems: dict[str, str] = {}
_token_keys: dict[str, tuple[str, ...]] = {}


def _stem_of(word: str) -> str:
    cached = _stems.get(word)
    if cached is None:
        _stems[word] = cached = stem(word)
    return cached


def _content_keys(word: str) -> tuple[str, ...]:
    """The overlap keys of one word: its concepts, else its stem; none for a word that carries none."""
    cached = _content.get(word)
    if cached is None:
        lower = word.lower().replace("’", "'").removesuffix("'s")
        key = _stem_of(word)
        found = word_concepts(word)
        if found and (lower in lexicon().exact or lower not in _STOPWORDS):
            cached = tuple(sorted(found))
        elif len(lower) < 3 or not lower.isalpha() or lower in _STOPWORDS:
            cached = ()
        else:
            cached = (key,)
        _content[word] = cached
    return cached


def word_keys(word: str) -> frozenset[str]:
    """The overlap keys of one word (its concepts, else its stem), for claim comparison."""
    return frozenset(_content_keys(word))


def plain_keys(words: Sequence[str]) -> frozenset[str]:
    """The stems of the meaningful words, without concepts: figures need their exact subject."""
    return frozenset(
        _stem_of(w) for w in words if len(w) >= 3 and w.isalpha() and w.lower() not in _STOPWORDS
    )


def _content_of(words: Sequence[str]) -> frozenset[str]:
    """The overlap keys of a run of words: each word's keys and the concepts its phrases name."""
    keys = {key for word in words for key in _content_keys(word)}
    keys |= phrase_concepts([_stem_of(word) for word in words])
    return frozenset(keys)


def content_words(text: str) -> set[str]:
    """The meaningful words of a text, lowercased, stemmed and grouped, for overlap measures."""
    return set(_content_of(TOKEN.findall(text)))


# --- sentences ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class SentenceSignals:
    """One sentence (an exact substring of the answer) and what it contains."""

    text: str
    start: int
    words: int
    long_words: int
    numbers: int
    specifics: int
    first_person: int
    we: int
    outcomes: int
    story_markers: int
    actions: int
    own_action: bool  # "I" and a past-tense verb: the candidate did something here
    team_actions: int  # "we brought in", "we redid": something happened, though not said by whom
    past_verbs: int  # "met", "brought", "covered": narrative detail even without figures
    context_figures: int  # figures about the setting: 2 the organisation or market, 1 the scene
    cliches: tuple[str, ...]
    hedges: int
    differentiators: int
    preparation_mentions: int
    insider_claims: int
    contractions: int
    slang: int
    deflections: int
    content: frozenset[str]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences as (offset, exact text); a newline also ends one, and list bullets are left out.
    A full stop after an abbreviation ("St.", "Dr.", "e.g.") does not end a sentence."""
    sentences: list[tuple[int, str]] = []
    for match in _SENTENCE.finditer(text):
        start, sentence = match.start(1), match.group(1).rstrip()
        if sentences and _runs_on(text, *sentences[-1], start):
            start = sentences.pop()[0]
            sentence = text[start : match.start(1) + len(sentence)]
        sentences.append((start, sentence))
    return sentences


def _runs_on(text: str, start: int, sentence: str, next_start: int) -> bool:
    """True when `sentence` only seems to end, at an abbreviation on the same line."""
    last_word = sentence.rsplit(None, 1)[-1].lower()
    same_line = "\n" not in text[start + len(sentence) : next_start]
    return same_line and last_word.endswith(".") and last_word.rstrip(".") in _ABBREVIATIONS


def _keys(token: str) -> tuple[str, ...]:
    """What a word can match in the phrase table, apart from its position in the sentence."""
    cached = _token_keys.get(token)
    if cached is not None:
        return cached
    acronym = len(token) > 1 and token.isupper() and token.isalpha()
    lower = token if acronym else token.lower().replace("’", "'")
    keys = [lower]
    if token[0].isdigit():
        keys.append("#year" if _YEAR.fullmatch(token) else "#")
    if acronym:
        keys.append("^")
    if "'" in lower and (lower.endswith(_CONTRACTION_ENDINGS) or lower in _CONTRACTED_IS):
        keys.append("'c")
    if lower in _IRREGULAR_PAST or (len(lower) > 4 and lower.endswith("ed") and lower[-3] != "e"):
        keys.append("%past")
    _token_keys[token] = cached = tuple(keys)
    return cached


def _sentence_keys(tokens: list[str]) -> list[tuple[str, ...]]:
    keys = list(map(_keys, tokens))
    for index in range(1, len(tokens)):
        token = tokens[index]
        if token[0].isupper() and token not in _NOT_PROPER and "^" not in keys[index]:
            keys[index] = (*keys[index], "^")
    return keys


def _continues(keys: list[tuple[str, ...]], start: int, rest: tuple[str, ...]) -> bool:
    """Whether the words from `start` on fill the remaining slots of a phrase."""
    if start + len(rest) > len(keys):
        return False
    return all(word in keys[start + offset] for offset, word in enumerate(rest))


def _scan(keys: list[tuple[str, ...]]) -> tuple[dict[str, int], list[str]]:
    """Count every feature's phrases in one pass; a feature's matches never overlap."""
    counts = dict.fromkeys(_COUNTED, 0)
    labels: list[str] = []
    busy_until: dict[str, int] = {}

    def hit(feature: str, label: str, end: int) -> None:
        counts[feature] += 1
        busy_until[feature] = end
        if label:
            labels.append(label)

    for index, here in enumerate(keys):
        following = keys[index + 1] if index + 1 < len(keys) else ()
        for key in here:
            for second in following:
                for rest, feature, label in _MULTI.get((key, second), ()):
                    free = busy_until.get(feature, 0) <= index
                    if free and _continues(keys, index + 2, rest):
                        hit(feature, label, index + 2 + len(rest))
            for feature, label in _SINGLE.get(key, ()):
                if busy_until.get(feature, 0) <= index:
                    hit(feature, label, index + 1)
    return counts, labels


_CONTEXT = re.compile(
    r"\b(?:employees|headcount|(?:person|people|strong) (?:company|business|firm)|"
    r"revenue (?:of|is|was)|turnover of|market|industry|sector|segment|worth|valued at|"
    r"countries|offices|branches|founded|worldwide|nationally|national average|in size|"
    r"funding|series [a-e]|top quartile)\b",
    re.I,
)


_I = frozenset({"I", "I'd", "I’d"})


def _did_it_myself(tokens: list[str], keys: list[tuple[str, ...]]) -> bool:
    """ "I rebuilt", "I had built", "I then called": a past-tense verb whose subject is I.

    "I've marked 15,000 scripts" is a career total, not something that happened once."""
    return any(
        token in _I
        and tokens[index + 1 : index + 2] != ["have"]
        and any("%past" in k for k in keys[index + 1 : index + 4])
        for index, token in enumerate(tokens)
    )


def _describes_setting(sentence: str, counts: dict[str, int], own_action: bool) -> int:
    """2 for figures about the organisation or market; 1 for figures with no action of the
    candidate's and no change reported (setting, unless the episode has begun); else 0."""
    if not counts["numbers"] or counts["actions"] or own_action:
        return 0
    if _CONTEXT.search(sentence):
        return 2
    return 0 if counts["outcomes"] else 1


def _signals(start: int, sentence: str) -> SentenceSignals:
    tokens = TOKEN.findall(sentence)
    keys = _sentence_keys(tokens)
    counts, labels = _scan(keys)
    own_action = _did_it_myself(tokens, keys)
    return SentenceSignals(
        text=sentence,
        start=start,
        words=len(tokens),
        long_words=len([token for token in tokens if len(token) > 6]),
        numbers=counts["numbers"],
        specifics=counts["numbers"] + counts["proper"] + counts["scale"],
        first_person=counts["first_person"],
        we=counts["we"],
        outcomes=counts["outcomes"],
        story_markers=counts["story_markers"],
        actions=counts["actions"],
        own_action=own_action,
        team_actions=counts["team_actions"],
        past_verbs=sum("%past" in k for k in keys),
        context_figures=_describes_setting(sentence, counts, own_action),
        cliches=tuple(dict.fromkeys(labels)),
        hedges=counts["hedges"],
        differentiators=counts["differentiators"],
        preparation_mentions=counts["preparation_mentions"],
        insider_claims=counts["insider_claims"],
        contractions=counts["contractions"],
        slang=counts["slang"],
        deflections=counts["deflections"],
        content=_content_of(tokens),
    )


def sentence_signals(text: str) -> tuple[SentenceSignals, ...]:
    """Analyse every sentence of a text; figures after the candidate's first action belong to
    the episode unless they describe the organisation or market."""
    found, acted = [], False
    for start, sentence in split_sentences(text):
        signals = _signals(start, sentence)
        kind = signals.context_figures
        setting = 2 if kind == 2 else int(kind == 1 and not acted)  # 2: the organisation or market
        found.append(replace(signals, context_figures=setting))
        acted = acted or signals.own_action or bool(signals.actions)
    return tuple(found)


# --- the whole answer -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AnswerAnalysis:
    """Counts and overlaps that say how concrete, owned and on-topic an answer is."""

    words: int
    sentences: int
    numbers: int
    specifics: int
    first_person: int
    we: int
    outcomes: int
    story_markers: int
    cliches: tuple[str, ...]
    hedges: int
    question_overlap: float
    focus_hits: tuple[str, ...]
    concern_hits: tuple[str, ...]
    differentiators: int
    preparation_mentions: int
    insider_claims: int
    contractions: int
    formality: float
    slang: int = 0  # relaxed-register words a formal exchange penalises
    deflections: int = 0  # "I can't think of one", "it depends": ways of not answering
    actions: int = 0  # "I rebuilt", "I then called": first-person past actions, a sign of a story
    own_actions: int = 0  # sentences where "I" did something (a past-tense verb)
    team_actions: int = 0  # "we redid the policy": an episode, the candidate's part hidden
    past_verbs: int = 0  # things that happened, told in the past tense
    context_figures: int = 0  # figures about the company, market or team size: not evidence


_SUMMED = (
    "words",
    "numbers",
    "specifics",
    "first_person",
    "we",
    "outcomes",
    "story_markers",
    "hedges",
    "differentiators",
    "preparation_mentions",
    "insider_claims",
    "contractions",
    "slang",
    "deflections",
    "actions",
    "team_actions",
    "past_verbs",
)


def _formality(words: int, long_words: int, contractions: int, slang: int) -> float:
    """High for long words and no contractions or slang; low for a chatty register."""
    words = max(1, words)
    score = 0.5 + 2 * (long_words / words - 0.18) - (3 * contractions + 6 * slang) / words
    return round(min(1.0, max(0.0, score)), 3)


def targets_touched(targets: Iterable[str], content: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The targets (focus areas, concerns) an answer's content reaches, in their own words or not.

    A target is touched when half of its words are (a word counts through any of its concepts),
    or when one of its phrases names a concept the answer reaches ("patient safety": missed checks).
    """
    return tuple(target for target in targets if _touches(target, content))


def _touches(target: str, content: set[str] | frozenset[str]) -> bool:
    reached, wanted = target_reach(target, content)
    return reached >= max(1, (wanted + 1) // 2)


def target_reach(target: str, content: set[str] | frozenset[str]) -> tuple[int, int]:
    """How many of a target's distinct words a text reaches, of how many; a phrase of the
    target that names a concept the text reaches counts as reaching them all.

    One measure for "is this on-topic" and "which of several texts is closest" (prep stories)."""
    tokens = TOKEN.findall(target)
    words = list(dict.fromkeys(keys for keys in map(_content_keys, tokens) if keys))
    if phrase_concepts([_stem_of(token) for token in tokens]) & content:
        return max(1, len(words)), max(1, len(words))
    return sum(1 for keys in words if content.intersection(keys)), len(words)


def summarize(
    sentences: Sequence[SentenceSignals],
    *,
    question: str = "",
    focus_areas: Sequence[str] = (),
    concerns: Sequence[str] = (),
) -> AnswerAnalysis:
    """Fold per-sentence signals into the analysis of the whole answer."""
    totals = {name: sum(getattr(s, name) for s in sentences) for name in _SUMMED}
    context = [s for s in sentences if s.context_figures]  # about the company, not the candidate
    for name in ("numbers", "specifics", "outcomes"):
        totals[name] -= sum(getattr(s, name) for s in context)
    totals["story_markers"] -= sum(s.story_markers for s in context if s.context_figures == 2)
    content = frozenset().union(*(s.content for s in sentences))
    asked = content_words(question)
    overlap = len(asked & content) / len(asked) if asked else 1.0
    long_words = sum(s.long_words for s in sentences)
    return AnswerAnalysis(
        sentences=len(sentences),
        cliches=tuple(dict.fromkeys(label for s in sentences for label in s.cliches)),
        question_overlap=round(overlap, 3),
        focus_hits=targets_touched(focus_areas, content),
        concern_hits=targets_touched(concerns, content),
        formality=_formality(totals["words"], long_words, totals["contractions"], totals["slang"]),
        own_actions=sum(s.own_action for s in sentences),
        context_figures=sum(s.numbers for s in context),
        **totals,
    )


def analyze(
    answer: str,
    *,
    question: str = "",
    focus_areas: Sequence[str] = (),
    concerns: Sequence[str] = (),
) -> AnswerAnalysis:
    """Deterministic features of one answer, relative to its question and the profile."""
    return summarize(
        sentence_signals(answer), question=question, focus_areas=focus_areas, concerns=concerns
    )


def is_vague(analysis: AnswerAnalysis) -> bool:
    """Too few concrete details for the length: fewer than one per 30 words (two when short).
    A story told in the past tense carries detail even without names or figures."""
    story = 0.5 * analysis.past_verbs * bool(analysis.own_actions) - len(analysis.cliches)
    detail = analysis.specifics + max(0.0, story)
    return detail < max(1.5, analysis.words / 30)


def has_episode(analysis: AnswerAnalysis) -> bool:
    """The answer tells something that happened: a dated or placed episode, or things I did."""
    if analysis.story_markers > 0 or analysis.actions + analysis.team_actions >= 2:
        return True
    return analysis.own_actions >= 1 and analysis.past_verbs >= 3  # told as a story of mine


def answer_gaps(analysis: AnswerAnalysis) -> list[str]:
    """What the answer lacks, most important first; empty for a strong answer.

    A concrete episode that shares few words with the question is not called a dodge: word
    overlap is too blunt to tell a paraphrase from a change of subject."""
    concrete = has_episode(analysis) and not is_vague(analysis)
    found = {
        "dodged": analysis.deflections > 0 or (analysis.question_overlap < 0.2 and not concrete),
        "no_example": not has_episode(analysis),
        "no_outcome": analysis.outcomes == 0 and analysis.numbers == 0,
        "vague": is_vague(analysis),
        "we_not_i": analysis.we >= 2 and analysis.first_person * 2 < analysis.we,
    }
    return [code for code in _GAP_PRIORITY if found[code]]
