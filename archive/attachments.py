"""Attachments (bilagor): the files that belong to a meeting's document.

A file belongs to the document `X.pdf` when it lies in a folder named `X` beside it (`X/Bilaga 3
B.pdf`), when its name is the document's followed by 'Bilaga …' (`X Bilaga 3 B.pdf`, `X_bilaga_2.docx`),
or when the document's sidecar lists it (`attachments = ["Budget 2026.xlsx.pdf"]`, relative to the
document's folder). Attachments are read and indexed with their meeting, never as meetings of their own.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from pathlib import Path

from .errors import ArchiveError
from .metadata import is_sidecar, load_sidecar
from .model import Attachment
from .ocr import Ocr
from .readers import SUPPORTED, read_document

LABEL = re.compile(r"\bbilaga[\s_-]*(\d{1,3})(?:[\s_.-]*([A-Za-z])\b)?", re.IGNORECASE)
AFTER_DOCUMENT = re.compile(r"^[\s_-]+bilaga\b", re.IGNORECASE)  # 'X Bilaga 3 B' after the document's stem X


def attachment_paths(document: Path) -> list[Path]:
    """The files that belong to document, in name order."""
    document = Path(document)
    found: set[Path] = set()
    folder = document.with_suffix("")
    if folder.is_dir():
        found.update(p for p in folder.rglob("*") if _readable(p))
    for name in _names_starting(document.parent, document.stem):
        sibling = document.parent / name
        if sibling != document and _names_bilaga_of(sibling, document) and _readable(sibling):
            found.add(sibling)
    found.update(listed_in_sidecar(document))
    if not found:
        return []
    home = document.parent.resolve()  # never a file that a link or '..' puts outside the document's folder
    return sorted(path for path in found if path.resolve().is_relative_to(home))


def _names_starting(folder: Path, stem: str) -> list[str]:
    """The names in folder that begin with stem: a bisection of the folder's sorted names."""
    names = _folder_names(folder, folder.stat().st_mtime_ns)
    found = []
    for name in names[bisect.bisect_left(names, stem):]:
        if not name.startswith(stem):
            break
        found.append(name)
    return found


@functools.lru_cache(maxsize=64)
def _folder_names(folder: Path, modified_ns: int) -> tuple[str, ...]:
    """A folder's names, sorted, listed once while its modification time stays (adding, removing or
    renaming an entry changes it). Listing the folder for each of its documents made a build quadratic:
    125 ms a document with 6,667 documents in one folder, twice a build."""
    return tuple(sorted(os.listdir(folder)))


def listed_in_sidecar(document: Path) -> list[Path]:
    try:
        metadata = load_sidecar(document)
    except ArchiveError:
        return []
    names = metadata.attachments if metadata else ()
    return [document.parent / name for name in names if (document.parent / name).is_file()]


def without_attachments(candidates: list[Path]) -> list[Path]:
    """The candidates that are documents: not in a document's folder, not named as its Bilaga, not listed
    by its sidecar."""
    folders = {path.with_suffix("") for path in candidates}
    depth = min((len(folder.parts) for folder in folders), default=0)  # no folder above this: no parent to ask there
    listed = {listed for path in candidates for listed in listed_in_sidecar(path)}
    by_folder: dict[Path, list[Path]] = {}
    for path in candidates:
        by_folder.setdefault(path.parent, []).append(path)

    def attachment(path: Path) -> bool:
        if path in listed or any(parent in folders for parent in path.parents[:len(path.parts) - depth]):
            return True
        return bool(LABEL.search(path.stem)) and any(
            other != path and _names_bilaga_of(path, other) for other in by_folder[path.parent]
        )

    return [path for path in candidates if not attachment(path)]


def label_of(path: Path) -> str:
    """'LCHNV 251121 Bilaga 3 B.pdf' -> 'Bilaga 3 B'; a file without 'Bilaga' keeps its name."""
    if match := LABEL.search(path.stem):
        return f"Bilaga {match.group(1)}" + (f" {match.group(2).upper()}" if match.group(2) else "")
    return path.stem


def mentioned(text: str) -> set[str]:
    """The attachment labels a text refers to: '(Bilaga 3)', 'se bilaga 3 b' -> {'Bilaga 3', 'Bilaga 3 B'}."""
    return {f"Bilaga {m.group(1)}" + (f" {m.group(2).upper()}" if m.group(2) else "") for m in LABEL.finditer(text)}


def read_attachments(document: Path, ocr: Ocr | None = None) -> tuple[tuple[Attachment, ...], list[str]]:
    """The document's attachments read, and a warning for each that could not be."""
    attachments, warnings = [], []
    for path in attachment_paths(document):
        try:
            read = read_document(path, ocr)
        except ArchiveError as error:
            warnings.append(f"bilagan kunde inte läsas: {error}")
            continue
        source = path.relative_to(document.parent).as_posix()
        attachments.append(Attachment(label_of(path), source, read.text.replace("\f", "\n").strip(), read.ocr))
    return tuple(attachments), warnings


def _names_bilaga_of(path: Path, document: Path) -> bool:
    stem = document.stem
    return path.stem.startswith(stem) and bool(AFTER_DOCUMENT.match(path.stem[len(stem):]))


def _readable(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED and not is_sidecar(path) and not path.name.startswith(".")
