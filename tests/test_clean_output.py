"""Clean output: no text a model, a profile or a log supplies can drive the terminal, and Markdown output
shows hostile HTML and links as plain text when a real CommonMark renderer (HTML on) displays it."""

import json
import re

import pytest

from interviewer.guidance import CRITERION_IDS
from interviewer.terminal_text import for_terminal
from tests.fake_llm_brain import Brain
from tests.llm_server import Reply
from tests.practice_helpers import STRONG, blocks, only_session, run

TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x1b\\"
HIDDEN = "\x1b[8mrm -rf ~\x1b[0m"
C1_CSI = "\x9b2J"
BIDI = "\u202eevil\u202c"
CONTROLS = "\r\x08\x00\x7f"
HOSTILE = f"{TITLE}{CLIPBOARD}{HIDDEN}{C1_CSI}{BIDI}{CONTROLS}"
TERMINAL_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

HTML_ATTACK = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [prize](javascript:alert(3)) "
    "![t](https://tracker.example/p.png) <https://phish.example> www.phish.example "
    "\\<b>escaped</b> [ref]: https://phish.example/ref"
)


def assert_terminal_safe(text: str) -> None:
    found = TERMINAL_CONTROL.findall(text)
    assert not found, found


@pytest.mark.parametrize("sequence", [TITLE, CLIPBOARD, HIDDEN, C1_CSI, BIDI, CONTROLS])
def test_each_kind_of_control_is_removed_and_the_words_kept(sequence):
    cleaned = for_terminal(f"before {sequence} after\n\tnext")
    assert_terminal_safe(cleaned)
    assert cleaned.startswith("before ") and cleaned.endswith(" after\n\tnext")


def test_streamed_executive_turns_reach_the_terminal_clean(llm_env):
    brain = Brain(turn_prefix=HOSTILE)
    llm_env.responder = brain
    result = run("practice", "--questions", "1", input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert_terminal_safe(result.stdout.replace("\n", "").replace("\t", ""))
    assert_terminal_safe(result.stderr.replace("\n", ""))
    assert "pwned" not in result.output and "Y3VybCBldmlsLnNofHNo" not in result.output


def hostile_grade() -> dict:
    return {
        "criteria": [
            {
                "id": cid,
                "score": 3 if cid == CRITERION_IDS[0] else None,
                "evidence": ["I led the move of 140 services"] if cid == CRITERION_IDS[0] else [],
                "comment": f"Good {HOSTILE} {HTML_ATTACK}",
                "suggestion": f"Lead with {HIDDEN} the result {HTML_ATTACK}",
            }
            for cid in CRITERION_IDS
        ],
        "strengths": [f"Concrete {TITLE}"],
        "improvements": [f"Shorter {CLIPBOARD} {HTML_ATTACK}"],
        "improved_answer": None,
        "verdict": "adequate",
    }


ANSWER = (
    "At Lumen Retail I led the move of 140 services to Kubernetes in 2023. I set the order myself "
    "and the AWS bill fell 22% that year."
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_critique_comments_from_a_model_reach_the_terminal_clean(llm_env, fmt):
    llm_env.enqueue(Reply.json(hostile_grade()))
    result = run("critique", "-q", "Why you?", "-a", ANSWER, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Good" in result.stdout
    assert_terminal_safe(result.stdout.replace("\n", "").replace("\t", ""))


def test_profile_fields_never_reach_the_sessions_listing_raw(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text(
        f"role = {json.dumps('CFO' + TITLE)}\ncompany = {json.dumps('Acme' + HIDDEN + BIDI)}\n"
    )
    result = run("practice", "-n", "1", "-p", str(profile), input=blocks(STRONG, "no"))
    assert result.exit_code == 0, result.output
    assert_terminal_safe(result.output.replace("\n", "").replace("\t", ""))
    listing = run("sessions")
    assert "CFO" in listing.stdout
    assert_terminal_safe(listing.stdout.replace("\n", ""))
    report = run("report", only_session().session_id)
    assert_terminal_safe(report.stdout.replace("\n", "").replace("\t", ""))


# -- Markdown ---------------------------------------------------------------------------------------


def rendered_html(markdown: str) -> str:
    """What a permissive viewer shows: CommonMark with raw HTML allowed and bare URLs linked."""
    markdown_it = pytest.importorskip("markdown_it", reason="pip install -e '.[test]'")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": True})
    return renderer.enable(["linkify", "table"]).render(markdown)


def assert_inert(html: str) -> None:
    assert "<script" not in html and "<img" not in html, html
    assert not re.search(r"<[^>]*\bonerror\s*=", html), html
    links = re.findall(r'<a href="([^"]*)"', html)
    assert not [link for link in links if "example" in link or link.startswith("javascript")]


def test_critique_markdown_shows_hostile_html_and_links_as_text(llm_env):
    llm_env.enqueue(Reply.json(hostile_grade()))
    answer = f"{ANSWER} {HTML_ATTACK}"
    result = run("critique", "-q", "Why you?", "-a", answer, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "alert(1)" in result.stdout  # shown, as text
    assert_inert(rendered_html(result.stdout))


def test_report_markdown_shows_hostile_answers_as_text(tmp_path):
    result = run("practice", "-n", "1", input=blocks(f"{STRONG} {HTML_ATTACK}", "no"))
    assert result.exit_code == 0, result.output
    session_id = only_session().session_id
    out = tmp_path / "report.md"
    assert run("report", session_id, "-o", str(out)).exit_code == 0
    markdown = out.read_text()
    assert "onerror=alert(2)" in markdown  # the candidate's words are all there
    assert_inert(rendered_html(markdown))
    assert_inert(rendered_html(result.stdout))
