"""Render a document's text as a PDF (reportlab) or a DOCX (python-docx), as an office would have made them.

The PDF wraps long lines at the page width, breaks pages, and puts a page number at the foot of
each page; blank lines become space, so the extracted text has none. The DOCX has one paragraph a
line, real Word numbering for the agenda items ('1.', 'a)'), tables for tab-separated rows and
bullet lists for bullets: the reader has to rebuild the labels from numbering.xml.
"""

from __future__ import annotations

import re
from pathlib import Path

HEADING_TOP = re.compile(r"^(\d{1,2})\.\s+(?!att\b)(\S.*)$")
HEADING_LETTER = re.compile(r"^([a-z])\)\s+(\S.*)$")
BULLET = re.compile(r"^[•]\s*")

PAGE_WIDTH_MARGIN = 60
FONT_SIZE = 10.5
LEADING = 14
COLUMN = 125  # a table column's width in points
CELL_GAP = 12  # the least space between two cells of a row


def _font() -> str:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        path = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        pdfmetrics.registerFont(TTFont("Vera", str(path)))
    return "Vera"


def write_pdf(text: str, path: Path, line_pages: list[int] | None = None) -> Path:
    """Render text as an A4 PDF. line_pages, when given, receives the page each line of text starts on."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _font()
    width, height = A4
    usable = width - 2 * PAGE_WIDTH_MARGIN
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    y = height - PAGE_WIDTH_MARGIN

    def new_page():
        nonlocal y, page
        pdf.setFont(font, 8)
        pdf.drawString(width / 2, 30, f"Sida {page}")
        pdf.showPage()
        page += 1
        y = height - PAGE_WIDTH_MARGIN

    for raw in text.splitlines():
        if y < PAGE_WIDTH_MARGIN + LEADING:
            new_page()
        if line_pages is not None:
            line_pages.append(page)
        pdf.setFont(font, FONT_SIZE)
        if "\t" in raw:
            x = PAGE_WIDTH_MARGIN
            for cell in raw.split("\t"):  # a cell wider than its column pushes the next one right, as in a word processor
                pdf.drawString(x, y, cell.strip())
                x = max(x + COLUMN, x + stringWidth(cell.strip(), font, FONT_SIZE) + CELL_GAP)
            y -= LEADING
            continue
        for piece in _wrap(raw.strip(), lambda s: stringWidth(s, font, FONT_SIZE), usable):
            if y < PAGE_WIDTH_MARGIN + LEADING:
                new_page()
                pdf.setFont(font, FONT_SIZE)
            pdf.drawString(PAGE_WIDTH_MARGIN, y, piece)
            y -= LEADING
    new_page()
    pdf.save()
    return path


def _wrap(line: str, measure, width: float) -> list[str]:
    if not line:
        return [""]
    pieces, current = [], ""
    for word in line.split(" "):
        trial = f"{current} {word}" if current else word
        if current and measure(trial) > width:
            pieces.append(current)
            current = word
        else:
            current = trial
    return pieces + [current]


NUMBERING_ID = "90"


def write_scanned_pdf(text: str, path: Path, dpi: int = 200) -> Path:
    """The text rendered to PDF, then every page rasterised at dpi (an office scanner's 200 by default):
    images only, no text layer. Markdown emphasis ('**Information: …**') is left out: a scanned page
    shows bold type, not asterisks."""
    import pypdfium2 as pdfium

    rendered = write_pdf(text.replace("**", ""), path.with_name(f"{path.stem}-text.pdf"))
    document = pdfium.PdfDocument(str(rendered))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    document.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    rendered.unlink()
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    _add_agenda_numbering(document)
    next_top = None
    rows: list[list[str]] = []
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if "\t" in raw:
            rows.append([cell.strip() for cell in raw.split("\t")])
            continue
        if rows:
            _add_table(document, rows)
            rows = []
        if not line:
            continue
        top = HEADING_TOP.match(line)
        if top and (next_top is None or int(top.group(1)) == next_top):
            next_top = int(top.group(1)) + 1
            _numbered(document.add_paragraph(top.group(2)), level=0)
        elif (letter := HEADING_LETTER.match(line)) and next_top is not None:
            _numbered(document.add_paragraph(letter.group(2)), level=1)
        elif BULLET.match(line):
            document.add_paragraph(BULLET.sub("", line), style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _add_agenda_numbering(document) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUMBERING_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUMBERING_ID}"><w:abstractNumId w:val="{NUMBERING_ID}"/></w:num>')
    )


def _numbered(paragraph, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUMBERING_ID}"/></w:numPr>')
    )


def _add_table(document, rows: list[list[str]]) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
