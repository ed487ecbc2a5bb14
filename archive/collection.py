"""An archive folder -> its meetings, with every file that failed named and why; one bad file never stops the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules
from .attachments import read_attachments, without_attachments
from .dates import covers
from .errors import ArchiveError
from .limits import capped_warnings, cut_long_lines
from .metadata import existing_sidecar, is_sidecar, load_sidecar
from .model import Meeting, Reference
from .parse import parse
from .ocr import Ocr, with_ocr_note
from .readers import read_document

BUNDLED = Path(__file__).parent / "minutes"
NOT_DOCUMENTS = {name.lower() for name in rules.values("not_documents")}
# The same document in several formats: the PDF is the original (the signed document), a text file
# its extraction. Files with one stem and one meeting id are one document in two renderings.
RENDERING_RANK = {".pdf": 0, ".docx": 1, ".md": 2, ".txt": 3}


def rendering_order(name: str | Path) -> tuple:
    """Sort key that puts a document's original before its other renderings: ('x', 0) for x.pdf."""
    path = Path(name)
    return path.stem, RENDERING_RANK.get(path.suffix.lower(), 9), str(path)


def same_document(first: str | Path, second: str | Path) -> bool:
    """x.txt and pdf/x.pdf: one stem, two formats."""
    a, b = Path(first), Path(second)
    return a.stem == b.stem and a.suffix.lower() != b.suffix.lower()


def load_document(path: Path, ocr: Ocr | None = None) -> Meeting:
    """Read, parse and apply the sidecar of one document. Raises ArchiveError (ReadError, MetadataError).
    Scanned pages are read by OCR, through ocr's cache when one is given."""
    path = Path(path)
    metadata = load_sidecar(path)
    document = read_document(path, ocr)
    text, cut = cut_long_lines(document.text)
    meeting = parse(text, source=path.name, metadata=metadata, folder=path.parent.name)
    attachments, warnings = read_attachments(path, ocr)
    meeting = replace(meeting, attachments=attachments,
                      warnings=tuple(capped_warnings(cut + list(meeting.warnings) + warnings)))
    return with_ocr_note(meeting, document.ocr) if document.ocr else meeting


@dataclass(frozen=True)
class Listing:
    """The files of an archive folder: the documents, and the files that must not be read, each with why."""

    documents: list[Path]
    refused: list[ArchiveError]


def list_archive(folder: Path) -> Listing:
    """Every file of the archive that should be a document (hidden files, folders starting with '_' and
    sidecars are not), and every file refused: a link that leads out of the archive folder (or nowhere),
    a name that is not UTF-8. Links are resolved, never followed into folders; a link to a document
    that the archive holds anyway is that document, listed once."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArchiveError(folder, None, "arkivmappen finns inte")
    root = folder.resolve()
    refused: list[ArchiveError] = []
    found: dict[Path, Path] = {}  # resolved target -> the path listed for it
    links: list[tuple[Path, Path]] = []

    def unreadable(error: OSError) -> None:
        refused.append(ArchiveError(_shown(Path(error.filename or folder)), None,
                                    f"mappen kan inte läsas: {error.strerror or error}"))

    for here, subfolders, files in _walk(folder, unreadable):
        real_here = root / here.relative_to(folder)  # the walk never enters a linked folder: no link above a file
        subfolders[:] = [entry for entry in subfolders if not entry.name.startswith((".", "_"))]
        for entry in list(subfolders):
            if not _utf8(entry.name):
                subfolders.remove(entry)
                refused.append(ArchiveError(_shown(here / entry.name), None, f"mappnamnet {NOT_UTF8}"))
            elif entry.is_symlink() and not resolved_inside(here / entry.name, root):
                refused.append(ArchiveError(_shown(here / entry.name), None,
                                            "länken leder till en mapp utanför arkivmappen och följs inte"))
        for entry in files:
            name, path = entry.name, here / entry.name
            if name.startswith((".", "_")) or is_sidecar(path) or path.suffix == ".py" or path.stem.lower() in NOT_DOCUMENTS:
                continue
            if (why := _refusal(path, root, entry.is_symlink())) is not None:
                refused.append(ArchiveError(_shown(path), None, why))
            elif not entry.is_file():
                continue  # a pipe or a device: reading it could wait forever
            elif entry.is_symlink():
                links.append((path, path.resolve()))
            else:
                found[real_here / name] = path
    for path, target in links:
        found.setdefault(target, path)
    return Listing(without_attachments(sorted(found.values())), refused)


def _walk(folder: Path, onerror):
    """os.walk(folder) in name order, giving the folders' entries (os.DirEntry) rather than their names: an
    entry knows whether it is a link or a file from the listing, where a path asks the disk each time
    (five system calls a document). As os.walk, it enters the subfolders left in the list it gave, never
    a linked one, and hands an error listing a folder to onerror."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        onerror(error)
        return
    subfolders, files = [], []
    for entry in entries:
        (subfolders if _is_dir(entry) else files).append(entry)
    yield folder, subfolders, files
    for entry in subfolders:
        if not entry.is_symlink():
            yield from _walk(folder / entry.name, onerror)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def document_paths(folder: Path) -> list[Path]:
    """The documents of an archive folder (see list_archive)."""
    return list_archive(folder).documents


def _refusal(path: Path, root: Path, link: bool) -> str | None:
    """Why a file of the archive folder (a link if link) must not be read, or None."""
    if not _utf8(path.name):
        return f"filnamnet {NOT_UTF8}"
    if link and not path.exists():
        return "länken leder ingenstans (eller i en slinga)"
    try:
        sidecar = existing_sidecar(path)
    except ArchiveError as error:
        return error.message
    for candidate, linked, what in ((path, link, "filen"), (sidecar, sidecar is not None and sidecar.is_symlink(), "sidofilen")):
        if linked and not resolved_inside(candidate, root):
            return f"{what} är en länk till en fil utanför arkivmappen och läses inte"
    return None


def resolved_inside(path: Path, root: Path) -> Path | None:
    """The real path of path (every link resolved) if it exists inside the folder root, else None."""
    root = root.resolve()
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # gone meanwhile, or a loop of links (RuntimeError before Python 3.13)
        return None
    return real if real.is_relative_to(root) else None


NOT_UTF8 = "är inte giltig UTF-8 och kan inte visas eller länkas: byt namn"


def _utf8(name: str) -> bool:
    """Whether a name read from the disk was UTF-8 (Python keeps other bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: Path) -> Path:
    """A path whose name can be printed: bytes that are not UTF-8 shown as \\xNN."""
    return Path(os.fsencode(path).decode("utf-8", "backslashreplace"))


@dataclass
class Archive:
    folder: Path
    meetings: list[Meeting] = field(default_factory=list)
    failures: list[ArchiveError] = field(default_factory=list)
    renderings: dict[str, str] = field(default_factory=dict)  # file -> the original it is another format of

    def get(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def resolve(self, reference: Reference, source: Meeting) -> Meeting | None:
        """The archived meeting a reference points to: same date, and the organ it names or the source's own."""
        organ = reference.organ or source.organ
        for meeting in self.meetings:
            if meeting.organ == organ and meeting.date and covers(meeting.date.iso(), reference.date.iso()):
                return meeting
        return None


def load_archive(folder: Path) -> Archive:
    """Every document of a folder. Failures are collected, never raised; duplicate ids are reported."""
    listing = list_archive(folder)
    archive = Archive(Path(folder), failures=list(listing.refused))
    by_id: dict[str, Meeting] = {}
    for path in sorted(listing.documents, key=rendering_order):
        try:
            meeting = load_document(path)
        except ArchiveError as error:
            archive.failures.append(error)
            continue
        if (first := by_id.get(meeting.id)) is not None and same_document(path.name, first.source):
            archive.renderings[path.name] = first.source
            continue
        if first is not None:
            archive.failures.append(
                ArchiveError(path, None, f"samma möte ({meeting.id}) som {first.source}: rätta organ eller datum i en sidofil")
            )
            continue
        by_id[meeting.id] = meeting
        archive.meetings.append(meeting)
    archive.meetings.sort(key=lambda m: (m.date.iso() if m.date else "", m.organ or "", m.id))
    archive.failures.sort(key=lambda f: str(f.path))
    return archive
