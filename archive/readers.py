"""File -> text for .pdf, .docx, .txt and .md. Every failure is a ReadError that names the file; so is a
document over the limits of archive/limits.py, refused as early as its size shows (a zip bomb before
anything is inflated).

PDF goes through PDFium (pypdfium2): on the real PDFs of tests/corpus its text is as close to
pdftotext's as pypdf's or closer, and it reads them 7 times as fast (README, "PDF library").
Table cells are kept apart by tabs where PDFium leaves only a space. Every page ends with a
form feed, which the cleaner reads as a page break and archive/pages.py counts.
"""

from __future__ import annotations

import codecs
import io
import re
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError
from .limits import MAX_DOCUMENT_CHARS, MAX_FILE_BYTES, MAX_LINES, MAX_PDF_PAGES, MAX_UNPACKED_BYTES, number
from .model import OcrNote
from .ocr import RESOLUTION, Ocr, unavailable

SUPPORTED = (".pdf", ".docx", ".txt", ".md")
# Encodings Swedish offices produce besides UTF-8. cp1250 and friends are left out on purpose:
# they decode å as 'ĺ' and would win on short texts.
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

@dataclass(frozen=True)
class Document:
    text: str
    ocr: OcrNote | None = None  # the pages read by OCR, if any


def read_text(path: Path) -> str:
    """The text of a document. Raises ReadError for anything that yields no honest text."""
    return read_document(path).text


def read_document(path: Path, ocr: Ocr | None = None) -> Document:
    """The text of a document, scanned PDF pages read by OCR (with ocr's cache, if given)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(path, None, f"okänd filtyp '{suffix or path.name}' (läser {', '.join(SUPPORTED)})")
    try:
        if (size := path.stat().st_size) > MAX_FILE_BYTES:
            raise ReadError(path, None, f"filen är {_megabytes(size)}; högst {_megabytes(MAX_FILE_BYTES)} läses")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(path, None, f"kan inte läsa filen: {error.strerror or error}") from error
    if not data.strip():
        raise ReadError(path, None, "filen är tom")
    if suffix == ".pdf":
        document = _read_pdf(path, data, ocr or Ocr())
    else:
        document = Document({".docx": _read_docx}.get(suffix, _read_plain)(path, data))
    if not document.text.strip():
        raise ReadError(path, None, "dokumentet innehåller ingen text (en inskannad bild utan textlager?)")
    _within_limits(path, document.text)
    return document


def _within_limits(path: Path, text: str) -> str:
    """The text, unless it is longer than any real protocol (see archive/limits.py)."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ReadError(path, None, f"dokumentet har {number(len(text))} tecken; högst {number(MAX_DOCUMENT_CHARS)} "
                                    "läses (dela upp filen)")
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (not text.endswith(("\n", "\r")))
    if lines > MAX_LINES:
        raise ReadError(path, None, f"dokumentet har {number(lines)} rader; högst {number(MAX_LINES)} läses (dela upp filen)")
    return text


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB".replace(",", " ")


# --- PDF --------------------------------------------------------------------------------------

PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time per process
PARAGRAPH_GAP = 1.4  # font heights between two baselines: 0.7-0.9 within a paragraph, 1.6 or more across an empty line
TABLE_GAP = 1.5  # a gap between two words wider than this many line heights separates table cells
SCANNED = 20  # a page with fewer letters than this in its text layer is a scanned image: read it by OCR


def _read_pdf(path: Path, data: bytes, ocr: Ocr) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, None, "inte en PDF: filhuvudet '%PDF-' saknas")
    with PDFIUM:
        pages, images = _pdf_pages(path, data)
    if not pages:
        raise ReadError(path, None, "PDF utan sidor (avkortad fil?)")
    note = None
    if images:
        if reason := unavailable():
            if not any(p.strip() for p in pages):
                raise ReadError(path, None, f"dokumentet innehåller ingen text: {reason}")
        else:
            read = ocr.read_pages(data, images)
            pages = [read[number].text if number in read else text for number, text in enumerate(pages, start=1)]
            note = ocr.note(read) if any(page.text.strip() for page in read.values()) else None
    return Document("".join(f"{page}\n\f\n" for page in pages), note)  # every page ends with a form feed


def _pdf_pages(path: Path, data: bytes) -> tuple[list[str], dict[int, Callable]]:
    """Each page's text, and for the pages without a text layer a function rendering the page's image."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReadError(path, None, "krypterad PDF: den kräver lösenord för att öppnas") from error
        raise ReadError(path, None, f"trasig eller avkortad PDF ({error})") from error
    try:
        if len(document) > MAX_PDF_PAGES:
            raise ReadError(path, None, f"PDF:en har {number(len(document))} sidor; högst {number(MAX_PDF_PAGES)} läses")
        pages = [_page_text(page) for page in document]
        scanned = [number for number, text in enumerate(pages, start=1)
                   if sum(c.isalpha() for c in text) < SCANNED and _has_image(document[number - 1])]
        images = {number: _rendered(data, number) for number in scanned}
        return pages, images
    except pdfium.PdfiumError as error:
        raise ReadError(path, None, f"trasig eller avkortad PDF ({error})") from error
    finally:
        document.close()


def _has_image(page) -> bool:
    """Whether the page holds an image, as a scan does. A page of little text and no image (a last page
    with only its number, or one line) has nothing OCR could read, and its text layer is its text."""
    import pypdfium2 as pdfium

    return next(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]), None) is not None


def _rendered(data: bytes, number: int) -> Callable:
    """A function rendering one page as an image at OCR resolution (only if the cache lacks its text)."""

    def render():
        import pypdfium2 as pdfium

        with PDFIUM:
            document = pdfium.PdfDocument(data)
            try:
                return document[number - 1].render(scale=RESOLUTION / 72, grayscale=True).to_pil()
            finally:
                document.close()

    return render


def _page_text(page) -> str:
    """The page's text in PDFium's reading order, a tab where a wide gap separates two table cells, a
    line break where PDFium ran two lines into one, and a blank line between paragraphs."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        chars = list(text) if " " in text else None
        for match in CELL_SPACE.finditer(text):
            index = match.start()
            left, bottom, right, top = textpage.get_charbox(index - 1)
            next_left, next_bottom, _r, next_top = textpage.get_charbox(index + 1)
            height = max(top - bottom, next_top - next_bottom, 1.0)
            if abs(bottom - next_bottom) < height and next_left - right > TABLE_GAP * height:
                chars[index] = "\t"
            elif next_top < bottom and next_left < left:  # below and back to the left: a line PDFium ran on
                chars[index] = "\n"
        if chars is not None:
            text = "".join(chars)
        text = _paragraph_gaps(text, textpage)
        # PDFium joins a word hyphenated at a line end and marks the hyphen U+FFFE; the line break is put
        # back so that the cleaner decides, as for any extractor ('hälso- och', 'RKA-process', 'utvecklingsarbete')
        return re.sub("\ufffe(?:\r?\n)?", "-\n", text).replace("\r\n", "\n").replace("\r", "\n")
    finally:
        textpage.close()
        page.close()


CELL_SPACE = re.compile(r"(?<=\S) (?=\S)")
LINE_BREAK = re.compile(r"(?<=\S)\r?\n(?=\S)")


def _paragraph_gaps(text: str, textpage) -> str:
    """A blank line where the next line starts well below the last (more than PARAGRAPH_GAP font heights
    between their baselines, measured on the characters' loose boxes: a glyph's own box is as short as a
    full stop): PDFium gives no empty lines, and the parser reads paragraphs and a title's end from them,
    as from pdftotext's text of the same page."""
    pieces, start = [], 0
    for match in LINE_BREAK.finditer(text):
        before, after = match.start() - 1, match.end()
        _l, bottom, _r, top = textpage.get_charbox(before, loose=True)
        _nl, next_bottom, _nr, next_top = textpage.get_charbox(after, loose=True)
        height = max(top - bottom, next_top - next_bottom, 1.0)
        if bottom - next_bottom > PARAGRAPH_GAP * height:
            pieces.append(text[start:match.end()] + "\n")
            start = match.end()
    return "".join(pieces) + text[start:]


# --- DOCX -------------------------------------------------------------------------------------


def _read_docx(path: Path, data: bytes) -> str:
    import docx

    try:
        _check_package(path, data)
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_lines(document))
    except ReadError:
        raise
    except Exception as error:  # damaged zip or XML: zlib, lxml and python-docx each raise their own
        raise ReadError(path, None, f"trasig DOCX ({type(error).__name__}: {error})") from error


def _check_package(path: Path, data: bytes) -> None:
    """Refuse a DOCX over the limits before python-docx parses it: a zip bomb from the sizes its
    directory declares (zipfile never inflates a part beyond its declared size), a document of too
    many paragraphs by counting them in its main part's XML (parsing a million took 5 s and 600 MB)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ReadError(path, None, f"DOCX-filen är {_megabytes(unpacked)} uppackad; högst "
                                        f"{_megabytes(MAX_UNPACKED_BYTES)} läses (en zip-bomb?)")
        main = _main_part(package)
        paragraphs = _paragraph_count(package.read(main)) if main else 0
    if paragraphs > MAX_LINES:
        raise ReadError(path, None, f"dokumentet har {number(paragraphs)} stycken; högst {number(MAX_LINES)} läses "
                                    "(dela upp filen)")


WORD_NAMESPACE = re.compile(rb'xmlns:(\w+)="http://schemas.openxmlformats.org/wordprocessingml/2006/main"')
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _paragraph_count(xml: bytes) -> int:
    """The paragraphs (<w:p>) of WordprocessingML, counted in the bytes (a regex took 3 s for a million)."""
    prefix = match.group(1) if (match := WORD_NAMESPACE.search(xml, 0, 20_000)) else b"w"
    return sum(xml.count(b"<" + prefix + b":p" + end) for end in (b">", b" ", b"/>"))


def _main_part(package: zipfile.ZipFile) -> str | None:
    """The name of the package's main document part, as its relationships give it ('word/document.xml')."""
    from lxml import etree

    try:
        relationships = etree.fromstring(package.read("_rels/.rels"), etree.XMLParser(resolve_entities=False))
    except (KeyError, etree.XMLSyntaxError):
        return None
    for relationship in relationships:
        if relationship.get("Type") == OFFICE_DOCUMENT:
            name = relationship.get("Target", "").lstrip("/")
            return name if name in package.namelist() else None
    return None


def _docx_lines(document) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            label = numbering.label(block)
            text = block.text
            lines.append(f"{label} {text}" if label else text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:  # a merged cell comes once for each grid column it spans
                    if not cells or cell._tc is not cells[-1]._tc:
                        cells.append(cell)
                lines.append("\t".join(c.text.replace("\n", " ") for c in cells).rstrip("\t"))
    return lines


class _Numbering:
    """Word's automatic numbering ('1.', 'a)') as the labels a reader sees; python-docx gives only the text."""

    FORMATS = {
        "decimal": str,
        "lowerLetter": lambda n: _letters(n),
        "upperLetter": lambda n: _letters(n).upper(),
        "lowerRoman": lambda n: _roman(n).lower(),
        "upperRoman": lambda n: _roman(n),
    }

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.by_style: dict[str | None, tuple[str | None, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        w = "{%s}" % ns["w"]
        abstract = {a.get(w + "abstractNumId"): a for a in root.findall("w:abstractNum", ns)}
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            definition = abstract.get(ref.get(w + "val")) if ref is not None else None
            if definition is None:
                continue
            for level in definition.findall("w:lvl", ns):
                fmt = level.find("w:numFmt", ns)
                text = level.find("w:lvlText", ns)
                start = level.find("w:start", ns)
                self.levels[(num.get(w + "numId"), int(level.get(w + "ilvl")))] = (
                    fmt.get(w + "val") if fmt is not None else "decimal",
                    text.get(w + "val") if text is not None else "",
                    int(start.get(w + "val")) if start is not None else 1,
                )

    def label(self, paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        if num_id is None or (num_id, level) not in self.levels:
            return ""
        fmt, template, start = self.levels[(num_id, level)]
        if fmt == "bullet":
            return "•"
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0

        def value(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            f, _t, s = self.levels.get((num_id, index), ("decimal", "", 1))
            return self.FORMATS.get(f, str)(counters[index] or s)

        return re.sub(r"%(\d)", value, template)

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        """The list a paragraph is in: its own numbering, else its style's (looked up once per style)."""
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            return _list_of(ppr)
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if style_id not in self.by_style:
            self.by_style[style_id] = self._style_list(paragraph.style)
        return self.by_style[style_id]

    @staticmethod
    def _style_list(style) -> tuple[str | None, int]:
        while style is not None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                return _list_of(ppr)
            style = style.base_style
        return None, 0


def _list_of(ppr) -> tuple[str, int]:
    level = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
    return str(ppr.numPr.numId.val), int(level)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in numerals:
        while n >= value:
            out, n = out + numeral, n - value
    return out


# --- plain text -------------------------------------------------------------------------------


def _read_plain(path: Path, data: bytes) -> str:
    if len(data) > 4 * MAX_DOCUMENT_CHARS:  # more characters than the limit in any encoding: refused undecoded
        raise ReadError(path, None, f"textfilen är {_megabytes(len(data))}; högst {number(MAX_DOCUMENT_CHARS)} tecken läses")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(path, _decode(path, data, encoding))
    try:
        return _checked(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _looks_like_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _checked(path, _decode(path, data, encoding))
    if data.count(0) > 0:
        raise ReadError(path, None, "binär fil, inte text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise ReadError(path, None, "okänd teckenkodning: texten kan inte avkodas")
    return _checked(path, str(best))


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4000]
    return len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(path, None, f"felaktig {encoding} vid byte {error.start}") from error


def _checked(path: Path, text: str) -> str:
    """Text full of control characters is binary data that happened to decode."""
    if len(CONTROL.findall(text[:20000])) > max(2, len(text[:20000]) // 100):
        raise ReadError(path, None, "binär fil, inte text")
    return text
