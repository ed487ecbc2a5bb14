"""Reading scanned pages with OCR: Tesseract with its Swedish model, driven in-process by tesserocr.

The model is Debian's tesseract-ocr-swe (scripts/install-debian installs it). Without it a scanned
PDF is reported clearly and the rest of the archive is indexed. tesserocr was measured against
pytesseract (Tesseract's command line per page) on sample pages rendered at 300 dpi and on a real
scanned protocol page: the same engine gives the same text, but in-process it needs no process,
image file or model load per page (README, "Scanned PDFs"). OCRmyPDF writes a new PDF around the
same engine; we need only the text.

A page is read once per file content: the text and confidence are cached by the file's SHA-256 in a
folder the caller chooses (the build keeps it beside the index, never in the archive folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Meeting, OcrNote

LANGUAGE = "swe"
RESOLUTION = 300  # dpi: Tesseract's models are trained on text of about this size
TESSDATA_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                    "/usr/share/tessdata", "/usr/local/share/tessdata")
MISSING = ("en inskannad PDF kräver OCR, men Tesseract med svensk språkmodell är inte installerat "
           "(apt-get install tesseract-ocr tesseract-ocr-swe)")


def with_ocr_note(meeting: Meeting, note: OcrNote) -> Meeting:
    """The meeting marked as read by OCR, with a warning that arkiv check and the meeting page show."""
    pages = ", ".join(map(str, note.pages))
    warning = (f"texten lästes med OCR ({note.engine}) från sid. {pages}, säkerhet {note.confidence:.0f} %: "
               "stavfel och feltolkade tecken kan förekomma")
    return replace(meeting, ocr=note, warnings=(warning, *meeting.warnings))


@dataclass(frozen=True)
class PageText:
    text: str
    confidence: float  # Tesseract's mean word confidence, 0-100


def tessdata() -> Path | None:
    """The folder holding Tesseract's Swedish model, or None when it is not installed.
    TESSDATA_PREFIX, Tesseract's own variable, names the one folder to look in."""
    given = os.environ.get("TESSDATA_PREFIX")
    for folder in map(Path, [given] if given else TESSDATA_FOLDERS):
        if (folder / f"{LANGUAGE}.traineddata").is_file():
            return folder
    return None


def unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if tessdata() is None:
        return MISSING
    try:
        import tesserocr  # noqa: F401
    except ImportError as error:  # the wheel's own libtesseract failed to load
        return f"OCR kan inte starta: {error}"
    return None


Progress = Callable[[int, int], None]  # (pages queued, pages read) since the last call: for a progress bar


class Ocr:
    """Reads page images; one Tesseract engine per process, pages cached by file content and page.
    on_progress hears of every page that is read now (a cached page costs nothing and is not counted)."""

    def __init__(self, cache_dir: Path | None = None, on_progress: Progress | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.on_progress = on_progress
        self._api = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> str:
        import tesserocr

        return f"Tesseract {tesserocr.tesseract_version().split()[1]} ({LANGUAGE})"

    def read_pages(self, data: bytes, images: dict[int, object]) -> dict[int, PageText]:
        """page number -> its text, for the given page images (PIL images, or callables making one)."""
        cache = self._load(data)
        missing = [number for number in images if str(number) not in cache]
        self._progress(len(missing), 0)
        for number in missing:
            image = images[number]
            cache[str(number)] = self._recognise(image() if callable(image) else image).__dict__
            self._progress(0, 1)
        if missing:
            self._save(data, cache)
        return {number: PageText(**cache[str(number)]) for number in images}

    def note(self, pages: dict[int, PageText]) -> OcrNote:
        confidences = [page.confidence for page in pages.values() if page.text.strip()]
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        return OcrNote(pages=tuple(sorted(pages)), confidence=round(mean, 1), engine=self.engine)

    def _progress(self, queued: int, read: int) -> None:
        if self.on_progress is not None and (queued or read):
            self.on_progress(queued, read)

    def _recognise(self, image) -> PageText:
        import tesserocr

        with self._lock:
            if self._api is None:
                self._api = tesserocr.PyTessBaseAPI(path=str(tessdata()), lang=LANGUAGE)
            self._api.SetImage(image.convert("L"))
            text = self._api.GetUTF8Text()
            confidence = float(self._api.MeanTextConf())
        return PageText(text, confidence)

    # --- cache ------------------------------------------------------------------------------

    def _cache_file(self, data: bytes) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / f"{hashlib.sha256(data).hexdigest()}.json"

    def _load(self, data: bytes) -> dict:
        path = self._cache_file(data)
        try:
            return json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: bytes, cache: dict) -> None:
        path = self._cache_file(data)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # a cache that cannot be written costs time on the next build, nothing else
