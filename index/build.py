"""Build or update the index from an archive folder: incremental by content hash, atomic, one bad file never fatal."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from tqdm import tqdm

from archive.assignments import assignments
from archive.attachments import attachment_paths
from archive.collection import list_archive, rendering_order, same_document
from archive.collective import shared_decisions
from archive.errors import ArchiveError
from archive.limits import MAX_FILE_BYTES
from archive.metadata import existing_sidecar
from archive.model import Attachment, Item, Meeting
from archive.serialize import meeting_detail

from .analysis import analyse, base_stems, exact_words, weighted
from .decision_fields import decision_fields
from .followup import assignment_fields
from .relations import RelationStep, matter_fields
from .errors import IndexMissing, IndexOutdated, write_error
from .reading import read_documents
from .schema import FILE, ITEM, MEETING, META, PEOPLE_SEPARATOR, VERSION
from .store import (
    build_lock, check_columns, live_generation, make_live, new_generation, open_live, remove_stale_generations,
    take_over_write_lock,
)
from .wordrules import is_procedural
from .writer import open_writer

# Scanned pages read by OCR, by file content: beside the index generations, kept across rebuilds,
# never in the archive folder.
OCR_CACHE = "ocr"


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # source -> why it could not be indexed
    renderings: dict[str, str] = field(default_factory=dict)  # source -> the original it is another format of
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    linked: int = 0  # items whose relations (matter history) were computed
    items: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def build(archive_dir: Path, index_dir: Path, rebuild: bool = False, progress: bool = False, wait: float = 0.0,
          on_wait: Callable[[str], None] | None = None) -> BuildReport:
    """Bring the index at index_dir up to date with archive_dir; see BuildReport for what happened.
    A build another process runs (a server's watcher, a nightly job) is waited for up to `wait` seconds."""
    started = time.perf_counter()
    archive_dir, index_dir = Path(archive_dir), Path(index_dir)
    with build_lock(index_dir, wait, on_wait):
        listing = list_archive(archive_dir)  # after the wait: what the other build left is the starting point
        paths = {_source_name(path, archive_dir): path for path in listing.documents}
        report = BuildReport()
        index, known = _open_for_update(index_dir, rebuild, report)
        take_over_write_lock(index)
        try:
            _update(index, paths, known, report, progress, index_dir / OCR_CACHE)
        except BaseException as error:
            if report.rebuilt:  # the unfinished generation is never live: its space goes back now
                shutil.rmtree(index.storage.folder, ignore_errors=True)
            if isinstance(error, OSError):
                raise write_error(error, index_dir, previous=live_generation(index_dir) is not None) from error
            raise
        report.failures.update({str(error.path): str(error) for error in listing.refused})
        if report.rebuilt:
            make_live(index_dir, Path(index.storage.folder))
        else:
            remove_stale_generations(index_dir)
    report.seconds = time.perf_counter() - started
    return report


def _open_for_update(index_dir: Path, rebuild: bool, report: BuildReport):
    """The live index and its file records, or a new generation when a rebuild is needed."""
    reason = "--rebuild" if rebuild else None
    if reason is None:
        try:
            index = open_live(index_dir)
            with index.reader() as reader:
                check_columns(reader, index_dir)
            return index, _file_records(index)
        except IndexMissing:
            reason = "inget index fanns"
        except IndexOutdated as error:
            reason = str(error)
    report.rebuilt = reason
    try:
        return new_generation(index_dir), {}
    except OSError as error:
        raise write_error(error, index_dir, previous=live_generation(index_dir) is not None) from error


def _file_records(index) -> dict[str, dict]:
    with index.searcher() as searcher:
        return {doc["source"]: doc for doc in searcher.documents(doctype=FILE)}


def _update(index, paths: dict[str, Path], known: dict[str, dict], report: BuildReport, progress: bool,
            ocr_cache: Path) -> None:
    hashes, signatures = _content_hashes(paths, known)
    report.removed = sorted(set(known) - set(paths))
    orphaned = {s for s in paths if known.get(s, {}).get("data", {}).get("rendering_of") in report.removed}
    changed = sorted(
        (s for s in paths if known.get(s, {}).get("content_hash") != hashes[s] or s in orphaned), key=rendering_order
    )  # a rendering whose original was removed is read again, as the document it now is
    report.unchanged = [s for s in sorted(paths) if s not in changed]
    owners = {
        known[s]["meeting_id"]: s for s in report.unchanged if known[s].get("meeting_id")
    }  # meeting id -> the file that has it
    report.failures = {s: known[s]["data"]["error"] for s in report.unchanged if known[s]["data"].get("error")}
    report.renderings = {s: known[s]["data"]["rendering_of"] for s in report.unchanged if known[s]["data"].get("rendering_of")}
    if not (changed or report.removed or report.rebuilt):
        return  # nothing to write: a commit would still add a segment (issue 16)
    words: set[str] = set()  # the words of the documents indexed now, as written
    # Large builds use both cores and keep the two sub-segments: merging them (single-threaded in
    # Whoosh) took half as long again as the build itself at 20,000 items, and searching reads them as fast.
    # Each segment as separate files, not one compound file: Whoosh copies every file it opens out of
    # a compound file into memory (BytesIO over the mapped file), so that a server held the index
    # twice over (861 MB at 100,000 items, issue 15). Separate files are read where they lie.
    writer = open_writer(index, len(changed))
    relations = RelationStep(index)  # each matter's history, written with the items (index/relations.py)
    try:
        for source in report.removed:
            relations.forget(source)
            writer.delete_by_term("source", source)
        # read over the machine's cores (reading.py), written here in order
        readings = read_documents([paths[source] for source in changed], ocr_cache, progress=progress)
        for source, (path, outcome) in tqdm(zip(changed, readings), total=len(changed), desc="Läser dokument", unit="dok",
                                            file=sys.stderr, disable=not (progress and changed)):
            relations.forget(source)
            writer.delete_by_term("source", source)
            (report.updated if source in known else report.added).append(source)
            meeting, error = _owned(path, outcome, owners)
            original = owners.get(meeting.id) if meeting is not None else None
            if meeting is not None and original is not None and same_document(source, original):
                report.renderings[source] = original  # the same document in another format: indexed once
                meeting = None
            elif meeting is not None:
                owners[meeting.id] = source
                report.items += _add_meeting(writer, source, meeting, words, relations.add)
            else:
                report.failures[source] = error
            writer.update_document(
                id=f"{FILE}:{source}", doctype=FILE, source=source, content_hash=hashes[source],
                meeting_id=meeting.id if meeting else None,
                data={"error": error, "rendering_of": report.renderings.get(source),
                      **(signatures[source] or _settled(paths[source], hashes[source]))},
            )
        # Files read again though unchanged (written just before the build that recorded them) are recorded
        # anew, so that the next build need not read them.
        for source in (s for s in report.unchanged if signatures[s] is not None):
            record = known[source]
            writer.update_document(id=record["id"], doctype=FILE, source=source, content_hash=record["content_hash"],
                                   meeting_id=record.get("meeting_id"), data=record["data"] | signatures[source])
        writer.bulk_added()  # a large build's writer processes close their segments while the relations are linked
        report.linked = relations.write(writer)
        writer.update_document(id=META, doctype=META, data=_meta(index, report, words))
    except BaseException:
        writer.cancel()
        raise
    finally:
        relations.close()
    writer.commit(optimize=bool(report.rebuilt))


def _meta(index, report: BuildReport, new_words: set[str]) -> dict:
    """The version, each word of the archive with its analysis (stem, base forms, compound parts), and
    the stem of each word's base form where it differs from the word's stem (for queries).

    Searching needs that analysis for highlights and the 'searched' variants; stored here, it spares
    the serving process the dictionary. An update adds the words of the documents it indexed; words
    of removed documents stay until the next rebuild (a word's analysis stays true, and the search
    side lists only words still in the index). It commits with the items, in the same segment.
    """
    known: dict[str, list[str]] = {}
    bases: dict[str, list[str]] = {}
    if not report.rebuilt:
        with index.searcher() as searcher:
            meta = searcher.document(id=META)
            known = meta["data"].get("words", {}) if meta else {}
            bases = meta["data"].get("bases", {}) if meta else {}
    for word in new_words - known.keys():
        known[word] = analyse(word)
        if stems := base_stems(word):
            bases[word] = stems
    return {"version": VERSION, "built": time.time(), "words": known, "bases": bases}


def _owned(path: Path, outcome: tuple[Meeting | None, str | None], owners: dict[str, str]) -> tuple[Meeting | None, str | None]:
    """The meeting read from path, unless another file (not a rendering of the same document) already has it."""
    meeting, error = outcome
    if meeting is None:
        return None, error
    if meeting.id in owners and not same_document(path, owners[meeting.id]):
        return None, f"{path.name}: samma möte ({meeting.id}) som {owners[meeting.id]}: rätta organ eller datum i en sidofil"
    return meeting, None


def _add_meeting(writer, source: str, meeting: Meeting, words: set[str], added=lambda fields: None) -> int:
    shared = _meeting_fields(meeting) | {"source": source}
    writer.add_document(
        id=meeting.id, doctype=MEETING, data=json.dumps(meeting_detail(meeting), ensure_ascii=False), **shared
    )
    count = 0
    collective, given = shared_decisions(meeting.items), assignments(meeting)
    for order, (item, parent) in enumerate(_items_with_parents(meeting.items)):
        fields = (_item_fields(meeting, item, parent, order) | decision_fields(item, collective.get(item.number, ()))
                  | matter_fields(meeting, item) | assignment_fields(meeting, item, [a for a in given if a.item == item.number]))
        writer.add_document(**fields, **shared)
        added(fields | shared)
        words.update(exact_words(fields["text"]))
        count += 1
    for order, attachment in enumerate(meeting.attachments, start=count):
        fields = _attachment_fields(meeting, attachment, order)
        writer.add_document(**fields, **shared)
        words.update(exact_words(fields["text"]))
    return count


def _attachment_fields(meeting: Meeting, attachment: Attachment, order: int) -> dict:
    """An attachment is searched as an item of its meeting, labelled with it: 'Bilaga 3 B: Budget.pdf'."""
    item = Item(number=attachment.label, title=f"{attachment.label}: {PurePath(attachment.source).name}",
                kind="Bilaga", text=attachment.text)
    return _item_fields(meeting, item, None, order) | decision_fields(item, ()) | {"id": f"{meeting.id}-{attachment.anchor}"}


def _meeting_fields(meeting: Meeting) -> dict:
    date = meeting.date.iso() if meeting.date else ""
    return {
        "meeting_id": meeting.id, "organ": meeting.organ or "", "date": date, "year": date[:4],
        "month": date[:7] if len(date) >= 7 else "", "doc_type": meeting.doc_type.value,
        "meeting_title": meeting.title,
    }


def _items_with_parents(items, parent: Item | None = None):
    for item in items:
        yield item, parent
        yield from _items_with_parents(item.items, item)


def _item_fields(meeting: Meeting, item: Item, parent: Item | None, order: int) -> dict:
    decisions = [d.text for d in item.decisions]
    proposals = [p.text for p in item.proposals]
    names = list(dict.fromkeys(p.name for p in item.presenters))
    presenters = ", ".join(names)
    # 'Skriftlig information' is an Information, 'Information/Beslut' both: filters and facets use base kinds
    kinds = " ".join(sorted({part.split()[-1].lower() for part in (item.kind or "").split("/") if part.split()}))
    return {
        "id": meeting.item_id(item), "doctype": ITEM, "number": item.number,
        "title": item.title, "body": item.text,
        "text": weighted(item.title, decisions + proposals, [item.text, presenters]),
        "presenters": presenters, "kind": kinds or None, "kinds": kinds, "kind_label": item.kind,
        "procedural": "ja" if is_procedural(item.title) else "nej",
        "presenter": ",".join(names) or None, "presenter_set": PEOPLE_SEPARATOR.join(names),
        "parent": {"number": parent.number, "title": parent.title} if parent else None,
        "order": order,
        "data": {"page": item.page, "decision_pages": [d.page for d in item.decisions]},
    }


def _content_hashes(paths: dict[str, Path], known: dict[str, dict]) -> tuple[dict[str, str], dict[str, dict | None]]:
    """Each document's content hash, and for each one read, what its file record is to keep so that the
    next build need not read it (None for one not read): the size and modification time of the
    document, its sidecar and its attachments. As rsync and git judge, a file whose size and time are
    unchanged is not read again; one changed within RACY_NS of the build that recorded it always is,
    since a change in the same tick would keep its time."""
    checked = time.time_ns()
    hashes: dict[str, str] = {}
    signatures: dict[str, dict | None] = {}
    for source, path in paths.items():
        signature, newest = _signature(path)
        recorded = known.get(source, {})
        same = signature is not None and signature == recorded.get("data", {}).get("signature")
        if same and newest < recorded["data"]["checked"] - RACY_NS:
            hashes[source], signatures[source] = recorded["content_hash"], None
        else:
            hashes[source] = _content_hash(path)
            signatures[source] = {"signature": signature, "checked": checked} if newest < checked - RACY_NS else None
    return hashes, signatures


RACY_NS = 2_000_000_000


def _settled(path: Path, content_hash: str) -> dict:
    """The record to keep for a file too recently changed to be trusted by its time when the build began, now
    that it no longer is (in a build that ran longer than RACY_NS), if its content is still the one hashed then;
    else nothing (the next build hashes it again). A change after this check gives the file a time of its own."""
    checked = time.time_ns()
    signature, newest = _signature(path)
    if signature is None or newest >= checked - RACY_NS or _content_hash(path) != content_hash:
        return {}
    return {"signature": signature, "checked": checked}


def _signature(path: Path) -> tuple[str | None, int]:
    """The names, sizes and modification times of a document, its sidecar and its attachments, and the
    newest time; (None, 0) when one cannot be read (it is then hashed, and its failure reported)."""
    try:
        files = [path, *filter(None, [existing_sidecar(path)]), *attachment_paths(path)]
        stats = [file.stat() for file in files]
    except (OSError, ArchiveError):
        return None, 0
    return "|".join(f"{f.name}:{st.st_size}:{st.st_mtime_ns}" for f, st in zip(files, stats)), max(st.st_mtime_ns for st in stats)


def _content_hash(path: Path) -> str:
    """The hash of a document, its sidecar and its attachments, read in blocks. A file too large to be read, or one that
    cannot be read, hashes as such: reading it is then tried, and its failure reported, like a changed file's."""
    try:
        if (stat := path.stat()).st_size > MAX_FILE_BYTES:
            return f"för stor:{stat.st_size}:{stat.st_mtime_ns}"
        with path.open("rb") as document:
            digest = hashlib.file_digest(document, "sha256")
        if (sidecar := existing_sidecar(path)) is not None:
            digest.update(b"\0sidecar\0" + sidecar.read_bytes())
        for attachment in attachment_paths(path):  # a changed, added or removed attachment updates its meeting
            digest.update(b"\0attachment\0" + attachment.name.encode() + b"\0" + attachment.read_bytes())
    except (OSError, ArchiveError) as error:
        return f"oläslig:{error}"
    return digest.hexdigest()


def _source_name(path: Path, archive_dir: Path) -> str:
    return path.relative_to(archive_dir).as_posix()
