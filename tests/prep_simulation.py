"""`practice --from-prep` measured on simulated candidates whose weak points are seeded.

Each candidate (tests/data/simulated/*.toml) is told which of its prep brief's weak points are
really weak for it: asked about one of those, it answers thinly (no example, no result, 'we' for
'I', or a dodge) and has nothing to add when pressed; asked about any other, it tells its best
story. Two figures come out: how many of the brief's weakest points the first three questions
test, with and without --from-prep; and whether the report's "ready" / "still thin" for each
aimed point agrees with what was seeded.
"""

import random
import re
from dataclasses import dataclass, field

from interviewer.executive.offline import OfflineExecutive
from interviewer.executive.question_bank import PlannedQuestion, clean_value
from interviewer.grading.offline import OfflineGrader
from interviewer.prep.aim import PrepAim, aim_for_profile
from interviewer.profile import Profile
from interviewer.session.console import Entry
from interviewer.session.state import InterviewOptions, InterviewState
from tests.simulated_candidates import DODGE, CandidateScript, Story, asks

THIN_WAYS = ("no_example", "no_result", "we_not_i", "dodge")
NOTHING_MORE = "Honestly, that is all I have on it; I don't have more than that."
FIRST = 3  # the questions a weak point should be tested within


def targets_tested(question: PlannedQuestion, aim: PrepAim) -> set[str]:
    """The aim's targets a question tests: those it was aimed at, or the concern or focus area it
    names (so a plan made without --from-prep is judged by the same rule)."""
    named = {clean_value(question.concern), clean_value(question.focus_area)} - {""}
    return set(question.prep_targets) | {
        t.target for t in aim.targets if clean_value(t.target) in named
    }


def first_questions_share(profile: Profile, seed: int, aimed: bool) -> tuple[int, int]:
    """(weakest points tested within the first questions, weakest points wanted there)."""
    aim = aim_for_profile(profile)
    wanted = [t.target for t in aim.targets[:FIRST]]
    state = InterviewState(
        session_id=f"share-{seed}",
        profile=profile,
        options=InterviewOptions(questions=5, seed=seed),
        prep=aim if aimed else None,
    )
    plan = OfflineExecutive().plan(state)[:FIRST]
    tested = set().union(*(targets_tested(q, aim) for q in plan))
    return len(tested & set(wanted)), len(wanted)


# --- a candidate weak where it was seeded -----------------------------------------------------------


def _words(text: str) -> set[str]:
    found = re.findall(r"[a-z]+", text.lower())
    return set(found) | {w.rstrip("s") for w in found}


def story_for(script: CandidateScript, target: str, kind: str) -> Story | None:
    """The candidate's story about a target: the one whose keywords share most words with it (on a
    tie, the concern story for a concern); None when no story touches the target."""
    words = _words(target) - _FRAMING

    def fit(item: tuple[int, Story]) -> tuple:
        i, story = item
        shared = len(words & story.keywords)
        return (shared, story.concern == (kind == "concern"), -i)

    best = max(enumerate(script.stories), key=fit)[1]
    return best if words & best.keywords else None


_FRAMING = {"has", "not", "no", "little", "limited", "experience", "exposure", "before", "few"}


@dataclass
class SeededCandidate:
    script: CandidateScript
    stories: dict[str, Story]  # the story it tells for each target (weak ones told thinly)
    weak: frozenset[str]
    way: str  # how a weak answer comes out: one of THIN_WAYS
    told: dict[int, Story] = field(default_factory=dict)

    def answer(self, index: int, question: PlannedQuestion, text: str) -> str:
        target = next(iter(question.prep_targets), None)
        story = self.stories.get(target or "") or self._best_for(text)
        self.told[index] = story
        return self._thin(story) if target in self.weak else story.full

    def follow_up(self, index: int, question: PlannedQuestion, line: str) -> str:
        """A real gap has nothing behind it; a real story has its result and its actions."""
        if self.weak & set(question.prep_targets):
            return NOTHING_MORE
        story = self.told.get(index) or self.script.stories[0]
        return story.actions if "own_part" in asks(line) else story.result

    def _thin(self, story: Story) -> str:
        if self.way == "no_example":
            return story.principle
        if self.way == "no_result":
            return f"{story.situation} {story.actions}"
        return story.we if self.way == "we_not_i" else DODGE

    def _best_for(self, text: str) -> Story:
        used = set(map(id, self.told.values()))
        options = [s for s in self.script.stories if id(s) not in used] or list(self.script.stories)
        return max(options, key=lambda s: len(_words(text) & s.keywords))


class SeededConsole:
    """The terminal, as far as the interview engine needs one, answering as the candidate."""

    interactive = False

    def __init__(self, candidate: SeededCandidate) -> None:
        self.candidate = candidate
        self.state: InterviewState | None = None
        self.last_line = ""

    def say(self, speaker: str, chunks) -> str:
        self.last_line = "".join(chunks).strip()
        return self.last_line

    def info(self, text: str) -> None:
        pass

    hint = show_help = refuse = info

    def take_partial(self) -> str:
        return ""

    def read_entry(self) -> Entry:
        assert self.state is not None
        if self.state.closing is not None:
            return Entry("text", "")
        q = next(q for q in self.state.questions if not q.done)
        if q.answer is not None:
            return Entry("text", self.candidate.follow_up(q.index, q.planned, self.last_line))
        return Entry("text", self.candidate.answer(q.index, q.planned, self.last_line))


@dataclass(frozen=True)
class Verdict:
    profile: str
    target: str
    kind: str
    seeded: str  # "weak" or "strong"
    way: str  # how the weak answers were thin
    said: str  # the report's status
    why: str  # for "thin": "off target" or the criteria under 4


@dataclass
class Verdicts:
    """Per aimed target: what was seeded and what the report said."""

    rows: list[Verdict] = field(default_factory=list)

    def agreeing(self, seeded: str, **only: str) -> tuple[int, int]:
        said = {"weak": "thin", "strong": "ready"}[seeded]
        judged = [r for r in self.rows if r.seeded == seeded]
        judged = [r for r in judged if all(getattr(r, k) == v for k, v in only.items())]
        return sum(r.said == said for r in judged), len(judged)


def seeded_interview(script: CandidateScript, seed: int, verdicts: Verdicts) -> None:
    """One --from-prep interview. Every other aimed point (alternating with the seed) is seeded
    weak; so is any point the candidate has no story for at all."""
    from interviewer.session.interview import Interview

    aim = aim_for_profile(script.profile)
    stories = {t.target: story_for(script, t.target, t.kind) for t in aim.targets}
    weak = frozenset(
        t.target for i, t in enumerate(aim.targets) if (i + seed) % 2 == 0 or not stories[t.target]
    )
    way = random.Random(f"{script.name}:{seed}").choice(THIN_WAYS)
    told = {target: story for target, story in stories.items() if story}
    console = SeededConsole(SeededCandidate(script, told, weak, way))
    options = InterviewOptions(questions=5, max_follow_ups=2, seed=seed)
    interview = Interview.start(
        profile=script.profile,
        options=options,
        executive=OfflineExecutive(),
        grader=OfflineGrader(),
        console=console,  # type: ignore[arg-type]
        prep=aim,
    )
    console.state = interview.state
    result = interview.run()
    assert result.report is not None and result.report.prep is not None
    for row in result.report.prep.targets:
        seeded = "weak" if row.target in weak else "strong"
        verdicts.rows.append(
            Verdict(script.name, row.target, row.kind, seeded, way, row.status, _why(row))
        )


def _why(row) -> str:
    if row.status != "thin":
        return ""
    if any("about something else" in m for m in row.missing):
        return "off target"
    return " and ".join(c for c, score in row.scores.items() if score is None or score < 4)


def share_profiles() -> list[tuple[str, Profile]]:
    """The simulated candidates' profiles, and the labelled prep cases' (tests/data/prep) as a
    careful person would write them from the job ad, CV and notes."""
    from tests.prep_cases import load_cases
    from tests.prep_scoring import labelled_profile
    from tests.simulated_candidates import load_scripts

    profiles = [(s.name, s.profile) for s in load_scripts()]
    return profiles + [(c.name, labelled_profile(c)) for c in load_cases()]  # type: ignore[misc]
