"""The app's one way to the search index: a SearchIndex opened on first use and kept open, and whether
what it serves may be stale."""

from __future__ import annotations

import threading

from flask import current_app

from index.search import SearchIndex

_opening = threading.Lock()


def search_index() -> SearchIndex:
    """The long-lived index of this app; it follows builds by itself (see SearchIndex)."""
    extensions = current_app.extensions
    with _opening:
        if "arkiv.index" not in extensions:
            extensions["arkiv.index"] = SearchIndex(current_app.config["INDEX_DIR"])
    return extensions["arkiv.index"]


def mark_stale(why: str) -> None:
    """The index could not be updated when the server started (why: a few words, no paths): until a
    build changes it, it may be stale, and the start page says so."""
    current_app.config["STALE_INDEX"] = (why, search_index().revision())


def index_note() -> str | None:
    """'Indexet kan vara inaktuellt: …' while the index served is still the one marked stale."""
    stale = current_app.config.get("STALE_INDEX")
    if not stale or search_index().revision() != stale[1]:
        return None
    return f"Indexet kan vara inaktuellt: det kunde inte uppdateras när tjänsten startade ({stale[0]})."
