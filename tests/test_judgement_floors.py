"""Floors on the offline grader's agreement with the labelled judgement set (tests/data/judgement).

The set was labelled from the guidance before the grader was tuned on it, and its labels are
never edited to make these pass. Each floor is what the grader reached, rounded down, with room
for an item or two; the five classes issue 9 names must be handled on at least 90% of their items.
Run `python benchmarks/judgement.py --misses` to see what a failing floor misses.
"""

import importlib.util
from pathlib import Path

import pytest

from interviewer.grading.offline import OfflineGrader
from tests.judgement_set import load_items

# issue 9: paraphrase alignment, padding, inside information, contradictions, non-English
REQUIRED = {
    "paraphrased_focus": 0.90,
    "padded": 0.90,
    "inside_information": 0.90,
    "contradiction_numbers": 0.90,
    "contradiction_claims": 0.90,
    "non_english": 0.90,
}
# the rest, where the grader is still weaker: held where it stands so it cannot slide back
HELD = {
    "strong_digits": 0.85,
    "very_long": 0.90,
    "we_not_i": 0.85,
    "buzzword": 0.70,
    "honest_preparation": 0.80,
    "false_friend": 0.60,
    "strong_no_digits": 0.60,
    "paraphrased_concern": 0.55,
    "off_topic": 0.40,
    "adequate": 0.40,
}


def _benchmark():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "judgement.py"
    spec = importlib.util.spec_from_file_location("judgement_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures():
    bench = _benchmark()
    # floors hold on the items the grader was tuned on; the holdout (written after tuning began)
    # is reported by the benchmark with --split holdout, so it shows how far the tuning carries
    return bench.report(bench.grade_all(load_items("dev"), OfflineGrader(), jobs=1), "offline")


@pytest.mark.parametrize(("klass", "floor"), [*REQUIRED.items(), *HELD.items()])
def test_each_class_is_handled_at_least_as_often_as_its_floor(figures, klass, floor):
    handled = figures["classes"][klass]["handled"]
    assert handled is not None, f"no items of class {klass} in the set"
    assert handled >= floor, (klass, handled, figures["misses"].get(klass))


def test_verdicts_and_the_order_of_answers_agree_with_the_labels(figures):
    overall = figures["overall"]
    assert overall["verdict"] >= 0.88
    assert overall["pairwise_overall"] >= 0.93
    assert overall["spearman_overall"] >= 0.65


@pytest.mark.parametrize(
    ("criterion_id", "floor"),
    [
        ("experience_evidence", 0.70),
        ("most_qualified", 0.80),
        ("priority_alignment", 0.75),
        ("consistent_style", 0.75),
        ("honest_preparation", 0.85),
        ("follows_lead", 0.65),
        ("focused_and_pointed", 0.55),
        ("first_round_gaps", 0.55),
    ],
)
def test_each_criterion_is_in_the_labelled_range_often_enough(figures, criterion_id, floor):
    assert figures["criteria"][criterion_id]["in_range"] >= floor
