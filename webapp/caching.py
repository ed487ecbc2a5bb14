"""Cache-Control on every answer. Pages, searches and exports change with each build: a browser may
keep them (the back button) but asks again before reusing them. Static files are addressed by a
version of their content (?v=…) and kept for a year; an error is never kept."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, request
from werkzeug.security import safe_join

DYNAMIC = "no-cache"
ERROR = "no-store"
VERSIONED = "public, max-age=31536000, immutable"


def init_app(app: Flask) -> None:
    @app.url_defaults
    def add_static_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values.setdefault("v", static_version(app.static_folder, values["filename"]))

    @app.after_request
    def add_cache_control(response):
        if response.status_code >= 400:
            response.headers["Cache-Control"] = ERROR
        elif request.endpoint == "static":
            filename = (request.view_args or {}).get("filename", "")
            if request.args.get("v") and request.args["v"] == static_version(app.static_folder, filename):
                response.headers["Cache-Control"] = VERSIONED
        else:
            response.headers.setdefault("Cache-Control", DYNAMIC)
        return response


def static_version(folder: str, filename: str) -> str | None:
    """A short digest of a static file's content; None for a file that does not exist."""
    path = safe_join(folder, filename)
    try:
        stat = Path(path).stat() if path else None
    except OSError:
        return None
    return _digest(path, stat.st_mtime_ns, stat.st_size) if stat else None


@lru_cache(maxsize=64)
def _digest(path: str, _mtime: int, _size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
