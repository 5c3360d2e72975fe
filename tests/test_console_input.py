"""Input as a person uses it: typos refused, editor answers shown back, drafts kept at Ctrl-C,
and piped input that finishes the interview with a report."""

import io
import sys

from interviewer.executive.offline import OfflineExecutive
from interviewer.grading.offline import OfflineGrader
from interviewer.profile import Profile
from interviewer.session.console import Console, Entry
from interviewer.session.interview import Interview
from interviewer.session.log import load_transcript
from interviewer.session.state import InterviewOptions
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

ONE_QUESTION = ("practice", "--seed", "2", "--questions", "1", "--max-follow-ups", "0")


def test_a_typo_command_is_refused_with_the_list_not_sent_as_the_answer():
    result = run(*ONE_QUESTION, input=blocks("/skp", STRONG, ""))
    assert result.exit_code == 0, result.output
    assert "/skp is not a command" in result.stderr and "/skip" in result.stderr
    answers = [e["text"] for e in events_of(only_session(), "answer")]
    assert answers == [STRONG]


def test_a_slash_inside_an_answer_is_still_an_answer():
    c = Console(stdin=io.StringIO("/usr/local is where it lives\n\n"), stdout=io.StringIO())
    assert c.read_entry() == Entry("text", "/usr/local is where it lives")


def test_when_piped_input_ends_the_interview_finishes_with_a_report():
    result = run("practice", "--seed", "2", "--questions", "3", input=blocks(STRONG))
    assert result.exit_code == 0, result.output
    log = only_session()
    assert events_of(log, "ended")[0]["reason"] == "input_ended"
    assert events_of(log, "report") and "Input ended; finishing" in result.stderr
    assert "interviewer resume" not in result.stderr


def test_pause_on_eof_keeps_the_old_pause_and_resume():
    result = run(*ONE_QUESTION, "--pause-on-eof", input="")
    assert "Continue with: interviewer resume" in result.stderr
    assert events_of(only_session(), "paused")[0]["reason"] == "input_paused"


def test_a_scripted_interview_with_no_follow_ups_answers_every_question():
    args = ("practice", "--seed", "4", "--questions", "4", "--max-follow-ups", "0")
    result = run(*args, input=blocks(*[STRONG] * 4, "What does on-call look like?", ""))
    log = only_session()
    assert [e["index"] for e in events_of(log, "answer")] == [1, 2, 3, 4]
    assert events_of(log, "executive_reply") and events_of(log, "ended")[0]["reason"] == "finished"
    assert result.exit_code == 0


def _editor(tmp_path, text: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        f"p.write_text({text!r} + '\\n' + p.read_text())\n"
    )
    return f"{sys.executable} {script}"


def test_an_editor_answer_is_shown_back_before_it_is_sent(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "Written in the editor."))
    result = run(*ONE_QUESTION, input=blocks("/edit", ""))
    assert "Your answer from the editor:" in result.stderr
    assert "| Written in the editor." in result.stderr
    assert events_of(only_session(), "answer")[0]["text"] == "Written in the editor."


def test_in_a_terminal_an_editor_answer_can_be_discarded_or_edited_again(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "Take two."))
    out = io.StringIO()
    c = Console(stdin=io.StringIO("n\n"), stdout=out, stderr=io.StringIO(), interactive=True)
    assert c.confirm("Take one.") == "discard"
    c = Console(stdin=io.StringIO("e\n"), stdout=out, stderr=io.StringIO(), interactive=True)
    assert c.confirm("Take one.") == "edit"
    assert "Send it?" in out.getvalue()


class _TypedThenCtrlC(io.StringIO):
    """A terminal where the candidate types a line or two, then presses Ctrl-C."""

    def readline(self, *args) -> str:
        line = super().readline(*args)
        if not line:
            raise KeyboardInterrupt
        return line


def _interview(console: Console) -> Interview:
    options = InterviewOptions(questions=1, max_follow_ups=0, seed=3)
    return Interview.start(
        profile=Profile(role="Head of Data"),
        options=options,
        executive=OfflineExecutive(),
        grader=OfflineGrader(),
        console=console,
    )


def test_a_half_typed_answer_at_ctrl_c_is_kept_and_offered_on_resume():
    half = "At Lumen Retail I owned the AWS bill and\ncut it by a fifth"
    typed = Console(
        stdin=_TypedThenCtrlC(half + "\n"), stdout=io.StringIO(), stderr=io.StringIO(),
        interactive=True,
    )  # fmt: skip
    first = _interview(typed)
    assert first.run().outcome == "interrupted"
    assert events_of(load_transcript(first.session_id), "draft")[0]["text"] == half
    stderr = io.StringIO()
    again = Console(
        stdin=io.StringIO("/draft\n\n\n"), stdout=io.StringIO(), stderr=stderr, interactive=True
    )
    resumed = Interview.resume(
        first.session_id, executive=OfflineExecutive(), grader=OfflineGrader(), console=again
    )
    assert resumed.run().outcome == "finished"
    assert (
        "you had started this answer" in stderr.getvalue()
        and half.splitlines()[0] in stderr.getvalue()
    )
    assert events_of(load_transcript(first.session_id), "answer")[0]["text"] == half
