"""The labelled judgement set: realistic answers with the scores the guidance expects.

One loader for the suite and for benchmarks/judgement.py, so both read the set the same way.
The format is described in tests/data/judgement/README.md.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interviewer.guidance import CRITERION_IDS
from interviewer.profile import Profile, parse_profile

SET_DIR = Path(__file__).resolve().parent / "data" / "judgement"
NOT_APPLICABLE = "n/a"
VERDICTS = ("strong", "adequate", "weak", "insufficient", "ungraded")

# Each class, what it holds, and the checks that must all hold for an item to count as handled.
# A check is a criterion id (its score lies in the labelled range), "verdict", "flags" (every
# expected flag is raised) or "reason" (the honest_preparation comment names the problem).
CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "strong_digits": (
        "strong answers whose evidence uses digits",
        ("verdict", "experience_evidence"),
    ),
    "strong_no_digits": (
        "strong answers with no digits, or numbers spelled out",
        ("verdict", "experience_evidence"),
    ),
    "paraphrased_focus": (
        "a focus area met in other words (AWS spend for cloud cost, shrink for waste)",
        ("priority_alignment",),
    ),
    "paraphrased_concern": (
        "a round-one concern met (or dodged) in other words",
        ("first_round_gaps",),
    ),
    "false_friend": (
        "shares a word with a focus area but is not about it ('reliable', 'patient', 'close')",
        ("priority_alignment",),
    ),
    "padded": (
        "weak answers padded with figures about the company, market or team size",
        ("verdict", "experience_evidence"),
    ),
    "we_not_i": ("'we' throughout, the candidate's own part missing", ("experience_evidence",)),
    "off_topic": ("off-topic or dodging answers", ("focused_and_pointed",)),
    "buzzword": (
        "buzzwords and stock qualities ('energy', 'people person')",
        ("verdict", "experience_evidence", "most_qualified"),
    ),
    "inside_information": (
        "inside, confidential or improperly obtained information",
        ("honest_preparation", "flags", "reason"),
    ),
    "honest_preparation": (
        "preparation through HR, contacts and public sources (or vague preparation)",
        ("honest_preparation",),
    ),
    "inside_false_alarm": (
        "says 'internal' or 'confidential' innocently: own employer's tools, declining to pry",
        ("flags", "honest_preparation"),
    ),
    "consistent_claims": (
        "earlier and later answers that sound alike but agree (engineers, not managers)",
        ("consistent_style",),
    ),
    "contradiction_numbers": ("a number that contradicts an earlier answer", ("consistent_style",)),
    "contradiction_claims": ("a claim that contradicts an earlier answer", ("consistent_style",)),
    "non_english": ("answers not in English", ("verdict", "flags")),
    "very_long": ("answers far beyond a spoken length", ("focused_and_pointed", "flags")),
    "adequate": ("middling answers: a real episode, thin result", ("verdict",)),
    "register_mismatch": ("the executive's register ignored", ("follows_lead",)),
}

# Flags the set expects beyond the original contract (interviewer.contract.Flag now has them).
NEW_FLAGS = ("inside_information", "not_english", "too_long")

# Words that name the problem with inside information; one must appear in the comment.
REASON_WORDS = (
    "inside",
    "confidential",
    "internal",
    "not public",
    "non-public",
    "unpublished",
    "leak",
    "improper",
    "private",
)


@dataclass(frozen=True)
class Range:
    """The scores the guidance allows for one criterion on one answer."""

    low: int
    high: int

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def holds(self, score: int | None) -> bool:
        return score is not None and self.low <= score <= self.high


@dataclass(frozen=True)
class Expectation:
    """What a grader should give: allowed verdicts, a range (or None) per criterion, flags."""

    verdicts: tuple[str, ...]
    criteria: dict[str, Range | None]
    flags: tuple[str, ...] = ()
    absent_flags: tuple[str, ...] = ()  # flags that would be a false alarm on this answer


@dataclass(frozen=True)
class Item:
    id: str
    profile_name: str
    classes: tuple[str, ...]
    question: str
    answer: str
    register: str | None
    earlier: tuple[str, ...]
    expected: Expectation
    offline: Expectation | None  # what the offline grader must do instead, when it must abstain
    rationale: str
    source: str
    split: str = "dev"  # "holdout": written after the grader's tuning began, never tuned on

    def expectation_for(self, backend: str) -> Expectation:
        """The offline grader abstains on some items (not English); every other grader does not."""
        return self.offline if backend == "offline" and self.offline else self.expected


def item_files() -> list[Path]:
    return sorted((SET_DIR / "items").glob("*.toml"))


@cache
def load_profiles() -> dict[str, Profile]:
    """Every profile of the set, by file stem."""
    files = sorted((SET_DIR / "profiles").glob("*.toml"))
    return {p.stem: parse_profile(p.read_text(encoding="utf-8"), source=str(p)) for p in files}


SPLITS = ("dev", "holdout")


@cache
def load_items(split: str | None = None) -> tuple[Item, ...]:
    """Every labelled item (or those of one split), answers assembled, labels normalised."""
    raw = [(path, entry) for path in item_files() for entry in _entries(path)]
    answers = {entry["id"]: entry["answer"].strip() for _, entry in raw}
    items = tuple(_item(path, entry, answers) for path, entry in raw)
    return items if split is None else tuple(i for i in items if i.split == split)


def _entries(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [{"profile": data["profile"], **entry} for entry in data["item"]]


def _item(path: Path, entry: dict, answers: dict[str, str]) -> Item:
    profile = load_profiles()[entry["profile"]]
    expected = Expectation(
        verdicts=_verdicts(entry["verdict"]),
        criteria={cid: _range(value) for cid, value in entry["expect"].items()},
        flags=tuple(entry.get("flags", ())),
        absent_flags=tuple(entry.get("not_flags", ())),
    )
    return Item(
        id=entry["id"],
        profile_name=entry["profile"],
        classes=tuple(entry["classes"]),
        question=entry["question"],
        answer=assemble_answer(entry, answers),
        register=_register(entry.get("register"), profile),
        earlier=tuple(entry.get("earlier", ())),
        expected=expected,
        offline=_offline(entry.get("offline")),
        rationale=entry["rationale"],
        source=path.name,
        split=entry.get("split", "dev"),
    )


def assemble_answer(entry: dict, answers: dict[str, str]) -> str:
    """The answer text, then any included answers of other items, the whole repeated `repeat` times."""
    parts = [entry["answer"].strip(), *(answers[other] for other in entry.get("include", ()))]
    return "\n\n".join(["\n\n".join(parts)] * entry.get("repeat", 1))


def _verdicts(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _range(value: object) -> Range | None:
    if value == NOT_APPLICABLE:
        return None
    if isinstance(value, int):
        return Range(value, value)
    low, high = value  # type: ignore[misc]
    return Range(low, high)


def _register(value: str | None, profile: Profile) -> str | None:
    """An item's register: as stated ("none" for no register), else the profile's fixed tone."""
    if value is not None:
        return None if value == "none" else value
    tone = profile.interviewer.tone
    return tone if tone in ("formal", "relaxed") else None


def _offline(value: dict | None) -> Expectation | None:
    """An abstention: the stated verdict and flags, and no criterion scored."""
    if not value:
        return None
    return Expectation(
        verdicts=_verdicts(value["verdict"]),
        criteria=dict.fromkeys(CRITERION_IDS),
        flags=tuple(value.get("flags", ())),
    )


def profile_for(item: Item) -> Profile:
    """The item's profile, with the register the item was asked in (so "none" stays none)."""
    profile = load_profiles()[item.profile_name]
    persona = profile.interviewer.model_copy(update={"tone": item.register})
    return profile.model_copy(update={"interviewer": persona})


def critique(item: Item, grader):
    """Grade one item through the one pipeline every critique takes."""
    from interviewer.grading.pipeline import critique_answer

    return critique_answer(
        item.question,
        item.answer,
        grader=grader,
        profile=profile_for(item),
        register=item.register,
        earlier_answers=item.earlier,
    )
