"""The index's exception family: each says what to do about it in one line."""

from __future__ import annotations


class SearchIndexError(Exception):
    """Anything wrong with the search index. str() is one line for people."""


class IndexMissing(SearchIndexError):
    """There is no index yet at the given folder."""


class IndexOutdated(SearchIndexError):
    """The index was built by another schema or analyzer version: it must be rebuilt, never read."""


class IndexWriteError(SearchIndexError):
    """The index could not be written (full disk, read-only folder, another build running)."""
