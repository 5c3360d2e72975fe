"""The offline profile draft: each rule on small realistic inputs, and nothing ever invented."""

from pathlib import Path

from interviewer.grading.grounding import normalize
from interviewer.prep.draft import PrepInputs
from interviewer.prep.extract import (
    draft_profile,
    find_background,
    find_candidate_name,
    find_company,
    find_experiences,
    find_role,
)
from interviewer.prep.focus import focus_areas, focus_phrase
from interviewer.prep.round_one import round_one_findings, round_two_interviewer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "prep"

NOISY_AD = """Skip to main content
Sign in | Job alerts
We use cookies to improve your experience. Accept all
Apply now

Senior Data Scientist - Brightwater Analytics - London (hybrid)
£70,000 - £85,000 a year
Posted 3 days ago · 120 applicants

About Brightwater Analytics
Brightwater Analytics is a B2B analytics company serving 400 retailers.

Requirements
- Must have strong experience of building forecasting models in production
- Experience with Python and SQL
- Ability to explain results to non-technical stakeholders

Nice to have
- Knowledge of retail pricing

Benefits
- Free lunch on Fridays

Forecasting accuracy is the key measure for this team; forecasting is what you will own.
Apply now
"""


def test_role_and_company_survive_job_board_noise():
    assert find_role(NOISY_AD).value == "Senior Data Scientist"
    assert find_company(NOISY_AD).value == "Brightwater Analytics"


def test_labels_win_over_guessing():
    ad = "Careers\nJob title: Ward Manager\nCompany: St. Brendan's Hospital\nWe care for 40 beds."
    assert find_role(ad).value == "Ward Manager"
    assert find_company(ad).value == "St. Brendan's Hospital"


def test_company_from_a_sentence_or_a_join_line():
    assert find_company("Harbour Bank is a regional lender.\n").value == "Harbour Bank"
    assert find_company("Join Fjord Metrics as our first CRO.\n").value == "Fjord Metrics"
    assert find_company("The role is hybrid.\nYou will report to the CEO.") is None


def test_focus_areas_rank_essentials_and_repetition_above_desirables_and_skip_benefits():
    areas = [area.value for area in focus_areas(NOISY_AD)]
    assert areas[0] == "building forecasting models in production"
    assert "retail pricing" in areas and areas.index("retail pricing") == len(areas) - 1
    assert not any("lunch" in area for area in areas)


def test_each_focus_area_is_cut_from_the_bullet_it_quotes():
    for area in focus_areas(NOISY_AD):
        assert normalize(area.value) in normalize(area.quote)
        assert normalize(area.quote) in normalize(NOISY_AD)


def test_focus_phrases_drop_lead_ins_and_trailing_clauses():
    assert focus_phrase("Proven experience managing engineering managers") == (
        "managing engineering managers"
    )
    assert focus_phrase("Take control of our cloud costs: our spend doubled") == "cloud costs"
    assert focus_phrase("Deep knowledge of Kubernetes and AWS") == "Kubernetes and AWS"
    assert focus_phrase("Own the reliability of the dispatch platform, with on-call") == (
        "reliability of the dispatch platform"
    )


NOTES = """Round one was with Tom Hale, Head of Engineering.
- Tom liked the migration story and asked many follow-ups.
- He was not convinced by my answer on hiring.
HR said the panel felt my stakeholder work was strong, but they wanted more evidence of
budget ownership. Good news: you are through.
Round two is with Priya Raman, Chief Technology Officer, on 3 December.
"""


def test_strengths_and_concerns_come_from_cue_words_and_a_concern_cue_wins():
    strengths, concerns = round_one_findings(NOTES)
    assert [s.value for s in strengths] == ["migration story", "stakeholder work"]
    assert [c.value for c in concerns] == ["answer on hiring", "more evidence of budget ownership"]
    assert all(item.source == "notes" for item in (*strengths, *concerns))


def test_round_two_interviewer_is_whom_round_two_is_with_not_round_one():
    name, title = round_two_interviewer(NOTES)
    assert (name.value, title.value) == ("Priya Raman", "Chief Technology Officer")
    assert round_two_interviewer("Round one was with Tom Hale, Head of Engineering.") == (
        None,
        None,
    )


def test_strengths_and_concerns_never_come_from_the_ad_or_the_cv():
    praise = "Our customers liked the product and were impressed by its strong design.\n"
    draft = draft_profile(PrepInputs(job=praise + NOISY_AD, cv=praise))
    assert draft.strengths == () and draft.concerns == ()


CV = """SAM OKAFOR
sam@example.com | +44 7700 900123

Professional Summary
Engineering manager with eight years in platform work, running 11 engineers.

Experience
- Led the move of 140 services to Kubernetes in 2023 with no outage
- Responsible for the team's hiring
- Cut the AWS bill by 22% in two quarters
- Member of the on-call rota

Skills
- Reduced nothing: Kubernetes, Go, 10 years of Python
"""


def test_candidate_name_summary_and_achievements_from_the_cv():
    assert find_candidate_name(CV).value == "Sam Okafor"
    assert find_background(CV).value.startswith("Engineering manager with eight years")
    experiences = [e.value for e in find_experiences(CV)]
    assert experiences[0].startswith(("Cut the AWS bill", "Led the move"))
    assert len(experiences) == 2  # no duty without an action, nothing from Skills


def test_every_quote_of_the_example_draft_is_in_its_input():
    inputs = PrepInputs(
        job=(EXAMPLES / "job-ad.txt").read_text(encoding="utf-8"),
        cv=(EXAMPLES / "cv.md").read_text(encoding="utf-8"),
        notes=tuple(
            (EXAMPLES / name).read_text(encoding="utf-8")
            for name in ("round-one-notes.txt", "hr-feedback.txt")
        ),
    )
    draft = draft_profile(inputs)
    items = [draft.role, draft.company, draft.candidate_name, draft.background,
             draft.interviewer_name, draft.interviewer_title, *draft.focus_areas,
             *draft.strengths, *draft.concerns, *draft.experiences]  # fmt: skip
    assert all(item is not None for item in items)
    for item in items:
        assert normalize(item.quote) in normalize(inputs.text_of(item.source)), item
    assert draft.missing() == [] and draft.notices == ()
    assert {"cloud costs", "reliability of the dispatch platform"} <= {
        area.value for area in draft.focus_areas[:3]
    }


def test_no_inputs_draft_nothing():
    assert draft_profile(PrepInputs()).missing()[0] == "role"
