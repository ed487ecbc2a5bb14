"""Scanned PDFs: a sample rendered to an image-only PDF is read by OCR into the same meeting."""

import re

import pytest

from archive.collection import load_document
from archive.errors import ReadError
from archive.ocr import Ocr, unavailable
from scripts.formats import write_pdf
from tests.conftest import SAMPLES

SCAN_DPI = 200  # an office scanner's usual resolution
NO_TESSERACT = unavailable()


def scanned_pdf(text: str, folder, name: str):
    """The text rendered to PDF, then every page rasterised: images only, no text layer. The samples'
    Markdown emphasis ('**Information: …**') is left out: a scanned page shows bold type, not asterisks."""
    import pypdfium2 as pdfium

    rendered = write_pdf(text.replace("**", ""), folder / f"{name}-text.pdf")
    document = pdfium.PdfDocument(str(rendered))
    images = [page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil() for page in document]
    document.close()
    path = folder / f"{name}.pdf"
    images[0].save(path, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
    rendered.unlink()
    return path


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
