"""Where the index lives: generations of a Whoosh index under one folder, and the pointer to the live one.

    INDEX_DIR/CURRENT   the name of the live generation ('g3'), replaced atomically
    INDEX_DIR/g3/       a Whoosh index
    INDEX_DIR/build.lock  held while a build runs (a POSIX record lock, see build_lock)

Updates commit in place (Whoosh renames its table of contents into place, so readers see the
old state until the new one is whole). A full rebuild writes a new generation and then moves
the pointer, so a crash at any moment leaves the previous index answering. The generation it
replaced is kept until the next rebuild, for readers that still use it.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from .errors import IndexMissing, IndexOutdated, build_running, damaged, write_error
from .schema import META, VERSION, make_schema

# The sortable fields read as columns (facets, date order) and stored alike on every item.
CHECKED_COLUMNS = ("organ", "date", "year", "month", "doc_type", "order")

POINTER = "CURRENT"


def live_generation(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    folder = Path(index_dir) / name
    return folder if name and folder.is_dir() else None


def open_live(index_dir: Path):
    """The live Whoosh index, checked for version. Raises IndexMissing or IndexOutdated."""
    for _attempt in range(5):
        folder = live_generation(index_dir)
        if folder is not None and whoosh_index.exists_in(str(folder)):
            try:
                return _open_checked(index_dir, folder)
            except (EmptyIndexError, FileNotFoundError):
                pass
        if live_generation(index_dir) == folder:
            break
        # A rebuild went live between reading CURRENT and opening the generation: read it again.
    raise IndexMissing(f"inget sökindex i {index_dir}: kör `arkiv build`")


def _open_checked(index_dir: Path, folder: Path):
    try:
        index = whoosh_index.open_dir(str(folder))
        version = stored_version(index)
    except (AttributeError, ImportError, EOFError, pickle.UnpicklingError, ValueError, KeyError) as error:
        # An index written by another version of the program names classes this one lacks.
        raise IndexOutdated(
            f"sökindexet i {index_dir} kan inte läsas av den här versionen ({type(error).__name__}): "
            "kör `arkiv build` för att bygga om det"
        ) from error
    if version != VERSION:
        raise IndexOutdated(
            f"sökindexet i {index_dir} är byggt med {version or 'okänd version'}, programmet använder {VERSION}: "
            "kör `arkiv build` för att bygga om det"
        )
    return index


def stored_version(index) -> str | None:
    with index.searcher() as searcher:
        meta = searcher.document(id=META)
    return meta["data"]["version"] if meta else None


def column(reader, name: str, index_dir: Path | None = None) -> list:
    """A sortable field's value for every document, docnum by docnum (a default where it has none).
    Raises IndexDamaged when a segment's column disagrees with its stored documents.

    Read segment by segment: Whoosh's MultiColumnReader leaves out the segments that lack the column
    (one holding only the meta document), which shifted every later document's value (issue 16)."""
    values: list = []
    shared: dict = {}  # each distinct value held once: Whoosh reads a new string for every document
    for leaf, offset in leaves(reader):
        part = list(leaf.column_reader(name))
        if offset != len(values) or len(part) != leaf.doc_count_all() or _disagrees(_probed(leaf), name, part):
            raise damaged(f"kolumnen {name} stämmer inte med dokumenten", index_dir)
        values += [shared.setdefault(value, value) for value in part]
    return values


def check_columns(reader, index_dir: Path) -> None:
    """Raise IndexDamaged when the columns searching reads disagree with the stored documents. The
    same test as column()'s, on the probed documents only: a build need not read every value. Each
    segment's probed documents are read once for all its columns."""
    probed = [(leaf, _probed(leaf)) for leaf, _offset in leaves(reader)]
    for name in CHECKED_COLUMNS:
        for leaf, stored in probed:
            values = leaf.column_reader(name)
            if len(values) != leaf.doc_count_all() or _disagrees(stored, name, values):
                raise damaged(f"kolumnen {name} stämmer inte med dokumenten", index_dir)


def _probed(leaf) -> dict[int, dict]:
    """The stored fields of a segment's first, middle and last live document, by document number."""
    return {docnum: leaf.stored_fields(docnum) for docnum in _probes(leaf.doc_count_all()) if not leaf.is_deleted(docnum)}


def _disagrees(probed: dict[int, dict], name: str, values) -> bool:
    """Whether a segment's column (a list, or Whoosh's column reader, as long as the segment) disagrees
    with its stored documents, on the probed ones (a shifted column shows on all three)."""
    for docnum, fields in probed.items():
        stored = fields.get(name)
        if stored is not None and values[docnum] != stored:
            return True
    return False


def _probes(count: int) -> list[int]:
    return sorted({0, count // 2, count - 1}) if count else []


def leaves(reader) -> list:
    """(segment reader, its first docnum) of each segment; a reader of one segment is its own leaf."""
    return list(reader.leaf_readers()) or [(reader, 0)]


def new_generation(index_dir: Path):
    """A fresh, empty Whoosh index in a new generation folder (not yet live)."""
    index_dir = Path(index_dir)
    numbers = [int(p.name[1:]) for p in index_dir.glob("g*") if p.name[1:].isdigit()]
    folder = index_dir / f"g{max(numbers, default=0) + 1}"
    folder.mkdir(parents=True)
    try:
        return whoosh_index.create_in(str(folder), make_schema())
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)  # a disk too full for even an empty index keeps no trace of it
        raise


def make_live(index_dir: Path, folder: Path) -> None:
    """Point CURRENT at folder atomically, then remove the generations no longer live."""
    index_dir = Path(index_dir)
    temporary = index_dir / f"{POINTER}.tmp"
    temporary.write_text(folder.name, encoding="utf-8")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / POINTER)
    remove_stale_generations(index_dir)


def remove_stale_generations(index_dir: Path) -> None:
    """Generations no longer needed: those before the previous one, and any a crashed rebuild left.

    The generation just replaced stays until the next rebuild: a server may still be answering from
    it, or have read CURRENT a moment before the switch."""
    live = live_generation(index_dir)
    if live is None:
        return
    older = sorted((f for f in Path(index_dir).glob("g*") if f.is_dir() and _number(f) < _number(live)), key=_number)
    keep = {live, *older[-1:]}
    for folder in Path(index_dir).glob("g*"):
        if folder.is_dir() and folder not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _number(folder: Path) -> int:
    return int(folder.name[1:]) if folder.name[1:].isdigit() else -1


_building: set[Path] = set()  # index folders a build of this process holds: a POSIX lock never excludes its owner
_building_guard = threading.Lock()


@contextmanager
def build_lock(index_dir: Path, wait: float = 0.0, on_wait: Callable[[str], None] | None = None):
    """One build at a time, across processes and within one. A build another process runs is waited
    for up to `wait` seconds (on_wait is told once, with the holder's process id), then refused.

    A POSIX record lock (lockf), not an flock: it belongs to this process alone. The writer processes
    a large build forks do not inherit it (an inherited flock kept the lock held by the orphans of a
    killed build, issue 16), and the system releases it the moment this process ends, however it ends.
    The file holds the builder's process id, for the message another build gives."""
    index_dir = Path(index_dir)
    key = index_dir.absolute()
    with _building_guard:
        if key in _building:
            raise build_running(index_dir)
        _building.add(key)
    try:
        with _locked(index_dir, wait, on_wait):
            yield
    finally:
        with _building_guard:
            _building.discard(key)


@contextmanager
def _locked(index_dir: Path, wait: float, on_wait: Callable[[str], None] | None):
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = (index_dir / "build.lock").open("a+b", buffering=0)  # unbuffered: nothing to flush on close
    except OSError as error:
        raise write_error(error, index_dir, previous=live_generation(index_dir) is not None) from error
    with handle:
        deadline = time.monotonic() + wait
        while not _lock_taken(handle):  # held by a running process
            handle.seek(0)
            holder = handle.read().decode("ascii", "replace").strip()
            process = f" (process {holder})" if holder.isdigit() else ""
            if time.monotonic() >= deadline:
                raise build_running(index_dir, process)
            if on_wait is not None:
                on_wait(process)
                on_wait = None
            time.sleep(LOCK_POLL)
        try:
            handle.truncate(0)
            handle.write(str(os.getpid()).encode())
        except OSError:
            pass  # the process id is only for messages
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


LOCK_POLL = 0.25  # seconds between two tries of a build lock another build holds


def _lock_taken(handle) -> bool:
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EAGAIN or EACCES
        return False
    return True


def take_over_write_lock(index) -> bool:
    """Free Whoosh's own write lock of index if something holds it; True if it did.

    Call it holding build_lock: only a build writes, so a holder can only be a writer process that
    outlived a killed build (Whoosh's lock is an flock, inherited by the processes it forks). Its
    lock file is replaced: the orphan keeps a lock on a file no longer used."""
    lock = index.lock("WRITELOCK")
    if lock.acquire(blocking=False):
        lock.release()
        return False
    folder = Path(index.storage.folder)
    (folder / f"{index.indexname}_WRITELOCK").unlink(missing_ok=True)
    return True
