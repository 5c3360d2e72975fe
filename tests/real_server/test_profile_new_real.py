"""`interviewer profile new` against llama-cpp-python's real server and SmolLM2-135M.

A 135M model extracts little or nothing; the point is honesty, not quality: whatever the real
model says, the profile parses, every item in it quotes the document it names, round one's
verdicts come only from the notes, and no number or name appears that the documents lack.
"""

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.grading.grounding import is_grounded
from interviewer.prep import extract_llm
from interviewer.prep.draft import PrepInputs, ProfileDraft
from interviewer.profile import load_profile
from tests.prep_scoring import invented_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "prep"
FILES = ("job-ad.txt", "cv.md", "round-one-notes.txt", "hr-feedback.txt")


@pytest.fixture
def drafts(monkeypatch) -> list[ProfileDraft]:
    seen: list[ProfileDraft] = []
    real = extract_llm.draft_profile_with_llm

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(extract_llm, "draft_profile_with_llm", spy)
    return seen


def test_a_real_model_drafts_a_profile_holding_only_what_the_documents_say(
    real_env, monkeypatch, tmp_path, drafts
):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "300")
    job, cv, notes, hr = (EXAMPLES / name for name in FILES)
    out = tmp_path / "p.toml"
    started = time.monotonic()
    result = CliRunner().invoke(
        cli,
        [
            "profile",
            "new",
            "--job",
            str(job),
            "--cv",
            str(cv),
            "--notes",
            str(notes),
            "--notes",
            str(hr),
            "-o",
            str(out),
        ],  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    profile = load_profile(out)  # parses, and practice/critique take it as it is
    (draft,) = drafts
    inputs = PrepInputs(
        job=job.read_text("utf-8"), cv=cv.read_text("utf-8"),
        notes=(notes.read_text("utf-8"), hr.read_text("utf-8")),
    )  # fmt: skip
    items = [
        *filter(None, (draft.role, draft.company, draft.interviewer_name, draft.interviewer_title,
                       draft.candidate_name, draft.background)),
        *draft.focus_areas, *draft.strengths, *draft.concerns, *draft.experiences,
    ]  # fmt: skip
    assert items, "neither the model nor the rules found anything in the example documents"
    for item in items:
        assert is_grounded(item.quote, (inputs.text_of(item.source),)), item
    assert all(item.source == "notes" for item in (*draft.strengths, *draft.concerns))
    known = "\n".join(filter(None, (inputs.job, inputs.cv, *inputs.notes)))
    values = [item.value for item in items]
    assert invented_facts(values, known) == [], values
    assert profile.focus_areas == [item.value for item in draft.focus_areas]
    print(f"profile new: {time.monotonic() - started:.0f} s; notices: {draft.notices}")
