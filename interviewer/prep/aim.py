"""`practice --from-prep`: the prep brief's weakest stories become the first things the interview
tests, and the session log remembers which, so the report can say what the rehearsal showed.

The aim is plain data (targets, weakest first); planners take it as priorities and each planned
question names the targets it tests. Nothing here judges an answer: the report does that from
the grades alone.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from interviewer.errors import BadInput
from interviewer.executive.question_bank import PlannedQuestion, is_style_concern, tokens

TargetKind = Literal["focus", "concern"]
_KIND_WORDS = {"focus": "focus area", "concern": "round-one concern"}
_BRIEF_SAID = {"missing": "no story yet", "thin": "story thin"}


@dataclass(frozen=True, kw_only=True)
class PrepTarget:
    """One weak point of the brief: a focus area or a round-one concern, and what its story lacks."""

    target: str  # as the profile words it; the key every planned question and report row uses
    kind: TargetKind
    readiness: str  # what the brief said before the rehearsal: "missing" or "thin"
    lacks: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {**self.__dict__, "lacks": list(self.lacks)}

    def described(self) -> str:
        """'cloud cost control (focus area, story thin: no figure)' for the opening notice."""
        said = _BRIEF_SAID.get(self.readiness, self.readiness)
        if self.readiness == "thin" and self.lacks:
            said += ": " + ", ".join(f"no {gap}" for gap in self.lacks)
        return f"{self.target} ({_KIND_WORDS[self.kind]}, {said})"


@dataclass(frozen=True, kw_only=True)
class PrepAim:
    """What a rehearsal aims at: every weak target of the brief, weakest first."""

    source: str  # where the brief came from: "profile" (built offline) or a saved brief's path
    targets: tuple[PrepTarget, ...]

    def priorities(self) -> list[tuple[TargetKind, str]]:
        """(kind, target) pairs, weakest first, for a planner."""
        return [(t.kind, t.target) for t in self.targets]

    def to_dict(self) -> dict:
        return {"source": self.source, "targets": [t.to_dict() for t in self.targets]}

    @classmethod
    def from_dict(cls, data: dict) -> "PrepAim":
        targets = tuple(
            PrepTarget(
                target=t["target"],
                kind=t["kind"],
                readiness=t.get("readiness", "missing"),
                lacks=tuple(t.get("lacks", ())),
            )
            for t in data.get("targets", ())
        )
        return cls(source=str(data.get("source", "profile")), targets=targets)


def aim_from_stories(stories: Iterable, *, source: str) -> PrepAim:
    """The aim for a brief's weakest stories (Brief.weakest() order). A doubt about manner
    ('answers ran long') is heard in every answer, so no question is aimed at it."""
    targets = tuple(
        PrepTarget(target=s.target, kind=s.kind, readiness=s.readiness, lacks=tuple(s.lacks or ()))
        for s in stories
        if s.target.strip() and not (s.kind == "concern" and is_style_concern(s.target))
    )
    return PrepAim(source=source, targets=targets)


def aim_for_profile(profile, *, brief_path: Path | None = None) -> PrepAim:
    """The offline brief of this profile (deterministic, instant), or a brief saved as JSON."""
    if brief_path is not None:
        return aim_from_stories(_weakest_saved(brief_path), source=str(brief_path))
    from interviewer.prep.build import build_brief

    return aim_from_stories(build_brief(profile).weakest(), source="profile")


def _weakest_saved(path: Path) -> list:
    """The weak stories of `interviewer prep --format json` output, weakest first."""
    from interviewer.prep.brief import Brief, StoryMatch

    data = _read_json(path)
    try:
        stories = tuple(
            StoryMatch(
                target=str(s["target"]),
                kind=s["kind"],
                experience=s.get("experience"),
                lacks=tuple(s.get("lacks") or ()),
                readiness=s["readiness"],
                advice=str(s.get("advice") or ""),
            )
            for s in data["stories"]
        )
        if any(s.kind not in _KIND_WORDS or s.readiness not in _READINESS for s in stories):
            raise ValueError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadInput(
            f"brief {path}: not a prep brief (no usable 'stories'); "
            "write one with `interviewer prep --format json -o brief.json`"
        ) from None
    empty: tuple = ()
    brief = Brief(
        role=None, company=None, focus=empty, stories=stories, ask_hr=empty, ask_contacts=empty,
        do_not_ask=empty, keep=empty, register=empty, why_you="",
    )  # fmt: skip
    return brief.weakest()


_READINESS = ("ready", "thin", "missing")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"brief {path}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BadInput(
            f"brief {path}: cannot read it as JSON ({type(error).__name__}); "
            "write it with `interviewer prep --format json -o brief.json`"
        ) from None
    if not isinstance(data, dict):
        raise BadInput(f"brief {path}: not a prep brief; expected a JSON object")
    return data


def aimed_targets(aim: PrepAim, plan: Sequence) -> tuple[list[PrepTarget], list[PrepTarget]]:
    """(targets some planned question tests, targets left out because the plan is too short)."""
    tested = {t for q in plan for t in getattr(q, "prep_targets", ())}
    return (
        [t for t in aim.targets if t.target in tested],
        [t for t in aim.targets if t.target not in tested],
    )


def aim_notice(aim: PrepAim, plan: Sequence) -> list[str]:
    """The lines the candidate sees before the opening: what this rehearsal aims at, and why."""
    if not aim.targets:
        return [
            "Aimed from your prep brief: it found nothing weak (every focus area and round-one "
            "concern has a story with an episode, a result and a figure), so the plan is the usual one."
        ]
    aimed, left = aimed_targets(aim, plan)
    lines = [
        "Aimed from your prep brief: the first questions test its weakest points, weakest first:"
    ]
    lines += [f"  - {target.described()}" for target in aimed]
    if left:
        names = "; ".join(t.target for t in left)
        lines.append(f"  Not reached in {len(plan)} questions (use --questions to add): {names}")
    return lines


def named_target(label: str | None, question: str, aim: PrepAim) -> tuple[str, ...]:
    """The target a model says its question tests, if the label is one of ours (words copied,
    case and spacing aside) and the question shares a content word with it."""
    if not label:
        return ()
    wanted = _plain(label)
    for target in aim.targets:
        if _plain(target.target) == wanted and tokens(target.target) & tokens(question):
            return (target.target,)
    return ()


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def with_targets_first(
    plan: list[PlannedQuestion],
    aim: PrepAim,
    count: int,
    bank: Callable[[list[tuple[TargetKind, str]]], list[PlannedQuestion]],
) -> tuple[list[PlannedQuestion], list[PrepTarget]]:
    """A model's plan reordered so the weakest targets come first; the bank's question stands in
    for each target the model left out. Returns the plan and the targets the model missed."""
    wanted = list(aim.targets[:count])
    asked: dict[str, PlannedQuestion] = {}
    for question in plan:
        for target in question.prep_targets:
            asked.setdefault(target, question)
    missed = [t for t in wanted if t.target not in asked]
    stand_ins = iter(bank([(t.kind, t.target) for t in missed]) if missed else [])
    first = [asked.get(t.target) or next(stand_ins, None) for t in wanted]
    chosen = [q for q in first if q is not None]
    rest = [q for q in plan if not any(q is c for c in chosen)]
    return [*chosen, *rest][:count], missed
