"""The interview's terminal: streamed executive turns, multi-line answers, commands, an editor.

An answer ends at an empty line, so a terminal user presses Enter twice and a script separates
answers with blank lines. A block that is a single `/command` line is a command. This module
talks to plain text streams, so tests can drive it with any file-like objects.
"""

import itertools
import shlex
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from interviewer import environment
from interviewer.terminal_text import for_terminal

COMMANDS = {
    "/skip": "skip this question",
    "/repeat": "hear the question again",
    "/edit": "write this answer in your $EDITOR (you see it before it is sent)",
    "/draft": "use the answer you had started before an interruption",
    "/pause": "save and stop; continue later with `interviewer resume ID`",
    "/quit": "end the interview now, keeping everything said, and get the report",
    "/help": "show these commands",
}
EDITOR_MARKER = "# ---- Write your answer above this line; everything below it is ignored. ----"


@dataclass(frozen=True)
class Entry:
    """What the candidate gave: an answer, a command, or the end of input."""

    kind: str  # "text" | "command" | "unknown" (a /word we do not know) | "eof"
    text: str = ""


class Console:
    def __init__(
        self,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        interactive: bool | None = None,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.interactive = self.stdin.isatty() if interactive is None else interactive
        self._partial: list[str] = []  # the lines of an answer still being typed

    def say(self, speaker: str, chunks: Iterable[str]) -> str:
        """Stream a turn as it arrives, with a spinner until the first words; return the text.

        The speaker's name appears with the first words, so a turn that brings none prints nothing
        and the caller's fallback line is not preceded by an empty one."""
        pieces: list[str] = []
        with _Spinner(self.stderr, enabled=self.interactive and self.stderr.isatty()) as spinner:
            for chunk in chunks:
                if not pieces and not chunk.strip():
                    continue
                spinner.stop()
                if not pieces:
                    self.stdout.write(f"\n{for_terminal(speaker)}: ")
                pieces.append(chunk)
                self.stdout.write(for_terminal(chunk))
                self.stdout.flush()
        if pieces:
            self.stdout.write("\n")
            self.stdout.flush()
        return "".join(pieces).strip()

    def info(self, text: str) -> None:
        """A note from the tool, not from the executive; kept off stdout's conversation."""
        self.stderr.write(f"{for_terminal(text)}\n")
        self.stderr.flush()

    def hint(self, text: str) -> None:
        if self.interactive:
            self.info(text)

    def take_partial(self) -> str:
        """What was typed of an unfinished answer (at Ctrl-C), so it can be kept as a draft."""
        text, self._partial = "\n".join(self._partial).strip(), []
        return text

    def read_entry(self) -> Entry:
        """Read one block: lines up to an empty line (or the end of input)."""
        lines: list[str] = []
        self._partial = lines
        if self.interactive:
            self.stdout.write("\nYou › ")
            self.stdout.flush()
        while (raw := self.stdin.readline()) != "":
            line = raw.rstrip("\r\n")
            if not line.strip():
                if lines or self.interactive:
                    break
                continue
            lines.append(line)
            if len(lines) == 1 and _is_command(line):
                break  # a command acts at once: no second Enter needed
            if self.interactive:
                self.stdout.write("    › ")
                self.stdout.flush()
        self._partial = []
        if not lines:
            return Entry("eof") if raw == "" else Entry("text", "")
        return _entry_from(lines)

    def confirm(self, text: str) -> str:
        """Show an answer written elsewhere and ask what to do: 'send', 'edit' or 'discard'."""
        self.info("Your answer from the editor:")
        for line in text.splitlines() or [""]:
            self.info(f"  | {line}")
        if not self.interactive:
            return "send"
        self.stdout.write("Send it? [Y]es / [e]dit again / [n]o, discard › ")
        self.stdout.flush()
        reply = self.stdin.readline().strip().lower()
        return {"": "send", "y": "send", "yes": "send", "e": "edit", "edit": "edit"}.get(
            reply, "discard"
        )

    def edit(self, initial: str = "") -> str | None:
        """Open $VISUAL/$EDITOR on a temp file; None when no editor could run."""
        command = environment.editor_command()
        if not command:
            self.info("Set $EDITOR (for example `export EDITOR=nano`) to use /edit.")
            return None
        with tempfile.TemporaryDirectory(prefix="interviewer-") as folder:
            path = Path(folder) / "answer.md"
            path.write_text(f"{initial}\n\n{EDITOR_MARKER}\n", encoding="utf-8")
            try:
                subprocess.run([*shlex.split(command), str(path)], check=True)
            except (OSError, subprocess.CalledProcessError) as error:
                self.info(
                    f"The editor `{command}` did not run ({error}); type your answer here instead."
                )
                return None
            text = path.read_text(encoding="utf-8")
        return text.split(EDITOR_MARKER, 1)[0].strip()

    def refuse(self, word: str) -> None:
        """A /word we do not know: say so, and list what we do know, rather than send it."""
        self.info(f"{word} is not a command, so it was not sent as your answer.")
        self.show_help()

    def show_help(self) -> None:
        self.info("Finish an answer with an empty line. Commands:")
        for name, meaning in COMMANDS.items():
            self.info(f"  {name:<8} {meaning}")


def _is_command(line: str) -> bool:
    """One /word on its own line: a known command, or a typo we refuse rather than send."""
    words = line.split()
    return len(words) == 1 and words[0].startswith("/") and words[0][1:].isalpha()


def _entry_from(lines: list[str]) -> Entry:
    if len(lines) == 1 and _is_command(lines[0]):
        word = lines[0].strip().lower()
        return Entry("command" if word in COMMANDS else "unknown", word)
    return Entry("text", "\n".join(lines).strip())


class _Spinner:
    """A small spinner on stderr while we wait for the first words of a turn."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "_Spinner":
        if self.enabled:
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._thread and not self._done.is_set():
            self._done.set()
            self._thread.join()
            self.stream.write(" \b")
            self.stream.flush()

    def _spin(self) -> None:
        for frame in itertools.cycle("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"):
            if self._done.wait(0.08):
                return
            self.stream.write(f"{frame}\b")
            self.stream.flush()
