"""Which of the candidate's own experiences answers each focus area and concern, and what it lacks.

Round two is answered from the candidate's record, so the brief points at a story they already
have rather than inventing one. Matching is by meaning through the grader's own word keys
(concepts.toml), and a story's gaps come from the grader's own sentence signals, so the brief and
the critique of a rehearsed answer never disagree on what counts as an episode or a result.
"""

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interviewer.executive.question_bank import clean_value, is_style_concern
from interviewer.grading.concepts import TOKEN
from interviewer.prep.brief import Gap, Readiness, StoryMatch
from interviewer.profile import Profile

_YEAR = re.compile(r"^(?:19|20)\d\d(?:/\d\d)?$")
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    "fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|half|a third|a quarter"
)
_DURATION = r"(?:\s+|-)(?:working\s+)?(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?)\b"
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?:[£$€]\s?)?(?:\d+(?:[.,]\d+)*(?:%|[kKmM]\b|bn\b)?|(?:{_NUMBER_WORDS})\b)"
    rf"(?!{_DURATION})(?![\w.,]*\d)",
    re.I,
)
_CHANGE = re.compile(
    rf"\bfrom\s+\S+(?:\s+\S+){{0,3}}?\s+to\s+(?:\d|{_NUMBER_WORDS}|zero|none)|"
    r"\b(?:largest|highest|biggest|best|fastest|lowest|record|first[- ]ever|ever)\b|"
    rf"\b(?:all|every one of the|none of the)\s+(?:\d+|{_NUMBER_WORDS})\b",
    re.I,
)
_COUNTED_RESULT = re.compile(  # verbs whose object, counted, is the achievement
    r"\b(?:secured|won|hired|recruited|opened|signed|trained|raised|promoted|placed|landed|"
    r"dispatched|delivered|held|kept|coached|converted|onboarded|qualified|graduated)\b",
    re.I,
)
_SUBJECTS = frozenset("i we my our you he she they it this that the a an".split())
NEAR = 0.4  # a story reaching two words and this share of a long target is on its subject
LONGEST_STORY = 60  # words: a longer line is a CV section run together, read sentence by sentence
_GENERIC_WORDS = frozenset(
    "senior leading lead leader level experience experienced more team teams work working "
    "manage managing managed owning owned director head years strong good skills ability "
    "struggled asked responsibility responsible handling sure project projects monthly weekly "
    "daily month months week weeks day days".split()
)  # what any career touches: a story must reach the target's subject, not only these
_GENERIC_CONCEPTS = frozenset({"~senior", "~leading", "~manager", "~bad", "~prepare"})
GAP_ORDER: tuple[Gap, ...] = ("episode", "result", "figure")


@dataclass(frozen=True, kw_only=True)
class Story:
    """One experience, verbatim, with what the grader's signals find in it."""

    text: str
    content: frozenset[str]
    lacks: tuple[Gap, ...]


@functools.cache
def advice_text() -> dict:
    """prompts/prep_advice.toml, read once: every word the offline brief says."""
    from interviewer.templates import prompts_dir

    return tomllib.loads((prompts_dir() / "prep_advice.toml").read_text(encoding="utf-8"))


def candidate_experiences(profile: Profile, extra: Iterable[str] = ()) -> list[str]:
    """The candidate's experiences: their CV lines, then each sentence of their background."""
    from interviewer.grading.analysis import split_sentences

    background = " ".join((profile.candidate.background or "").split())  # hard-wrapped in TOML
    lines = [*profile.candidate.experiences, *extra]
    lines += [sentence for _, sentence in split_sentences(background)]
    cleaned = [" ".join(line.split()).lstrip("-*• ") for line in lines]
    pieces = [part for line in cleaned for part in _story_sized(line)]
    return list(dict.fromkeys(part for part in pieces if 2 <= len(part.split()) <= LONGEST_STORY))


def _story_sized(line: str) -> list[str]:
    """A line as it can be told: a whole CV section run together is split into its sentences
    (any still too long is dropped by the caller), so a blob never stands in for a story."""
    from interviewer.grading.analysis import split_sentences

    if len(line.split()) <= LONGEST_STORY:
        return [line]
    return [" ".join(sentence.split()) for _, sentence in split_sentences(line)]


def read_story(text: str) -> Story:
    """An experience and its gaps; a CV line that opens on a past verb ("Led ...") is read as
    the candidate's own action, as its reader would."""
    from interviewer.grading.analysis import analyze, content_words

    analysis = analyze(_as_told(text))
    figures = _figures(text)
    found = {
        "episode": analysis.own_actions >= 1 or analysis.actions >= 1,
        "result": analysis.outcomes > 0 or _says_what_changed(text, figures),
        "figure": figures > 0,
    }
    lacks = tuple(gap for gap in GAP_ORDER if not found[gap])
    return Story(text=text, content=frozenset(content_words(text)), lacks=lacks)


def _says_what_changed(text: str, figures: int) -> bool:
    """What a CV line says was achieved, beyond the grader's outcome words: a before and after,
    a record, everyone kept or passed, or a count that is itself the result ("Hired 6")."""
    if _CHANGE.search(text):
        return True
    return figures > 0 and _COUNTED_RESULT.search(text) is not None


def _as_told(text: str) -> str:
    """ "Led the move..." as "I led the move...": a CV drops the subject, the signals need it.

    Each clause is tried on its own ("118% of quota, closed the largest deal"); a clause gets
    its "I" back only when that makes it something the candidate did."""
    from interviewer.grading.analysis import analyze

    clauses = re.split(r"(?<=[,;])\s+", text)
    told = []
    for clause in clauses:
        first = clause.split(None, 1)[0] if clause.strip() else ""
        if first and first.lower() not in _SUBJECTS and first[1:].islower():
            candidate = f"I {first.lower()}{clause[len(first) :]}"
            clause = candidate if analyze(candidate).own_actions else clause
        told.append(clause)
    return " ".join(told)


def _figures(text: str) -> int:
    """Quantities in a story, in digits or words: not years ("in 2023" dates it) and not
    durations ("over two quarters" says how long, not how much)."""
    return sum(1 for m in _QUANTITY.finditer(text) if not _YEAR.match(m.group(0)))


def readiness_of(lacks: Sequence[Gap]) -> Readiness:
    return "thin" if lacks else "ready"


def best_story(target: str, stories: Sequence[Story]) -> Story | None:
    """The story most on the target's subject: more than half its words reached (half, when one
    of them is its subject, like "handover" in "handover quality"), else most of its topics
    (a concern's "little experience handling conflict" and a story of a mediated dispute);
    among equals the one using the target's own words, then the most complete, then the
    earliest. None when no story is on the subject."""
    from interviewer.grading.analysis import (
        content_words,
        plain_keys,
        target_reach,
    )
    from interviewer.grading.concepts import TOKEN, topic_concepts

    subjects = content_words(target) & topic_concepts()  # "~handover", not "~less"
    topics = {t for t in subjects if "_" in t}  # named subjects: "~conflict_handling"
    specific = subject_of(target)
    gated = 0 < len(specific) < len(TOKEN.findall(target))  # generic words alone never reach it
    aim = " ".join(specific) if gated else target
    subject_words = plain_keys(TOKEN.findall(aim))

    def closeness(story: Story) -> tuple[int, int, int, int, int]:
        reached, wanted = target_reach(aim, story.content)
        if gated and target_reach(target, story.content)[0] == max(1, wanted_of(target)):
            reached = wanted  # a phrase of the whole target ("owning a budget") was named
        said = len(subject_words & plain_keys(TOKEN.findall(story.text)))
        near = reached >= 2 and reached >= NEAR * wanted  # a long target, partly reached
        half = reached * 2 == wanted and bool(subjects & story.content) and (said or not gated)
        touched = reached * 2 > wanted or near or half  # "ward budget" needs more than "ward"
        told = "episode" not in story.lacks and "result" not in story.lacks
        topic = len(topics & story.content) if (reached or not gated) else 0
        return (touched, reached, told, said, topic)

    scored = [(closeness(s), s) for s in stories]
    on_topic = [(score, s) for score, s in scored if score[0] or score[4] * 2 > len(topics)]
    if not on_topic:
        return None
    return max(on_topic, key=lambda pair: (pair[0], -len(pair[1].lacks)))[1]


def subject_of(target: str) -> list[str]:
    """The target's own subject: its words that carry meaning, less those any career touches
    ("experience", "senior", "director level"); empty when it names nothing else."""
    from interviewer.grading.analysis import TOKEN, _stem_of, word_keys

    generic_stems = {_stem_of(word) for word in _GENERIC_WORDS}
    words = [w for w in TOKEN.findall(target) if word_keys(w)]
    return [
        w
        for w in words
        if _stem_of(w) not in generic_stems and not word_keys(w) <= _GENERIC_CONCEPTS
    ]


def wanted_of(target: str) -> int:
    """How many distinct meaningful words a target has (target_reach's denominator)."""
    from interviewer.grading.analysis import target_reach

    return target_reach(target, frozenset())[1]


def match_stories(profile: Profile, extra_experiences: Iterable[str] = ()) -> list[StoryMatch]:
    """One StoryMatch per focus area, then one per round-one concern, in the profile's order."""
    stories = [read_story(text) for text in candidate_experiences(profile, extra_experiences)]
    areas = _distinct(profile.focus_areas)
    concerns = _distinct(profile.first_round.concerns)
    strengths = [s for s in map(clean_value, profile.first_round.strengths) if s]
    matches = [_match(area, "focus", stories, praised=_praised(area, strengths)) for area in areas]
    matches += [
        _style_match(c) if is_style_concern(c) else _match(c, "concern", stories) for c in concerns
    ]
    return matches


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in map(clean_value, values) if v))


def _praised(area: str, strengths: Sequence[str]) -> str:
    """The strength round one praised the candidate for on the area's subject ("NEC4 knowledge" for
    "NEC4 contract"), so a brief with no story for it does not read as "keep it" and "lacking"."""
    from interviewer.grading.analysis import _stem_of, content_words

    def named(text: str) -> set[str]:
        words = subject_of(text) or [w for w in TOKEN.findall(text) if len(w) >= 3]
        return {_stem_of(w) for w in words if any(c.isdigit() for c in w) or len(w) >= 4}

    subject, keys = named(area), content_words(" ".join(subject_of(area))) - _GENERIC_CONCEPTS
    for strength in strengths:
        if subject & named(strength) or keys & content_words(strength):
            return strength
    return ""


def _match(target: str, kind, stories: Sequence[Story], *, praised: str = "") -> StoryMatch:
    story = best_story(target, stories)
    if story is None:
        key = "missing_praised" if praised else "missing"
        return StoryMatch(
            target=target,
            kind=kind,
            experience=None,
            lacks=GAP_ORDER,
            readiness="missing",
            advice=_say(
                key if kind == "focus" else "missing_concern", target=target, strength=praised
            ),
        )
    readiness = readiness_of(story.lacks)
    key = readiness if kind == "focus" else f"{readiness}_concern"
    return StoryMatch(
        target=target,
        kind=kind,
        experience=story.text,
        lacks=story.lacks,
        readiness=readiness,
        advice=_say(key, target=target, experience=quoted(story.text), lacks=_lacks(story.lacks)),
    )


def _style_match(concern: str) -> StoryMatch:
    """A doubt about manner is fixed in rehearsal, not by a story: thin until practised."""
    return StoryMatch(
        target=concern,
        kind="concern",
        experience=None,
        lacks=(),
        readiness="thin",
        advice=_say("style", concern=concern),
    )


def quoted(text: str) -> str:
    """An experience as quoted inside our sentence: verbatim, without its closing full stop."""
    return text.rstrip(". ")


def _lacks(lacks: Sequence[Gap]) -> str:
    words = [advice_text()["gaps"][gap] for gap in lacks]
    return joined(words, "; and ")


def joined(items: Sequence[str], last: str = " and ") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    separator = "; " if last.startswith(";") else ", "
    return separator.join(items[:-1]) + last + items[-1]


def _say(key: str, **values: str) -> str:
    from interviewer.executive.question_bank import fill

    return fill(advice_text()["stories"][key], values)
