"""The labelled prep cases hold together: every quote is in its file, every case is complete.

These check the data, not the code: they fail when a case or a label is edited carelessly, so the
figures in benchmarks/prep.py and the floors in test_prep_labelled.py keep meaning something.
"""

import re

import pytest

from tests.prep_cases import load_asks, load_cases, normalize

CASES = load_cases()
IDS = [case.name for case in CASES]
SOURCES = {"focus_areas": "job", "strengths": "notes", "concerns": "notes", "experiences": "cv"}


def _words(text: str) -> int:
    return len(text.split())


def test_there_are_at_least_seven_cases_in_different_fields():
    assert len(CASES) >= 7
    assert len({case.labels["role"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_case_has_a_realistic_job_ad_and_cv(case):
    assert 300 <= _words(case.job) <= 900, f"{case.job_path.name}: {_words(case.job)} words"
    assert _words(case.cv) >= 200, case.cv_path.name


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_quotes_occur_verbatim_in_the_file_they_label(case):
    for key, source in SOURCES.items():
        text = normalize(case.text_of(source))
        for item in getattr(case, key):
            assert normalize(item.quote) in text, f"{key}: {item.quote!r} not in {source}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_named_facts_occur_in_the_inputs(case):
    inputs = normalize(case.inputs_text)
    for key in ("role", "company", "candidate_name", "interviewer_name", "interviewer_title"):
        if key in case.labels:
            assert normalize(case.labels[key]) in inputs, f"{key}: {case.labels[key]!r}"
    assert normalize(case.labels["candidate_name"]) in normalize(case.cv)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_tempting_facts_are_really_absent_from_the_inputs(case):
    tempting = case.labels["not_in_inputs"]
    assert len(tempting) >= 5
    inputs = normalize(case.inputs_text)
    present = [t for t in tempting if re.search(rf"(?<!\w){re.escape(normalize(t))}(?!\w)", inputs)]
    assert present == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_labels_are_well_formed(case):
    assert 4 <= len(case.focus_areas) <= 7
    assert len(case.experiences) >= 3
    for key in SOURCES:
        for item in getattr(case, key):
            assert item.label.strip() and item.quote.strip(), key
            assert item.any and all(p == p.lower() and p.strip() for p in item.any), item.label
    for item in case.experiences:
        assert isinstance(item.has_figure, bool) and isinstance(item.has_result, bool), item.label


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_label_is_named_by_its_own_quote_or_words(case):
    """A label whose match words never occur near its source could not be found by any tool."""
    for key, source in SOURCES.items():
        text = case.text_of(source)
        for item in getattr(case, key):
            assert item.named_by(text), f"{key}: none of {item.any} in {source}"


def test_notes_vary_as_promised():
    without = [case for case in CASES if case.notes is None]
    assert len(without) == 1
    assert without[0].strengths == () and without[0].concerns == ()
    assert "interviewer_name" not in without[0].labels
    for case in CASES:
        if case.notes is not None:
            assert case.strengths and case.concerns, case.name


def test_job_ads_vary_in_shape():
    suffixes = {case.job_path.suffix for case in CASES} | {case.cv_path.suffix for case in CASES}
    assert suffixes == {".md", ".txt"}
    assert any(
        "cookies" in case.job.lower() and "similar jobs" in case.job.lower() for case in CASES
    )
    assert any(_words(case.job) < 350 for case in CASES)


def test_asks_are_many_balanced_and_distinct():
    asks = load_asks()
    improper = sum(ask.improper for ask in asks)
    assert len(asks) >= 80
    assert 0.4 <= improper / len(asks) <= 0.6
    assert len({normalize(ask.text) for ask in asks}) == len(asks)
    assert all(ask.why.strip() for ask in asks)


def test_asks_include_hard_cases_both_ways():
    """Proper asks that say budget/confidential/internal, improper ones that are polite."""
    asks = load_asks()
    tricky = re.compile(r"\b(budget|confidential\w*|internal)\b", re.I)
    assert sum(1 for a in asks if not a.improper and tricky.search(a.text)) >= 6
    polite = re.compile(r"\b(could you|would you|any chance|would it be possible|mind)\b", re.I)
    assert sum(1 for a in asks if a.improper and polite.search(a.text)) >= 15


KNOWN_KEYS = {
    "role", "company", "candidate_name", "interviewer_name", "interviewer_title",
    "interviewer_tone", "tone_quote", "focus_areas", "strengths", "concerns", "experiences",
    "not_in_inputs", "not_the_company", "company_also", "held_out",
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_labels_use_only_known_keys(case):
    assert set(case.labels) <= KNOWN_KEYS
    for also in case.labels.get("company_also", []):
        assert normalize(also) in normalize(case.job)
    for noise in case.labels.get("not_the_company", []):
        assert noise in case.job and noise != case.labels["company"]


def _fixture_case():
    return next(case for case in CASES if (case.folder / "cv.pdf").exists())


def test_the_cv_fixtures_are_small_real_files():
    folder = _fixture_case().folder
    pdf, docx = (folder / "cv.pdf").read_bytes(), (folder / "cv.docx").read_bytes()
    assert pdf.startswith(b"%PDF-") and docx.startswith(b"PK")
    assert len(pdf) < 100_000 and len(docx) < 100_000


def test_the_docx_holds_the_same_cv():
    import zipfile

    case = _fixture_case()
    with zipfile.ZipFile(case.folder / "cv.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    text = normalize(re.sub(r"<[^>]+>", " ", xml).replace("&amp;", "&"))
    for item in case.experiences:
        assert normalize(item.quote) in text, item.quote


def test_the_pdf_holds_the_same_cv():
    pypdf = pytest.importorskip("pypdf")
    case = _fixture_case()
    reader = pypdf.PdfReader(case.folder / "cv.pdf")
    text = normalize(" ".join(page.extract_text() for page in reader.pages))
    assert normalize(case.labels["candidate_name"]) in text
    assert normalize(case.experiences[0].quote) in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_register_label_rests_on_the_notes(case):
    if "interviewer_tone" not in case.labels:
        return
    assert case.labels["interviewer_tone"] in ("formal", "relaxed", "shift")
    assert normalize(case.labels["tone_quote"]) in normalize(case.notes or "")


def test_every_case_with_an_interviewer_has_a_register():
    for case in CASES:
        assert ("interviewer_tone" in case.labels) == ("interviewer_name" in case.labels), case.name


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_experiences_answer_labelled_targets(case):
    targets = {item.label for item in (*case.focus_areas, *case.concerns)}
    for item in case.experiences:
        assert item.answers and set(item.answers) <= targets, item.label
