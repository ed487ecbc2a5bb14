"""What a scanned page costs: seconds of wall clock and of CPU a page read by OCR, as a build reads it.

    .venv/bin/python scripts/ocr_cost.py [PDF ...]

Without arguments, the five samples are rendered to PDF and scanned at 200 dpi (images only, no text
layer). Each PDF is read as a build reads it (PDFium renders each page at 300 dpi, Tesseract reads
it), without the OCR cache, in this process: one Tesseract engine (the wheel's libtesseract runs one thread).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import click
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.collection import BUNDLED  # noqa: E402
from archive.ocr import Ocr, unavailable  # noqa: E402
from archive.readers import read_document  # noqa: E402
from scripts.formats import write_scanned_pdf  # noqa: E402


def measure(path: Path, ocr: Ocr) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    document = read_document(path, ocr)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pages = len(document.ocr.pages) if document.ocr else 0
    return {"file": path.name, "pages": pages, "wall": wall, "cpu": cpu,
            "confidence": document.ocr.confidence if document.ocr else None}


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("pdfs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def main(pdfs: tuple[Path, ...]):
    """Seconds a page read by OCR, per file and over all."""
    if reason := unavailable():
        raise click.ClickException(reason)
    ocr = Ocr()
    ocr.read_pages(b"start", {1: Image.new("L", (200, 200), 255)})  # the engine's start is no page's cost
    with tempfile.TemporaryDirectory(prefix="arkiv-ocr-") as tmp:
        paths = list(pdfs) or [write_scanned_pdf(sample.read_text(encoding="utf-8"), Path(tmp) / f"{sample.stem}.pdf")
                               for sample in sorted(BUNDLED.glob("*.txt"))]
        rows = [measure(path, ocr) for path in paths]
    click.echo(f"{ocr.engine}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for row in rows + [{"file": "all", "pages": sum(r["pages"] for r in rows), "wall": sum(r["wall"] for r in rows),
                        "cpu": sum(r["cpu"] for r in rows), "confidence": None}]:
        per_page = f"{row['wall'] / row['pages']:.2f} s a page ({row['cpu'] / row['pages']:.2f} s CPU)" if row["pages"] else "no page read by OCR"
        confidence = f", confidence {row['confidence']:.0f} %" if row["confidence"] is not None else ""
        click.echo(f"{row['file']}: {row['pages']} pages in {row['wall']:.1f} s: {per_page}{confidence}")


if __name__ == "__main__":
    main()
