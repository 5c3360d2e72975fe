"""The offline executive's questions: a checked bank in prompts/, and a plan fitted to one profile.

Without an LLM the executive still has to sound like round two: open on why this candidate rather
than the others, press on what round one doubted, stay on the panel's priorities, and end by
asking how the candidate prepared. Planning is deterministic for a given random.Random.
"""

import functools
import random
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

from interviewer.guidance import CRITERION_IDS
from interviewer.profile import Profile
from interviewer.templates import prompts_dir
from interviewer.words import FUNCTION_WORDS, singular

KINDS = (
    "differentiator",
    "evidence",
    "priorities",
    "gap",
    "pressure",
    "preparation",
    "culture",
    "closing_ready",
)
PLACEHOLDERS = ("role", "company", "concern", "focus")
MAX_PLAN = 20
# A focus area counts as matched above this score (1.0 = a tag with exactly the area's words).
MATCH_THRESHOLD = 0.5

_ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = FUNCTION_WORDS | {"are", "be", "do", "does", "is"}
_OPENER_KINDS = ("differentiator", "priorities")
# What a weak story is tested by: a question that asks for one (not how they prepared or closing).
_STORY_KINDS = ("differentiator", "evidence", "priorities", "pressure", "culture")
_PHASE = {
    "differentiator": 1,
    "priorities": 1,
    "evidence": 2,
    "culture": 2,
    "gap": 3,
    "pressure": 3,
    "preparation": 4,
    "closing_ready": 5,
}
_KIND_AIMS = {
    "differentiator": "probes why this candidate rather than the other finalists",
    "evidence": "asks for a concrete episode from the candidate's own record",
    "priorities": "checks the answer lines up with what this panel cares about",
    "gap": "tests whether a likely doubt from round one holds up",
    "pressure": "pushes for a short, direct answer to a pointed question",
    "preparation": "asks how the candidate prepared for this round",
    "culture": "checks the candidate's way of working matches what carried round one",
    "closing_ready": "checks the candidate can close: a last case, or readiness to start",
}


@dataclass(frozen=True, kw_only=True)
class BankQuestion:
    id: str
    text: str
    focus: tuple[str, ...]
    criteria: tuple[str, ...]
    kind: str
    relaxed: str | None = None

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(_PLACEHOLDER.findall(self.text))


@dataclass(frozen=True, kw_only=True)
class PlannedQuestion:
    id: str
    text: str
    focus_area: str | None
    criteria: tuple[str, ...]
    aim: str
    concern: str | None = None  # the round-one doubt this question tests, if any
    relaxed_text: str | None = None  # the same question, worded for a relaxed register
    prep_targets: tuple[str, ...] = ()  # the prep brief's weak points it tests (--from-prep)

    def worded_for(self, register: str) -> str:
        return self.relaxed_text if register == "relaxed" and self.relaxed_text else self.text


_CONCERN_AIM = "tests the first-round concern: "


def question_concern(planned: PlannedQuestion) -> str | None:
    """The round-one doubt a question tests (older logs only say so in its aim)."""
    if planned.concern:
        return planned.concern
    if planned.aim.startswith(_CONCERN_AIM) and not is_style_concern(planned.aim):
        return planned.aim.removeprefix(_CONCERN_AIM)
    return None


_STYLE = re.compile(
    r"\b(rambl\w*|long[- ]winded|ran long|verbose|concise|nervous|quiet|eye contact|"
    r"presentation|waffl\w*|too brief|too short|too long|talked too)\b",
    re.IGNORECASE,
)
_SUBJECTLESS = {
    "has": "have", "hasn't": "haven't", "is": "are", "isn't": "aren't", "was": "were",
    "wasn't": "weren't", "does": "do", "doesn't": "don't", "did": "did", "didn't": "didn't",
    "lacks": "lack", "needs": "need", "tends": "tend", "struggles": "struggle", "seems": "seem",
    "can": "can", "can't": "can't", "could": "could", "may": "may", "might": "might",
}  # fmt: skip
_AMOUNTS = frozenset("little limited no few some only not less minimal".split())
_RELAXED_CONTRACTIONS = (
    ("you have not", "you haven't"), ("you are not", "you aren't"), ("you do not", "you don't"),
    ("you did not", "you didn't"), ("you were not", "you weren't"),
)  # fmt: skip


_ANSWER = re.compile(r"\banswer(?:s|ed)?\b", re.IGNORECASE)
_NAMED_SUBJECT = re.compile(r"\b(?:about|on|regarding|around)\s+(?!it\b|that\b|this\b)\w+", re.I)


def is_style_concern(concern: str) -> bool:
    """A doubt about how the candidate came across ('answers ran long'), not about their record;
    a vague answer on a named subject ('asked about angry residents') is a doubt about the record."""
    if _STYLE.search(concern):
        return True
    return _ANSWER.search(concern) is not None and _NAMED_SUBJECT.search(concern) is None


def concern_clause(concern: str, register: str = "formal") -> str:
    """A round-one note as something said to the candidate: 'you haven't managed managers before'."""
    text = clean_value(concern)
    words = text.split()
    if not words:
        return text
    first = words[0].lower()
    if first in _SUBJECTLESS:
        clause = " ".join(["you", _SUBJECTLESS[first], *words[1:]])
    elif first in _AMOUNTS:
        clause = f"you have {text}"
    elif first in ("mostly", "mainly", "only"):
        clause = f"your experience is {text}"
    elif first in ("answers", "examples", "responses", "replies"):
        clause = f"your {text}"
    else:
        clause = f"there is a gap in {text}"
    if register == "relaxed":
        for formal, relaxed in _RELAXED_CONTRACTIONS:
            clause = clause.replace(formal, relaxed)
    return clause


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> frozenset[str]:
    """Content words, lower-cased and crudely singular, so 'Costs' and 'cost' overlap."""
    return frozenset(_singular(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def _singular(word: str) -> str:
    return singular(word)


# --- loading -------------------------------------------------------------------------------------


@functools.cache
def load_bank() -> tuple[BankQuestion, ...]:
    """Read prompts/questions.toml once; a broken bank is a packaging bug, so fail loudly."""
    data = tomllib.loads((prompts_dir() / "questions.toml").read_text(encoding="utf-8"))
    questions = tuple(_parse_question(entry) for entry in data["questions"])
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuntimeError(f"questions.toml: duplicate ids {duplicates}")
    return questions


def _parse_question(entry: dict) -> BankQuestion:
    question = BankQuestion(
        id=entry["id"],
        text=entry["text"],
        focus=tuple(entry.get("focus", ())),
        criteria=tuple(entry["criteria"]),
        kind=entry["kind"],
        relaxed=entry.get("relaxed"),
    )
    problem = _problem_with(question)
    if problem:
        raise RuntimeError(f"questions.toml: question {question.id!r}: {problem}")
    return question


def _problem_with(question: BankQuestion) -> str | None:
    """The first thing wrong with a bank entry, or None."""
    if not _ID_SHAPE.match(question.id):
        return "id must be kebab-case"
    if question.kind not in KINDS:
        return f"unknown kind {question.kind!r}"
    unknown = [c for c in question.criteria if c not in CRITERION_IDS]
    if unknown or not question.criteria:
        return f"criteria must be known ids, got {list(question.criteria)}"
    if not question.placeholders <= set(PLACEHOLDERS):
        return f"unknown placeholders {sorted(question.placeholders - set(PLACEHOLDERS))}"
    if (
        question.relaxed
        and frozenset(_PLACEHOLDER.findall(question.relaxed)) != question.placeholders
    ):
        return "relaxed wording must use the same placeholders as text"
    if "{" in _PLACEHOLDER.sub("", question.text) or "}" in _PLACEHOLDER.sub("", question.text):
        return "stray brace in text"
    return None


# --- filling -------------------------------------------------------------------------------------


def clean_value(value: str | None) -> str:
    """A profile value on one line, without trailing punctuation that would clash with ours."""
    return " ".join((value or "").split()).rstrip(".,;:!? ").replace("?", "")


def role_phrase(profile: Profile) -> str:
    """'the Head of Data role', or 'this role' when the profile names none."""
    role = re.sub(r"^(the|a|an)\s+", "", clean_value(profile.role), flags=re.IGNORECASE)
    if not role:
        return "this role"
    if role.lower().split()[-1] in ("role", "position", "job", "post"):
        return f"the {role}"
    return f"the {role} role"


def company_phrase(profile: Profile) -> str:
    return clean_value(profile.company) or "the company"


def fill(text: str, values: dict[str, str]) -> str:
    """Replace placeholders in one pass, so a value that looks like a placeholder stays literal."""
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


@functools.lru_cache(maxsize=4096)
def focus_score(question: BankQuestion, area: str) -> float:
    """How well a question fits a focus area: best tag overlap, nudged by the question's words."""
    area_words = tokens(area)
    if not area_words:
        return 0.0
    tag_fit = max((_jaccard(tokens(tag), area_words) for tag in question.focus), default=0.0)
    text_fit = len(tokens(_PLACEHOLDER.sub(" ", question.text)) & area_words) / len(area_words)
    return tag_fit + 0.25 * text_fit


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


# --- planning ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Pick:
    question: BankQuestion
    focus_area: str | None = None
    concern: str | None = None
    aim: str
    targets: tuple[str, ...] = ()


# (kind, target): a weak point of the prep brief, "focus" (an area) or "concern" (round one's)
Priority = tuple[str, str]


class _Planner:
    """Collects picks step by step; each step respects the plan's size and never repeats."""

    def __init__(self, profile: Profile, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.size = size
        concerns = [c for c in map(clean_value, profile.first_round.concerns) if c]
        # A doubt about manner ('answers ran long') is tested by how they answer, not by a question.
        self.concerns = [c for c in concerns if not is_style_concern(c)]
        self.areas = [a for a in map(clean_value, profile.focus_areas) if a]
        self.picks: list[_Pick] = []

    def full(self, reserve: int = 0) -> bool:
        return len(self.picks) >= self.size - reserve

    def unused(self, kinds: tuple[str, ...] = KINDS) -> list[BankQuestion]:
        """Questions not yet picked whose placeholders this profile can fill."""
        taken = {p.question.id for p in self.picks}
        return [
            q for q in load_bank() if q.id not in taken and q.kind in kinds and self._fillable(q)
        ]

    def _fillable(self, question: BankQuestion) -> bool:
        if "concern" in question.placeholders:
            return False  # only add_concerns places these, one per concern
        return "focus" not in question.placeholders or bool(self.areas)

    def choose_best(
        self, candidates: list[BankQuestion], key, spread: int = 1
    ) -> BankQuestion | None:
        """A candidate among the `spread` highest keys, chosen by the seeded rng."""
        if not candidates:
            return None
        top = sorted({key(c) for c in candidates}, reverse=True)[:spread]
        return self.rng.choice([c for c in candidates if key(c) in top])

    def add(
        self,
        question: BankQuestion | None,
        *,
        aim: str,
        area: str | None = None,
        targets: tuple[str, ...] = (),
    ) -> None:
        if question is None or self.full():
            return
        if area is None and "focus" in question.placeholders:
            area = self.least_covered_area()
        elif area is None:
            area = self.matching_area(question)
        self.picks.append(_Pick(question=question, focus_area=area, aim=aim, targets=targets))

    def least_covered_area(self) -> str:
        covered = [p.focus_area for p in self.picks]
        return min(self.areas, key=covered.count)

    def matching_area(self, question: BankQuestion) -> str | None:
        """The focus area this question fits best, if it fits any."""
        scored = [(focus_score(question, a), a) for a in self.areas]
        fitting = [(score, area) for score, area in scored if score > MATCH_THRESHOLD]
        return max(fitting, key=lambda pair: pair[0])[1] if fitting else None

    def best_area_score(self, question: BankQuestion) -> float:
        return round(max((focus_score(question, a) for a in self.areas), default=0.0), 2)

    def add_differentiator(self) -> None:
        candidates = self.unused(("differentiator",))
        question = self.choose_best(candidates, self.best_area_score, spread=3)
        self.add(question, aim=_KIND_AIMS["differentiator"])

    def add_priorities(self, priorities: Sequence[Priority]) -> None:
        """The prep brief's weak points, weakest first, one question each, before anything else:
        a concern gets its concern question, a focus area its best-fitting question."""
        for kind, target in priorities:
            if self.full():
                return
            value = clean_value(target)
            if kind == "concern":
                self._add_concern(value, targets=(target,))
            else:
                question = self._best_for_area(value, kinds=_STORY_KINDS)
                aim = f"probes the focus area: {value}"
                self.add(question, aim=aim, area=value, targets=(target,))

    def _add_concern(self, concern: str, targets: tuple[str, ...]) -> None:
        templates = self._concern_templates()
        if templates:
            aim = f"{_CONCERN_AIM}{concern}"
            question = self.rng.choice(templates)
            self.picks.append(_Pick(question=question, concern=concern, aim=aim, targets=targets))

    def _concern_templates(self) -> list[BankQuestion]:
        taken = {p.question.id for p in self.picks}
        return [q for q in load_bank() if "concern" in q.placeholders and q.id not in taken]

    def add_concerns(self, limit: int) -> None:
        """One gap question per first-round concern, in the profile's order, up to `limit`."""
        templates = self._concern_templates()
        self.rng.shuffle(templates)
        asked = {p.concern for p in self.picks}
        concerns = [c for c in self.concerns if c not in asked][:limit]
        room = max(self.size - len(self.picks), 0)
        for concern, question in zip(concerns[:room], templates, strict=False):
            aim = f"{_CONCERN_AIM}{concern}"
            self.picks.append(_Pick(question=question, concern=concern, aim=aim))

    def add_focus_areas(self, reserve: int) -> None:
        """One question per focus area: the best-matching one, else a question naming the area."""
        covered = {p.focus_area for p in self.picks if p.targets}
        for area in [a for a in self.areas if a not in covered]:
            if self.full(reserve):
                return
            question = self._best_for_area(area)
            self.add(question, aim=f"probes the focus area: {area}", area=area)

    def _best_for_area(self, area: str, kinds: tuple[str, ...] = KINDS) -> BankQuestion | None:
        candidates = [q for q in self.unused(kinds) if "focus" not in q.placeholders]
        matching = [q for q in candidates if focus_score(q, area) > MATCH_THRESHOLD]
        if matching:
            return self.choose_best(matching, lambda q: round(focus_score(q, area), 2), spread=2)
        naming = [q for q in self.unused(kinds) if "focus" in q.placeholders]
        return self.rng.choice(naming) if naming else None

    def add_kind(self, kind: str) -> None:
        question = self.choose_best(self.unused((kind,)), self.best_area_score)
        self.add(question, aim=_KIND_AIMS[kind])

    def fill_with_variety(self) -> None:
        """Top up with the least-used kinds and criteria not yet tested, preferring focus fits."""
        while not self.full():
            question = self.choose_best(self.unused(), self._variety_key)
            if question is None:
                return
            self.add(question, aim=_KIND_AIMS[question.kind])

    def _variety_key(self, question: BankQuestion) -> tuple:
        kinds_used = [p.question.kind for p in self.picks]
        covered = {c for p in self.picks for c in p.question.criteria}
        new_criteria = len(set(question.criteria) - covered)
        return (-kinds_used.count(question.kind), new_criteria, self.best_area_score(question))


def plan_questions(
    profile: Profile, count: int, rng: random.Random, *, priorities: Sequence[Priority] = ()
) -> list[PlannedQuestion]:
    """Pick up to `count` (at most MAX_PLAN) questions for this profile, in interview order.

    `priorities` (the prep brief's weak points, weakest first) are asked first and never dropped
    for variety; with more of them than questions, the weakest are kept."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    planner = _Planner(profile, rng, min(count, MAX_PLAN))
    planner.add_priorities(priorities)
    aimed = list(planner.picks)
    reserve = 1 if planner.size >= 5 and not planner.full() else 0  # room to ask about preparation
    planner.add_differentiator()
    planner.add_concerns(limit=planner.size // 2)
    planner.add_focus_areas(reserve=reserve)
    if reserve:
        planner.add_kind("preparation")
    planner.fill_with_variety()
    rest = [pick for pick in planner.picks if not any(pick is a for a in aimed)]
    return [_planned(pick, profile) for pick in [*aimed, *_in_interview_order(rest)]]


def _in_interview_order(picks: list[_Pick]) -> list[_Pick]:
    """Open on a differentiator or priorities question; gaps mid-way; preparation near the end."""
    openers = [p for kind in _OPENER_KINDS for p in picks if p.question.kind == kind]
    if not openers:
        return sorted(picks, key=lambda p: _PHASE[p.question.kind])
    first = openers[0]  # the differentiator picked first, when there is one
    rest = [p for p in picks if p is not first]
    return [first, *sorted(rest, key=lambda p: _PHASE[p.question.kind])]


def _planned(pick: _Pick, profile: Profile) -> PlannedQuestion:
    def values(register: str) -> dict[str, str]:
        return {
            "role": role_phrase(profile),
            "company": company_phrase(profile),
            "concern": concern_clause(pick.concern or "", register),
            "focus": pick.focus_area or "",
        }

    relaxed = pick.question.relaxed or relaxed_wording(pick.question.text)
    return PlannedQuestion(
        id=pick.question.id,
        text=fill(pick.question.text, values("formal")),
        focus_area=pick.focus_area,
        criteria=pick.question.criteria,
        aim=pick.aim,
        concern=pick.concern,
        relaxed_text=fill(relaxed, values("relaxed")),
        prep_targets=pick.targets,
    )


_EVERYDAY = (
    ("What is", "What's"), ("you have ", "you've "), ("you would", "you'd"), ("do not", "don't"),
    ("did not", "didn't"), ("is not", "isn't"), ("cannot", "can't"), ("you are", "you're"),
    ("I would", "I'd"), ("Tell me about", "Tell me a bit about"), ("Describe", "Talk me through"),
    ("Give me", "Give me"), ("would not", "wouldn't"), ("Who are", "Who're"), ("How did you", "How'd you"),
)  # fmt: skip


def relaxed_wording(text: str) -> str:
    """A bank question as a relaxed executive says it, when the bank gives no wording of its own."""
    for formal, everyday in _EVERYDAY:
        text = text.replace(formal, everyday)
    return text
