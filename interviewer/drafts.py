"""Keep what the user typed when we could not finish with it, so a failure never loses their words."""

import json
from datetime import UTC, datetime
from pathlib import Path

from interviewer import paths
from interviewer.files import atomic_write_text


def save_draft(**fields: object) -> Path:
    """Write the fields to a new JSON file in the data dir and return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = paths.data_dir() / "drafts" / f"{stamp}.json"
    atomic_write_text(path, json.dumps(fields, ensure_ascii=False, indent=2) + "\n")
    return path
