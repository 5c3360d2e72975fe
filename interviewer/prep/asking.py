"""Ask the candidate for what the documents did not say, through any `ask(prompt) -> str`.

The core knows nothing of terminals: the CLI passes a function that prompts, a test passes a
list's `pop`. An empty answer skips the field, which then becomes a TODO comment in the file.
Pasted documents are read the same way, a line at a time, so a paste with blank lines in it is
kept whole: an empty line ends the paste only when nothing more is already waiting.
"""

import re
from collections.abc import Callable

from interviewer.prep.draft import ProfileDraft
from interviewer.prep.profile_toml import Answers

Ask = Callable[[str], str]

QUESTIONS: dict[str, str] = {
    "role": "Job title you are interviewing for",
    "company": "Company",
    "focus_areas": "What will round two focus on? (separate several with ;)",
    "strengths": "What did round one find strong? (ask HR; separate several with ;)",
    "concerns": "What did round one find less convincing? (separate several with ;)",
    "interviewer_name": "Who will you meet in round two? (name)",
    "interviewer_title": "Their title",
    "candidate_name": "Your name",
    "background": "Two or three lines about yourself",
    "experiences": "Achievements to draw on, each with a result (separate several with ;)",
}
LIST_FIELDS = frozenset({"focus_areas", "strengths", "concerns", "experiences"})
MAX_ANSWER_CHARS = 2_000


def fields_to_ask(draft: ProfileDraft) -> list[str]:
    """The missing fields, in file order; round two's interviewer too when the notes are silent."""
    missing = set(draft.missing())
    missing |= {
        name for name in ("interviewer_name", "interviewer_title") if not getattr(draft, name)
    }
    return [name for name in QUESTIONS if name in missing]


def ask_for_gaps(draft: ProfileDraft, ask: Ask) -> Answers:
    """One question per missing field; Enter alone skips it."""
    values: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for name in fields_to_ask(draft):
        reply = " ".join(ask(QUESTIONS[name]).split())[:MAX_ANSWER_CHARS]
        if not reply:
            continue
        if name in LIST_FIELDS:
            lists[name] = split_items(reply)
        else:
            values[name] = reply
    return Answers(values=values, lists=lists)


def split_items(reply: str) -> tuple[str, ...]:
    """'a; b; c' -> three items; without a semicolon the reply is one item."""
    return tuple(item.strip() for item in re.split(r"\s*;\s*", reply) if item.strip())


def read_paste(read_line: Callable[[], str], more_waiting: Callable[[], bool]) -> str:
    """Lines until an empty one with nothing more waiting, or the end of input; '' if the first
    line is empty (the candidate skipped). `read_line` returns '' at the end, like readline()."""
    lines: list[str] = []
    try:
        while True:
            line = read_line()
            if line == "":
                break
            line = line.rstrip("\r\n")
            if not line.strip() and (not lines or not more_waiting()):
                break
            lines.append(line)
    except KeyboardInterrupt:
        raise PasteInterrupted("\n".join(lines).strip("\n")) from None
    return "\n".join(lines).strip("\n")


class PasteInterrupted(KeyboardInterrupt):
    """Ctrl-C in the middle of a paste, carrying the lines already typed so they can be kept."""

    def __init__(self, partial: str) -> None:
        super().__init__(partial)
        self.partial = partial
