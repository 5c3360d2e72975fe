"""Floors under the prep code's agreement with the hand-labelled cases (benchmarks/prep.py).

The floors sit a little under the figures measured when they were set, so a regression fails
here; invented facts, improper asks and concerns made up without notes must stay at exactly zero.
The figures, and what the code still gets wrong, are printed by `python benchmarks/prep.py`.
"""

from functools import cache

import pytest

from tests.prep_cases import load_cases
from tests.prep_scoring import (
    CaseResult,
    boilerplate,
    evaluate,
    evaluate_brief_only,
    load_api,
    overall,
)

CASES = load_cases()
IDS = [case.name for case in CASES]


@cache
def _brief_results() -> dict[str, CaseResult]:
    api = load_api()
    assert api.build_brief is not None, "interviewer.prep.build.build_brief is gone"
    known = boilerplate(api)
    return {case.name: evaluate_brief_only(case, api.build_brief, known) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_brief_from_the_labels_states_no_fact_the_candidate_did_not_give(case):
    result = _brief_results()[case.name]
    assert result.invented == [] and result.tempting == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_brief_suggests_no_question_that_angles_for_inside_information(case):
    result = _brief_results()[case.name]
    assert result.ask_lines >= 4
    assert result.improper_asks == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_do_not_ask_list_names_what_would_be_inside_information(case):
    improper, lines = _brief_results()[case.name].do_not_ask_flagged or (0, 0)
    assert lines >= 2 and improper * 2 >= lines


def test_no_concern_is_prepared_for_when_there_were_no_notes():
    without = [case for case in CASES if case.notes is None]
    assert without
    for case in without:
        assert _brief_results()[case.name].brief_concern_stories == 0


def test_stories_are_matched_to_targets_about_as_a_person_would():
    """Measured 0.72 (58 of 81) on all ten cases when set: the right story, or rightly none."""
    totals: dict[str, int] = {}
    for result in _brief_results().values():
        for verdict, count in result.stories.items():
            totals[verdict] = totals.get(verdict, 0) + count
    judged = sum(totals.values())
    assert judged >= 50
    assert (totals.get("right", 0) + totals.get("rightly-missing", 0)) / judged >= 0.66


def test_what_a_story_lacks_agrees_with_the_labels_more_often_than_not():
    """Measured 52 of 56 when set: a figure and a result, as a labeller reads the CV line."""
    agree = sum(r.gap_agreement[0] for r in _brief_results().values() if r.gap_agreement)
    total = sum(r.gap_agreement[1] for r in _brief_results().values() if r.gap_agreement)
    assert total >= 45 and agree / total >= 0.87


# ---- the whole path: documents -> drafted profile -> TOML -> brief ----------------------------

# Overall figures measured on main when these floors were set (python benchmarks/prep.py); each
# floor sits a little under its figure. Invented facts and invented round-one items stay at zero.
# Measured 19:00 UTC on ten cases (three held out): see tests/data/prep/README.md.
DRAFT_FLOORS: dict[str, float] = {
    "role": 0.9,  # 1.00
    "company": 0.9,  # 1.00
    "candidate_name": 0.9,  # 1.00
    "interviewer_name": 0.8,  # 0.89
    "interviewer_title": 0.8,  # 0.89
    "focus_recall": 0.62,  # 0.68
    "focus_precision": 0.78,  # 0.85
    "focus_spearman": 0.2,  # 0.29
    "focus_top3": 0.38,  # 0.43
    "strengths_recall": 0.88,  # 0.96
    "strengths_precision": 0.9,  # 0.97
    "concerns_recall": 0.75,  # 0.83
    "concerns_precision": 0.87,  # 0.94
    "experiences_recall": 0.82,  # 0.89
    "toml_parses": 1.0,  # 1.00
}


@cache
def _draft_results() -> dict[str, CaseResult]:
    api = load_api()
    if api.draft_profile is None or api.render_profile_toml is None:
        pytest.skip("profile drafting is not on main yet")
    known = boilerplate(api)
    return {case.name: evaluate(case, api, known) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_drafted_profile_and_its_brief_invent_nothing(case):
    result = _draft_results()[case.name]
    assert result.errors == []
    assert result.invented == [] and result.tempting == []
    assert result.improper_asks == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_drafted_profile_is_a_profile_practice_accepts(case):
    result = _draft_results()[case.name]
    assert result.toml_parses, result.toml_error


def test_no_strength_or_concern_is_drafted_without_notes():
    results = _draft_results()
    for case in CASES:
        if case.notes is None:
            assert results[case.name].invented_round_one == 0
            assert results[case.name].brief_concern_stories == 0


@pytest.mark.parametrize("figure", sorted(DRAFT_FLOORS))
def test_drafts_agree_with_the_labels_at_least_as_well_as_when_measured(figure):
    measured = overall(list(_draft_results().values()))[figure]
    assert measured is not None and measured >= DRAFT_FLOORS[figure], (figure, measured)
