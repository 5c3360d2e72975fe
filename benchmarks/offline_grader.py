"""How well the offline grader ranks the labelled answer pairs, and how fast it grades.

Run: python benchmarks/offline_grader.py
"""

import json
import statistics
import time
from pathlib import Path

from interviewer.contract import overall_of
from interviewer.grading import GradingRequest
from interviewer.offline_grader import OfflineGrader
from interviewer.profile import FirstRound, Profile

PAIRS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_pairs.jsonl"
MIN_ANSWERS = 5_000
ROUNDS = 5


def load_pairs() -> list[dict]:
    lines = PAIRS_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def request_for(pair: dict, answer: str) -> GradingRequest:
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


def ranking(grader: OfflineGrader, pairs: list[dict]) -> tuple[int, list[str]]:
    """How many pairs put the strong answer first, and the questions of those that did not."""
    wrong = []
    for pair in pairs:
        strong = overall_of(grader.grade(request_for(pair, pair["strong"])).criteria)
        weak = overall_of(grader.grade(request_for(pair, pair["weak"])).criteria)
        if not strong > weak:
            wrong.append(f"{pair['question']} (strong {strong}, weak {weak})")
    return len(pairs) - len(wrong), wrong


def seconds_per_answer(grader: OfflineGrader, requests: list[GradingRequest]) -> float:
    start = time.perf_counter()
    for request in requests:
        grader.grade(request)
    return (time.perf_counter() - start) / len(requests)


def main() -> None:
    grader, pairs = OfflineGrader(), load_pairs()
    right, wrong = ranking(grader, pairs)
    print(f"pairs ranked right: {right}/{len(pairs)} ({100 * right / len(pairs):.1f}%)")
    for question in wrong:
        print(f"  ranked wrong: {question}")

    answers = [request_for(pair, pair[kind]) for pair in pairs for kind in ("strong", "weak")]
    requests = answers * (MIN_ANSWERS // len(answers) + 1)
    timings = [seconds_per_answer(grader, requests) for _ in range(ROUNDS)]
    best, median = min(timings), statistics.median(timings)
    words = statistics.mean(len(request.graded_text.split()) for request in answers)
    print(f"graded {len(requests)} answers x {ROUNDS} rounds, one core, {words:.0f} words each")
    print(f"  answers/second: {1 / median:,.0f} median, {1 / best:,.0f} best")
    print(f"  per answer: {median * 1e6:,.0f} us median, {best * 1e6:,.0f} us best")


if __name__ == "__main__":
    main()
