"""The brief on the hand-labelled prep cases (tests/data/prep): gaps read as a person reads them,
no invented fact in the why-you draft, and none of the tempting facts a careless tool might add."""

import re

import pytest

from interviewer.grading.grounding import invented_facts
from interviewer.prep.build import build_brief
from interviewer.prep.render import render_brief
from interviewer.prep.stories import read_story
from interviewer.profile import Candidate, FirstRound, InterviewerPersona, Profile
from tests.prep_cases import Case, load_cases

CASES = load_cases()
RESULT_AGREEMENT_FLOOR = 0.85  # 24/36 on the first run, 33/36 after reading CV lines better
FIGURE_AGREEMENT_FLOOR = 0.9  # 28/36 on the first run, 35/36 after


def case_profile(case: Case) -> Profile:
    """The profile a careful candidate would write from the case's labels."""
    labels = case.labels
    return Profile(
        role=labels.get("role"),
        company=labels.get("company"),
        focus_areas=[item.label for item in case.focus_areas],
        interviewer=InterviewerPersona(
            name=labels.get("interviewer_name"), title=labels.get("interviewer_title")
        ),
        first_round=FirstRound(
            strengths=[item.label for item in case.strengths],
            concerns=[item.label for item in case.concerns],
        ),
        candidate=Candidate(
            name=labels.get("candidate_name"),
            experiences=[item.quote for item in case.experiences],
        ),
    )


def _facts(profile: Profile) -> str:
    parts = [profile.role, profile.company, *profile.focus_areas, *profile.first_round.strengths]
    return " ".join(filter(None, [*parts, profile.candidate_facts()]))


def _agreement(flag: str) -> float:
    pairs = [
        (flag not in read_story(e.quote).lacks, getattr(e, f"has_{flag}"))
        for case in CASES
        for e in case.experiences
    ]
    return sum(found == labelled for found, labelled in pairs) / len(pairs)


def test_result_and_figure_are_read_as_the_labels_read_them():
    assert _agreement("result") >= RESULT_AGREEMENT_FLOOR
    assert _agreement("figure") >= FIGURE_AGREEMENT_FLOOR


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_why_you_invents_no_fact_and_none_of_the_tempting_ones(case):
    profile = case_profile(case)
    brief = build_brief(profile)
    assert invented_facts(brief.why_you, _facts(profile)) == []
    whole = render_brief(brief, "json")
    tempting = case.labels.get("not_in_inputs", [])
    assert [fact for fact in tempting if re.search(rf"\b{re.escape(fact)}\b", whole, re.I)] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_labelled_focus_area_gets_questions_and_a_verdict(case):
    brief = build_brief(case_profile(case))
    assert len(brief.focus) == len(case.focus_areas)
    assert all(2 <= len(f.likely_questions) <= 3 for f in brief.focus)
    assert [s.target for s in brief.stories if s.kind == "focus"] == [f.area for f in brief.focus]


def test_most_labelled_focus_areas_find_one_of_the_candidates_own_stories():
    stories = [s for case in CASES for s in build_brief(case_profile(case)).stories]
    found = [s for s in stories if s.kind == "focus" and s.experience]
    assert len(found) >= 0.5 * len([s for s in stories if s.kind == "focus"])
