"""What `interviewer prep` does, without click: read the inputs, build the brief, write it out.

The user's own files are never touched: a brief is never written over the profile or the CV it
was built from, and every problem with an input is one line naming the file and what to do.
"""

from pathlib import Path

from interviewer.errors import BadInput
from interviewer.prep.brief import Brief


def brief_from_files(profile_path: Path, cv_path: Path | None, settings) -> Brief:
    """Load the profile (and the CV's experience lines) and build the brief the settings ask for."""
    from interviewer.prep.build import prepare_brief
    from interviewer.profile import load_profile

    profile = load_profile(profile_path)
    extra = cv_experiences(read_cv(cv_path)) if cv_path else []
    return prepare_brief(profile, settings, extra_experiences=extra)


def read_cv(path: Path) -> str:
    """The CV as text; a file we cannot read is one clear line."""
    try:
        documents = _optional("interviewer.prep.documents")
        if documents is not None and hasattr(documents, "read_document"):
            return _read_document(documents, path)
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"CV {path}: no such file", fix="check the path") from None
    except IsADirectoryError:
        raise BadInput(f"CV {path}: is a folder, not a file", fix="give the CV file") from None
    except UnicodeDecodeError:
        raise BadInput(
            f"CV {path}: not readable as text", fix="save it as plain text (.txt) and try again"
        ) from None
    except OSError as error:
        raise BadInput(f"CV {path}: cannot read it ({error.strerror})") from None


def _read_document(documents, path: Path) -> str:
    """The documents reader's one line, said to be about the CV."""
    try:
        return documents.read_document(path)
    except documents.DocumentError as error:
        raise BadInput(f"CV {error.problem}", fix=error.fix) from None


def cv_experiences(text: str) -> list[str]:
    """The CV's achievement lines: the extractor's when it is installed, else every line that
    reads as something the candidate did."""
    extract = _optional("interviewer.prep.extract")
    if extract is not None:
        from interviewer.prep.draft import PrepInputs

        draft = extract.draft_profile(PrepInputs(cv=text))
        return [item.value for item in draft.experiences]
    from interviewer.prep.stories import read_story

    lines = (line.strip().lstrip("-*• ").strip() for line in text.splitlines())
    return [line for line in lines if line and "episode" not in read_story(line).lacks]


def _optional(name: str):
    """A module another part of the tool may not have yet, or None."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def check_output(output: Path, inputs: list[Path | None]) -> None:
    """Refuse to write the brief over one of its own inputs, or into a folder."""
    if output.is_dir():
        raise BadInput(f"output {output}: is a folder", fix="give a file name, e.g. brief.md")
    for source in filter(None, inputs):
        if source.exists() and output.exists() and output.resolve() == source.resolve():
            raise BadInput(
                f"output {output}: is the input {source}; writing there would destroy it",
                fix="choose another file for the brief",
            )
