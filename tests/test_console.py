import io
import sys

from interviewer.session.console import EDITOR_MARKER, Console, Entry


def console(text: str, *, interactive: bool = False) -> Console:
    return Console(
        stdin=io.StringIO(text), stdout=io.StringIO(), stderr=io.StringIO(), interactive=interactive
    )


def test_answers_are_blank_line_separated_blocks_and_commands_act_at_once():
    c = console("\n\nFirst line\nsecond line\n\n/skip\n/HELP\nnot /a command\n\nlast")
    entries = [c.read_entry() for _ in range(6)]
    assert entries == [
        Entry("text", "First line\nsecond line"),
        Entry("command", "/skip"),
        Entry("command", "/help"),
        Entry("text", "not /a command"),
        Entry("text", "last"),
        Entry("eof"),
    ]


def test_an_empty_line_in_a_terminal_is_an_empty_entry_not_the_end():
    c = console("\nhello\n\n", interactive=True)
    assert c.read_entry() == Entry("text", "")
    assert c.read_entry() == Entry("text", "hello")
    assert "You ›" in c.stdout.getvalue()


def test_say_streams_chunks_and_returns_the_text():
    c = console("")
    assert c.say("Priya", iter(["Where ", "did it ", "land?"])) == "Where did it land?"
    assert "Priya: Where did it land?" in c.stdout.getvalue()


def test_edit_uses_the_editor_and_drops_the_marker(tmp_path, monkeypatch):
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text('My edited answer.\\n\\nSecond paragraph.\\n' + p.read_text())\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    edited = console("").edit()
    assert edited == "My edited answer.\n\nSecond paragraph."
    assert EDITOR_MARKER not in edited


def test_edit_without_an_editor_explains_how_to_set_one():
    c = console("")
    assert c.edit() is None
    assert "$EDITOR" in c.stderr.getvalue()


def test_a_failing_editor_is_reported_not_raised(monkeypatch):
    monkeypatch.setenv("EDITOR", "definitely-not-an-editor-xyz")
    c = console("")
    assert c.edit() is None
    assert "did not run" in c.stderr.getvalue()
