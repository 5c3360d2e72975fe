"""A story answers a target only on the target's subject; the brief words each doubt honestly.

Each case is one a real user met: the wrong story called READY, a blob as a story, a doubt on a
subject taken for a manner doubt, their own note read back as HR's feedback, a praised area
called lacking.
"""

import pytest

from interviewer.executive.question_bank import is_style_concern
from interviewer.prep.build import build_brief
from interviewer.prep.stories import best_story, candidate_experiences, match_stories, read_story
from interviewer.profile import Candidate, FirstRound, Profile

PROMOTED = (
    "Promoted two senior engineers to team leads and coached each of them weekly for six months"
)
AWS = (
    "Cut the AWS bill by 22% in two quarters by setting a budget per team and moving batch jobs"
    " to spot instances"
)
BACKGROUND = "Infrastructure engineer turned engineering manager, eight years in platform work"
NEAR_MISS = "Introduced a near-miss reporting app; reported near misses rose 3x"


def stories(*lines: str):
    return [read_story(line) for line in lines]


def test_generic_words_alone_never_reach_a_budget_doubt():
    chosen = best_story("experience owning a budget at director level", stories(PROMOTED, AWS))
    assert chosen is not None and chosen.text == AWS


@pytest.mark.parametrize(
    "target",
    [
        "experience owning a budget at director level",
        "I struggled when asked about owning the budget / CVR",
        "project budget and monthly cost value reconciliation",
    ],
)
def test_with_no_budget_story_a_budget_target_is_missing(target):
    assert best_story(target, stories(PROMOTED, NEAR_MISS, BACKGROUND)) is None


def test_an_episode_with_a_result_beats_a_background_sentence():
    chosen = best_story("not sure you have managed managers before", stories(BACKGROUND, PROMOTED))
    assert chosen is not None and chosen.text == PROMOTED


def test_a_cv_section_run_together_is_read_sentence_by_sentence():
    blob = " ".join(
        [
            "Led the rebuild of the billing service over two years with a team of nine.",
            "Cut invoice errors from 4% to 0.5% by adding reconciliation checks before each run.",
            "Mentored three junior engineers, two of whom were promoted within the year.",
        ]
        * 3
    )
    assert len(blob.split()) > 100
    lines = candidate_experiences(Profile(candidate=Candidate(experiences=[blob])))
    assert lines and all(len(line.split()) <= 60 for line in lines)
    assert (
        "Cut invoice errors from 4% to 0.5% by adding reconciliation checks before each run."
        in lines
    )


def test_a_vague_answer_on_a_named_subject_is_a_doubt_about_the_record():
    concern = "Sarah asked about managing angry residents and I gave a vague answer"
    assert not is_style_concern(concern)
    (match,) = match_stories(Profile(first_round=FirstRound(concerns=[concern])))
    assert match.readiness == "missing" and "how you answer" not in match.advice


@pytest.mark.parametrize(
    "concern", ["answers ran long", "vague answers", "I think I rambled on the first question"]
)
def test_pure_manner_doubts_stay_style(concern):
    assert is_style_concern(concern)


def test_hr_is_never_told_a_first_person_note_is_their_feedback():
    profile = Profile(
        role="Senior Project Manager",
        first_round=FirstRound(
            concerns=[
                "I struggled when asked about owning the budget / CVR",
                "limited experience with difficult stakeholders",
            ]
        ),
    )
    asks = build_brief(profile).ask_hr
    assert not any("I struggled" in line for line in asks)
    assert any("the question on owning the budget / CVR" in line for line in asks)
    assert any('The feedback mentioned "limited experience' in line for line in asks)


def test_a_praised_area_without_a_story_says_round_one_liked_it():
    profile = Profile(
        focus_areas=["NEC4 contract", "stakeholder relationships"],
        first_round=FirstRound(strengths=["NEC4 knowledge"]),
        candidate=Candidate(experiences=[PROMOTED]),
    )
    nec4, other = match_stories(profile)[:2]
    assert nec4.readiness == "missing" and "NEC4 knowledge" in nec4.advice
    assert "praised" not in other.advice
