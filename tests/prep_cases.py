"""The labelled prep cases: job ads, CVs and round-one notes with a careful reader's labels.

One loader for the suite and for benchmarks/prep.py, so both read the cases the same way.
The format is described in tests/data/prep/README.md. The labels were written blind, before the
prep code existed: they are what a person would draft, not what any code produces.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PREP_DIR = Path(__file__).resolve().parent / "data" / "prep"
ASKS_FILE = PREP_DIR / "asks.jsonl"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Labelled:
    """One hand-labelled item: what it is, the words that count as naming it, where it came from."""

    label: str
    any: tuple[str, ...]
    quote: str
    has_figure: bool | None = None  # experiences only
    has_result: bool | None = None
    answers: tuple[str, ...] = ()  # experiences only: the focus areas and concerns it answers

    def named_by(self, text: str) -> bool:
        """True when the text uses one of the label's words (case- and spacing-insensitive)."""
        found = normalize(text)
        return any(normalize(phrase) in found for phrase in self.any)


@dataclass(frozen=True)
class Case:
    """One candidate: their documents as text and the labels a person wrote for them."""

    name: str
    folder: Path
    job_path: Path
    cv_path: Path
    notes_path: Path | None
    job: str
    cv: str
    notes: str | None
    labels: dict
    focus_areas: tuple[Labelled, ...] = field(default=())
    strengths: tuple[Labelled, ...] = field(default=())
    concerns: tuple[Labelled, ...] = field(default=())
    experiences: tuple[Labelled, ...] = field(default=())

    @property
    def inputs_text(self) -> str:
        """Every word the candidate gave, for checking that nothing was invented."""
        return "\n\n".join(filter(None, (self.job, self.cv, self.notes)))

    def text_of(self, source: str) -> str:
        return {"job": self.job, "cv": self.cv, "notes": self.notes or ""}[source]


@dataclass(frozen=True)
class Ask:
    """A question a candidate might put to HR or a contact, labelled proper or improper."""

    text: str
    improper: bool
    why: str


def normalize(text: str) -> str:
    """Lower case, plain quote marks and single spaces: how quotes and phrases are compared."""
    plain = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return _SPACE.sub(" ", plain.casefold()).strip()


def _one(folder: Path, stem: str) -> Path | None:
    found = [p for p in (folder / f"{stem}.md", folder / f"{stem}.txt") if p.exists()]
    return found[0] if found else None


def _items(labels: dict, key: str) -> tuple[Labelled, ...]:
    return tuple(
        Labelled(
            label=item["label"],
            any=tuple(item["any"]),
            quote=item["quote"],
            has_figure=item.get("has_figure"),
            has_result=item.get("has_result"),
            answers=tuple(item.get("answers", ())),
        )
        for item in labels.get(key, [])
    )


def load_case(folder: Path) -> Case:
    job_path, cv_path = _one(folder, "job_ad"), _one(folder, "cv")
    if job_path is None or cv_path is None:
        raise FileNotFoundError(f"{folder}: needs job_ad.md|txt and cv.md|txt")
    notes_path = folder / "notes.txt" if (folder / "notes.txt").exists() else None
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    return Case(
        name=folder.name,
        folder=folder,
        job_path=job_path,
        cv_path=cv_path,
        notes_path=notes_path,
        job=job_path.read_text(encoding="utf-8"),
        cv=cv_path.read_text(encoding="utf-8"),
        notes=notes_path.read_text(encoding="utf-8") if notes_path else None,
        labels=labels,
        focus_areas=_items(labels, "focus_areas"),
        strengths=_items(labels, "strengths"),
        concerns=_items(labels, "concerns"),
        experiences=_items(labels, "experiences"),
    )


@cache
def load_cases() -> list[Case]:
    """Every case folder under tests/data/prep, in name order."""
    folders = sorted(p for p in PREP_DIR.iterdir() if (p / "labels.toml").exists())
    return [load_case(folder) for folder in folders]


@cache
def load_asks() -> list[Ask]:
    """The labelled questions to HR and contacts, in file order."""
    lines = ASKS_FILE.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [Ask(text=r["text"], improper=r["improper"], why=r["why"]) for r in rows]
