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
    """The index could not be written (full disk, read-only folder, another build running)."""


def write_error(error: OSError, index_dir: Path) -> IndexWriteError:
    """An OSError while writing the index, as one line that says what to do."""
    if error.errno == errno.ENOSPC:
        return IndexWriteError(f"disken är full: sökindexet i {index_dir} kunde inte skrivas (det förra gäller)")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return IndexWriteError(f"indexmappen {index_dir} är skrivskyddad: sökindexet kunde inte skrivas")
    return IndexWriteError(f"sökindexet i {index_dir} kunde inte skrivas: {error.strerror or error}")
