"""A job ad, a CV or notes read as plain text, whatever form the candidate has them in.

Plain text and Markdown are read here; PDF and DOCX through well-kept libraries in the optional
`documents` extra, imported only when such a file is given. Every way a file can fail (binary,
scanned, encrypted, corrupt, too big, a format we do not read) is one line saying what to do,
because the candidate can always paste the text instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interviewer.errors import BadInput

TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown"})
MAX_FILE_BYTES = 20_000_000  # a long CV as PDF is well under 2 MB; this stops a stray video
MAX_TEXT_CHARS = 200_000  # about 30,000 words: far more than an ad, a CV or notes need
MAX_PDF_PAGES = 60
MAX_DOCX_INFLATED = 20_000_000  # a DOCX's parts unpacked; a CV's text part is well under 1 MB
MAX_DOCX_RATIO = 100  # text packs ~10:1; a part packing far tighter is a zip bomb
_RATIO_FLOOR = 1_000_000  # tiny parts may pack tightly; only judge the ratio of big ones
PASTED_MIN_WORDS = 6  # a value this long that names no file is pasted text, not a mistyped path
READS = "plain text (.txt, .md), PDF or DOCX"
_PASTE_INSTEAD = "copy the text out and pass it with - (standard input) or in quotes instead"
_INSTALL = "pip install 'interviewer[documents]'"
_KNOWN_FORMATS = {
    ".doc": "an old Word .doc file; save it as .docx or PDF",
    ".odt": "an OpenDocument file; save it as .docx or PDF",
    ".rtf": "an RTF file; save it as .docx, PDF or plain text",
    ".pages": "a Pages file; export it as .docx or PDF",
}
_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".tif", ".tiff", ".bmp"})


class DocumentError(BadInput):
    """A job ad, CV or notes file that cannot be read as text."""


@dataclass(frozen=True, kw_only=True)
class Document:
    """One input as text, and where it came from (a path, standard input, or typed)."""

    text: str
    origin: str


def read_document(path: Path) -> str:
    """The text of a file, chosen by its suffix and its first bytes."""
    data = _read_bytes(path)
    kind = _kind(path, data)
    if kind == "pdf":
        text = _pdf_text(path, data)
    elif kind == "docx":
        text = _docx_text(path, data)
    else:
        text = decode_text(data, origin=str(path))
    return checked_text(text, origin=str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise DocumentError(f"{path} is a folder; give the file inside it")
        # Read at most one byte past the cap: a device such as /dev/zero reports size 0 and never ends.
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise DocumentError(
                f"{path} is over the {MAX_FILE_BYTES // 1_000_000} MB read here; {_PASTE_INSTEAD}"
            )
        return data
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot read it ({error.strerror})") from None


def _kind(path: Path, data: bytes) -> str:
    """'pdf', 'docx' or 'text'; a file's own bytes outrank a misleading suffix."""
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and b"word/" in data[:4000]):
        return "docx"
    if suffix in TEXT_SUFFIXES or _looks_like_suffixless_name(path):
        return "text"
    raise DocumentError(f"{path} is {_describe_format(suffix)}; interviewer reads {READS}")


def _looks_like_suffixless_name(path: Path) -> bool:
    """`notes.2024` or `cv.v2` have a dot but no real file type: read them as text."""
    return not path.suffix[1:].isalpha()


def _describe_format(suffix: str) -> str:
    if suffix in _KNOWN_FORMATS:
        return _KNOWN_FORMATS[suffix]
    if suffix in _IMAGES:
        return "an image (interviewer cannot read text in pictures); paste the text instead"
    return f"a {suffix} file"


def decode_text(data: bytes, *, origin: str) -> str:
    """UTF-8 text without its byte-order mark; binary or non-UTF-8 data is one clear line."""
    if b"\x00" in data[:8192]:
        raise DocumentError(
            f"{origin} looks like a binary file, not text; interviewer reads {READS}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{origin} is not UTF-8 text (bad byte at position {error.start}); "
            "save it as UTF-8 and try again"
        ) from None


def checked_text(text: str, *, origin: str) -> str:
    """Refuse text that is empty or far longer than any ad, CV or notes."""
    if not text.strip():
        raise DocumentError(f"{origin} holds no text; check it is the right file")
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            f"{origin} holds {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} "
            "read here; keep only the job ad, CV or notes themselves"
        )
    return text


def _pdf_text(path: Path, data: bytes) -> str:
    """Every page's text; scanned, encrypted and corrupt PDFs each get their own line."""
    pypdf = _import("pypdf", "a PDF")
    try:
        reader = pypdf.PdfReader(_bytes_io(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{path} is a password-protected PDF; {_PASTE_INSTEAD}")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise _unreadable_pdf(path, error) from None
    text = "\n\n".join(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        raise DocumentError(f"{path} has no text to extract (a scanned image?); {_PASTE_INSTEAD}")
    return text


def _unreadable_pdf(path: Path, error: Exception) -> DocumentError:
    name = type(error).__name__
    if "Decrypt" in name or "password" in str(error).lower() or "Dependency" in name:
        return DocumentError(f"{path} is an encrypted PDF that cannot be opened; {_PASTE_INSTEAD}")
    return DocumentError(f"{path} is a damaged PDF that cannot be read; {_PASTE_INSTEAD}")


def _docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and table rows in document order; list paragraphs keep a bullet."""
    docx = _import("docx", "a DOCX file")
    _check_inflated_size(path, data)
    try:
        document = docx.Document(_bytes_io(data))
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    except Exception:  # a zip that is not a Word document, or a damaged one
        raise DocumentError(
            f"{path} is not a Word document that can be read (damaged, or another format); "
            f"{_PASTE_INSTEAD}"
        ) from None
    return "\n".join(lines)


def _check_inflated_size(path: Path, data: bytes) -> None:
    """Refuse a DOCX that would unpack to far more than a document holds, before unpacking it."""
    import zipfile

    try:
        with zipfile.ZipFile(_bytes_io(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: python-docx reports it as damaged
    total = sum(member.file_size for member in members)
    if total > MAX_DOCX_INFLATED or any(_packed_too_tight(member) for member in members):
        raise DocumentError(
            f"{path} would unpack to {total // 1_000_000:,} MB, far more than a document holds "
            f"(limit {MAX_DOCX_INFLATED // 1_000_000} MB); {_PASTE_INSTEAD}"
        )


def _packed_too_tight(member) -> bool:
    if member.file_size < _RATIO_FLOOR:
        return False
    return member.file_size > MAX_DOCX_RATIO * max(member.compress_size, 1)


def _block_lines(block) -> list[str]:
    if hasattr(block, "rows"):  # a table: one line per row, cells apart
        return [" | ".join(_cell_text(cell) for cell in _unique_cells(row)) for row in block.rows]
    style = (block.style.name if block.style is not None else "") or ""
    bullet = "- " if "list" in style.lower() and block.text.strip() else ""
    return [bullet + block.text]


def _unique_cells(row) -> list:
    """Merged cells repeat in python-docx; keep each once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_text(cell) -> str:
    return " ".join(paragraph.text for paragraph in cell.paragraphs).strip()


def _import(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise DocumentError(
            f"reading {what} needs the optional libraries: {_INSTALL}; or paste the text instead"
        ) from None


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def resolve_input(value: str, *, option: str, read_stdin: Callable[[], str]) -> Document:
    """A command-line value as text: `-` is standard input, an existing path is read, and a value
    with a line break or PASTED_MIN_WORDS words is taken as pasted text; anything else is an error
    naming the path, since a short value is far likelier a mistyped file name than an ad."""
    if value == "-":
        return Document(text=checked_text(read_stdin(), origin=f"{option} -"), origin="stdin")
    path = Path(value).expanduser()
    if _names_a_file(path):
        return Document(text=read_document(path), origin=str(path))
    if "\n" in value or len(value.split()) >= PASTED_MIN_WORDS:
        return Document(text=checked_text(value, origin=option), origin="pasted")
    raise DocumentError(
        f"{option} {value}: no such file; check the path, or pass the text itself "
        f"(at least {PASTED_MIN_WORDS} words, in quotes) or - for standard input"
    )


def _names_a_file(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a long pasted text is no valid path on some systems
        return False
