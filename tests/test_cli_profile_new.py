"""`interviewer profile new` end to end: files, stdin, pasted text, PDF and DOCX, bad input,
an existing file, questions in a terminal, TODOs, and the result used by practice and critique."""

import json
from pathlib import Path

from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.profile import load_profile
from tests.prep_files import write_docx, write_pdf

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "prep"
EXAMPLE_ARGS = [
    "--job", str(EXAMPLES / "job-ad.txt"),
    "--cv", str(EXAMPLES / "cv.md"),
    "--notes", str(EXAMPLES / "round-one-notes.txt"),
    "--notes", str(EXAMPLES / "hr-feedback.txt"),
]  # fmt: skip


def _run(args, input=None):
    return CliRunner().invoke(cli, ["profile", "new", *args], input=input)


def test_the_readme_example_writes_a_full_profile(tmp_path):
    out = tmp_path / "p.toml"
    result = _run([*EXAMPLE_ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.role == "Director of Platform Engineering"
    assert profile.company == "Northwind Freight"
    assert profile.interviewer.name == "Priya Raman"
    assert profile.candidate.name == "Sam Okafor"
    assert "cloud costs" in profile.focus_areas[:3]
    assert any("budget" in concern for concern in profile.first_round.concerns)
    assert profile.candidate.experiences[0].startswith("Cut the AWS bill by 22%")
    assert "# TODO" not in out.read_text(encoding="utf-8")
    assert f"interviewer practice --profile {out}" in result.output
    assert "Found: role, company, 6 focus areas" in result.output


def test_without_notes_round_one_is_left_as_todo_never_guessed(tmp_path):
    out = tmp_path / "p.toml"
    result = _run(["--job", str(EXAMPLES / "job-ad.txt"), "--cv", str(EXAMPLES / "cv.md"),
                   "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.first_round.strengths == [] and profile.first_round.concerns == []
    text = out.read_text(encoding="utf-8")
    assert "# TODO: strengths:" in text and "# TODO: concerns:" in text
    assert (
        "To do (marked TODO in the file): strengths, concerns, round-two interviewer"
        in result.output
    )


def test_pdf_docx_stdin_and_pasted_text(tmp_path):
    ad = write_pdf(tmp_path / "ad.pdf", ["Job title: Charge Nurse", "Essential:",
                                         "- Must lead safe staffing on every shift"])  # fmt: skip
    cv = write_docx(tmp_path / "cv.docx", heading="Ada Mensah", paragraphs=[],
                    bullets=["Cut agency spend by 30% in a year"])  # fmt: skip
    out = tmp_path / "p.toml"
    notes = "HR said the panel liked my calm manner but wanted more on handling conflict."
    result = _run(["--job", str(ad), "--cv", str(cv), "--notes", "-", "--notes", notes,
                   "-o", str(out)], input="Round two is with Dr. Lee, the Chief Nursing Officer.\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.role == "Charge Nurse"
    assert profile.candidate.name == "Ada Mensah"
    assert profile.candidate.experiences == ["Cut agency spend by 30% in a year"]
    assert profile.first_round.strengths == ["calm manner"]
    assert profile.first_round.concerns == ["more on handling conflict"]
    assert profile.focus_areas == ["lead safe staffing on every shift"]


def test_output_to_stdout_parses(tmp_path):
    result = _run([*EXAMPLE_ARGS, "-o", "-"])
    assert result.exit_code == 0
    from interviewer.profile import parse_profile

    assert parse_profile(result.stdout).role == "Director of Platform Engineering"


def test_an_existing_file_is_never_replaced_without_force(tmp_path):
    out = tmp_path / "p.toml"
    out.write_text("# mine\n", encoding="utf-8")
    refused = _run([*EXAMPLE_ARGS, "-o", str(out)])
    assert refused.exit_code == 2
    assert "already exists" in refused.output and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "# mine\n"
    assert _run([*EXAMPLE_ARGS, "-o", str(out), "--force"]).exit_code == 0
    assert load_profile(out).role == "Director of Platform Engineering"


def test_bad_inputs_are_one_line_and_write_nothing(tmp_path):
    out = tmp_path / "p.toml"
    (tmp_path / "cv.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    cases = [
        (["--cv", str(tmp_path / "cv.doc")], "old Word .doc"),
        (["--job", "missing-ad.txt"], "--job missing-ad.txt: no such file"),
        (["--job", "-", "--cv", "-"], "only one of --job, --cv and --notes can be -"),
        (["--job", "-", "--ask"], "--ask reads your answers from standard input"),
    ]
    for args, says in cases:
        result = _run([*args, "-o", str(out)], input="x")
        assert result.exit_code == 2, result.output
        assert says in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert not out.exists()


def test_an_unwritable_output_keeps_the_draft_and_what_was_typed(tmp_path, isolated_home):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = _run(["--job", "We need a ward manager who can lead safe staffing", "--ask",
                   "-o", str(blocker / "p.toml")], input="\n\nSt. Brendan's\n" + "\n" * 12)  # fmt: skip
    assert result.exit_code == 2
    assert "cannot write" in result.output and "kept in" in result.output
    kept = next((isolated_home).rglob("drafts/*.json"))
    saved = json.loads(kept.read_text(encoding="utf-8"))
    assert "St. Brendan's" in json.dumps(saved["answers"])
    assert '= "St. Brendan\'s"  # as you typed it' in saved["profile"]


def test_in_a_terminal_missing_documents_can_be_pasted_and_gaps_are_asked(tmp_path):
    out = tmp_path / "p.toml"
    typed = "\n".join([
        "Job title: Ward Manager",  # the pasted job ad, ended by an empty line
        "",
        "",  # no CV pasted
        "HR said they liked my audit work.",  # the pasted notes
        "",
        "St. Brendan's Hospital",  # company
        "patient safety; staff retention",  # focus areas
        "",  # concerns skipped
        "Dr. Helen Achebe",
        "Chief Nursing Officer",
        "",  # name skipped
        "",
        "",
    ]) + "\n"  # fmt: skip
    result = _run(["--ask", "-o", str(out)], input=typed)
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.role == "Ward Manager"
    assert profile.company == "St. Brendan's Hospital"
    assert profile.focus_areas == ["patient safety", "staff retention"]
    assert profile.first_round.strengths == ["audit work"]
    assert profile.interviewer.name == "Dr. Helen Achebe"
    text = out.read_text(encoding="utf-8")
    assert "# TODO: concerns:" in text and "# TODO: candidate_name:" in text


def test_the_profile_works_unchanged_with_practice_and_critique(tmp_path):
    out = tmp_path / "p.toml"
    assert _run([*EXAMPLE_ARGS, "-o", str(out)]).exit_code == 0
    answers = (
        "At Lumen Retail I set a budget per team and moved batch jobs to spot instances; "
        "the AWS bill fell 22% in two quarters.\n\n"
        "I promoted two engineers to team leads and coached them weekly for six months.\n\n\n"
    )
    runner = CliRunner()
    practice = runner.invoke(cli, ["practice", "--profile", str(out), "--questions", "2",
                                   "--max-follow-ups", "0", "--seed", "1"], input=answers)  # fmt: skip
    assert practice.exit_code == 0, practice.output
    assert "Full report: interviewer report" in practice.output
    critique = runner.invoke(cli, ["critique", "-q", "How would you cut our cloud costs?",
                                   "--answer", answers.split("\n\n")[0], "--profile", str(out),
                                   "--format", "json"])  # fmt: skip
    assert critique.exit_code == 0, critique.output
    assert json.loads(critique.stdout)["verdict"] in {"strong", "adequate"}


def test_ctrl_c_in_the_middle_of_a_paste_keeps_the_lines_typed(
    tmp_path, isolated_home, monkeypatch
):
    import interviewer.cli

    def ctrl_c() -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(interviewer.cli, "_more_input_waiting", ctrl_c)  # reached on a blank line
    out = tmp_path / "p.toml"
    pasted = "Ward manager, St. Brendan's\nLead safe staffing across three wards\n\n"
    result = _run(["--ask", "--offline", "-o", str(out)], input=pasted)
    assert result.exit_code == 130, result.output
    assert "kept in" in result.output and not out.exists()
    kept = next(isolated_home.rglob("drafts/*.json"))
    saved = json.loads(kept.read_text(encoding="utf-8"))
    assert saved["job"] == "Ward manager, St. Brendan's\nLead safe staffing across three wards"
