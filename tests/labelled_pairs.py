"""The labelled strong/weak answer pairs, shared by the ranking test and the benchmark."""

import json
from pathlib import Path

from interviewer.grading.pipeline import GradingRequest
from interviewer.profile import FirstRound, Profile

PAIRS_FILE = Path(__file__).resolve().parent / "data" / "labelled_pairs.jsonl"


def load_pairs() -> list[dict]:
    lines = PAIRS_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def request_for(pair: dict, answer: str) -> GradingRequest:
    """A grading request for one answer of a pair, with the pair's focus areas and concerns."""
    profile = Profile(
        focus_areas=pair.get("focus_areas", []),
        first_round=FirstRound(concerns=pair.get("concerns", [])),
    )
    return GradingRequest(
        question=pair["question"],
        answer=answer,
        graded_text=answer,
        profile=profile,
        register=pair.get("register"),
    )
