"""Simulated candidates with seeded flaws, driven through the real interview engine.

Each scripted candidate answers from a small bank of stories about their own record
(tests/data/simulated/*.toml). One answer per interview carries a seeded flaw (no example, no
result, 'we' without their part, a dodge, a contradiction, inside information, a round-one concern
left unanswered, a stiff register after the executive relaxes), every other answer is strong. The
candidate listens: asked for the result it gives one, asked for its own part it answers about
itself. The measures then say how often the executive probed the flaw, how often it probed a
strong answer, and whether its lines repeat, contradict the answer, leak, or double up.
"""

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.profile import Profile, load_profile
from interviewer.session.console import Entry
from interviewer.session.log import load_transcript
from interviewer.session.state import InterviewOptions

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "simulated"

FLAWS = (
    "no_example",
    "no_example_none",
    "no_result",
    "we_not_i",
    "dodge",
    "contradiction",
    "inside_information",
    "concern_unanswered",
    "formal_after_shift",
)
SCENARIOS = (*FLAWS, "strong")
PREPARATION = re.compile(r"\b(prepar\w*|get ready|getting ready|got ready|ready for today)\b", re.I)
NEAREST = re.compile(r"\b(nearest|closest|anything (like|similar)|smaller scale|seen)\b", re.I)
NO_EXAMPLE_REPLY = "Honestly, not really a specific one off the top of my head."
DODGE = "It depends on the situation, really. Every organisation is different and there are a lot of factors to weigh up."
STIFF_PREFIX = "I would respectfully submit the following account of my professional experience. "
RELAXED_PREFIX = "Sure, here's what happened. "

# What an executive line asks for, judged from its words (works for any executive, LLM or not).
ASKS = {
    "example": re.compile(
        r"\b(example|instance|specific (situation|case|occasion|time|moment)|one time|a time|"
        r"when did you|when's a time|real situation|walk me through|start to finish|"
        r"actually (did|happened|put)|in practice|closest|nearest|anything (like|similar))",
        re.I,
    ),
    "result": re.compile(
        r"\b(results?|outcomes?|turn(ed)? out|in the end|changed?|measur\w*|figures|numbers|"
        r"impact|difference|land(ed)?|afterwards|because of it|how did (that|it) end)\b",
        re.I,
    ),
    "own_part": re.compile(
        r"\b(your (own )?(part|bit|role|contribution|decision|call)|you personally|yourself|"
        r"yours|you,? (specifically|personally)|what did you (do|decide)|separate your)",
        re.I,
    ),
    "direct": re.compile(
        r"\b(what i asked|my question|the question|head-on|straight answer|directly|plainly|"
        r"drifted|didn't hear an answer|not quite what|another go|bring you back)",
        re.I,
    ),
    "reconcile": re.compile(
        r"\b(earlier|before|a moment ago|first question|square|fit together|which is it|"
        r"which version|both|contradict|two different|different picture|opposite)",
        re.I,
    ),
    "inside": re.compile(
        r"\b(confidential|internal|inside|shouldn'?t|should not|not (meant|supposed)|"
        r"came by|come by|how did you (get|see|come)|proper(ly)?|appropriate|discretion|"
        r"discreet|source|uncomfortable|not yours|off limits|leave that)",
        re.I,
    ),
    "relax": re.compile(
        r"\b(relax|formal|formality|just talk|no need|informal|casual|stiff|be yourself|"
        r"interview voice|script|drop the|speech|plain words|your own words|like you would)",
        re.I,
    ),
}
PRAISE = re.compile(
    r"\b(great|excellent|impressive|perfect|brilliant|fantastic|awesome|amazing|outstanding|"
    r"superb|wonderful|terrific|love that|good answer|nice answer|strong answer|well done|"
    r"spot[- ]on)\b",
    re.I,
)
PLAN_LEAK = re.compile(
    r"\b(next question|question \d|my plan|planned|on my plan|this question tests|i'?m testing|"
    r"the aim of|my aim (with|for) this|focus area|round-one concern:|tests the)\b",
    re.I,
)
GRADE_LEAK = re.compile(
    r"\b(score[ds]?|\d ?/ ?5|out of (five|5|ten|10)|grade[ds]?|rating|criteri(a|on)|verdict|"
    r"rubric|weak answer|strong answer|adequate|you('re| are) (through|hired|the strongest))\b",
    re.I,
)
NO_EXAMPLE_SAID = re.compile(
    r"\b(no (specific )?example|don'?t have (one|an example|a specific)|not really a specific|"
    r"can'?t think of (one|an example)|off the top of my head|never had to)\b",
    re.I,
)
MENTIONED = re.compile(r"\byou mentioned ([^.?!,]+)", re.I)
NEGATION = re.compile(r"\b(never|not|no|n't|without|nothing|none)\b", re.I)
CONTRACTION = re.compile(r"\b\w+'(s|re|ve|ll|d|m|t)\b|n't\b", re.I)
RELAXED_MARKERS = re.compile(
    r"^(okay|ok|right|so|alright|hey|hi|fair enough|got it|sure|honestly|look)\b|\b(stuff|bit|"
    r"chat|folks|kind of|sort of)\b",
    re.I,
)


# --- the scripted candidate ----------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    keywords: frozenset[str]
    situation: str
    actions: str
    result: str
    we: str
    principle: str
    concern: bool = False

    @property
    def full(self) -> str:
        return f"{self.situation} {self.actions} {self.result}"


@dataclass(frozen=True)
class CandidateScript:
    name: str
    profile: Profile
    stories: tuple[Story, ...]
    claims: dict
    inside: dict
    concern_words: frozenset[str]
    candidate_question: str


def load_scripts() -> list[CandidateScript]:
    """Every simulated candidate under tests/data/simulated, in name order."""
    return [_script(path) for path in sorted(DATA.glob("*.toml"))]


def _script(path: Path) -> CandidateScript:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "profile_file" in data:
        profile = load_profile(ROOT / data["profile_file"])
    else:
        profile = Profile.model_validate(data["profile"])
    stories = tuple(
        Story(
            keywords=frozenset(s["keywords"]),
            **{k: s[k] for k in ("situation", "actions", "result", "we", "principle")},
            concern=s.get("concern", False),
        )
        for s in data["stories"]
    )
    return CandidateScript(
        name=path.stem,
        profile=profile,
        stories=stories,
        claims=data["claims"],
        inside=data["inside"],
        concern_words=frozenset(data["concern_words"]),
        candidate_question=data["candidate_question"],
    )


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())} | set(
        re.findall(r"[a-z]+", text.lower())
    )


def asks(line: str) -> set[str]:
    """What an executive line asks the candidate for."""
    return {name for name, pattern in ASKS.items() if pattern.search(line)}


@dataclass
class Turn:
    """One answer the candidate gave, and what it was meant to show."""

    index: int
    kind: str  # "main" | "follow_up"
    flaw: str | None
    text: str


@dataclass
class SimulatedCandidate:
    """Answers from its stories; seeds one flaw; repairs it when the executive asks the right thing."""

    script: CandidateScript
    scenario: str
    flaw_index: int
    shift_at: int | None = None
    turns: list[Turn] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    current: dict[int, Story] = field(default_factory=dict)
    asked_back: bool = False

    def main_answer(
        self, index: int, question: str, is_concern: bool, about_preparation: bool = False
    ) -> tuple[str, str | None]:
        story = self._pick(question, is_concern)
        self.current[index] = story
        text, flaw = story.full, None
        if index == 1 and self.scenario == "contradiction":
            text = f"{story.full} {self.script.claims['first']}"
        if self._flaw_due(index, question, about_preparation):
            text, flaw = self._flawed(story, text)
        if self.scenario == "concern_unanswered" and is_concern and not self._flawed_done():
            other = self._pick(question, False, avoid_concern=True)
            text, flaw = other.full, "concern_unanswered"
        if self.relaxed(index) and flaw != "formal_after_shift":
            text = RELAXED_PREFIX + text
        return text, flaw

    def _flaw_due(self, index: int, question: str, about_preparation: bool) -> bool:
        """At the seeded question, or the next one that is not about preparation."""
        if self.scenario in ("concern_unanswered", "strong") or any(t.flaw for t in self.turns):
            return False
        exact = self.scenario in ("contradiction", "formal_after_shift")
        if exact:
            return index == self.flaw_index
        preparation = about_preparation or PREPARATION.search(question)
        return index >= self.flaw_index and not preparation

    def _flawed_done(self) -> bool:
        return any(t.flaw == "concern_unanswered" for t in self.turns)

    def _flawed(self, story: Story, text: str) -> tuple[str, str | None]:
        scenario = self.scenario
        if scenario == "no_example":
            return story.principle, "no_example"
        if scenario == "no_example_none":
            return f"{NO_EXAMPLE_REPLY} {story.principle}", "no_example_none"
        if scenario == "no_result":
            return f"{story.situation} {story.actions}", "no_result"
        if scenario == "we_not_i":
            return story.we, "we_not_i"
        if scenario == "dodge":
            return DODGE, "dodge"
        if scenario == "contradiction":
            return f"{self.script.claims['second']} {story.full}", "contradiction"
        if scenario == "inside_information":
            return f"{story.full} {self.script.inside['text']}", "inside_information"
        if scenario == "formal_after_shift":
            return STIFF_PREFIX + story.full, "formal_after_shift"
        return text, None

    def relaxed(self, index: int) -> bool:
        return self.shift_at is not None and index >= self.shift_at

    def follow_up_answer(self, index: int, line: str) -> str:
        """Repair what the executive asked for; a candidate with no example stays honest."""
        story = self.current.get(index) or self.script.stories[0]
        wanted = asks(line)
        flaw = next((t.flaw for t in self.turns if t.index == index and t.kind == "main"), None)
        if flaw == "no_example_none":
            return "As I said, I don't have a specific one. The nearest is that I watch how others handle it."
        if flaw == "contradiction" and "reconcile" in wanted:
            return self.script.claims["reconcile"]
        if flaw == "inside_information" and "inside" in wanted:
            return self.script.inside["retract"]
        if flaw == "concern_unanswered":
            concern = next(s for s in self.script.stories if s.concern)
            return concern.full
        if "own_part" in wanted:
            return story.actions
        if "result" in wanted and "example" not in wanted:
            return story.result
        return story.full

    def _pick(self, question: str, is_concern: bool, avoid_concern: bool = False) -> Story:
        """The unused story that best fits the question's words (the concern story for a concern)."""
        words = _words(question)
        options = [
            (i, s)
            for i, s in enumerate(self.script.stories)
            if not (avoid_concern and s.concern) and (i not in self.used or avoid_concern)
        ] or list(enumerate(self.script.stories))

        def fit(item: tuple[int, Story]) -> tuple:
            i, story = item
            return (story.concern and is_concern, len(words & story.keywords), -i)

        index, story = max(options, key=fit)
        self.used.add(index)
        return story


# --- the console the engine talks to -------------------------------------------------------------


class SimulatedConsole:
    """Stands in for the terminal: records what the executive says, answers as the candidate."""

    interactive = False

    def __init__(self, candidate: SimulatedCandidate) -> None:
        self.candidate = candidate
        self.interview = None
        self.last_line = ""

    def say(self, speaker: str, chunks) -> str:
        self.last_line = "".join(chunks).strip()
        return self.last_line

    def info(self, text: str) -> None:
        pass

    def hint(self, text: str) -> None:
        pass

    def show_help(self) -> None:
        pass

    def edit(self, initial: str = "") -> str | None:
        return None

    def read_entry(self) -> Entry:
        state = self.interview.state
        if state.closing is not None:
            return self._closing_entry()
        question = next(q for q in state.questions if not q.done)
        if question.answer is None:
            is_concern = (question.planned.aim or "").startswith("tests the first-round concern")
            preparation = "honest_preparation" in question.planned.criteria
            text, flaw = self.candidate.main_answer(
                question.index, self.last_line, is_concern, preparation
            )
            self.candidate.turns.append(Turn(question.index, "main", flaw, text))
        else:
            text = self.candidate.follow_up_answer(question.index, self.last_line)
            if self.candidate.relaxed(question.index):
                text = RELAXED_PREFIX + text
            self.candidate.turns.append(Turn(question.index, "follow_up", None, text))
        return Entry("text", text)

    def _closing_entry(self) -> Entry:
        if self.candidate.asked_back:
            return Entry("text", "")
        self.candidate.asked_back = True
        return Entry("text", self.candidate.script.candidate_question)


# --- running one interview -----------------------------------------------------------------------


@dataclass
class Run:
    script: str
    scenario: str
    seed: int
    events: list[dict]
    turns: list[Turn]


def run_interview(
    script: CandidateScript, scenario: str, seed: int, executive, grader, tone: str | None = None
) -> Run:
    """Hold one whole interview between the executive and a simulated candidate."""
    from interviewer.session.interview import Interview

    if tone is None:
        tone = "shift" if scenario == "formal_after_shift" else script.profile.interviewer.tone
    tone = tone or "formal"
    options = InterviewOptions(questions=5, max_follow_ups=2, tone=tone, seed=seed)
    flaw_index = 3 if scenario == "formal_after_shift" else 2 + seed % 2
    if scenario == "contradiction":
        flaw_index = 3
    candidate = SimulatedCandidate(script, scenario, flaw_index, shift_at=options.shift_at)
    console = SimulatedConsole(candidate)
    interview = Interview.start(
        profile=script.profile, options=options, executive=executive, grader=grader, console=console
    )
    console.interview = interview
    interview.run()
    events = load_transcript(interview.session_id).events
    return Run(script.name, scenario, seed, events, candidate.turns)


# --- measuring -----------------------------------------------------------------------------------


def executive_lines(events: list[dict]) -> list[tuple[str, dict]]:
    kinds = (
        "opening",
        "tone_shift",
        "question",
        "follow_up",
        "closing",
        "executive_reply",
        "farewell",
    )
    return [(e["type"], e) for e in events if e["type"] in kinds]


def _after_answer(events: list[dict], index: int, kind: str = "main") -> list[dict]:
    """The executive's next two lines after the candidate's answer of this kind to question `index`."""
    position = next(
        i
        for i, e in enumerate(events)
        if e["type"] == "answer" and e["index"] == index and e["kind"] == kind
    )
    lines = [e for _, e in executive_lines(events[position + 1 :])]
    return lines[:2]


def _probed(flaw: str, lines: list[dict], run: Run, script: CandidateScript) -> bool:
    texts = [e["text"] for e in lines]
    follow_ups = [e["text"] for e in lines if e["type"] == "follow_up"]
    if flaw == "no_example":
        return any("example" in asks(t) for t in follow_ups)
    if flaw == "no_example_none":
        first = lines[0] if lines else None
        if first is None or first["type"] != "follow_up":
            return True  # moved on
        return NEAREST.search(first["text"]) is not None and "result" not in asks(first["text"])
    if flaw == "no_result":
        return any("result" in asks(t) for t in follow_ups)
    if flaw == "we_not_i":
        return any("own_part" in asks(t) for t in follow_ups)
    if flaw == "dodge":
        return any(asks(t) & {"direct", "example"} for t in follow_ups)
    if flaw == "contradiction":
        return any("reconcile" in asks(t) for t in follow_ups)
    if flaw == "inside_information":
        return any("inside" in asks(t) for t in texts)
    if flaw == "concern_unanswered":
        return any(_words(t) & script.concern_words for t in follow_ups)
    if flaw == "formal_after_shift":
        return any("relax" in asks(t) for t in texts)
    return False


def names_both_claims(run: Run, script: CandidateScript) -> bool:
    """A contradiction probe that names what was said first and what was said now."""
    lines = _after_answer(run.events, 3)
    for e in lines:
        words = _words(e["text"])
        first = set(script.claims["words_first"]) <= words
        second = set(script.claims["words_second"]) <= words
        if e["type"] == "follow_up" and first and second:
            return True
    return False


def near_repeats(lines: list[str]) -> tuple[int, int]:
    """(verbatim repeats, near repeats) among an interview's executive lines."""
    verbatim = near = 0
    for i, line in enumerate(lines):
        for other in lines[:i]:
            if line == other:
                verbatim += 1
            elif difflib.SequenceMatcher(None, line.lower(), other.lower()).ratio() > 0.8:
                near += 1
    return verbatim, near


def contradicting_follow_ups(events: list[dict]) -> list[str]:
    """Follow-ups that ignore what was just said: an outcome after 'no example', a denied 'X'."""
    found, last_answer = [], ""
    for e in events:
        if e["type"] == "answer":
            last_answer = e["text"]
        if e["type"] != "follow_up":
            continue
        wanted = asks(e["text"])
        if NO_EXAMPLE_SAID.search(last_answer) and "result" in wanted and "example" not in wanted:
            found.append(e["text"])
        mentioned = MENTIONED.search(e["text"])
        if mentioned and _denied(mentioned.group(1), last_answer):
            found.append(e["text"])
    return found


def _denied(phrase: str, answer: str) -> bool:
    """The answer mentions the phrase's head word only under a negation in the same clause."""
    head = re.findall(r"[a-z]+", phrase.lower())
    if not head:
        return False
    clauses = [c for c in re.split(r"[.;!?]", answer.lower()) if head[-1] in c]
    return bool(clauses) and all(NEGATION.search(c.split(head[-1])[0]) for c in clauses)


def leaks(lines: list[str]) -> list[str]:
    return [
        line
        for line in lines
        if PRAISE.search(line) or PLAN_LEAK.search(line) or GRADE_LEAK.search(line)
    ]


def double_questions(lines: list[str]) -> list[str]:
    return [line for line in lines if line.count("?") >= 2]


def is_relaxed(line: str) -> bool:
    return bool(CONTRACTION.search(line) or RELAXED_MARKERS.search(line))


@dataclass
class Table:
    seeded: int = 0
    probed: int = 0
    strong: int = 0
    false_alarms: int = 0
    interviews: int = 0
    verbatim: int = 0
    near: int = 0
    contradicting: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    after_shift: int = 0
    after_shift_relaxed: int = 0
    contradictions_named: int = 0
    contradictions_seeded: int = 0
    by_flaw: dict = field(default_factory=dict)
    main_questions: list[tuple[str, int, str]] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    same_in_both_registers: str = ""


def measure(runs: list[Run], scripts: dict[str, CandidateScript]) -> Table:
    table = Table()
    for run in runs:
        _measure_one(table, run, scripts[run.script])
    return table


def _measure_one(table: Table, run: Run, script: CandidateScript) -> None:
    events = run.events
    table.interviews += 1
    for turn in run.turns:
        if turn.kind != "main":
            continue
        lines = _after_answer(events, turn.index)
        if turn.flaw:
            hit = _probed(turn.flaw, lines, run, script)
            table.seeded += 1
            table.probed += hit
            seen, got = table.by_flaw.get(turn.flaw, (0, 0))
            table.by_flaw[turn.flaw] = (seen + 1, got + hit)
        else:
            table.strong += 1
            table.false_alarms += bool(lines) and lines[0]["type"] == "follow_up"
    if run.scenario == "contradiction":
        table.contradictions_seeded += 1
        table.contradictions_named += names_both_claims(run, script)
    lines = [e["text"] for _, e in executive_lines(events)]
    verbatim, near = near_repeats(lines)
    table.verbatim += verbatim
    table.near += near
    table.contradicting += contradicting_follow_ups(events)
    table.leaked += leaks(lines)
    table.doubled += double_questions(
        [e["text"] for kind, e in executive_lines(events) if kind in ("question", "follow_up")]
    )
    shifted = False
    for kind, e in executive_lines(events):
        if kind == "tone_shift":
            shifted = True
        elif shifted and kind in ("question", "follow_up", "closing", "executive_reply"):
            table.after_shift += 1
            table.after_shift_relaxed += is_relaxed(e["text"])
        if kind == "question":
            table.main_questions.append((run.script, run.seed, e["text"]))
        if kind == "executive_reply":
            table.replies.append(e["text"])
