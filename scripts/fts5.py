"""The SQLite FTS5 baseline that the benchmarks compare with: the same items, FTS5's default
tokenizer (unicode61), every query word required, ranked by FTS5's bm25."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.collection import load_archive


def fts5_database(archive: Path) -> sqlite3.Connection:
    """An in-memory FTS5 table of every item of the archive: key ('FILE#NUMBER'), id, title, text, decisions."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE items USING fts5(key UNINDEXED, id UNINDEXED, title, text, decisions)")
    for meeting in load_archive(archive).meetings:
        db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)", [
            (f"{meeting.source}#{i.number}", meeting.item_id(i), i.title, i.text, "\n".join(d.text for d in i.decisions))
            for i in meeting.all_items()
        ])
    db.commit()
    return db


def fts5_match(query: str) -> str:
    """Our query as FTS5 asks it: a phrase or a prefix as written, else each word quoted (all required)."""
    if query.startswith('"') or query.endswith("*"):
        return query
    return " ".join(f'"{word}"' for word in query.replace('"', "").split())
