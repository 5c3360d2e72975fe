from pathlib import Path

import pytest

from interviewer.errors import ExitCode, ProfileError
from interviewer.profile import Profile, load_profile, parse_profile

EXAMPLES = sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.toml"))


def test_there_are_realistic_example_profiles():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_profiles_load(path):
    profile = load_profile(path)
    assert profile.role and profile.company and profile.focus_areas
    assert profile.first_round.concerns


def test_every_field_is_optional():
    assert parse_profile("") == Profile()
    assert parse_profile('role = "CFO"').company is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('mood = "tense"', "unknown key 'mood'"),
        ('[interviewer]\nmood = "x"', "unknown key 'interviewer.mood'"),
        ("role = 3", "'role' must be text"),
        ('focus_areas = "cost"', "'focus_areas' must be a list"),
        ("focus_areas = [1]", "'focus_areas[0]' must be text"),
        (
            '[interviewer]\ntone = "grumpy"',
            "'interviewer.tone' must be one of formal, relaxed, shift",
        ),
        ('role = "unterminated', "not valid TOML"),
        ('role = "a"\ncompany = b', "line 2"),
    ],
)
def test_mistakes_are_named_in_one_line(text, expected):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="p.toml")
    message = str(caught.value)
    assert expected in message and message.startswith("p.toml: ")
    assert "\n" not in message
    assert caught.value.exit_code == ExitCode.BAD_INPUT


def test_missing_file_and_binary_file(tmp_path):
    with pytest.raises(ProfileError, match="no such file"):
        load_profile(tmp_path / "nope.toml")
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(binary)


def test_cv_experiences_are_part_of_the_candidates_own_facts():
    profile = parse_profile(
        '[candidate]\nbackground = "Nurse."\nexperiences = ["Cut falls on ward 4 by 30% in 2022"]\n'
    )
    assert profile.candidate.experiences == ["Cut falls on ward 4 by 30% in 2022"]
    assert "30%" in profile.candidate_facts()


def test_experiences_must_be_a_list_of_text():
    with pytest.raises(ProfileError, match="experiences"):
        parse_profile('[candidate]\nexperiences = "one long line"\n')
