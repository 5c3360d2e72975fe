"""The prep brief: what to get ready before round two, built only from the candidate's own facts.

These are the brief's parts as data; builders (offline rules or an LLM) fill them and renderers
turn them into text, Markdown, HTML or JSON. `practice --from-prep` reads the same data to aim
its questions at the weakest stories.
"""

from dataclasses import asdict, dataclass
from typing import Literal

Readiness = Literal["ready", "thin", "missing"]
Gap = Literal["episode", "result", "figure"]  # what a story still lacks


@dataclass(frozen=True, kw_only=True)
class FocusPrep:
    """One focus area, in the order the job ad stresses them, with what an executive may ask."""

    area: str
    rank: int  # 1 = most important
    likely_questions: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class StoryMatch:
    """The candidate's best experience for one focus area or round-one concern, and its gaps."""

    target: str  # the focus area or the concern, as the profile words it
    kind: Literal["focus", "concern"]
    experience: str | None  # verbatim from the profile's background or experiences; None: no story
    lacks: tuple[Gap, ...]  # empty when the story has an episode, a result and a figure
    readiness: Readiness
    advice: str  # one line: which story to prepare, or what to add to it


@dataclass(frozen=True, kw_only=True)
class Brief:
    role: str | None
    company: str | None
    focus: tuple[FocusPrep, ...]
    stories: tuple[StoryMatch, ...]  # focus areas first, then concerns
    ask_hr: tuple[str, ...]  # open questions for HR about round one and the next step
    ask_contacts: tuple[str, ...]  # open questions for people the candidate knows there
    do_not_ask: tuple[str, ...]  # what would be asking for inside information
    keep: tuple[str, ...]  # round one's strengths, to keep doing
    register: tuple[str, ...]  # how to read and follow the executive's register on the day
    why_you: str  # a draft from the candidate's own facts; [brackets] where a fact is missing
    engine: Literal["offline", "llm"] = "offline"
    # what the reader should know about how it was built: "the model's 2 questions were unusable"
    notices: tuple[str, ...] = ()

    def weakest(self) -> list[StoryMatch]:
        """Stories to rehearse first: missing before thin, concerns before focus areas."""
        order = {"missing": 0, "thin": 1, "ready": 2}
        weak = [s for s in self.stories if s.readiness != "ready"]
        return sorted(weak, key=lambda s: (order[s.readiness], s.kind != "concern"))

    def to_dict(self) -> dict:
        return asdict(self)
