"""Suggestions say what to change in THIS answer, only where a criterion scored 3 or less."""

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from interviewer.grading.offline import OfflineGrader
from interviewer.grading.pipeline import GradingRequest
from interviewer.profile import FirstRound, Profile
from tests.labelled_pairs import load_pairs, request_for
from tests.practice_helpers import run

GRADER = OfflineGrader()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
QUOTED = re.compile(r'"([^"]+?)(?:\.\.\.)?"')


def _suggestions_by_criterion() -> dict[str, list[tuple[str, str]]]:
    """(answer, suggestion) for every suggestion the offline grader makes on the labelled pairs."""
    found = defaultdict(list)
    for pair in load_pairs():
        for answer in (pair["strong"], pair["weak"]):
            for result in GRADER.grade(request_for(pair, answer)).criteria:
                if result.suggestion:
                    found[result.id].append((answer, result.suggestion))
    return found


def test_no_criterion_scored_4_or_more_gets_a_suggestion():
    """Issue 9: an answer scored 5 on alignment was told to frame itself around its focus areas."""
    scored = 0
    for pair in load_pairs():
        for answer in (pair["strong"], pair["weak"]):
            for result in GRADER.grade(request_for(pair, answer)).criteria:
                if result.score is not None:
                    scored += 1
                    assert bool(result.suggestion) == (result.score <= 3), result
    assert scored > 150


def test_suggestions_are_not_one_stock_line_per_criterion():
    """Issue 9: each criterion's line was word for word the same for every answer."""
    found = _suggestions_by_criterion()
    suggestions = [s for pairs in found.values() for _, s in pairs]
    assert len(suggestions) > 60
    repeats = Counter(suggestions).most_common(1)[0][1]
    assert repeats <= 4, Counter(suggestions).most_common(3)
    assert len(set(suggestions)) / len(suggestions) >= 0.9


def test_a_quoted_sentence_in_a_suggestion_is_the_answers_own_words():
    quoting = 0
    for pairs in _suggestions_by_criterion().values():
        for answer, suggestion in pairs:
            # short quotes name a focus area, a concern or a stock phrase; sentences are the answer's
            sentences = [p for p in QUOTED.findall(suggestion) if len(p.split()) > 4]
            assert all(piece in answer for piece in sentences), suggestion
            quoting += bool(sentences)
    assert quoting > 50


def test_a_missing_focus_area_is_named_with_the_answers_own_example():
    request = GradingRequest(
        question="Tell me about a project you are proud of.",
        answer=(
            A := "In 2023 I rebuilt our onboarding flow at Quill and cut drop-off from 40% to 22%."
        ),
        graded_text=A,
        profile=Profile(focus_areas=["patient safety"]),
    )
    alignment = GRADER.grade(request).criteria[3]
    assert alignment.id == "priority_alignment" and alignment.score <= 3
    assert "patient safety" in alignment.suggestion
    assert '"In 2023 I rebuilt our onboarding flow at Quill' in alignment.suggestion


def test_an_untouched_round_one_concern_is_named():
    request = GradingRequest(
        question="Round one had a concern. What is your evidence on it?",
        answer=(A := "I am a very hard worker and I always give my best to every team."),
        graded_text=A,
        profile=Profile(first_round=FirstRound(concerns=["managing budgets"])),
    )
    gaps = GRADER.grade(request).criteria[4]
    assert gaps.id == "first_round_gaps" and gaps.score <= 3
    assert '"managing budgets"' in gaps.suggestion


def test_critique_json_has_no_suggestion_under_a_high_score():
    result = run(
        "critique", "--format", "json", "-q", "Tell me about cutting cloud cost.",
        "--answer-file", str(EXAMPLES / "answer-strong.txt"),
        "-p", str(EXAMPLES / "platform-director.toml"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    criteria = json.loads(result.stdout)["criteria"]
    high = [c for c in criteria if c["score"] is not None and c["score"] >= 4]
    assert high and all(c["suggestion"] == "" for c in high)


def test_a_models_suggestion_under_a_5_is_not_shown_in_text_or_markdown():
    from interviewer.grading.render import render_critique
    from tests.samples import critique_from

    answer = "In 2023 I cut our cloud bill by 30% at Quill."
    critique = critique_from(
        "Why you?",
        answer,
        {
            "experience_evidence": (5, [answer], "Concrete.", "Polish the ending a little."),
            "focused_and_pointed": (2, [], "Late.", "Say the 30% first."),
        },
    )
    for fmt in ("text", "markdown"):
        shown = render_critique(critique, fmt)
        assert "Polish the ending" not in shown and "Say the 30% first." in shown
    assert "Polish the ending" in render_critique(critique, "json")  # the contract keeps it


def test_the_model_is_told_the_same_advice_threshold():
    from interviewer.grading.advice import ADVISE_AT_MOST
    from interviewer.grading.llm import system_prompt

    assert f"only when the score is {ADVISE_AT_MOST} or\n   less" in system_prompt()
