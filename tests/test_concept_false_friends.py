"""A word that only shares letters with a concept must not make an answer on-topic."""

import json

from interviewer.grading.analysis import content_words, targets_touched
from tests.practice_helpers import run

NURSE = "examples/charge-nurse.toml"


def _critique(question: str, answer: str, profile: str) -> dict:
    result = run("critique", "-q", question, "-p", profile, "-", "--format", "json", input=answer)
    assert result.exit_code == 0, result.output
    return {c["id"]: c for c in json.loads(result.output)["criteria"]}


def test_a_word_that_only_shares_letters_with_a_focus_area_does_not_touch_it():
    answer = "I cut the AWS bill 22% at Lumen Retail by moving batch jobs to spot instances."
    criteria = _critique("Where would you raise the standard at St. Brendan's?", answer, NURSE)
    assert criteria["priority_alignment"]["score"] <= 2, criteria["priority_alignment"]
    assert "retention" not in criteria["priority_alignment"]["comment"]
    assert targets_touched(["staff retention"], content_words("We cut turnover by a third.")) == (
        "staff retention",
    )  # a real paraphrase still counts
