"""The archive's curated topics for the pages: loaded through archive.topics, re-read when a file changes,
their Markdown rendered and sanitised."""

from __future__ import annotations

import threading
from pathlib import Path

import markdown
import nh3
from flask import current_app
from markupsafe import Markup

from archive.topics import FOLDER, Topic, load_topics

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "h2", "h3", "br"}
_cache: dict[Path, tuple[tuple, list[Topic]]] = {}
_lock = threading.Lock()


def topics() -> list[Topic]:
    folder = Path(current_app.config["ARCHIVE_DIR"])
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted((folder / FOLDER).glob("*.md")))
    with _lock:
        cached = _cache.get(folder)
        if cached is None or cached[0] != stamp:
            loaded, failures = load_topics(folder)
            for failure in failures:
                current_app.logger.warning("ämnet kunde inte läsas: %s", failure)
            cached = _cache[folder] = (stamp, loaded)
    return cached[1]


def search_examples() -> tuple[list[str], list[str]]:
    """What the search box offers as examples, from the archive's own topics: up to two single words and one
    phrase (each topic's first alternative); none when the archive has no topics."""
    firsts = [t.query.split(" ELLER ")[0].strip() for t in topics()]
    words = [q for q in firsts if q and " " not in q and '"' not in q]
    phrases = [q.strip('"') for q in firsts if q.startswith('"') and q.endswith('"') and q.count('"') == 2]
    return words[:2], phrases[:1]


def topic(slug: str) -> Topic | None:
    return next((t for t in topics() if t.slug == slug), None)


def render(text: str) -> Markup:
    html = markdown.markdown(text, output_format="html")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}))
