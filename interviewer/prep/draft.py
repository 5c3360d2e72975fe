"""A profile drafted from a candidate's documents, each value tied to the words it came from.

The source words are kept so the candidate can check every line of the drafted profile, and so
the tests can prove nothing was invented: a value whose quote is not in its input is dropped.
"""

from dataclasses import dataclass, field, fields
from typing import Literal

Source = Literal["job ad", "CV", "notes"]


@dataclass(frozen=True, kw_only=True)
class PrepInputs:
    """What the candidate gave us, as text; any of them may be missing."""

    job: str | None = None
    cv: str | None = None
    notes: tuple[str, ...] = ()  # round-one notes and HR feedback, one text per file

    def text_of(self, source: Source) -> str:
        return {"job ad": self.job or "", "CV": self.cv or "", "notes": "\n\n".join(self.notes)}[
            source
        ]


@dataclass(frozen=True, kw_only=True)
class Sourced:
    """A drafted value and the exact words of one input it rests on."""

    value: str
    source: Source
    quote: str


@dataclass(frozen=True, kw_only=True)
class ProfileDraft:
    """Everything `profile new` could find; None or empty means 'ask the candidate'."""

    role: Sourced | None = None
    company: Sourced | None = None
    focus_areas: tuple[Sourced, ...] = ()  # ranked: what the job ad stresses most comes first
    strengths: tuple[Sourced, ...] = ()  # round one's, from the notes only, never guessed
    concerns: tuple[Sourced, ...] = ()  # likewise
    interviewer_name: Sourced | None = (
        None  # who the candidate meets in round two, if the notes say
    )
    interviewer_title: Sourced | None = None
    candidate_name: Sourced | None = None
    background: Sourced | None = None  # the CV's own summary, quoted, not rewritten
    experiences: tuple[Sourced, ...] = ()  # one episode per line, from the CV
    notices: tuple[str, ...] = field(
        default=()
    )  # e.g. "the model's 2 unsupported items were dropped"

    def missing(self) -> list[str]:
        """Names of the fields nothing was found for, in profile order."""
        skip = {"notices", "interviewer_name", "interviewer_title"}
        return [f.name for f in fields(self) if f.name not in skip and not getattr(self, f.name)]
