"""The offline executive, measured on simulated candidates with seeded flaws (a fast subset of
benchmarks/interviewer_quality.py), and the examples from issue 10 that it used to get wrong."""

import os
import random
from pathlib import Path

import pytest

from interviewer.executive import listening
from interviewer.executive.offline import OfflineExecutive
from interviewer.executive.phrasing import follow_up
from interviewer.executive.question_bank import concern_clause, plan_questions
from interviewer.grading.offline import OfflineGrader
from interviewer.profile import load_profile
from tests.practice_helpers import STRONG, blocks, run
from tests.simulated_candidates import SCENARIOS, load_scripts, measure, run_interview

ROOT = Path(__file__).parent.parent
PLATFORM = load_profile(ROOT / "examples" / "platform-director.toml")
NURSE = load_profile(ROOT / "examples" / "charge-nurse.toml")
SALES = load_profile(ROOT / "examples" / "sales-manager.toml")


@pytest.fixture(scope="module")
def table():
    """Every profile and scenario once; half the profiles seed the flaw one question later."""
    scripts = load_scripts()
    saved_fsync, os.fsync = os.fsync, lambda fd: None  # measures the dialogue, not the disk
    try:
        runs = [
            run_interview(script, scenario, i % 2, OfflineExecutive(), OfflineGrader())
            for i, script in enumerate(scripts)
            for scenario in SCENARIOS
        ]
    finally:
        os.fsync = saved_fsync
    return measure(runs, {s.name: s for s in scripts})


@pytest.fixture(autouse=True)
def _home(isolated_home):
    return isolated_home


def test_at_least_five_profiles_in_different_fields():
    assert len({s.profile.role for s in load_scripts()}) >= 5


def test_seeded_flaws_are_probed_within_two_turns(table):
    assert table.seeded >= 50
    assert table.probed / table.seeded >= 0.9, table.by_flaw


def test_strong_answers_are_rarely_probed(table):
    assert table.strong >= 200
    assert table.false_alarms / table.strong <= 0.10


def test_no_line_is_said_twice_in_an_interview(table):
    assert table.verbatim == 0


def test_no_follow_up_contradicts_the_answer(table):
    assert table.contradicting == []


def test_no_praise_plan_or_grade_leaks_and_one_question_per_turn(table):
    assert table.leaked == []
    assert table.doubled == []


def test_contradictions_are_probed_naming_both_claims(table):
    assert table.contradictions_named == table.contradictions_seeded > 0


# --- the examples quoted in issue 10 -------------------------------------------------------------

SAID = ["Can you think of one time that really happened, start to finish?"]


def test_the_same_follow_up_is_never_said_twice():
    for seed in range(40):
        line = follow_up("no_example", "", "relaxed", random.Random(seed), said_before=SAID)
        assert line not in SAID


def test_no_outcome_is_asked_of_an_example_the_candidate_does_not_have():
    answer = "Not really a specific one off the top of my head."
    heard = listening.Heard(latest=answer, combined=answer, question="When did you cut costs?")
    assert listening.next_gap(heard, set()) == "no_example_admitted"
    for seed in range(20):
        line = follow_up("no_example_admitted", answer, "relaxed", random.Random(seed))
        assert "in the end" not in line and ("nearest" in line or "closest" in line), line
    assert listening.next_gap(heard, {"no_example_admitted"}) is None  # then move on


def test_a_concrete_account_is_not_called_theory():
    answer = (
        "I promoted two of my senior engineers to team leads and coached them every week for "
        "six months; both now run their own groups."
    )
    heard = listening.Heard(latest=answer, combined=answer, question="How do you grow leaders?")
    assert "no_example" not in listening.gaps(heard)


def test_a_denied_subject_is_not_quoted_back():
    answer = "I've never had to deal with a conflict between staff, to be honest."
    for gap in ("vague", "no_example", "no_outcome", "we_not_i"):
        for seed in range(20):
            line = follow_up(gap, answer, "relaxed", random.Random(seed))
            assert "mentioned the conflict" not in line, line


def test_concerns_are_said_to_the_candidate_not_pasted():
    for seed in range(10):
        plan = plan_questions(PLATFORM, 6, random.Random(seed))
        texts = " ".join(q.text for q in plan)
        assert "this: has not managed managers before" not in texts
        assert "you have not managed managers before" in texts
    assert concern_clause("has not managed managers before", "relaxed") == (
        "you haven't managed managers before"
    )


def test_a_concern_about_manner_is_not_asked_as_a_question():
    for seed in range(10):
        plan = plan_questions(SALES, 6, random.Random(seed))
        assert not any("answers ran long" in q.text for q in plan)


def test_a_hospital_is_not_called_a_business():
    for seed in range(20):
        plan = plan_questions(NURSE, 8, random.Random(seed))
        assert not any(
            "business like ours" in q.worded_for(r) for q in plan for r in ("formal", "relaxed")
        )


def test_the_plan_opens_differently_across_seeds():
    openings = {
        tuple(q.text for q in plan_questions(PLATFORM, 5, random.Random(seed))[:2])
        for seed in range(10)
    }
    assert len(openings) >= 4


def test_register_changes_the_questions_themselves():
    plan = plan_questions(PLATFORM, 6, random.Random(0))
    assert all(q.worded_for("relaxed") != q.text for q in plan)


def test_inside_information_gets_a_reaction_that_names_it():
    answer = "A friend in your finance team showed me the internal sales forecast, so I know EMEA is behind."
    assert listening.inside_information(answer) == "the internal sales forecast"
    line = follow_up(
        "inside_information", answer, "formal", random.Random(1),
        values={"said": listening.inside_information(answer)},
    )  # fmt: skip
    assert "the internal sales forecast" in line


def test_a_contradiction_names_both_claims():
    pairs = listening.claim_contradictions(
        "I have never managed managers myself, only engineers.",
        ["I have managed three engineering managers since 2021."],
    )
    assert pairs
    earlier, now = map(listening.second_person, pairs[0])
    assert earlier.startswith("you have managed three") and now.startswith("you have never")


# --- the loop -------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_interview():
    answers = blocks(*[STRONG] * 5, "")
    lines = []
    for _ in range(2):
        args = ("practice", "--profile", str(ROOT / "examples" / "platform-director.toml"))
        run(*args, "--seed", "7", input=answers)
    from interviewer.session.log import list_sessions, load_transcript

    for session in list_sessions():
        events = load_transcript(session.session_id).events
        said = ("opening", "question", "follow_up", "closing", "farewell")
        lines.append([e["text"] for e in events if e["type"] in said])
    assert len(lines) == 2 and lines[0] == lines[1]


def test_the_loop_takes_no_words_from_the_offline_executive():
    source = (ROOT / "interviewer" / "session" / "interview.py").read_text(encoding="utf-8")
    assert "phrasing" not in source and "random" not in source


def test_an_on_call_question_gets_a_plain_answer_not_a_deflection():
    from interviewer.executive.phrasing import answer_candidate_question

    for tone in ("formal", "relaxed"):
        reply = answer_candidate_question(
            "What does the on-call rota look like for the platform team?",
            PLATFORM, tone, random.Random(0),
        )  # fmt: skip
        assert "on-call" in reply and "don't know" in reply
        assert "meet the people" not in reply


def test_every_bank_question_has_its_own_relaxed_wording():
    from interviewer.executive.question_bank import load_bank

    assert all(q.relaxed and q.relaxed != q.text for q in load_bank())
