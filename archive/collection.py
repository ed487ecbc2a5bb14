"""An archive folder -> its meetings, with every file that failed named and why; one bad file never stops the rest."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .dates import covers
from .errors import ArchiveError
from .limits import capped_warnings, cut_long_lines
from .metadata import is_sidecar, load_sidecar
from .model import Meeting, Reference
from .parse import parse
from .readers import read_text

BUNDLED = Path(__file__).parent / "minutes"


def load_document(path: Path) -> Meeting:
    """Read, parse and apply the sidecar of one document. Raises ArchiveError (ReadError, MetadataError)."""
    path = Path(path)
    metadata = load_sidecar(path)
    text, cut = cut_long_lines(read_text(path))
    meeting = parse(text, source=path.name, metadata=metadata)
    return replace(meeting, warnings=tuple(capped_warnings(cut + list(meeting.warnings))))


def document_paths(folder: Path) -> list[Path]:
    """Every file of the archive that should be a document: hidden files and sidecars are not."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArchiveError(folder, None, "arkivmappen finns inte")
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
        and not is_sidecar(path) and path.suffix != ".py"
    )


@dataclass
class Archive:
    folder: Path
    meetings: list[Meeting] = field(default_factory=list)
    failures: list[ArchiveError] = field(default_factory=list)

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
    archive = Archive(Path(folder))
    by_id: dict[str, Meeting] = {}
    for path in document_paths(folder):
        try:
            meeting = load_document(path)
        except ArchiveError as error:
            archive.failures.append(error)
            continue
        if (first := by_id.get(meeting.id)) is not None:
            archive.failures.append(
                ArchiveError(path, None, f"samma möte ({meeting.id}) som {first.source}: rätta organ eller datum i en sidofil")
            )
            continue
        by_id[meeting.id] = meeting
        archive.meetings.append(meeting)
    archive.meetings.sort(key=lambda m: (m.date.iso() if m.date else "", m.organ or "", m.id))
    return archive
