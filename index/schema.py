"""The Whoosh schema: one document per agenda item, plus one per meeting and one per archive file.

Item documents carry what a hit needs to be shown without re-reading files. Meeting documents
carry the whole meeting as JSON (for meeting pages). File documents record each archive file's
content hash and outcome, inside the index, so that they commit atomically with the items.
"""

from __future__ import annotations

import struct
from array import array
from itertools import accumulate

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint

from archive.version import READING_VERSION

from .analysis import ANALYZER_VERSION, SwedishAnalyzer, swedish_analyzer

SCHEMA_VERSION = 12
# What the index holds depends on its fields, on how words are analysed and on how documents are read:
# an index built by another of the three is rebuilt by the next `arkiv build`.
VERSION = f"schema-{SCHEMA_VERSION}/{ANALYZER_VERSION}/reading-{READING_VERSION}"

ITEM, MEETING, FILE, META, RELATIONS = "item", "meeting", "file", "meta", "relations"
PEOPLE_SEPARATOR = "|"

# All of an item is searched through one field, `text` (see analysis.SwedishAnalyzer): stems,
# compound parts and the words as written; titles and decisions weigh more inside it.
EXACT_BOOST = 1.5  # a word as written counts on top of its stem: exact forms rank above inflections and parts


class PackedPositions(Positions):
    """Whoosh's Positions with the position deltas packed as an array instead of pickled, and the
    postings of a value gathered in one pass: the same information, written in half the time."""

    def word_values(self, value, analyzer, **kwargs):
        boost = self.field_boost
        places: dict[str, list[int]] = {}
        weights: dict[str, float] = {}
        if isinstance(analyzer, SwedishAnalyzer) and kwargs.get("mode", "index") == "index":
            places, weights = analyzer.postings(value)
        else:
            for token in analyzer(value, positions=True, boosts=True, mode=kwargs.get("mode", "index")):
                text = token.text
                if text in places:
                    places[text].append(token.pos)
                    weights[text] += token.boost
                else:
                    places[text] = [token.pos]
                    weights[text] = token.boost
        encode = self.encode
        for text, found in places.items():
            yield text, len(found), weights[text] * boost, encode(found)

    def postings(self, value: str, analyzer) -> list[tuple[bytes, int, float, bytes]]:
        """What FieldType.index gives for a value, (term, frequency, weight, positions) of each term, as a list."""
        if not isinstance(analyzer, SwedishAnalyzer):
            return [(text.encode(), *rest) for text, *rest in self.word_values(value, analyzer)]
        places, weights = analyzer.postings(value)
        boost, encode = self.field_boost, self.encode
        return [(text.encode(), len(found), weights[text] * boost,
                 _AT[found[0]] if len(found) == 1 and found[0] < ONE_AT else encode(found))
                for text, found in places.items()]

    def encode(self, poslist):
        if len(poslist) == 1:  # most words occur once in an item
            return _ONE + _POSITION(poslist[0])
        return pack_uint(len(poslist)) + array("I", [b - a for a, b in zip([0, *poslist], poslist)]).tobytes()

    def decode_positions(self, valuestring):
        return list(accumulate(array("I", valuestring[4:])))


_ONE = pack_uint(1)
_POSITION = struct.Struct("=I").pack  # the layout of array("I")
ONE_AT = 4096
_AT = [_ONE + _POSITION(position) for position in range(ONE_AT)]  # a word's one position in an item, encoded


def make_schema() -> Schema:
    schema = Schema(
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
        presenter=KEYWORD(commas=True, scorable=False),  # each presenter's name, for filtering
        presenter_set=ID(sortable=True),  # the names joined by PEOPLE_SEPARATOR, for counting: facets split it again
        kind=KEYWORD(lowercase=True, scorable=False),  # base kinds, for filtering: 'information beslut'
        kinds=ID(sortable=True),  # the same as one value, for counting: facets split it again
        kind_label=STORED(),
        procedural=ID(),  # "ja" for an item of every meeting (index/rules/procedural_items.tsv)
        decided=ID(stored=True),  # "beslut" when a decision was taken under the item, "förslag" for a proposal only, else "nej"
        # decisions by kind (index/decision_fields.py): formality, substantive, assignment, proposal
        decision_details=STORED(),  # beside decision_list: each decision's kind, to_organ, collective span
        proposal_details=STORED(),
        decision_kinds=KEYWORD(scorable=False),  # the kinds of the decisions taken, for filtering
        proposal_kinds=KEYWORD(scorable=False),
        decision_tally=ID(sortable=True),  # 'assignment:2 formality:1', counted over matches like a facet
        proposal_tally=ID(sortable=True),
        collective=ID(),  # "ja" for a sub-item whose decisions are its parent's collective ones (it holds none)
        # each matter's history (index/relations.py): an item's features, and one relations document per item
        matter=STORED(),  # the features: weighted terms, title terms, case number, references
        matter_terms=KEYWORD(scorable=False, stored=True),  # its title's and decisions' terms: to find candidates
        matter_words=KEYWORD(scorable=False, stored=True),  # every term of its features: how rare each is
        case_key=ID(),
        ref_keys=KEYWORD(scorable=False),  # the meetings (and §§) the item refers to: 'organ|date', 'organ|date|212'
        meeting_key=ID(stored=True),  # 'organ|date' of its own meeting
        # assignments followed up (index/followup.py)
        assignments=STORED(),  # who, what, to whom, by when: archive/assignments.py, with an id each
        assigned=ID(),  # "ja" for an item that holds an assignment
        parent=STORED(),
        order=NUMERIC(stored=True, sortable=True, shift_step=0),  # a column only: no range query needs the 7 other terms of each
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
    schema["text"].format = PackedPositions()
    return schema
