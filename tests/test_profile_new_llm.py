"""`interviewer profile new` with an endpoint configured, over HTTP to the scripted server: the
model drafts, what the documents do not bear out is dropped and said, the profile parses, and
`--offline`, a failing model and a rejected key each behave as the README says."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.grading.grounding import is_grounded
from interviewer.prep import extract_llm
from interviewer.prep.draft import PrepInputs, ProfileDraft
from interviewer.profile import load_profile
from tests.llm_server import Reply

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "prep"
DOCUMENTS = {
    "job": EXAMPLES / "job-ad.txt",
    "cv": EXAMPLES / "cv.md",
    "notes": EXAMPLES / "round-one-notes.txt",
    "hr": EXAMPLES / "hr-feedback.txt",
}
ARGS = [
    *("--job", str(DOCUMENTS["job"]), "--cv", str(DOCUMENTS["cv"])),
    *("--notes", str(DOCUMENTS["notes"]), "--notes", str(DOCUMENTS["hr"])),
]


def item(value: str, source: str, quote: str) -> dict:
    return {"value": value, "source": source, "quote": quote}


REPLY = {
    "role": item("Director of Platform Engineering", "job ad", "Director of Platform Engineering"),
    "company": item("Northwind Freight", "job ad", "About Northwind Freight"),
    "focus_areas": [
        item("Reliability", "job ad", "Reliability and cost control are the two things"),
        item("Cloud costs", "job ad", "Take control of our cloud costs"),
        item("Growing engineering managers", "job ad", "Grow engineering managers"),
    ],
    "strengths": [item("Hands-on depth with AWS", "notes", "hands-on depth with AWS")],
    "concerns": [
        item("Owning a budget at director level", "notes", "owning a budget at director level"),
        item("No logistics background", "job ad", "Experience in logistics or transport"),
    ],
    "interviewer_name": item("Priya Raman", "notes", "Round two is with Priya Raman"),
    "interviewer_title": item("Chief Technology Officer", "notes", "Chief Technology Officer"),
    "candidate_name": item("Sam Okafor", "CV", "# Sam Okafor"),
    "background": None,
    "experiences": [
        item(
            "Cut the AWS bill by 22% in two quarters",
            "CV",
            "Cut the AWS bill by 22% in two quarters",
        ),
        item("Holds an MBA from INSEAD", "CV", "BSc Computer Science"),
    ],
}


def documents() -> PrepInputs:
    text = {name: path.read_text(encoding="utf-8") for name, path in DOCUMENTS.items()}
    return PrepInputs(job=text["job"], cv=text["cv"], notes=(text["notes"], text["hr"]))


def profile_new(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["profile", "new", *ARGS, *args], input=input)


@pytest.fixture
def drafts(monkeypatch) -> list[ProfileDraft]:
    """Every draft the LLM path returns, to check it against the documents."""
    seen: list[ProfileDraft] = []
    real = extract_llm.draft_profile_with_llm

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(extract_llm, "draft_profile_with_llm", spy)
    return seen


def sourced_items(draft: ProfileDraft) -> list:
    found = []
    for name in ("role", "company", "interviewer_name", "interviewer_title", "candidate_name",
                 "background", "focus_areas", "strengths", "concerns", "experiences"):  # fmt: skip
        value = getattr(draft, name)
        found += list(value) if isinstance(value, tuple) else [value] if value else []
    return found


def test_profile_new_drafts_with_the_model_and_drops_what_the_documents_do_not_say(
    llm_env, tmp_path, drafts
):
    llm_env.enqueue(Reply.json(REPLY))
    out = tmp_path / "p.toml"
    result = profile_new("-o", str(out))
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.focus_areas == ["Reliability", "Cloud costs", "Growing engineering managers"]
    assert profile.first_round.concerns == ["Owning a budget at director level"]
    assert profile.interviewer.name == "Priya Raman"
    assert profile.candidate.experiences == ["Cut the AWS bill by 22% in two quarters"]
    assert profile.candidate.background  # the model gave none: the rule-based draft's
    text = out.read_text(encoding="utf-8")
    assert "MBA" not in text and "INSEAD" not in text and "logistics background" not in text
    assert "Notice: the model's 2 unsupported items were dropped" in result.output
    assert "the model found no background; those come from the rule-based draft" in result.output
    (draft,) = drafts
    inputs = documents()
    for entry in sourced_items(draft):
        assert is_grounded(entry.quote, (inputs.text_of(entry.source),)), entry
    (body,) = llm_env.chat_requests()
    user = body["messages"][-1]["content"]
    assert re.search(r"<<<BEGIN CV (\w+)>>>\n# Sam Okafor\n", user)


def test_offline_never_calls_the_endpoint(llm_env, tmp_path):
    out = tmp_path / "p.toml"
    result = profile_new("--offline", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert llm_env.chat_requests() == [] and load_profile(out).role
    assert "offline" in result.output


def test_a_model_that_never_replies_usably_leaves_the_rule_based_profile(llm_env, tmp_path):
    offline = tmp_path / "offline.toml"
    assert profile_new("--offline", "-o", str(offline)).exit_code == 0
    llm_env.enqueue(Reply.text("Sure! Here is a profile."), Reply.json({"answer": "none"}))
    out = tmp_path / "p.toml"
    result = profile_new("-o", str(out))
    assert result.exit_code == 0, result.output
    assert load_profile(out) == load_profile(offline)
    assert (
        "Notice: the model's reply was unusable 2 times; this is the rule-based draft"
        in result.output
    )


def test_a_rejected_key_is_one_line_and_writes_nothing(llm_env, tmp_path):
    llm_env.enqueue(Reply.failure(401, "invalid key sk-test-secret-0000"))
    out = tmp_path / "p.toml"
    result = profile_new("-o", str(out))
    assert result.exit_code == 3
    assert not out.exists()
    assert "rejected the API key" in result.output and "Traceback" not in result.output
    assert "sk-test-secret-0000" not in result.output


def test_the_reply_is_read_whatever_json_mode_the_server_allows(llm_env, tmp_path):
    llm_env.flavour = "llama-cpp-python"
    llm_env.refuse_formats = {"json_schema"}
    llm_env.enqueue(Reply.json(REPLY))
    out = tmp_path / "p.toml"
    result = profile_new("-o", str(out))
    assert result.exit_code == 0, result.output
    assert load_profile(out).focus_areas[0] == "Reliability"
    modes = [(r.get("response_format") or {}).get("type") for r in llm_env.chat_requests()]
    assert modes == ["json_schema", "json_object"]
    assert "matching this JSON schema" in llm_env.chat_requests()[-1]["messages"][-1]["content"]
