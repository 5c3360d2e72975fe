"""The prep data models: what counts as missing, and which stories come first."""

from interviewer.prep.brief import Brief, StoryMatch
from interviewer.prep.draft import PrepInputs, ProfileDraft, Sourced


def _story(target: str, kind: str, readiness: str) -> StoryMatch:
    return StoryMatch(
        target=target, kind=kind, experience=None, lacks=(), readiness=readiness, advice=""
    )


def test_a_draft_names_what_it_could_not_find():
    role = Sourced(value="Ward manager", source="job ad", quote="Ward Manager")
    draft = ProfileDraft(role=role)
    assert "role" not in draft.missing()
    assert draft.missing()[:2] == ["company", "focus_areas"]


def test_inputs_join_several_notes():
    inputs = PrepInputs(job="ad", notes=("HR said x", "my notes"))
    assert inputs.text_of("notes") == "HR said x\n\nmy notes"
    assert inputs.text_of("CV") == ""


def test_missing_stories_come_before_thin_ones_and_concerns_before_focus_areas():
    stories = (
        _story("budget", "focus", "thin"),
        _story("hiring", "focus", "missing"),
        _story("ready one", "focus", "ready"),
        _story("managing managers", "concern", "missing"),
    )
    brief = Brief(
        role=None, company=None, focus=(), stories=stories, ask_hr=(), ask_contacts=(),
        do_not_ask=(), keep=(), register=(), why_you="",
    )  # fmt: skip
    assert [s.target for s in brief.weakest()] == ["managing managers", "hiring", "budget"]


def test_a_brief_carries_its_notices_into_json():
    brief = Brief(
        role=None, company=None, focus=(), stories=(), ask_hr=(), ask_contacts=(),
        do_not_ask=(), keep=(), register=(), why_you="", notices=("the model timed out",),
    )  # fmt: skip
    assert brief.to_dict()["notices"] == ("the model timed out",)
    plain = {k: v for k, v in brief.__dict__.items() if k != "notices"}
    assert Brief(**plain).notices == ()  # builders that have nothing to say need not say it
