"""One rule decides the executive's register; every part of the tool asks it."""

import random

import pytest

from interviewer.tone import chosen_tone, known_register, register_for, shift_point


def test_the_flag_wins_then_the_profile_then_formal():
    assert chosen_tone("relaxed", "shift") == "relaxed"
    assert chosen_tone(None, "shift") == "shift"
    assert chosen_tone(None, None) == "formal"
    with pytest.raises(ValueError, match="formal, relaxed or shift"):
        chosen_tone("casual", None)


def test_a_shifting_executive_is_formal_until_the_shift():
    assert register_for("shift") == "formal"
    assert register_for("shift", shifted=True) == "relaxed"
    assert register_for("relaxed") == "relaxed"
    assert register_for("formal", shifted=True) == "formal"


def test_an_answer_judged_alone_has_no_known_register_under_a_shift():
    assert known_register("shift") is None and known_register(None) is None
    assert known_register("formal") == "formal"


def test_the_shift_comes_about_halfway():
    assert shift_point("shift", 5) == 3 and shift_point("shift", 1) == 1
    assert shift_point("formal", 5) is None


def test_the_interview_state_and_the_offline_wording_use_the_same_rule():
    from interviewer.executive import phrasing
    from interviewer.session.state import InterviewOptions, InterviewState

    state = InterviewState(session_id="s", options=InterviewOptions(tone="shift", questions=4))
    assert state.register_now() == "formal" and state.options.shift_at == 3
    state.shifted = True
    assert state.register_now() == "relaxed"
    shifting = phrasing.closing_invitation("shift", random.Random(1))
    assert shifting == phrasing.closing_invitation("formal", random.Random(1))
