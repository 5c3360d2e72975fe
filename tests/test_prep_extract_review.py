"""Review findings on the offline draft, each held by a case that failed before its fix:
section labels and 'none' in notes, PDF CVs without bullet glyphs, a summary right under the
name heading, post-nominal letters, and the wording of the summary and paste prompts."""

from pathlib import Path

from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.prep.documents import resolve_input
from interviewer.prep.draft import ProfileDraft, Sourced
from interviewer.prep.extract import find_background, find_candidate_name, find_experiences
from interviewer.prep.profile_new import found_fields
from interviewer.prep.round_one import round_one_findings
from tests.prep_files import write_docx

DATA = Path(__file__).resolve().parent / "data"
MWANGI_PDF = DATA / "cv_formats" / "mwangi_cv.pdf"  # printed by Chromium from mwangi_cv.html
CONTROLLER_PDF = DATA / "prep" / "financial_controller" / "cv.pdf"
SUMMARY = (
    "Civil engineer and project manager with twelve years on highways and drainage schemes "
    "for local authorities, most recently running a team of nine on a £14m town centre "
    "regeneration programme."
)


def _values(items) -> list[str]:
    return [item.value for item in items]


def _pdf_text(path: Path) -> str:
    return resolve_input(str(path), option="--cv", read_stdin=lambda: "").text


def test_a_label_none_and_a_pronoun_are_never_round_one_items():
    notes = (
        "Strengths: clear communicator, good examples.\nConcerns: none really; they liked you.\n"
    )
    strengths, concerns = round_one_findings(notes)
    assert _values(strengths) == ["clear communicator", "good examples"]
    assert _values(concerns) == []


def test_no_concerns_and_a_label_alone_give_nothing():
    strengths, concerns = round_one_findings("Concerns: no concerns.\nThey liked you.\n")
    assert _values(concerns) == [] and "you" not in _values(strengths)


def test_a_pdf_cv_gives_one_experience_per_achievement_line():
    for path, first in ((MWANGI_PDF, "Delivered the £14m"), (CONTROLLER_PDF, "Shortened")):
        text = _pdf_text(path)
        experiences = _values(find_experiences(text))
        assert any(e.startswith(first) for e in experiences), experiences
        assert len(experiences) >= 5
        assert all(len(e.split()) <= 60 for e in experiences), experiences
        assert not any(" - " in e or "(20" in e for e in experiences), experiences


def test_a_pdf_cv_background_has_no_name_line_and_no_job():
    background = find_background(_pdf_text(MWANGI_PDF))
    assert background is not None and background.value == SUMMARY


def test_a_markdown_summary_right_under_the_name_heading_is_found():
    cv = f"# Daniel Mwangi CEng MICE\n\n{SUMMARY}\n\n## Experience\n\n- Led a team of nine.\n"
    background = find_background(cv)
    assert background is not None and background.value == SUMMARY


def test_a_docx_summary_right_under_the_name_heading_is_found(tmp_path):
    path = write_docx(tmp_path / "cv.docx", heading="Daniel Mwangi CEng MICE",
                      paragraphs=[SUMMARY], bullets=["Cut incidents from six to one a year."])  # fmt: skip
    text = resolve_input(str(path), option="--cv", read_stdin=lambda: "").text
    background = find_background(text)
    assert background is not None and background.value == SUMMARY


def test_post_nominal_letters_are_dropped_from_the_name():
    for cv in ("# Daniel Mwangi CEng MICE\n", "Daniel Mwangi CEng MICE\n", _pdf_text(MWANGI_PDF)):
        name = find_candidate_name(cv)
        assert name is not None and name.value == "Daniel Mwangi"
    assert find_candidate_name("Anna Mary McKay\n").value == "Anna Mary McKay"


def test_the_summary_counts_in_english():
    one = (Sourced(value="audit work", source="notes", quote="audit work"),)
    found = found_fields(ProfileDraft(strengths=one, concerns=one + one))
    assert "1 strength" in found and "2 concerns" in found


def test_the_paste_prompt_names_what_is_missing():
    result = CliRunner().invoke(cli, ["profile", "new", "--ask", "-o", "-"], input="\n" * 20)
    assert "No job ad given." in result.output and "No CV given." in result.output
    assert "No the" not in result.output and "No your" not in result.output


def test_a_focus_phrase_never_dangles_or_leaves_a_bracket_open():
    from interviewer.prep.focus import focus_phrase

    assert focus_phrase(
        "Deliver a portfolio of highway and drainage improvement projects worth £20m"
    ) == ("portfolio of highway and drainage improvement projects")
    assert focus_phrase("Keep our residents and their families at the heart of every decision") == (
        "residents and their families"
    )
    assert focus_phrase("You will own programme, cost and quality on every scheme") == (
        "own programme, cost and quality"
    )
    assert focus_phrase("engineers) that runs our cloud infrastructure") == (
        "engineers that runs our cloud infrastructure"
    )
