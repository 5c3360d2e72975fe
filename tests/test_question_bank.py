"""The question bank is well-formed, and plans fit the profile: concerns, focus areas, order."""

import random
import re
from collections import Counter

import pytest

from interviewer.executive import question_bank
from interviewer.executive.question_bank import (
    KINDS,
    MAX_PLAN,
    PLACEHOLDERS,
    company_phrase,
    fill,
    load_bank,
    plan_questions,
    role_phrase,
    tokens,
)
from interviewer.guidance import CRITERION_IDS
from interviewer.profile import Profile

FULL = Profile.model_validate(
    {
        "role": "Head of Data Platform",
        "company": "Northwind Freight",
        "focus_areas": ["data platform", "cost control"],
        "interviewer": {"name": "Dana Reyes", "title": "Chief Operating Officer"},
        "first_round": {
            "strengths": ["clear communicator"],
            "concerns": ["limited experience managing managers", "has not owned a large budget"],
        },
        "candidate": {"name": "Sam Lee"},
    }
)
EMPTY = Profile()


def values_for(profile: Profile) -> dict[str, str]:
    areas = profile.focus_areas or ["stakeholder management"]
    concerns = profile.first_round.concerns or ["thin evidence of hiring"]
    return {
        "role": role_phrase(profile),
        "company": company_phrase(profile),
        "focus": areas[0],
        "concern": concerns[0],
    }


# --- the bank ------------------------------------------------------------------------------------


def test_bank_is_large_enough_and_ids_are_unique_kebab_case():
    bank = load_bank()
    ids = [q.id for q in bank]
    assert len(bank) >= 40
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_question_uses_known_criteria_kinds_and_placeholders():
    for question in load_bank():
        assert question.criteria and set(question.criteria) <= set(CRITERION_IDS), question.id
        assert question.kind in KINDS, question.id
        assert question.placeholders <= set(PLACEHOLDERS), question.id


def test_every_criterion_but_follows_lead_is_tested_several_times():
    counts = Counter(c for q in load_bank() for c in q.criteria)
    for criterion in CRITERION_IDS:
        if criterion != "follows_lead":
            assert counts[criterion] >= 3, criterion


def test_every_kind_is_represented():
    assert {q.kind for q in load_bank()} == set(KINDS)


def test_gap_questions_can_name_a_concern_and_some_work_without_one():
    gaps = [q for q in load_bank() if q.kind == "gap"]
    assert sum("concern" in q.placeholders for q in gaps) >= 5
    assert any(not q.placeholders & {"concern", "focus"} for q in gaps)


@pytest.mark.parametrize("profile", [FULL, EMPTY], ids=["full", "empty"])
def test_every_question_renders_and_asks_something(profile):
    values = values_for(profile)
    for question in load_bank():
        text = fill(question.text, values)
        assert "{" not in text and "}" not in text, question.id
        assert text.endswith("?"), question.id
        assert "None" not in text, question.id


def test_placeholder_values_are_inserted_literally():
    values = {"role": "{company}", "company": "X", "concern": "{role}", "focus": "f"}
    assert fill("A {role} and {concern}.", values) == "A {company} and {role}."


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Head of Data", "the Head of Data role"),
        ("the Product Lead position", "the Product Lead position"),
        ("  VP   Sales. ", "the VP Sales role"),
        (None, "this role"),
    ],
)
def test_role_phrase_reads_as_a_noun_phrase(role, expected):
    assert role_phrase(Profile(role=role)) == expected


def test_tokens_ignore_case_plurals_and_filler():
    assert tokens("Costs of the Data Platforms") == {"cost", "data", "platform"}


BROKEN_ENTRIES = {
    "unknown kind": 'kind = "smalltalk"\ncriteria = ["most_qualified"]',
    "unknown criterion": 'kind = "gap"\ncriteria = ["charisma"]',
    "unknown placeholder": 'kind = "gap"\ncriteria = ["most_qualified"]\ntext = "Why {team}?"',
    "bad id": 'kind = "gap"\ncriteria = ["most_qualified"]\nid = "Bad_Id"',
}


@pytest.mark.parametrize("broken", BROKEN_ENTRIES.values(), ids=BROKEN_ENTRIES.keys())
def test_a_broken_bank_is_refused(broken, tmp_path, monkeypatch):
    defaults = {"id": '"fine-id"', "text": '"Why you?"'}
    lines = [f"{key} = {value}" for key, value in defaults.items() if f"{key} =" not in broken]
    (tmp_path / "questions.toml").write_text(
        "[[questions]]\n" + "\n".join(lines) + "\n" + broken + "\n", encoding="utf-8"
    )
    monkeypatch.setattr(question_bank, "prompts_dir", lambda: tmp_path)
    load_bank.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="fine-id|Bad_Id"):
            load_bank()
    finally:
        load_bank.cache_clear()


def test_duplicate_ids_are_refused(tmp_path, monkeypatch):
    entry = (
        '[[questions]]\nid = "same"\ntext = "Why?"\ncriteria = ["most_qualified"]\nkind = "gap"\n'
    )
    (tmp_path / "questions.toml").write_text(entry * 2, encoding="utf-8")
    monkeypatch.setattr(question_bank, "prompts_dir", lambda: tmp_path)
    load_bank.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="duplicate"):
            load_bank()
    finally:
        load_bank.cache_clear()


# --- plans ---------------------------------------------------------------------------------------


def bank_by_id():
    return {q.id: q for q in load_bank()}


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 12, 20])
@pytest.mark.parametrize("profile", [FULL, EMPTY], ids=["full", "empty"])
def test_plan_has_the_requested_size_and_no_repeats(profile, count):
    plan = plan_questions(profile, count, random.Random(count))
    assert len(plan) == count
    assert len({q.id for q in plan}) == count
    assert len({q.text for q in plan}) == count
    assert all("{" not in q.text and q.text.endswith("?") for q in plan)


@pytest.mark.parametrize("seed", range(10))
def test_plan_targets_every_concern(seed):
    plan = plan_questions(FULL, 6, random.Random(seed))
    for concern in FULL.first_round.concerns:
        aimed = [q for q in plan if q.concern == concern]
        assert aimed, concern
        assert all(concern in q.aim and "first_round_gaps" in q.criteria for q in aimed)


def test_concern_questions_take_at_most_half_the_plan():
    concerns = [f"concern number {word}" for word in "one two three four five six".split()]
    profile = Profile.model_validate({"first_round": {"concerns": concerns}})
    plan = plan_questions(profile, 6, random.Random(1))
    aimed = [q for q in plan if any(c in q.text for c in concerns)]
    assert len(aimed) == 3
    assert [c for c in concerns if any(c in q.text for q in aimed)] == concerns[:3]


@pytest.mark.parametrize("seed", range(10))
def test_plan_matches_focus_areas(seed):
    plan = plan_questions(FULL, 6, random.Random(seed))
    bank = bank_by_id()
    for area in FULL.focus_areas:
        matched = [q for q in plan if q.focus_area == area]
        assert matched, area
        question = bank[matched[0].id]
        tag_words = set().union(*(tokens(tag) for tag in question.focus)) | tokens(question.text)
        assert tag_words & tokens(area) or area in matched[0].text


def test_an_unusual_focus_area_is_named_in_a_question():
    profile = Profile(focus_areas=["quantum logistics"])
    plan = plan_questions(profile, 4, random.Random(2))
    assert any("quantum logistics" in q.text for q in plan)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("profile", [FULL, EMPTY], ids=["full", "empty"])
def test_plan_order_opens_sharp_and_ends_with_preparation(profile, seed):
    plan = plan_questions(profile, 8, random.Random(seed))
    kinds = [bank_by_id()[q.id].kind for q in plan]
    assert kinds[0] in ("differentiator", "priorities")
    assert "differentiator" in kinds
    assert "preparation" in kinds
    assert min(i for i, k in enumerate(kinds) if k == "preparation") >= len(kinds) // 2
    gap_positions = [i for i, k in enumerate(kinds) if k == "gap"]
    assert all(0 < i < len(kinds) - 1 for i in gap_positions)


def test_plan_mixes_kinds():
    plan = plan_questions(EMPTY, 10, random.Random(5))
    kinds = Counter(bank_by_id()[q.id].kind for q in plan)
    assert len(kinds) >= 6
    assert max(kinds.values()) <= 2


def test_plan_fills_role_and_company_from_the_profile():
    texts = " ".join(q.text for q in plan_questions(FULL, 20, random.Random(3)))
    assert "the Head of Data Platform role" in texts or "Northwind Freight" in texts
    assert "this role" not in texts and "the company" not in texts


def test_empty_profile_uses_neutral_phrases_and_skips_unfillable_questions():
    for seed in range(5):
        plan = plan_questions(EMPTY, 20, random.Random(seed))
        assert all(q.focus_area is None for q in plan)
        assert not any(bank_by_id()[q.id].placeholders & {"concern", "focus"} for q in plan)


def test_same_seed_same_plan_and_seeds_vary_the_plan():
    first = plan_questions(FULL, 8, random.Random(42))
    assert plan_questions(FULL, 8, random.Random(42)) == first
    plans = {tuple(q.id for q in plan_questions(FULL, 8, random.Random(s))) for s in range(10)}
    assert len(plans) > 1


def test_count_beyond_the_maximum_is_capped_and_zero_is_refused():
    assert len(plan_questions(FULL, MAX_PLAN + 30, random.Random(0))) == MAX_PLAN
    with pytest.raises(ValueError):
        plan_questions(FULL, 0, random.Random(0))


def test_a_single_question_is_a_differentiator():
    (only,) = plan_questions(FULL, 1, random.Random(0))
    assert bank_by_id()[only.id].kind == "differentiator"
    assert "most_qualified" in only.criteria


def test_every_plan_question_has_a_hidden_aim():
    for q in plan_questions(FULL, 12, random.Random(9)):
        assert q.aim and "?" not in q.aim
