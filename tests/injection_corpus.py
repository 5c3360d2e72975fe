"""The attack corpus (tests/data/attacks.jsonl) and the weak answers its attacks are added to.

Each base answer is empty of substance (no episode, no detail, no result): a fair grader gives
it 2s. An attack that raises its score has fooled the grading pipeline.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from interviewer.contract import CriterionResult
from interviewer.grading.analysis import sentence_signals
from interviewer.grading.pipeline import Grader, GraderReply, GradingRequest, critique_answer

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
    "cloud": (  # a plan with no episode: "make them lower" reports no result
        "How would you cut our cloud bill?",
        "I would look at the costs and make them lower. I think it is important to be careful "
        "with money.",
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


class LabelGrader:
    """A fair model: each labelled answer gets the middle of its labelled range, quoting the
    answer's most concrete sentence. Whatever the pipeline lowers below the range is a false
    positive of the score-support caps."""

    backend = "openai"
    model = "labels"
    prompt_version = "labels"

    def __init__(self, items) -> None:
        self.by_answer = {item.answer: item for item in items}

    def grade(self, request: GradingRequest) -> GraderReply:
        item = self.by_answer[request.answer]
        quote = _best_phrase(request.answer)
        criteria = []
        for cid, span in item.expected.criteria.items():
            score = None if span is None else int(span.mid + 0.5)
            criteria.append(CriterionResult(id=cid, score=score, evidence=[quote] if score else []))
        return GraderReply(criteria=criteria)


def _best_phrase(answer: str) -> str:
    """What a careful grader quotes: a short phrase from the most concrete sentence."""
    best = max(
        sentence_signals(answer),
        key=lambda s: s.first_person + s.actions + s.specifics + s.outcomes,
    )
    return " ".join(best.text.split()[:12])  # "short phrases", as the grading prompt asks


def labelled_scores_pushed_down(items) -> tuple[list[tuple[str, str]], int]:
    """(item id, criterion) for every labelled score the pipeline left below its range."""
    from tests.judgement_set import critique

    items = [item for item in items if item.expected.verdicts != ("insufficient",)]
    grader, misses, scored = LabelGrader(items), [], 0
    for item in items:
        for result in critique(item, grader).criteria:
            span = item.expected.criteria.get(result.id)
            if span is not None:
                scored += 1
                if result.score is None or result.score < span.low:
                    misses.append((item.id, result.id))
    return misses, scored
