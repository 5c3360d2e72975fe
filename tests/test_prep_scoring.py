"""The prep benchmark's scoring rewards what a person would and catches what they would catch.

Checked on drafts built by hand from the labels (a perfect one, a reversed one, a greedy one),
so a figure in benchmarks/prep.py means what its name says before any prep code is measured.
"""

from interviewer.prep.draft import ProfileDraft, Sourced
from tests.prep_cases import load_cases
from tests.prep_scoring import (
    CaseResult,
    agreement,
    brief_strings,
    capitalised_names,
    invented_facts,
    looks_improper,
    name_matches,
    score_draft,
    tempting_facts_claimed,
)

WARD = next(case for case in load_cases() if case.name == "ward_manager")
SALES = next(case for case in load_cases() if case.name == "regional_sales")


def _job(value: str) -> Sourced:
    return Sourced(value=value, source="job ad", quote=value)


def test_the_labels_own_quotes_score_full_marks():
    found = [item.quote for item in WARD.focus_areas]
    figures = agreement(WARD.focus_areas, found)
    assert (figures.recall, figures.precision, figures.spearman, figures.top3) == (1, 1, 1, 1)


def test_a_reversed_ranking_scores_minus_one():
    found = [item.quote for item in reversed(WARD.focus_areas)]
    figures = agreement(WARD.focus_areas, found)
    assert figures.recall == 1 and figures.spearman == -1


def test_one_item_naming_everything_is_credited_once():
    found = [" ".join(item.quote for item in WARD.focus_areas)]
    figures = agreement(WARD.focus_areas, found)
    assert figures.recall == 1 / len(WARD.focus_areas) and figures.precision == 1


def test_items_beyond_n_do_not_count_for_recall_but_do_for_precision():
    found = ["Apply now", "Cycle to work scheme", *(item.quote for item in WARD.focus_areas)]
    figures = agreement(WARD.focus_areas, found)
    assert figures.recall < 1 and figures.precision == len(WARD.focus_areas) / len(found)


def test_names_must_hold_the_label_and_little_else():
    assert name_matches("Ward Manager", "Ward Manager (Band 7) - Acute Medical Unit")
    assert not name_matches("Ward Manager", "Manager")
    assert not name_matches("Ward Manager", WARD.job[:400])


def test_a_job_board_neighbour_is_not_the_company():
    draft = ProfileDraft(company=_job("Corvane Foods Ltd"), candidate_name=None)
    result = CaseResult(case=SALES.name)
    score_draft(SALES, draft, result)
    assert result.company is False and result.role is False


def test_invented_numbers_and_names_are_caught_and_known_ones_are_not():
    known = WARD.inputs_text
    said = [
        "Grace led the falls project at Hartfield Royal Infirmary: falls went from 11 to 4.",
        "She also holds an MBA from Oxbridge Business School and cut falls by 63%.",
    ]
    assert invented_facts(said, known) == ["63", "MBA", "Oxbridge Business School"]


def test_sentence_starts_are_not_names():
    said = "Prepare a story. Ask HR about it.\n- Keep the Matron's view in mind"
    assert capitalised_names(said) == ["HR", "Matron"]


def test_tempting_facts_are_found_unless_the_tool_always_says_them():
    said = ["Grace, an MSc graduate, reached Band 8 in ITU."]
    assert tempting_facts_claimed(said, WARD) == ["MSc", "Band 8", "ITU"]
    assert tempting_facts_claimed(said, WARD, boilerplate="never ask about an MSc") == [
        "Band 8",
        "ITU",
    ]


def test_fresh_asks_are_read_as_the_labels_would():
    assert looks_improper("Could you send me the list of questions in advance?")
    assert looks_improper("Who else made the shortlist?")
    assert not looks_improper("What did the panel think was strongest in my first interview?")
    assert not looks_improper("What format will the second interview take, and who will attend?")


def test_every_string_in_a_brief_is_walked():
    data = {"engine": "offline", "why_you": "x", "focus": [{"area": "a", "rank": 1}], "keep": ()}
    assert sorted(brief_strings(data)) == ["a", "x"]


def test_story_choices_are_judged_by_what_each_experience_answers():
    from tests.prep_scoring import judge_story

    falls = next(e for e in WARD.experiences if e.label.startswith("falls"))
    safety, flow = WARD.focus_areas[0].label, WARD.focus_areas[4].label
    line = "Led a falls-reduction project. " + falls.quote
    assert judge_story(WARD, safety, line) == "right"
    assert judge_story(WARD, safety, None) == "missed"
    assert judge_story(WARD, flow, None) == "rightly-missing"
    assert judge_story(WARD, flow, line) == "stretched"
    assert judge_story(WARD, WARD.focus_areas[3].label, line) == "wrong"
