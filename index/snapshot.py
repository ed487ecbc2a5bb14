"""One searcher's view of the index and everything derived from it, read when first needed and
dropped together when the index changes (live.py opens a new searcher and Snapshot after each build)."""

from __future__ import annotations

import json
from collections import OrderedDict

import numpy as np

from .broad import Dense
from .evaluate import Postings
from .facets import FACETS, Codes, codes
from .meetings import summary
from .schema import MEETING
from .store import CHECKED_COLUMNS, column
from .suggest import Speller
from .vocabulary import Vocabulary

DATE_RANGES_KEPT = 4  # the date filters asked most recently, kept: a filter is asked again for each page of its results


class Snapshot:
    """Not thread-safe: live.View holds its lock around every use."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._postings: Postings | None = None
        self._dense: Dense | None = None
        self._codes: tuple[Codes, ...] | None = None
        self._orders: dict[bool, np.ndarray] = {}
        self._dated: OrderedDict[tuple[str, str], frozenset[int]] = OrderedDict()
        self._vocabulary: Vocabulary | None = None
        self._columns: dict[str, list] = {}
        self._ranks: dict[str, list[int]] = {}
        self._summaries: list[dict] | None = None
        self._speller: Speller | None = None
        self.derived: dict[str, object] = {}  # anything else read once from this view, by name (followup.py)

    @property
    def postings(self) -> Postings:
        if self._postings is None:
            self._postings = Postings(self.searcher, self.vocabulary.base_stems())
        return self._postings

    @property
    def dense(self) -> Dense:
        """The arrays broad queries are evaluated over (broad.py)."""
        if self._dense is None:
            self._dense = Dense(self.postings)
        return self._dense

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.searcher)
        return self._vocabulary

    @property
    def speller(self) -> Speller:
        if self._speller is None:
            self._speller = Speller(self.searcher, self.vocabulary.variants())
        return self._speller

    def column(self, name: str) -> list:
        """A sortable field's value for every document, by docnum. All are read, and checked against the
        stored documents (store.column), at the first need."""
        if not self._columns:
            reader = self.searcher.reader()
            self._columns = {n: column(reader, n) for n in dict.fromkeys((*CHECKED_COLUMNS, *FACETS))}
        return self._columns[name]

    def facet_columns(self) -> tuple[list, ...]:
        """Each facet's column, in the order of FACETS (see facets.count)."""
        return tuple(self.column(name) for name in FACETS)

    def facet_codes(self) -> tuple[Codes, ...]:
        """Each facet's column as numbered values, in the order of FACETS (see facets.count)."""
        if self._codes is None:
            self._codes = tuple(codes(column) for column in self.facet_columns())
        return self._codes

    def date_order(self, newest: bool) -> np.ndarray:
        """date_rank as an array."""
        if newest not in self._orders:
            self._orders[newest] = np.array(self.date_rank(newest), dtype=np.int32)
        return self._orders[newest]

    def date_rank(self, newest: bool) -> list[int]:
        """Each document's place when sorted by date (newest or oldest first), then by its order in the meeting."""
        key = "newest" if newest else "oldest"
        if key not in self._ranks:
            dates, orders = self.column("date"), self.column("order")
            by_order = sorted(range(len(dates)), key=orders.__getitem__)
            ordered = sorted(by_order, key=dates.__getitem__, reverse=newest)  # stable: order stays ascending
            rank = [0] * len(dates)
            for place, docnum in enumerate(ordered):
                rank[docnum] = place
            self._ranks[key] = rank
        return self._ranks[key]

    def dated(self, low: str, high: str) -> frozenset[int]:
        """Documents whose date lies between low and high (ISO strings, partial dates compare as prefixes)."""
        key = (low, high)
        if key not in self._dated:
            if len(self._dated) >= DATE_RANGES_KEPT:
                self._dated.popitem(last=False)
            self._dated[key] = frozenset(d for d, date in enumerate(self.column("date")) if date and low <= date <= high)
        self._dated.move_to_end(key)
        return self._dated[key]

    def organ_names(self) -> list[str]:
        return sorted(t.decode() for t in self.searcher.lexicon("organ") if t)

    def meeting_summaries(self) -> list[dict]:
        """Every meeting as GET /api/meetings lists it, oldest first."""
        if self._summaries is None:
            details = (json.loads(doc["data"]) for doc in self.searcher.documents(doctype=MEETING))
            summaries = [summary(detail) for detail in details]
            self._summaries = sorted(summaries, key=lambda m: (m["date"] or "", m["organ"] or "", m["id"]))
        return self._summaries
