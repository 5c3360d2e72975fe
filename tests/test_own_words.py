"""The article's advice is in the project's own words: no sentence and no run of its words is copied.

The article is compared through a fingerprint in tests/data (hashes only), so this runs on any clone.
"""

from pathlib import Path

import pytest

from interviewer import templates
from tests import article_fingerprint as fp

ROOT = Path(__file__).resolve().parent.parent

# Distinctive runs of the article's wording, checked against the fingerprint to prove they are real.
ARTICLE_PHRASES = (
    "one of the top handful of candidates",
    "the competition is that much tougher",
    "find out the areas of greatest interest",
    "use as a resource or ally in your job search",
    "subtly and politely leverage whatever contacts you have made",
    "seeking an unfair advantage or inside information",
    "your interview strategy got you into the second interview",
    "in a more informal, relaxed kind of way",
)


def _our_texts() -> dict[str, str]:
    """Everything we write in prose: prompts and guidance, the package's code, docs and examples."""
    prompts = [p for p in templates.prompts_dir().rglob("*") if p.is_file()]
    code = list((ROOT / "interviewer").rglob("*.py"))
    docs = [ROOT / "README.md", *(p for p in (ROOT / "examples").rglob("*") if p.is_file())]
    return {str(p): p.read_text(encoding="utf-8") for p in [*prompts, *code, *docs]}


def _sentences_of(text: str) -> set[str]:
    parts = [" ".join(fp.words(s)) for s in text.replace("\n", " ").split(".")]
    return {fp.digest(s) for s in parts if len(s.split()) >= fp.MIN_SENTENCE_WORDS}


def test_fingerprint_is_present_and_substantial():
    data = fp.load()
    assert len(data["sentences"]) >= 15
    assert len(data[f"runs_{fp.SHINGLE}"]) >= 300


def test_no_run_of_article_words_in_our_text():
    article = fp.load()[f"runs_{fp.SHINGLE}"]
    copied = {
        name: [run for run in fp.runs(fp.words(text), fp.SHINGLE) if fp.digest(run) in article]
        for name, text in _our_texts().items()
    }
    assert {name: found for name, found in copied.items() if found} == {}


def test_no_article_sentence_in_our_text():
    article = fp.load()["sentences"]
    copied = [name for name, text in _our_texts().items() if _sentences_of(text) & article]
    assert copied == []


@pytest.mark.parametrize("phrase", ARTICLE_PHRASES)
def test_phrase_is_really_from_the_article_and_not_in_our_text(phrase):
    tokens = fp.words(phrase)
    phrase_runs = fp.runs(tokens, fp.PHRASE)
    assert phrase_runs, "a phrase needs at least six words"
    assert all(fp.digest(run) in fp.load()[f"runs_{fp.PHRASE}"] for run in phrase_runs)
    wanted = " ".join(tokens)
    for name, text in _our_texts().items():
        assert wanted not in " ".join(fp.words(text)), name


def test_the_check_would_catch_a_copied_sentence():
    """The fingerprint really matches article text: a run made of a listed phrase is found."""
    phrase_runs = fp.runs(fp.words(ARTICLE_PHRASES[4]), fp.PHRASE)
    assert phrase_runs and all(fp.digest(r) in fp.load()[f"runs_{fp.PHRASE}"] for r in phrase_runs)
    assert fp.digest("our own words about the second round") not in fp.load()[f"runs_{fp.PHRASE}"]
