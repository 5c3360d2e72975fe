"""The steps of `interviewer profile new` that are not the terminal's: gather, write, sum up.

The output path is checked before anything is asked, so a candidate never types answers for a file
that will be refused; and if the file cannot be written, what they pasted and typed is kept as a
draft and the error says where.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interviewer.errors import BadInput, InterviewerError
from interviewer.prep.documents import Document, resolve_input
from interviewer.prep.draft import PrepInputs, ProfileDraft
from interviewer.prep.profile_toml import Answers

STDOUT = "-"


@dataclass(frozen=True, kw_only=True)
class Gathered:
    """The inputs as text and where each came from, for the header and the summary."""

    job: Document | None
    cv: Document | None
    notes: tuple[Document, ...]

    def inputs(self) -> PrepInputs:
        return PrepInputs(
            job=self.job.text if self.job else None,
            cv=self.cv.text if self.cv else None,
            notes=tuple(note.text for note in self.notes),
        )

    def origin(self) -> str:
        """One line per document, 'job ad: ad.pdf', for the file's header."""
        parts = [
            f"{name}: {doc.origin}" for name, doc in (("job ad", self.job), ("CV", self.cv)) if doc
        ]
        parts += [f"notes: {note.origin}" for note in self.notes]
        return "\n".join(parts) or "no documents"


def gather(
    job: str | None, cv: str | None, notes: Sequence[str], read_stdin: Callable[[], str]
) -> Gathered:
    """Read every value given on the command line; at most one may be `-` (standard input)."""
    dashes = [job, cv, *notes].count("-")
    if dashes > 1:
        raise BadInput(
            "only one of --job, --cv and --notes can be - (standard input); give the others as files"
        )
    return Gathered(
        job=resolve_input(job, option="--job", read_stdin=read_stdin) if job else None,
        cv=resolve_input(cv, option="--cv", read_stdin=read_stdin) if cv else None,
        notes=tuple(resolve_input(n, option="--notes", read_stdin=read_stdin) for n in notes),
    )


def check_asking(*, asking: bool, piped: bool) -> None:
    """Questions are answered on standard input, so a document piped there leaves none to ask."""
    if asking and piped:
        raise BadInput(
            "--ask reads your answers from standard input, which already holds a document (-); "
            "give that document as a file, or leave out --ask"
        )


def check_output(output: str, *, force: bool) -> None:
    """Refuse, before any question is asked, to overwrite a file without --force."""
    from interviewer.files import check_output_path

    if output == STDOUT:
        return
    path = Path(output).expanduser()
    if path.is_dir():
        raise BadInput(f"{path} is a folder; give a file name, e.g. {path / 'profile.toml'}")
    check_output_path(path, force=force)


def write_profile(output: str, text: str, *, typed: dict[str, object]) -> None:
    """Write the file atomically; on failure keep the profile and everything typed as a draft."""
    from interviewer.files import write_output

    try:
        write_output(Path(output).expanduser(), text, force=True)  # checked before asking
    except BadInput as error:
        raise _kept(error, text, typed) from None


def _kept(error: InterviewerError, text: str, typed: dict[str, object]) -> InterviewerError:
    import json

    from interviewer.drafts import save_draft

    try:
        kept = save_draft(kind="profile new", profile=text, **typed)
    except OSError:
        return error.kept(f"what you typed was: {json.dumps(typed, ensure_ascii=False)}")
    return error.kept(f"the drafted profile and what you typed are kept in {kept}")


def summary(draft: ProfileDraft, answers: Answers, output: str, *, engine: str) -> list[str]:
    """What was found, what is still to do, and the next commands."""
    where = "standard output" if output == STDOUT else output
    lines = [f"Wrote {where} ({engine})."]
    found = found_fields(draft)
    lines.append(f"Found: {', '.join(found)}." if found else "Found nothing in the documents.")
    typed = [*answers.values, *answers.lists]
    if typed:
        lines.append(f"From your answers: {', '.join(_label(name) for name in typed)}.")
    todo = [name for name in _todo_fields(draft) if name not in typed]
    if todo:
        lines.append(f"To do (marked TODO in the file): {', '.join(_label(n) for n in todo)}.")
    lines += [f"Notice: {notice}" for notice in draft.notices]
    if output != STDOUT:
        lines += [
            "Check each line against your documents, then:",
            f"  interviewer prep --profile {output}",
            f"  interviewer practice --profile {output}",
        ]
    return lines


def found_fields(draft: ProfileDraft) -> list[str]:
    """'role', '6 focus areas', ... for the fields the draft filled."""
    found = []
    for name in ("role", "company", "focus_areas", "strengths", "concerns", "interviewer_name",
                 "interviewer_title", "candidate_name", "background", "experiences"):  # fmt: skip
        value = getattr(draft, name)
        if isinstance(value, tuple) and value:
            found.append(counted(len(value), _label(name)))
        elif value:
            found.append(_label(name))
    return found


def counted(count: int, plural: str) -> str:
    """'1 strength', '3 strengths', '1 focus area': a summary that reads as English."""
    return f"{count} {plural.removesuffix('s') if count == 1 else plural}"


def _todo_fields(draft: ProfileDraft) -> list[str]:
    todo = draft.missing()
    return todo + ([] if draft.interviewer_name else ["interviewer_name"])


_LABELS = {
    "focus_areas": "focus areas",
    "interviewer_name": "round-two interviewer",
    "interviewer_title": "their title",
    "candidate_name": "your name",
}


def _label(name: str) -> str:
    return _LABELS.get(name, name)
