"""The guidance pack: the criteria a second-round answer is judged by, loaded from prompts/."""

import functools
import tomllib
from dataclasses import dataclass
from typing import Literal, get_args

from interviewer.templates import prompts_dir

# A public contract: other tools read these ids. The pack must define exactly these, in this order.
CriterionId = Literal[
    "experience_evidence",
    "focused_and_pointed",
    "most_qualified",
    "priority_alignment",
    "first_round_gaps",
    "consistent_style",
    "follows_lead",
    "honest_preparation",
]
CRITERION_IDS: tuple[CriterionId, ...] = get_args(CriterionId)


@dataclass(frozen=True, kw_only=True)
class Criterion:
    id: str
    name: str
    summary: str
    part: str
    part_text: str
    level_1: str
    level_3: str
    level_5: str


@dataclass(frozen=True, kw_only=True)
class Guidance:
    version: str
    title: str
    source: str
    parts: dict[str, str]  # the article's parts, each restated in our words
    criteria: tuple[Criterion, ...]

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


@functools.cache
def load_guidance() -> Guidance:
    """Read prompts/guidance.toml once and check it defines the public criterion ids."""
    data = tomllib.loads((prompts_dir() / "guidance.toml").read_text(encoding="utf-8"))
    parts = data["parts"]
    criteria = tuple(
        Criterion(part_text=parts[entry["part"]], **entry) for entry in data["criteria"]
    )
    found = tuple(c.id for c in criteria)
    if found != CRITERION_IDS:
        raise RuntimeError(f"guidance.toml defines {found}, expected {CRITERION_IDS}")
    return Guidance(
        version=data["version"],
        title=data["title"],
        source=data["source"],
        parts=dict(parts),
        criteria=criteria,
    )
