"""create_app: the Swedish web archive over the search index (Flask application factory)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from archive.collection import BUNDLED


def create_app(config: dict | None = None) -> Flask:
    """The web app. Config keys: ARCHIVE_DIR (the documents and curated topics), INDEX_DIR (built by
    `arkiv build`) and PUBLIC_URL (the archive's address for permalinks; default: the address asked)."""
    app = Flask(__name__)
    app.config.from_mapping(ARCHIVE_DIR=BUNDLED, INDEX_DIR=Path("instance") / "index", PUBLIC_URL=None)
    app.config.update(config or {})
    app.json.ensure_ascii = False  # Swedish as Swedish, the same as `arkiv ... --json`
    app.json.sort_keys = False

    from . import archive_index, caching, decision_labels, errors, presentation, security
    from .views import api, assignments, decisions, meetings, pages, people, topics, underlag

    for view in (pages, meetings, topics, decisions, assignments, people, underlag, api):
        app.register_blueprint(view.blueprint)
    errors.init_app(app)
    security.init_app(app)
    caching.init_app(app)
    presentation.init_app(app)
    app.jinja_env.globals["index_note"] = archive_index.index_note
    decision_labels.init_app(app)
    return app
