"""How well the offline grader ranks the labelled answer pairs, and how fast it grades.

Run: python benchmarks/offline_grader.py
"""

import statistics
import sys
import time
from pathlib import Path

from interviewer.contract import overall_of
from interviewer.grading.offline import OfflineGrader
from interviewer.grading.pipeline import GradingRequest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the labelled pairs and their loader live with the tests

from tests.labelled_pairs import load_pairs, request_for  # noqa: E402

MIN_ANSWERS = 5_000
ROUNDS = 5


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
