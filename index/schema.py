"""The Whoosh schema: one document per agenda item, plus one per meeting and one per archive file.

Item documents carry what a hit needs to be shown without re-reading files. Meeting documents
carry the whole meeting as JSON (for meeting pages). File documents record each archive file's
content hash and outcome, inside the index, so that they commit atomically with the items.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import ANALYZER_VERSION, swedish_analyzer

SCHEMA_VERSION = 6
VERSION = f"schema-{SCHEMA_VERSION}/{ANALYZER_VERSION}"

ITEM, MEETING, FILE, META = "item", "meeting", "file", "meta"

# All of an item is searched through one field, `text` (see analysis.SwedishAnalyzer): stems,
# compound parts and the words as written; titles and decisions weigh more inside it.
EXACT_BOOST = 1.5  # a word as written counts on top of its stem: exact forms rank above inflections and parts


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        doctype=ID(stored=True),
        # items
        meeting_id=ID(stored=True),
        number=STORED(),
        text=TEXT(analyzer=swedish_analyzer(), phrase=True),  # title, body, decisions, proposals, presenters
        title=STORED(),
        body=STORED(),  # the item's text as shown
        decision_list=STORED(),
        proposal_list=STORED(),
        presenters=STORED(),
        kind=KEYWORD(lowercase=True, scorable=False),  # base kinds, for filtering: 'information beslut'
        kinds=ID(sortable=True),  # the same as one value, for counting: facets split it again
        kind_label=STORED(),
        decided=ID(stored=True),  # "beslut" when a decision was taken under the item, "förslag" for a proposal only, else "nej"
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
