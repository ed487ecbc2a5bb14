"""The index's exception family: each says what to do about it in one line."""

from __future__ import annotations

import errno
from pathlib import Path


class SearchIndexError(Exception):
    """Anything wrong with the search index. str() is one line for people."""


class IndexMissing(SearchIndexError):
    """There is no index yet at the given folder."""


class IndexOutdated(SearchIndexError):
    """The index was built by another schema or analyzer version: it must be rebuilt, never read."""


class IndexDamaged(IndexOutdated):
    """The index disagrees with itself (its columns with its documents): it is rebuilt, never served."""


def damaged(detail: str, index_dir: Path | None = None) -> IndexDamaged:
    where = f" i {index_dir}" if index_dir else ""
    return IndexDamaged(f"sökindexet{where} är skadat ({detail}): kör `arkiv build` för att bygga om det")


class IndexWriteError(SearchIndexError):
    """The index could not be written (full disk, read-only folder, another build running).
    `why` says it in a few words, without paths, for a note to the archive's users."""

    def __init__(self, message: str, why: str = "sökindexet kunde inte skrivas"):
        super().__init__(message)
        self.why = why


def write_error(error: OSError, index_dir: Path, previous: bool) -> IndexWriteError:
    """An OSError while writing the index, as one line that says what to do; previous: whether an
    index was live before (it still answers)."""
    kept = "det förra sökindexet gäller" if previous else "inget sökindex finns ännu"
    if error.errno == errno.ENOSPC:
        return IndexWriteError(f"disken är full: sökindexet i {index_dir} kunde inte skrivas ({kept})", "disken är full")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return IndexWriteError(f"indexmappen {index_dir} är skrivskyddad: sökindexet kunde inte skrivas ({kept})",
                               "indexmappen är skrivskyddad")
    return IndexWriteError(f"sökindexet i {index_dir} kunde inte skrivas: {error.strerror or error} ({kept})")


def build_running(index_dir: Path, process: str = "") -> IndexWriteError:
    return IndexWriteError(f"en annan `arkiv build`{process} arbetar redan med {index_dir}", "en uppdatering pågick")
