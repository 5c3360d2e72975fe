"""Keep what the user typed when we could not finish with it, so a failure never loses their words.

The data folder comes first; when it cannot be written (full, read-only), the system's temp folder;
when neither can, the words are handed back so the caller can print them.
"""

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from interviewer import paths
from interviewer.files import atomic_write_text

_CANDIDATE_TEXT_EVENTS = ("answer", "candidate_question")


def save_draft(**fields: object) -> Path:
    """Write the fields to a new JSON file, in the data dir or else the temp dir; return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    text = json.dumps(fields, ensure_ascii=False, indent=2) + "\n"
    folders = [paths.data_dir() / "drafts", Path(tempfile.gettempdir()) / "interviewer-drafts"]
    for folder in folders[:-1]:
        try:
            return _write(folder / f"{stamp}.json", text)
        except OSError:
            continue
    return _write(folders[-1] / f"{stamp}.json", text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_text(path, text)
    return path


def keep_unsaved(event: dict) -> str | None:
    """A note saying where the candidate's unsaved words went; None when the event held none."""
    if event.get("type") not in _CANDIDATE_TEXT_EVENTS or not event.get("text"):
        return None
    try:
        kept = save_draft(**{k: v for k, v in event.items() if k != "at"})
    except OSError:
        return f"your unsaved words were: {json.dumps(event['text'], ensure_ascii=False)}"
    return f"your unsaved answer is kept in {kept}"
