"""`interviewer prep`: stories matched by meaning, their gaps, the brief's parts, every format, the CLI."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.grading.grounding import invented_facts
from interviewer.prep.build import build_brief
from interviewer.prep.render import FORMATS, render_brief
from interviewer.prep.stories import match_stories, read_story
from interviewer.profile import Candidate, FirstRound, InterviewerPersona, Profile, load_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def nurse(**candidate) -> Profile:
    return Profile(
        role="Charge Nurse",
        company="St. Brendan's Hospital",
        focus_areas=["patient safety", "staff retention", "handover quality"],
        first_round=FirstRound(
            strengths=["calm under pressure"],
            concerns=["little experience handling conflict between staff", "answers ran long"],
        ),
        candidate=Candidate(**candidate),
    )


# --- gaps: what a story lacks, on real CV sentences ----------------------------------------


@pytest.mark.parametrize(
    ("line", "lacks"),
    [
        ("Led the move of 140 services to Kubernetes in 2023 and cut the AWS bill by 22%.", ()),
        (
            "I rebuilt the night handover checklist, and missed medication checks fell from 9 to 2 a month.",
            (),
        ),
        ("Led a hospital-wide handover redesign.", ("result", "figure")),
        ("Managed a budget of EUR 2m.", ("result",)),
        ("Responsible for onboarding new staff.", ("episode", "result", "figure")),
        ("Preceptor for new graduates since 2021.", ("episode", "result", "figure")),
        ("Cut onboarding from 6 weeks to 3 by pairing each new nurse with a preceptor.", ()),
        (
            "Senior account executive at Fjord Metrics, 118% of quota in 2024, closed the "
            "company's largest mid-market deal (EUR 410k ARR).",
            (),
        ),
    ],
)
def test_a_story_lacks_what_its_sentence_does_not_hold(line, lacks):
    assert read_story(line).lacks == lacks


def test_a_year_dates_a_story_but_is_no_figure():
    assert (
        "figure" in read_story("In 2022 I redesigned the ward's handover and it went well.").lacks
    )


# --- matching by meaning ---------------------------------------------------------------------


def test_each_target_gets_the_story_on_its_subject_by_meaning():
    profile = nurse(
        experiences=[
            "Rebuilt the night handover sheet with the ward team, and missed checks fell from 9 to 2 a month.",
            "Cut agency spend by 30% in 2023 by running a bank of our own nurses.",
            "Mediated a rota dispute between two senior nurses that had split the night team.",
        ]
    )
    found = {m.target: m for m in match_stories(profile)}
    assert found["handover quality"].experience.startswith("Rebuilt the night handover")
    assert found["handover quality"].readiness == "ready"
    assert found["patient safety"].experience.startswith("Rebuilt")  # missed checks: a paraphrase
    conflict = found["little experience handling conflict between staff"]
    assert conflict.experience.startswith("Mediated") and conflict.readiness == "thin"
    assert conflict.lacks == ("result",)  # "two senior nurses" sizes it; nothing says what changed
    assert found["staff retention"].readiness == "missing"
    assert found["staff retention"].experience is None


def test_a_concern_about_manner_gets_manner_advice_not_a_story():
    (style,) = [m for m in match_stories(nurse()) if m.target == "answers ran long"]
    assert style.experience is None and style.kind == "concern"
    assert "how you answer" in style.advice


def test_focus_areas_come_first_in_the_profiles_order_then_concerns():
    matches = match_stories(nurse())
    assert [m.kind for m in matches] == ["focus"] * 3 + ["concern"] * 2
    assert [m.target for m in matches[:3]] == [
        "patient safety",
        "staff retention",
        "handover quality",
    ]


def test_background_sentences_count_as_experiences_even_when_hard_wrapped():
    profile = load_profile(ROOT / "examples" / "platform-director.toml")
    (cost,) = [m for m in match_stories(profile) if m.target == "cloud cost control"]
    assert cost.readiness == "ready"
    assert cost.experience == (
        "Led the move of 140 services to Kubernetes in 2023 and cut the AWS bill by 22%."
    )


def test_advice_quotes_the_candidates_own_words_and_names_what_to_add():
    profile = nurse(experiences=["Led a hospital-wide handover redesign."])
    (handover,) = [m for m in match_stories(profile) if m.target == "handover quality"]
    assert '"Led a hospital-wide handover redesign"' in handover.advice
    assert "the result" in handover.advice and "a figure" in handover.advice


# --- the brief's parts --------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_focus_area_gets_two_or_three_questions_in_rank_order(path):
    profile = load_profile(path)
    brief = build_brief(profile)
    assert [f.area for f in brief.focus] == profile.focus_areas
    assert [f.rank for f in brief.focus] == [1, 2, 3]
    for area in brief.focus:
        assert 2 <= len(area.likely_questions) <= 3
        assert all("{" not in q for q in area.likely_questions)
    every = [q for f in brief.focus for q in f.likely_questions]
    assert len(every) == len(set(every))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_why_you_invents_no_fact(path):
    profile = load_profile(path)
    draft = build_brief(profile).why_you
    assert invented_facts(draft, _facts(profile)) == []
    assert "[" in draft  # a gap is left to fill, not papered over


def _facts(profile: Profile) -> str:
    parts = [profile.role, profile.company, *profile.focus_areas, *profile.first_round.strengths]
    return " ".join(filter(None, [*parts, profile.candidate_facts()]))


def test_why_you_brackets_what_a_story_lacks_and_quotes_the_rest():
    profile = nurse(experiences=["Led a hospital-wide handover redesign."])
    draft = build_brief(profile).why_you
    assert "Led a hospital-wide handover redesign [the result" in draft
    assert "On patient safety: [a time you did this yourself" in draft


def test_keep_and_register_follow_the_profile():
    profile = load_profile(ROOT / "examples" / "sales-manager.toml")
    brief = build_brief(profile)
    assert any("consistent quota attainment" in line for line in brief.keep)
    assert any("Marco Bellini (Chief Revenue Officer)" in line for line in brief.register)
    assert any("relaxed" in line for line in brief.register)


def test_hr_is_asked_about_each_substantive_concern_but_not_about_manner():
    brief = build_brief(nurse())
    assert any("conflict between staff" in line for line in brief.ask_hr)
    assert not any("answers ran long" in line for line in brief.ask_hr)


def test_an_empty_profile_still_gives_a_brief_that_says_what_to_fill_in():
    brief = build_brief(Profile())
    assert brief.focus == () and brief.stories == ()
    assert brief.ask_hr and brief.do_not_ask and brief.register
    said = " ".join(brief.notices)
    assert "focus_areas" in said and "experiences" in said and "[first_round]" in said
    text = render_brief(brief, "text")
    assert "Notes on this brief" in text and "{" not in text


def test_cv_lines_join_the_profiles_experiences():
    brief = build_brief(
        nurse(), extra_experiences=["Cut nurse turnover on the ward from 30% to 12% in two years."]
    )
    (retention,) = [s for s in brief.stories if s.target == "staff retention"]
    assert retention.experience == "Cut nurse turnover on the ward from 30% to 12% in two years."
    assert retention.readiness == "ready"


# --- rendering ---------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) \x1b]52;c;aGk=\x07"


def hostile_profile() -> Profile:
    return Profile(
        role=f"Head of {HOSTILE}",
        company="Evil & Co",
        focus_areas=[f"patient safety {HOSTILE}"],
        interviewer=InterviewerPersona(name=HOSTILE, title="CNO", tone="formal"),
        first_round=FirstRound(strengths=[HOSTILE], concerns=[HOSTILE]),
        candidate=Candidate(experiences=[f"Cut missed checks from 9 to 2 {HOSTILE}"]),
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_format_renders_every_part(path, fmt):
    brief = build_brief(load_profile(path))
    output = render_brief(brief, fmt)
    for text in (brief.focus[0].area, brief.ask_hr[0], brief.do_not_ask[0]):
        assert text.replace('"', "&#34;").split(" ")[0] in output
    if fmt == "json":
        assert json.loads(output)["why_you"] == brief.why_you


def test_text_shows_the_weakest_stories_first_and_fits_a_screen():
    text = render_brief(
        build_brief(load_profile(ROOT / "examples" / "platform-director.toml")), "text"
    )
    order = [text.index(f"[{level}]") for level in ("missing", "thin", "ready")]
    assert order == sorted(order)
    assert len(text.splitlines()) <= 65


def test_html_with_a_hostile_profile_stays_inert():
    page = render_brief(build_brief(hostile_profile()), "html")
    assert "<script>" not in page and "<img" not in page and "\x1b" not in page
    assert "&lt;script&gt;" in page and "Evil &amp; Co" in page
    assert "href" not in page and "<a " not in page  # no link, whatever the profile says


def test_markdown_and_text_with_a_hostile_profile_stay_inert():
    brief = build_brief(hostile_profile())
    markdown = render_brief(brief, "markdown")
    assert re.search(r"(?<!\\)<(script|img)", markdown) is None and "\\<script>" in markdown
    assert "](javascript:" not in markdown and "\x1b" not in markdown
    assert "\x1b" not in render_brief(brief, "text") and "\x07" not in render_brief(brief, "text")


# --- the command line ---------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli, ["prep", *args], catch_exceptions=False)


def test_prep_prints_the_brief_for_an_example_profile():
    result = run("--profile", str(ROOT / "examples" / "charge-nurse.toml"), "--offline")
    assert result.exit_code == 0, result.output
    assert "Round-two brief: Charge Nurse" in result.output
    assert "[missing] focus: patient safety" in result.output
    assert "Do not ask" in result.output


def test_prep_writes_each_format_to_a_file(tmp_path):
    for fmt in ("markdown", "html", "json"):
        out = tmp_path / f"brief.{fmt}"
        result = run(
            "-p", str(ROOT / "examples" / "sales-manager.toml"), "--format", fmt, "-o", str(out)
        )
        assert result.exit_code == 0, result.output
        assert "Brightwater Analytics" in out.read_text(encoding="utf-8")


def test_prep_reads_achievement_lines_from_a_cv(tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(
        "Alex Lindqvist\nSkills: Salesforce, MEDDICC\n"
        "- Grew net revenue retention from 96% to 112% across 40 accounts in 2024.\n",
        encoding="utf-8",
    )
    result = run(
        "-p", str(ROOT / "examples" / "sales-manager.toml"), "--cv", str(cv), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    (nrr,) = [
        s for s in json.loads(result.output)["stories"] if s["target"] == "net revenue retention"
    ]
    assert (
        nrr["experience"].startswith("Grew net revenue retention") and nrr["readiness"] == "ready"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-p", "missing.toml"], "profile missing.toml: no such file"),
        (["-p", "{examples}/sales-manager.toml", "--cv", "nope.txt"], "CV nope.txt: no such file"),
        (
            ["-p", "{examples}/sales-manager.toml", "-o", "{examples}/sales-manager.toml"],
            "would destroy it",
        ),
        (["-p", "{examples}/sales-manager.toml", "-o", "{examples}"], "is a folder"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(args, said):
    args = [a.replace("{examples}", str(ROOT / "examples")) for a in args]
    result = CliRunner().invoke(cli, ["prep", *args])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert said in line and "Traceback" not in result.output


def test_the_profile_is_unchanged_after_a_refused_overwrite(tmp_path):
    profile = tmp_path / "p.toml"
    original = (ROOT / "examples" / "sales-manager.toml").read_text(encoding="utf-8")
    profile.write_text(original, encoding="utf-8")
    assert CliRunner().invoke(cli, ["prep", "-p", str(profile), "-o", str(profile)]).exit_code == 2
    assert profile.read_text(encoding="utf-8") == original


def test_an_unreadable_cv_is_one_line(tmp_path):
    cv = tmp_path / "cv.bin"
    cv.write_bytes(b"\xff\xfe\x00garbage\x81")
    result = CliRunner().invoke(
        cli, ["prep", "-p", str(ROOT / "examples" / "sales-manager.toml"), "--cv", str(cv)]
    )
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_with_an_endpoint_the_model_reads_the_cv_lines_too(llm_server, tmp_path):
    """The seam: an endpoint hands the offline brief and the CV's lines to the LLM builder."""
    from tests.llm_server import Reply

    llm_server.enqueue(Reply.text("not json"), Reply.text("still not json"))
    cv = tmp_path / "cv.txt"
    cv.write_text("Grew net revenue retention from 96% to 112% across 40 accounts.\n")
    result = run(
        "-p", str(ROOT / "examples" / "sales-manager.toml"), "--cv", str(cv), "--format", "json",
        "--base-url", llm_server.base_url, "--model", "test-model", "--api-key", "sk-test-key",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    asked = json.dumps(llm_server.chat_requests())
    assert "Grew net revenue retention from 96% to 112%" in asked
    brief = json.loads(result.output)
    assert brief["engine"] == "offline" and brief["notices"]  # the model's reply was unusable
    assert any(s["experience"] and s["experience"].startswith("Grew net") for s in brief["stories"])
