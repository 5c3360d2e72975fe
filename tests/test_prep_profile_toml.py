"""The drafted profile file: it parses, it says where each value came from, and hostile text
cannot break it or add a key."""

import tomllib

import pytest

from interviewer.prep.draft import ProfileDraft, Sourced
from interviewer.prep.profile_toml import Answers, comment_text, render_profile_toml, toml_string
from interviewer.profile import parse_profile

HOSTILE = [
    'quote " and backslash \\ and triple """ quotes',
    "line\nbreak\r\nand tab\tand bell\x07 and escape \x1b[31m and DEL \x7f",
    "lone surrogate \ud800 here",
    '"]\n[interviewer]\ntone = "relaxed"\n# ',
    "x" * 5_000 + " " + "y " * 800,
    "trailing backslash \\",
    "\u2028line separator and \u202e reversed",
]


def _ad(value: str) -> Sourced:
    return Sourced(value=value, source="job ad", quote=value)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_exactly_and_adds_no_key(text):
    draft = ProfileDraft(
        role=_ad(text),
        focus_areas=(_ad(text),),
        concerns=(Sourced(value=text, source="notes", quote=text + "!"),),
        background=Sourced(value=text, source="CV", quote=text),
    )
    rendered = render_profile_toml(draft, todo=True, origin=f"job ad: {text}")
    profile = parse_profile(rendered)
    expected = text.replace("\ud800", "\ufffd")
    assert profile.role == expected
    assert profile.focus_areas == [expected]
    assert profile.first_round.concerns == [expected]
    assert profile.candidate.background == expected
    assert profile.interviewer.tone is None  # the injected [interviewer] tone never became a key


def test_toml_string_is_valid_for_every_control_character():
    text = "".join(chr(code) for code in range(0, 0x100))
    assert tomllib.loads(f"k = {toml_string(text)}")["k"] == text


def test_comments_are_one_safe_line_of_bounded_length():
    flat = comment_text("a\nb\r\x1b]0;title\x07\u2028" + "z" * 500)
    assert "\n" not in flat and "\x1b" not in flat and "\u2028" not in flat
    assert len(flat) <= 160


def test_each_value_says_where_it_came_from_and_missing_fields_say_what_to_do():
    draft = ProfileDraft(
        role=_ad("Ward Manager"),
        focus_areas=(
            Sourced(value="safe staffing", source="job ad", quote="Must lead safe staffing"),
        ),
    )
    text = render_profile_toml(draft, todo=True)
    assert '"safe staffing",  # job ad: “Must lead safe staffing”' in text
    assert 'role = "Ward Manager"  # from the job ad' in text
    for todo in ("company", "strengths", "concerns", "interviewer", "candidate_name", "background",
                 "experiences"):  # fmt: skip
        assert f"# TODO: {todo}:" in text
    assert "ask HR" in text
    assert "# TODO" not in render_profile_toml(draft, todo=False)
    parse_profile(render_profile_toml(draft, todo=False))


def test_typed_answers_fill_their_fields():
    answers = Answers(values={"company": "St. Brendan's", "interviewer_name": "Dr. Achebe"},
                      lists={"strengths": ("calm under pressure", "telemetry")})  # fmt: skip
    profile = parse_profile(render_profile_toml(ProfileDraft(), todo=True, answers=answers))
    assert profile.company == "St. Brendan's"
    assert profile.interviewer.name == "Dr. Achebe"
    assert profile.first_round.strengths == ["calm under pressure", "telemetry"]
