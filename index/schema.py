"""The Whoosh schema: one document per agenda item, plus one per meeting and one per archive file.

Item documents carry what a hit needs to be shown without re-reading files. Meeting documents
carry the whole meeting as JSON (for meeting pages). File documents record each archive file's
content hash and outcome, inside the index, so that they commit atomically with the items.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import ANALYZER_VERSION, exact_analyzer, stemmed_analyzer

SCHEMA_VERSION = 1
VERSION = f"schema-{SCHEMA_VERSION}/{ANALYZER_VERSION}"

ITEM, MEETING, FILE, META = "item", "meeting", "file", "meta"

# Relevance: titles above bodies, decisions count; exact forms above stems and compound parts.
BOOSTS = {
    "title": 3.0, "title_exact": 4.5,
    "decisions": 2.0, "decisions_exact": 3.0,
    "text": 1.0, "text_exact": 1.5,
    "proposals": 1.0, "presenters": 1.0,
}
SEARCHED_FIELDS = tuple(BOOSTS)


def make_schema() -> Schema:
    stemmed, exact = stemmed_analyzer(), exact_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        doctype=ID(stored=True),
        # items
        meeting_id=ID(stored=True),
        number=STORED(),
        title=TEXT(analyzer=stemmed, stored=True, phrase=True),
        title_exact=TEXT(analyzer=exact, phrase=True),
        text=TEXT(analyzer=stemmed, stored=True, phrase=True),
        text_exact=TEXT(analyzer=exact, phrase=True),
        decisions=TEXT(analyzer=stemmed, stored=True, phrase=True),
        decisions_exact=TEXT(analyzer=exact, phrase=True),
        proposals=TEXT(analyzer=stemmed, stored=True, phrase=True),
        presenters=TEXT(analyzer=exact, stored=True),
        kind=KEYWORD(stored=True, lowercase=True, scorable=False),
        kind_label=STORED(),
        decided=ID(stored=True),  # "ja" when a decision was taken under the item
        parent=STORED(),
        order=NUMERIC(stored=True, sortable=True),
        # the meeting, on items and meetings alike
        organ=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),  # ISO, partial where the day or month is unknown
        year=ID(stored=True, sortable=True),
        month=ID(stored=True, sortable=True),
        doc_type=ID(stored=True, sortable=True),
        meeting_title=STORED(),
        # meetings, files, meta
        source=ID(stored=True),
        data=STORED(),
        content_hash=STORED(),
    )
