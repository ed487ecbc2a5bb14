"""Broad queries as whole-index arrays: the same scores as evaluate.py's dict algebra, in C over numpy.

A query word found in half of 100,000 items made evaluate.py build and merge dicts of 50,000
entries in Python (a dict per stem, a Python loop per exact-form bonus and per procedural item),
and then facets, the page and the total were counted over them. Here each operand is a pair of
arrays over every document of the index: a mask (does the document match) and its score (0.0 where
it does not). Each step of match_text is one array operation, taken in the same order per document,
so every score is the same float as the dict path's (x + 0.0 == x; a + b == b + a).

The dict path stays for narrow queries (a few hundred postings cost microseconds there, an array
over the whole index a fixed ~0.1 ms a step); SearchIndex chooses by the postings a query touches.
Both end as Matches: the matched documents in index order and their scores, from which the page,
the total and the facets are taken (search.py, facets.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .analysis import EXACT, fold
from .evaluate import (
    Postings, Scores, is_stop_word, joined, meaningful_groups, phrase_docs, prefix_limit, query_stems,
)
from .query import ParsedQuery, Term
from .schema import EXACT_BOOST


@dataclass(frozen=True)
class Matches:
    """Matched documents, ascending, and their scores (float64, aligned)."""

    docnums: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docnums)

    @classmethod
    def of(cls, found: Scores) -> "Matches":
        """From the dict path's {docnum: score}."""
        docnums = np.fromiter(sorted(found), dtype=np.int64, count=len(found))
        return cls(docnums, np.fromiter(map(found.__getitem__, docnums.tolist()), dtype=np.float64, count=len(found)))

    def as_dict(self) -> dict[int, float]:
        """{docnum: score} in index order (answers.ranked takes a dict)."""
        return dict(zip(self.docnums.tolist(), self.scores.tolist()))

    def best(self, wanted: int) -> np.ndarray:
        """Positions (into docnums) of the `wanted` highest scores, best first, ties in index order."""
        scores = self.scores
        if len(scores) > wanted:
            least = np.partition(scores, len(scores) - wanted)[len(scores) - wanted]  # the wanted-th highest
            above = np.flatnonzero(scores > least)  # fewer than wanted; the first of those tied with least fill up
            positions = np.concatenate((above, np.flatnonzero(scores == least)[:wanted - len(above)]))
        else:
            positions = np.arange(len(scores))
        order = np.lexsort((positions, -scores[positions]))  # by score descending, then index order
        return positions[order[:wanted]]

    def first(self, rank: np.ndarray, wanted: int) -> np.ndarray:
        """Positions of the `wanted` documents first by rank (a permutation of the documents), in rank order."""
        ranks = rank[self.docnums]
        if len(ranks) > wanted:
            positions = np.argpartition(ranks, wanted - 1)[:wanted]
        else:
            positions = np.arange(len(ranks))
        return positions[np.argsort(ranks[positions], kind="stable")]


class Vector:
    """Every document's score for one operand of a query, and whether it matches (a dict path Scores, dense)."""

    __slots__ = ("mask", "scores")

    def __init__(self, mask: np.ndarray, scores: np.ndarray):
        self.mask, self.scores = mask, scores

    def count(self) -> int:
        return int(np.count_nonzero(self.mask))

    def plus(self, other: "Vector") -> "Vector":
        """Both documents' sets, scores summed (evaluate.add)."""
        return Vector(self.mask | other.mask, self.scores + other.scores)

    def times(self, weight: float) -> "Vector":
        return Vector(self.mask, self.scores * weight)


class Dense:
    """The arrays of one snapshot that broad queries need, made once per index generation."""

    def __init__(self, postings: Postings):
        self.postings = postings
        self.size = postings.doc_count
        self._masks: dict[frozenset[int], np.ndarray] = {}  # of the sets postings.docs keeps: organ, kind …
        self._recent: dict[frozenset[int], np.ndarray] = {}  # of others (dates, unions), the latest few

    def empty(self) -> Vector:
        return Vector(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def term(self, term: str) -> Vector:
        """A term's postings over the whole index (postings.scores, dense)."""
        ids, scores = self.postings.arrays(term)
        vector = self.empty()
        if len(ids):
            where = np.frombuffer(ids, dtype=np.int32)
            vector.mask[where] = True
            vector.scores[where] = np.frombuffer(scores, dtype=np.float32)
        return vector

    def scored(self, found: Scores) -> Vector:
        vector = self.empty()
        if found:
            where = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
            vector.mask[where] = True
            vector.scores[where] = np.fromiter(found.values(), dtype=np.float64, count=len(found))
        return vector

    def mask(self, documents: frozenset[int]) -> np.ndarray:
        """A set of documents (a filter) as a mask, kept as long as postings keeps the set (a value of
        organ, kind …), or while it is among the latest few others asked (a date range): a mask holds its set."""
        found = self._masks.get(documents)
        if found is None:
            found = self._recent.get(documents)
        if found is None:
            found = np.zeros(self.size, dtype=bool)
            found[np.fromiter(documents, dtype=np.int64, count=len(documents))] = True
            if self.postings.keeps(documents):
                self._masks[documents] = found
            else:
                if len(self._recent) >= RECENT_MASKS:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[documents] = found
        return found

    def sum_of(self, terms) -> Vector:
        total = None
        for term in terms:
            total = self.term(term) if total is None else total.plus(self.term(term))
        return total or self.empty()


RECENT_MASKS = 4  # masks of filters built for a request (date ranges) kept: each holds its set of up to every document


def match_dense(dense: Dense, parsed: ParsedQuery) -> Matches | None:
    """evaluate.match_text over whole-index arrays: the same documents and the same scores. The groups
    are whole-index vectors; once their intersection is known, scores are summed over it alone."""
    meaningful = meaningful_groups(parsed)
    if not meaningful:
        return None
    limit = prefix_limit(parsed)
    groups = sorted((_group(dense, group, limit) for group in meaningful), key=Vector.count)  # stable, as intersect
    first, *rest = groups
    mask = first.mask
    for group in rest:
        mask = mask & group.mask
    docnums = np.flatnonzero(mask)
    scores = first.scores[docnums]
    for group in rest:
        scores = scores + group.scores[docnums]
    for term in parsed.boosts:
        scores = scores + term_vector(dense, term, limit).scores[docnums]
    for term in dict.fromkeys(t for group in meaningful for t in group if not t.phrase and not t.prefix):
        folded = fold(joined(term.text))
        if query_stems(dense.postings, folded):
            scores = scores + EXACT_BOOST * dense.term(EXACT + folded).scores[docnums]
    return Matches(docnums, scores)


def term_vector(dense: Dense, term: Term, prefix_terms: int) -> Vector:
    """evaluate.term_docs, dense."""
    if term.phrase:  # positions are checked by the dict path for the documents having every word
        return dense.scored(phrase_docs(dense.postings, term))
    folded = fold(joined(term.text))
    if term.prefix:
        return dense.sum_of(dense.postings.prefix_terms(EXACT + folded, prefix_terms)[0])
    stems = query_stems(dense.postings, folded)
    return dense.sum_of(stems) if stems else dense.term(EXACT + folded)


def _group(dense: Dense, group: list[Term], prefix_terms: int) -> Vector:
    total = None
    for term in group:
        vector = term_vector(dense, term, prefix_terms)
        if term.weight != 1.0:
            vector = vector.times(term.weight)
        total = vector if total is None else total.plus(vector)
    return total


def touched(postings: Postings, parsed: ParsedQuery) -> int:
    """About how many postings the dict path would read and merge for this query: its words' document
    frequencies (a prefix or phrase counts as broad as its words)."""
    total = 0
    for term in (*(t for group in parsed.groups for t in group), *parsed.boosts, *parsed.excluded):
        if is_stop_word(term) and not term.phrase:
            total += postings.doc_frequency(EXACT + fold(term.text))
            continue
        if term.prefix:
            return postings.doc_count  # up to hundreds of words
        for word in (term.text.split() if term.phrase else [term.text]):
            folded = fold(joined(word))
            total += sum(postings.doc_frequency(s) for s in query_stems(postings, folded) or [EXACT + folded])
            total += postings.doc_frequency(EXACT + folded)
    return total
