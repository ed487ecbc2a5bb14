"""The app's one way to the search index: a SearchIndex opened on first use and kept open."""

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
