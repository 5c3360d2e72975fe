"""A fingerprint of the seed article: hashes of its word runs and sentences, never its text.

The project must put the article's advice in its own words. The tests compare our prompts, code
and docs with this fingerprint, so the check runs on any clone without the article beside it.
Regenerate (only if the article changes): python -m tests.article_fingerprint PATH_TO_ARTICLE
"""

import hashlib
import json
import re
import sys
from pathlib import Path

FINGERPRINT = Path(__file__).resolve().parent / "data" / "article_fingerprint.json"
SHINGLE = 8  # a run of this many of the article's words in our text counts as copied
PHRASE = 6  # distinctive phrases quoted by the tests are checked at this length
MIN_SENTENCE_WORDS = 7


def normalised(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.lower().split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", normalised(text))


def runs(tokens: list[str], length: int) -> set[str]:
    return {" ".join(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def prose_sentences(article: str) -> list[str]:
    """Sentences of the article's prose: headings (no closing stop) and the footer are left out,
    because the title is cited as the source on purpose."""
    body = article.split("-----")[0]
    lines = [line.strip() for line in body.splitlines() if re.search(r"[.!?:]$", line.strip())]
    sentences = [s for line in lines for s in re.split(r"(?<=[.!?:])\s+", line)]
    return [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS]


def fingerprint(article: str) -> dict[str, list[str]]:
    sentences = prose_sentences(article)
    prose = words(" ".join(sentences))
    return {
        "sentences": sorted(digest(" ".join(words(s))) for s in sentences),
        f"runs_{SHINGLE}": sorted(map(digest, runs(prose, SHINGLE))),
        f"runs_{PHRASE}": sorted(map(digest, runs(words(article), PHRASE))),
    }


def load() -> dict[str, set[str]]:
    data = json.loads(FINGERPRINT.read_text(encoding="utf-8"))
    return {key: set(values) for key, values in data.items()}


if __name__ == "__main__":
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    FINGERPRINT.write_text(json.dumps(fingerprint(text), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINT}")
