"""Scanned PDFs: a sample rendered to an image-only PDF is read by OCR into the same meeting."""

import re
import subprocess
import sys

import pytest

from archive.collection import load_document
from archive.errors import ReadError
from archive.ocr import Ocr, unavailable
from index.reading import read_documents
from scripts.formats import write_scanned_pdf
from tests.conftest import SAMPLES

NO_TESSERACT = unavailable()


def scanned_pdf(text: str, folder, name: str):
    return write_scanned_pdf(text, folder / f"{name}.pdf")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _share_right(read: list[str], expected: list[str]) -> float:
    return sum(_norm(a) == _norm(b) for a, b in zip(read, expected)) / len(expected)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skannat")
    return scanned_pdf(SAMPLES["002"].read_text(encoding="utf-8"), folder, "valfardsradet-skannad")


def test_the_scan_has_no_text_layer(scanned):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(scanned))
    assert all(not page.get_textpage().get_text_range().strip() for page in document)


@pytest.mark.skipif(NO_TESSERACT is not None, reason=f"Tesseract is absent: {NO_TESSERACT}")
def test_a_scanned_sample_is_read_by_ocr_into_the_same_meeting(scanned, samples, tmp_path):
    cache = tmp_path / "ocr"
    meeting = load_document(scanned, Ocr(cache))
    original = samples["002"]
    assert (meeting.organ, meeting.date, meeting.doc_type) == (original.organ, original.date, original.doc_type)
    items, expected = list(meeting.all_items()), list(original.all_items())
    assert [i.number for i in items] == [i.number for i in expected]
    assert _share_right([i.title for i in items], [i.title for i in expected]) >= 0.9
    decisions = [d.text for i in items for d in i.decisions + i.proposals]
    assert _share_right(decisions, [d.text for i in expected for d in i.decisions + i.proposals]) >= 0.9
    assert meeting.ocr is not None and meeting.ocr.pages == tuple(range(1, len(meeting.ocr.pages) + 1))
    assert len(meeting.ocr.pages) >= 5 and 50 < meeting.ocr.confidence <= 100
    assert "lästes med OCR" in meeting.warnings[0] and "Tesseract" in meeting.warnings[0]
    assert all(item.page for item in items)  # pages come from OCR too

    # once per file content: the second reading takes the cache, which it leaves as it was
    (cached,) = cache.iterdir()
    written = cached.stat().st_mtime_ns
    assert load_document(scanned, Ocr(cache)) == meeting
    assert cached.stat().st_mtime_ns == written


def test_without_tesseract_a_scan_is_reported_clearly(scanned, monkeypatch, tmp_path):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a folder without the Swedish model
    with pytest.raises(ReadError, match=r"^valfardsradet-skannad\.pdf: dokumentet innehåller ingen text: "
                                        r"en inskannad PDF kräver OCR, men Tesseract med svensk språkmodell"):
        load_document(scanned)


ONE_PAGE = ("Minnesanteckningar Välfärdsrådet\nDatum: 2026-03-12\n\n1. Mötets öppnande\nOrdföranden öppnade mötet.\n\n"
            "2. Boendestöd\nRådet beslutade att ge kansliet i uppdrag att följa upp boendestödet.\n")
OCR_BAR = re.compile(r"OCR, skannade sidor: 100%.*\b1/1\b")


@pytest.mark.skipif(NO_TESSERACT is not None, reason=f"Tesseract is absent: {NO_TESSERACT}")
def test_arkiv_build_shows_the_pages_it_reads_by_ocr_in_its_progress(archive_copy, tmp_path):
    """Issue 13: OCR runs in the build's progress bar. A scanned page takes seconds, so the build counts
    the pages it reads by OCR below its documents; the pages read before (cached) cost nothing and show none."""
    scanned_pdf(ONE_PAGE, archive_copy, "valfardsradet-2026-03-12-skannad")

    def build(*options):
        done = subprocess.run([sys.executable, "-m", "scripts.cli", "build", *options, "--archive", str(archive_copy),
                               "--index", str(tmp_path / "index")], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done

    first = build()
    assert "6 nya" in first.stdout and "Läser dokument" in first.stderr
    assert OCR_BAR.search(first.stderr)
    again = build("--rebuild")  # the page's text is cached by the file's content, beside the index
    assert "Läser dokument" in again.stderr and "OCR" not in again.stderr
    assert "OCR" not in build("--rebuild", "--quiet").stderr + build("--quiet").stderr


@pytest.mark.skipif(NO_TESSERACT is not None, reason=f"Tesseract is absent: {NO_TESSERACT}")
def test_reading_processes_send_their_ocr_pages_to_the_builds_bar(tmp_path, capsys):
    scan = scanned_pdf(ONE_PAGE, tmp_path, "skannad")
    read = list(read_documents([scan, SAMPLES["002"]], tmp_path / "ocr", workers=2, progress=True))
    assert [meeting.ocr is not None for _path, (meeting, _error) in read] == [True, False]
    assert OCR_BAR.search(capsys.readouterr().err)


@pytest.mark.skipif(NO_TESSERACT is not None, reason=f"Tesseract is absent: {NO_TESSERACT}")
def test_a_last_page_of_one_line_is_read_from_its_text_layer_not_by_ocr(tmp_path):
    """A page with fewer than 20 letters was taken for a scan: a born-digital protocol's last page
    holding 'att öppna mötet.' and its number was read by OCR (seconds, the meeting marked as read by
    OCR, the line replaced by OCR's reading). Only a page holding an image is a scan."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from archive.readers import read_document

    path = tmp_path / "protokoll.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, line in enumerate(ONE_PAGE.splitlines()):
        pdf.drawString(60, 780 - 14 * number, line)
    pdf.showPage()
    pdf.drawString(60, 780, "att öppna mötet.")
    pdf.drawString(280, 40, "Sida 2")
    pdf.showPage()
    pdf.save()
    queued = []
    document = read_document(path, Ocr(on_progress=lambda pages, _read: queued.append(pages)))
    assert queued == [] and document.ocr is None
    assert "att öppna mötet." in document.text.split("\f")[1]
