"""create_app: the Swedish web archive over the search index (Flask application factory)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from archive.collection import BUNDLED


def create_app(config: dict | None = None) -> Flask:
    """The web app. Config keys: ARCHIVE_DIR (the documents, for downloads) and INDEX_DIR (built by `arkiv build`)."""
    app = Flask(__name__)
    app.config.from_mapping(ARCHIVE_DIR=BUNDLED, INDEX_DIR=Path("instance") / "index")
    app.config.update(config or {})
    app.json.ensure_ascii = False  # Swedish as Swedish, the same as `arkiv ... --json`
    app.json.sort_keys = False

    from . import errors, presentation, security
    from .views import api, meetings, pages

    for blueprint in (pages.blueprint, meetings.blueprint, api.blueprint):
        app.register_blueprint(blueprint)
    errors.init_app(app)
    security.init_app(app)
    presentation.init_app(app)
    return app
