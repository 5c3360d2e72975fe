"""The offline grader's judgement on the realistic answers issue 9 found it getting wrong.

Each test starts from a failure a new user saw with the default install, reproduced with the
example profiles the README uses, and asserts the judgement a reader of the guidance would give.
"""

from pathlib import Path

import pytest

from interviewer.contract import Flag
from interviewer.grading.analysis import (
    analyze,
    claim_contradictions,
    content_words,
    inside_information,
    targets_touched,
)
from interviewer.grading.offline import OfflineGrader
from interviewer.grading.pipeline import critique_answer
from interviewer.profile import load_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DIRECTOR = load_profile(EXAMPLES / "platform-director.toml")
NURSE = load_profile(EXAMPLES / "charge-nurse.toml")
SALES = load_profile(EXAMPLES / "sales-manager.toml")
GRADER = OfflineGrader()


def critique(question, answer, profile, earlier=()):
    return critique_answer(
        question, answer, grader=GRADER, profile=profile, earlier_answers=tuple(earlier)
    )


def criterion(critique_, criterion_id):
    return critique_.criterion(criterion_id)


# --- meaning, not words -----------------------------------------------------------------------


def test_the_readme_strong_answer_is_aligned_with_cloud_cost_control():
    answer = (EXAMPLES / "answer-strong.txt").read_text(encoding="utf-8")
    found = critique("How do you keep infrastructure spending in check?", answer, DIRECTOR)
    alignment = criterion(found, "priority_alignment")
    assert alignment.score >= 4
    assert "cloud cost control" in alignment.comment
    assert "any company" not in alignment.comment


def test_a_nurses_missed_telemetry_checks_are_about_patient_safety():
    answer = (
        "Last spring our unit kept missing the hourly telemetry checks at night. I rebuilt the "
        "checklist with the night charge nurses and started a two-minute huddle at 2am. By the "
        "end of the quarter missed checks had fallen to zero and stayed there."
    )
    found = critique("Tell me about a change you made on your unit.", answer, NURSE)
    alignment = criterion(found, "priority_alignment")
    assert alignment.score >= 4
    assert "patient safety" in alignment.comment


@pytest.mark.parametrize(
    ("focus", "said"),
    [
        ("cloud cost control", "I cut our AWS spend by a fifth"),
        ("reducing waste", "shrink in the bakery fell by a third"),
        ("customer retention", "churn dropped from 9% to 4%"),
        ("net revenue retention", "I saved three renewals that were about to lapse"),
        ("reliability of the dispatch platform", "we had two Sev-1s on dispatch last year"),
        ("staff retention", "turnover on the ward halved"),
        ("patient safety", "medication errors fell to one a quarter"),
        ("growing engineering managers", "I coached two new engineering managers"),
        ("limited exposure to budget ownership", "I owned the $3M AWS spend for two years"),
    ],
)
def test_a_paraphrase_touches_the_focus_area(focus, said):
    assert targets_touched([focus], content_words(said)) == (focus,)


@pytest.mark.parametrize(
    ("focus", "said"),
    [
        ("cloud cost control", "I coached two new engineering managers"),
        ("patient safety", "I negotiated a three-year contract with a logistics firm"),
        ("staff retention", "I cut our AWS bill by a fifth"),
        ("customer retention", "the deployment pipeline now runs in four minutes"),
    ],
)
def test_an_unrelated_answer_does_not_touch_the_focus_area(focus, said):
    assert targets_touched([focus], content_words(said)) == ()


# --- evidence is an episode, not numbers ------------------------------------------------------

BUZZWORDS = (
    "Honestly, I bring a lot of energy to everything I do. I'm a people person and I get on with "
    "everyone. At my last company we closed some good deals and the team really liked working "
    "with me."
)


def test_energy_and_a_people_person_are_not_adequate_or_fresh_evidence():
    found = critique(
        "Why are you the right person to lead enterprise deals here?", BUZZWORDS, SALES
    )
    assert found.verdict == "weak"
    assert criterion(found, "experience_evidence").score <= 2
    gaps = criterion(found, "first_round_gaps")
    assert gaps.score is not None and gaps.score <= 2
    assert "fresh, specific evidence" not in gaps.comment


def test_figures_about_the_company_do_not_make_a_weak_answer_strong():
    padded = (
        "Fjord Metrics has 1,200 employees in 14 countries and revenue of $310M, growing 28% a "
        "year. The mid-market segment is worth about $4bn and grew 12% in 2024. Our sales team "
        "has 85 reps across 6 regions. Enterprise deals are something I am really keen to do more "
        "of, and I think I would be good at them."
    )
    found = critique("Tell me about an enterprise deal you won.", padded, SALES)
    assert criterion(found, "experience_evidence").score <= 2
    assert found.verdict == "weak"


def test_a_strong_answer_without_digits_is_still_strong_evidence():
    answer = (
        "Last winter our biggest customer, Halvorsen, told us they would not renew. I flew to "
        "Oslo the next week, sat with their finance team for two days and rebuilt the rollout "
        "plan around their quarter end. They signed a three-year renewal in March, twice the "
        "size of the old contract."
    )
    found = critique("Tell me about a customer you kept against the odds.", answer, SALES)
    assert criterion(found, "experience_evidence").score >= 4


# --- honesty of preparation -------------------------------------------------------------------


def test_an_internal_forecast_from_a_friend_is_named_and_flagged():
    answer = (
        "A friend in finance showed me the internal sales forecast, so I know exactly where the "
        "EMEA numbers are soft and which accounts I would go after first."
    )
    found = critique("How did you prepare for today?", answer, SALES)
    honest = criterion(found, "honest_preparation")
    assert honest.score == 1
    assert "the internal sales forecast" in honest.comment
    assert Flag.INSIDE_INFORMATION in found.flags
    assert inside_information(answer) == ["the internal sales forecast"]


def test_the_confidential_board_deck_is_named_not_called_missing_preparation():
    answer = "I read the confidential board deck, so I know the plan for next year is enterprise."
    found = critique("What do you know about our plans?", answer, SALES)
    honest = criterion(found, "honest_preparation")
    assert honest.score == 1
    assert "confidential board deck" in honest.comment
    assert "no sign of how you prepared" not in honest.comment


def test_open_preparation_through_hr_and_contacts_is_credited():
    answer = (
        "I asked Dana in HR for feedback after round one, and she said the panel wanted more on "
        "enterprise deals. I also had coffee with a former colleague who works in your Berlin "
        "office, so I prepared two enterprise examples, including the Halvorsen renewal."
    )
    found = critique("How did you prepare for this round?", answer, SALES)
    assert criterion(found, "honest_preparation").score >= 4
    assert Flag.INSIDE_INFORMATION not in found.flags
    assert inside_information(answer) == []


# --- contradictions between claims ------------------------------------------------------------


def test_managed_managers_then_never_managed_managers_is_a_contradiction():
    earlier = ["I have managed three engineering managers since 2021, at Lumen Retail."]
    answer = "To be honest I have never managed managers, but I am ready to learn quickly."
    found = critique("How would you grow our engineering managers?", answer, DIRECTOR, earlier)
    style = criterion(found, "consistent_style")
    assert style.score == 1
    assert (
        "never managed managers" in style.comment and "three engineering managers" in style.comment
    )
    [pair] = claim_contradictions(answer, earlier)
    assert pair.earlier_claim == earlier[0]
    assert pair.now_claim == answer.split(", but")[0].split(". ")[0] or "never" in pair.now_claim


@pytest.mark.parametrize(
    ("earlier", "now"),
    [
        ("I haven't managed managers yet.", "I have coached two team leads at Acme since 2022."),
        ("I never missed a shift in six years.", "I missed the deadline on the audit by a week."),
        ("I would never cut corners on safety.", "I cut the review meeting to ten minutes."),
        ("I don't know the CFO personally.", "I know your product well."),
    ],
)
def test_claims_on_different_subjects_are_not_contradictions(earlier, now):
    assert claim_contradictions(now, [earlier]) == []


# --- limits said out loud ---------------------------------------------------------------------


def test_a_german_answer_is_not_graded_as_if_it_were_english():
    answer = (
        "Ich habe im letzten Jahr die Cloud-Kosten um 22 Prozent gesenkt, weil ich jede Woche mit "
        "den Teams die Ausgaben geprüft habe."
    )
    found = critique("How do you keep cloud costs under control?", answer, DIRECTOR)
    assert found.verdict == "ungraded" and found.overall is None
    assert Flag.NOT_ENGLISH in found.flags
    assert all(c.score is None for c in found.criteria)
    assert "German" in found.criteria[0].comment


def test_an_english_answer_with_foreign_names_is_graded():
    answer = (
        "At Fjord Metrics in Göteborg I won the Södra Skogsägarna account in 2023, a EUR 410k "
        "deal, by running a pilot with their planning team."
    )
    found = critique("Tell me about a deal you won.", answer, SALES)
    assert Flag.NOT_ENGLISH not in found.flags
    assert found.overall is not None


def test_an_answer_far_beyond_a_spoken_length_is_flagged_and_scored_down():
    answer = " ".join([(EXAMPLES / "answer-strong.txt").read_text(encoding="utf-8")] * 12)
    found = critique("How do you keep cloud costs under control?", answer, DIRECTOR)
    assert Flag.TOO_LONG in found.flags
    assert criterion(found, "focused_and_pointed").score == 1
    assert found.verdict != "strong"


def test_a_normal_answer_carries_no_limit_flags():
    answer = (EXAMPLES / "answer-strong.txt").read_text(encoding="utf-8")
    found = critique("How do you keep cloud costs under control?", answer, DIRECTOR)
    assert found.flags == []
    assert analyze(answer).words < 100
