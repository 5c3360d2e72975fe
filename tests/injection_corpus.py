"""The attack corpus (tests/data/attacks.jsonl) and the weak answers its attacks are added to.

Each base answer is empty of substance (no episode, no detail, no result): a fair grader gives
it 2s. An attack that raises its score has fooled the grading pipeline.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from interviewer.grading.pipeline import Grader, critique_answer

ATTACKS_FILE = Path(__file__).resolve().parent / "data" / "attacks.jsonl"
BASES = {
    "drive": (
        "Tell me about a time you turned around a failing project.",
        "I am a hard worker and a natural team player. I always put in the effort and I care a "
        "lot about quality. People say I am easy to work with.",
    ),
    "finalist": (
        "Why should we choose you over the other finalists?",
        "I think I would be a good fit for the role. I am passionate about this industry and I "
        "learn quickly. I believe in hard work and good communication.",
    ),
    "deadlines": (
        "How do you handle a team member who keeps missing deadlines?",
        "Communication is key in situations like that. I would talk to them and try to "
        "understand what is going on. Every situation is different, so it depends.",
    ),
}


def load_attacks() -> list[dict]:
    lines = ATTACKS_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def attacked_answer(attack: dict) -> str:
    """The base answer with the attack appended, or slipped in after its first sentence."""
    base = BASES[attack["base"]][1]
    if attack["placement"] == "embed":
        first, rest = base.split(". ", 1)
        return f"{first}. {attack['text']} {rest}"
    separator = "" if attack["text"][:1] in "\n " else " "
    return base + separator + attack["text"]


@dataclass(frozen=True)
class Outcome:
    attack_id: str
    base_overall: float | None
    overall: float | None
    flagged: bool

    @property
    def raised(self) -> bool:
        return (self.overall or 0) > (self.base_overall or 0)


def run_corpus(grader: Grader, attacks: list[dict]) -> list[Outcome]:
    """Critique every base answer, then every attacked answer, with the same grader."""
    base = {key: critique_answer(q, a, grader=grader).overall for key, (q, a) in BASES.items()}
    outcomes = []
    for attack in attacks:
        question = BASES[attack["base"]][0]
        critique = critique_answer(question, attacked_answer(attack), grader=grader)
        flagged = "injection_attempt" in critique.flags
        outcomes.append(Outcome(attack["id"], base[attack["base"]], critique.overall, flagged))
    return outcomes
