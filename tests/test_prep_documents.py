"""Reading a job ad, CV or notes: every format we promise, and one clear line for the rest."""

import sys
from pathlib import Path

import pytest

from interviewer.prep import documents
from interviewer.prep.documents import DocumentError, read_document, resolve_input
from tests.prep_files import write_blank_pdf, write_docx, write_encrypted_pdf, write_pdf


def test_plain_text_and_markdown_are_read_without_a_byte_order_mark(tmp_path):
    for name in ("ad.txt", "ad.md", "ad.markdown", "ad"):
        path = tmp_path / name
        path.write_bytes("\ufeffHead of Care – Ward 4\n".encode())
        assert read_document(path) == "Head of Care – Ward 4\n"


def test_a_pdf_text_layer_is_read(tmp_path):
    path = write_pdf(tmp_path / "ad.pdf", ["Charge Nurse (Cardiac)", "- Must lead safe staffing"])
    assert "Must lead safe staffing" in read_document(path)


def test_a_pdf_is_recognised_by_its_bytes_whatever_its_name(tmp_path):
    path = write_pdf(tmp_path / "ad.txt", ["Charge Nurse, Cardiac Step-Down Unit"])
    assert "Charge Nurse" in read_document(path)


def test_docx_paragraphs_bullets_and_tables_are_read_in_order(tmp_path):
    path = write_docx(
        tmp_path / "cv.docx",
        heading="Sam Okafor",
        paragraphs=["Engineering manager, eight years in platform work."],
        bullets=["Cut the AWS bill by 22%"],
        table=[["Skills", "Kubernetes, Go"]],
    )
    assert read_document(path).splitlines() == [
        "Sam Okafor",
        "Engineering manager, eight years in platform work.",
        "- Cut the AWS bill by 22%",
        "Skills | Kubernetes, Go",
    ]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: write_blank_pdf(p / "scan.pdf"), "no text to extract (a scanned image?)"),
        (lambda p: write_encrypted_pdf(p / "locked.pdf", ["secret text"]), "password-protected"),
        (lambda p: _write(p / "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type"), "damaged PDF"),
        (lambda p: _write(p / "cv.docx", b"PK\x03\x04 not a zip"), "not a Word document"),
        (lambda p: _write(p / "cv.doc", b"\xd0\xcf\x11\xe0"), "old Word .doc file"),
        (lambda p: _write(p / "cv.odt", b"PK"), "OpenDocument"),
        (lambda p: _write(p / "ad.png", b"\x89PNG"), "an image"),
        (lambda p: _write(p / "ad.txt", b"abc\x00\x01\x02"), "binary file"),
        (lambda p: _write(p / "ad.txt", b"caf\xe9 au lait"), "not UTF-8 text"),
        (lambda p: _write(p / "ad.txt", b"  \n\n"), "holds no text"),
        (lambda p: p, "is a folder"),
        (lambda p: p / "missing.txt", "no such file"),
    ],
)
def test_every_unreadable_file_is_one_line_saying_what_to_do(tmp_path, make, says):
    with pytest.raises(DocumentError) as caught:
        read_document(make(tmp_path))
    message = str(caught.value)
    assert says in message and "\n" not in message


@pytest.mark.parametrize("module", ["pypdf", "docx"])
def test_a_pdf_or_docx_without_the_extra_names_the_install_command(tmp_path, monkeypatch, module):
    path = write_pdf(tmp_path / "ad.pdf", ["Charge Nurse, Cardiac Step-Down Unit"])
    if module == "docx":
        path = write_docx(tmp_path / "cv.docx", heading="Sam", paragraphs=[], bullets=[])
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(DocumentError, match=r"pip install 'interviewer\[documents\]'"):
        read_document(path)


def test_sizes_are_capped_with_a_clear_line(tmp_path, monkeypatch):
    big = tmp_path / "ad.txt"
    big.write_text("word " * 50_000, encoding="utf-8")
    with pytest.raises(DocumentError, match="characters of text, more than"):
        read_document(big)
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1_000)
    with pytest.raises(DocumentError, match="MB read here"):
        read_document(big)


def test_an_endless_device_is_read_only_up_to_the_cap(monkeypatch):
    """/dev/zero says its size is 0 and never ends: reading it whole once took 23 GB."""
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1_000)
    with pytest.raises(DocumentError, match="over the 0 MB read here"):
        read_document(Path("/dev/zero"))


def test_a_value_is_a_file_stdin_or_pasted_text_and_a_short_unknown_value_is_an_error(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Ward Manager", encoding="utf-8")
    assert resolve_input(str(ad), option="--job", read_stdin=_no_stdin).text == "Ward Manager"
    assert resolve_input("-", option="--job", read_stdin=lambda: "from a pipe").origin == "stdin"
    pasted = "We need a ward manager who can lead safe staffing"
    assert resolve_input(pasted, option="--job", read_stdin=_no_stdin).origin == "pasted"
    assert resolve_input("Ward\nManager", option="--job", read_stdin=_no_stdin).origin == "pasted"
    with pytest.raises(DocumentError, match="--cv my-cv.pdf: no such file"):
        resolve_input("my-cv.pdf", option="--cv", read_stdin=_no_stdin)


def _no_stdin() -> str:
    raise AssertionError("standard input must not be read")


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_pdata_fixtures_made_by_outside_programs_read_like_the_markdown():
    """Chromium's PDF and a python-docx file of the same CV give the same draft as its text."""
    from pathlib import Path

    from interviewer.prep.extract import find_candidate_name, find_experiences

    folder = Path(__file__).resolve().parent / "data" / "prep" / "financial_controller"
    drafts = []
    for name in ("cv.md", "cv.pdf", "cv.docx"):
        text = read_document(folder / name)
        drafts.append((find_candidate_name(text).value, len(find_experiences(text))))
    assert drafts[0] == ("Priya Mistry", 9)
    assert drafts[1] == drafts[0] and drafts[2] == drafts[0]


def _write_docx_bomb(path, paragraphs: int) -> None:
    """A minimal DOCX whose one text part inflates to far more than it weighs packed."""
    import zipfile

    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    body = "<w:p><w:r><w:t>Lead the platform team.</w:t></w:r></w:p>" * paragraphs
    document = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.setattr(documents, "MAX_DOCX_INFLATED", 1_000_000)
    monkeypatch.setattr(documents, "_RATIO_FLOOR", 100_000)
    bomb = tmp_path / "bomb.docx"
    _write_docx_bomb(bomb, paragraphs=40_000)  # ~2.4 MB inflated, a few KB packed
    assert bomb.stat().st_size < 100_000
    with pytest.raises(DocumentError, match=r"bomb\.docx would unpack to 2 MB.*limit 1 MB"):
        read_document(bomb)


def test_a_docx_packed_absurdly_tight_is_refused_under_the_size_cap(tmp_path, monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.setattr(documents, "_RATIO_FLOOR", 100_000)
    bomb = tmp_path / "bomb.docx"
    _write_docx_bomb(bomb, paragraphs=40_000)
    with pytest.raises(DocumentError, match="far more than a document holds"):
        read_document(bomb)


def test_an_ordinary_docx_is_not_taken_for_a_bomb(tmp_path):
    pytest.importorskip("docx")
    _write_docx_bomb(tmp_path / "small.docx", paragraphs=3)
    assert read_document(tmp_path / "small.docx").count("Lead the platform team.") == 3
