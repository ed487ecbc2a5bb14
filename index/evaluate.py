"""Posting lists read whole, a block at a time, and kept per index generation: query evaluation as set algebra.

Whoosh's matchers walk postings one document at a time in Python (skip_to, id, weight and score for
each), which made a broad query over 20,000 items cost 100-250 ms. Here a term's postings are read
a block at a time (the arrays Whoosh already stores), scored with BM25 once per index generation
and kept as two compact arrays; a query is then dict and set operations that run in C. A server
preloads the terms found in at least 1 % of the items (warm()), the lists that cost most to read.
Whoosh still stores the index, reads the blocks and checks phrases (which need positions).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from array import array
from collections import OrderedDict
from itertools import accumulate
from math import log

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from .analysis import EXACT, STOP_WORDS, analyse, fold
from .query import ParsedQuery, Term
from .schema import EXACT_BOOST
from .store import leaves

K1, B = 1.2, 0.75  # BM25, Whoosh's defaults
FIELD = "text"
CACHE_POSTINGS = 12_000_000  # scored postings kept, 8 bytes each (a phrase's 12); the least recently used go first
FREQUENCIES_KEPT = 100_000  # words whose document frequency is kept (about 100 bytes each)
PHRASE_KEY = "\x00"  # a phrase's kept result is under this and its words (no term begins with it)
MAX_PREFIX_TERMS = 200  # words the prefixes* of one query expand to at most, those in most documents

Scores = dict[int, float]


class Postings:
    """The scored postings of one searcher's view of the index. Not thread-safe: SearchIndex holds a lock."""

    def __init__(self, searcher, bases: dict[str, list[str]] | None = None):
        self.searcher = searcher
        self.bases = bases or {}  # an archive word -> the stems of its base form and verb, where they differ
        self.reader = searcher.reader()
        self.doc_count = self.reader.doc_count_all()
        self.deleted = {offset + d for leaf, offset in self._leaves() if leaf.has_deletions() for d in leaf.deleted_docs_set}
        self._norms: list[float] | None = None
        self._average = searcher.avg_field_length(FIELD) or 1.0
        self._scored: OrderedDict[str, tuple[array, array]] = OrderedDict()  # least recently used first
        self._cached = 0
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._prefixes: dict[tuple[str, int], tuple[list[str], bool]] = {}
        self._frequencies: dict[str, int] = {}

    def scores(self, term: str) -> Scores:
        """docnum -> BM25 score of term in the text field, every live document that has it (a new dict)."""
        return dict(zip(*self.arrays(term)))

    def arrays(self, term: str) -> tuple[array, array]:
        """The live documents of a term (ascending) and their BM25 scores, as kept: not to be changed."""
        cached = self._scored.get(term)
        if cached is None:
            cached = self._score(term)
            self._remember(term, cached)
        else:
            self._scored.move_to_end(term)
        return cached

    def preload(self, share: float) -> int:
        """Read and score now the terms in at least `share` of the documents, the most common first: the
        lists that cost most to read on a query, as many as fill half the cache. Returns how many
        postings are now kept."""
        least = max(2, int(self.doc_count * share))
        frequencies: dict[str, int] = {}
        for leaf, _offset in self._leaves():
            for term, info in leaf.iter_field(FIELD):
                text = term.decode() if isinstance(term, bytes) else term
                frequencies[text] = frequencies.get(text, 0) + info.doc_frequency()
        for text in sorted(frequencies, key=lambda t: (-frequencies[t], t)):
            if frequencies[text] < least or self._cached >= CACHE_POSTINGS // 2:  # leave room for what queries ask
                break
            if text not in self._scored:
                self._remember(text, self._score(text))
        return self._cached

    def doc_frequency(self, term: str) -> int:
        """How many documents have the term in the text field (deleted ones included); kept, a lookup
        in every segment costs 0.2 ms and a query asks it of each of its words (broad.touched)."""
        found = self._frequencies.get(term)
        if found is None:
            if len(self._frequencies) >= FREQUENCIES_KEPT:
                self._frequencies.clear()
            found = self._frequencies[term] = self.reader.doc_frequency(FIELD, term)
        return found

    def docs(self, field: str, value: str) -> frozenset[int]:
        """The live documents with this value in an untokenised field (organ, doc_type, kind, decided, doctype)."""
        key = (field, value)
        if key not in self._sets:
            self._sets[key] = frozenset(self._read(field, value)[0]) - self.deleted
        return self._sets[key]

    def keeps(self, documents: frozenset[int]) -> bool:
        """Whether documents is one of the sets docs() keeps."""
        return any(documents is kept for kept in self._sets.values())

    def prefix(self, prefix: str, limit: int = MAX_PREFIX_TERMS) -> Scores:
        """The terms of the text field that begin with prefix (see prefix_terms), their scores summed."""
        total: Scores = {}
        for term in self.prefix_terms(prefix, limit)[0]:
            add(total, self.scores(term))
        return total

    def prefix_terms(self, prefix: str, limit: int = MAX_PREFIX_TERMS) -> tuple[list[str], bool]:
        """The terms that begin with prefix, at most the `limit` in most documents, and whether any were
        left out: a short prefix begins thousands of words, and each costs a read of its postings."""
        if (prefix, limit) not in self._prefixes:
            terms = [t.decode() if isinstance(t, bytes) else t for t in self.reader.expand_prefix(FIELD, prefix)]
            kept = terms if len(terms) <= limit else heapq.nlargest(
                limit, terms, key=lambda term: self.reader.doc_frequency(FIELD, term))
            self._prefixes[prefix, limit] = (kept, len(kept) < len(terms))
        return self._prefixes[prefix, limit]

    def phrase(self, words: list[str]) -> Scores:
        """Documents with the words in this order, scored by the words' own scores (summed)."""
        return dict(zip(*self.phrase_arrays(words)))

    def phrase_arrays(self, words: list[str]) -> tuple[array, array]:
        """phrase() as arrays, kept with the terms' postings: a phrase's positions cost most to check
        (a synonym such as "hälso- och sjukvård i hemmet" is looked up for every query of its word)."""
        key = PHRASE_KEY + " ".join(words)
        cached = self._scored.get(key)
        if cached is None:
            found = self._phrase(words)
            ids = sorted(found)
            cached = (array("i", ids), array("d", map(found.__getitem__, ids)))  # the summed scores, unrounded
            self._remember(key, cached)
        else:
            self._scored.move_to_end(key)
        return cached

    def _phrase(self, words: list[str]) -> Scores:
        """Documents with every word come from the kept postings; positions are then decoded for those
        documents only, the rarest word first, each next word only where the phrase is still possible
        (Whoosh's phrase matcher walks every posting of every word in Python)."""
        total = intersect([self.scores(word) for word in dict.fromkeys(words)])
        if len(words) < 2 or not total:
            return total
        offsets: dict[str, list[int]] = {}  # '"och och och …"' decodes the positions of 'och' once
        for offset, word in enumerate(words):
            offsets.setdefault(word, []).append(offset)
        starts = None  # (document, where the phrase would start)
        for word in sorted(offsets, key=lambda w: len(self.arrays(w)[0])):
            wanted = total.keys() if starts is None else {d for d, _start in starts}
            at = {d: set(places) for d, places in self._positions(word, wanted).items()}
            first, *more = offsets[word]
            if starts is None:
                starts = {(d, p - first) for d, places in at.items() for p in places}
            else:
                starts = {(d, start) for d, start in starts if start + first in at.get(d, ())}
            for offset in more:
                starts = {(d, start) for d, start in starts if start + offset in at.get(d, ())}
            if not starts:
                return {}
        found = {d for d, _start in starts}
        return {d: s for d, s in total.items() if d in found}

    def _score(self, term: str) -> tuple[array, array]:
        """The live documents of a term and their BM25 scores, as two compact arrays (8 bytes a posting)."""
        ids, weights = self._read(FIELD, term)
        if not ids:
            return array("i"), array("f")
        factor = (log(self.doc_count / (len(ids) + 1)) + 1) * (K1 + 1)  # Whoosh's BM25F idf: ranking stays as it was
        norms = self.norms()
        if self.deleted:
            kept = [(d, w) for d, w in zip(ids, weights) if d not in self.deleted]
            ids, weights = [d for d, _w in kept], [w for _d, w in kept]
        return array("i", ids), array("f", [factor * w / (w + norms[d]) for d, w in zip(ids, weights)])

    def norms(self) -> list[float]:
        """BM25's length normalisation of every document's text field, K1 * (1 - B + B * length / average)."""
        if self._norms is None:
            length, average = self.reader.doc_field_length, self._average
            self._norms = [K1 * (1 - B + B * (length(d, FIELD, 0) or 0) / average) for d in range(self.doc_count)]
        return self._norms

    def _read(self, field: str, term: str) -> tuple[list[int], list[float]]:
        """All postings of a term, with global docnums (deleted documents included)."""
        ids: list[int] = []
        weights: list[float] = []
        for offset, block_ids, block_weights, _values in self._blocks(field, term):
            ids += [d + offset for d in block_ids] if offset else block_ids
            weights += block_weights
        return ids, weights

    def _positions(self, term: str, docs) -> dict[int, list[int]]:
        """The positions of a term in the given documents, decoded for those documents (and the blocks holding them) only."""
        wanted, found = set(docs), {}
        ordered = sorted(wanted)
        decode = self.reader.schema[FIELD].format.decode_positions
        for offset, ids, _weights, values in self._blocks(FIELD, term, lambda low, high: _any_between(ordered, low, high)):
            for d, value in zip(ids, values):
                if d + offset in wanted:
                    found[d + offset] = decode(value)
        return found

    def _blocks(self, field: str, term: str, needed=None):
        """(docnum offset, ids, weights, encoded values) of each block of a term's postings, leaf by leaf;
        with needed(low, high), only the blocks whose documents (global docnums) may lie in that range.

        Whoosh's own block arrays, read whole: delta-coded ids are summed in C, not one by one."""
        for leaf, offset in self._leaves():
            if (field, term) not in leaf:
                continue
            matcher = leaf.postings(field, term)
            if isinstance(matcher, FilterMatcher):  # a leaf with deletions: deleted docs are taken out later
                matcher = matcher.child
            if not isinstance(matcher, W3LeafMatcher) or matcher._byteids:  # postings inline in the term info
                yield offset, *_walk(matcher)
                continue
            low = offset
            while matcher.is_active():
                high = offset + matcher._maxid  # the block's last document, from its header
                if needed is not None and not needed(low, high):
                    low = high + 1
                    matcher._next_block()
                    continue
                low = high + 1
                matcher._read_data()
                deltas, weights, values = matcher._data[:3]
                if weights is None or isinstance(weights, float):  # one weight for the whole block
                    weights = [weights or 1.0] * len(deltas)
                yield offset, list(accumulate(deltas)), weights, values
                matcher._next_block()

    def _leaves(self):
        return leaves(self.reader)

    def _remember(self, term: str, scored: tuple[array, array]) -> None:
        self._scored[term] = scored
        self._cached += len(scored[0])
        while self._cached > CACHE_POSTINGS and len(self._scored) > 1:
            _term, (dropped, _scores) = self._scored.popitem(last=False)
            self._cached -= len(dropped)


def _any_between(ordered: list[int], low: int, high: int) -> bool:
    """Whether a sorted list holds a number from low to high."""
    at = bisect_left(ordered, low)
    return at < len(ordered) and ordered[at] <= high


def _walk(matcher) -> tuple[list[int], list[float], list[bytes]]:
    """ids, weights and values of a matcher, one posting at a time (for the few stored inline)."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def add(total: Scores, scores: Scores) -> None:
    """total += scores, document by document."""
    if not total:
        total.update(scores)
        return
    for d, s in scores.items():
        total[d] = total.get(d, 0.0) + s


def intersect(groups: list[Scores]) -> Scores:
    """Documents in every group, their scores summed; the smallest group leads."""
    if not groups:
        return {}
    if len(groups) == 1:
        return dict(groups[0])
    groups = sorted(groups, key=len)
    common = set(groups[0]).intersection(*groups[1:])
    first, *rest = groups
    found = {d: first[d] for d in common}
    for group in rest:
        for d in common:
            found[d] += group[d]
    return found


# --- a parsed query over the postings -----------------------------------------------------------


def match_text(postings: Postings, parsed: ParsedQuery) -> Scores | None:
    """The documents the query's words select, scored; None when it has no words.

    AND of the OR-groups; groups of stop words alone ('vad', 'vi', 'om') drop out unless nothing
    else is left. A word as written adds to the score of its stems and parts (EXACT_BOOST), so
    exact forms rank above inflections and compound parts.
    """
    meaningful = meaningful_groups(parsed)
    if not meaningful:
        return None
    limit = prefix_limit(parsed)
    found = intersect([_group(postings, group, limit) for group in meaningful])
    for term in parsed.boosts:
        scores = term_docs(postings, term, limit)
        for d in scores.keys() & found.keys():
            found[d] += scores[d]
    for term in dict.fromkeys(t for group in meaningful for t in group if not t.phrase and not t.prefix):
        folded = fold(joined(term.text))
        if query_stems(postings, folded):  # a stop word already counts only as written
            exact = postings.scores(EXACT + folded)
            for d in exact.keys() & found.keys():
                found[d] += EXACT_BOOST * exact[d]
    return found


def meaningful_groups(parsed: ParsedQuery) -> list[list[Term]]:
    """The query's OR-groups without those of stop words alone (unless nothing else is left), each once."""
    meaningful = [g for g in parsed.groups if not all(is_stop_word(t) for t in g)] or parsed.groups
    return list({tuple(group): group for group in meaningful}.values())  # a word given twice counts once


def term_docs(postings: Postings, term: Term, prefix_terms: int = MAX_PREFIX_TERMS) -> Scores:
    """What a document must contain for this term: a stem or compound part, the word as written
    (a stop word), any of the (at most prefix_terms) words with the prefix, or the phrase."""
    if term.phrase:
        return phrase_docs(postings, term)
    folded = fold(joined(term.text))
    if term.prefix:
        return postings.prefix(EXACT + folded, prefix_terms)
    stems = query_stems(postings, folded)
    if not stems:
        return postings.scores(EXACT + folded)
    total: Scores = {}
    for stem in stems:
        add(total, postings.scores(stem))
    return total


def phrase_docs(postings: Postings, term: Term) -> Scores:
    """A phrase's documents; a hyphenated word is its parts, at consecutive positions: "MiniMaria-verksamheten"."""
    words = [EXACT + fold(w) for w in re.findall(r"\w+", term.text)]
    return postings.phrase(words) if words else {}


def query_stems(postings: Postings, folded: str) -> list[str]:
    """What a query word looks up: its stems, and the stem of its base form when the archive has the
    word ('insatser' also finds 'insats')."""
    stems = analyse(folded, mode="query")
    if stems:
        stems += [base for base in postings.bases.get(folded, ()) if base not in stems]
    return stems


def prefix_limit(parsed: ParsedQuery) -> int:
    """How many words each prefix of the query expands to at most: MAX_PREFIX_TERMS shared among them."""
    prefixes = {t.text for t in (*(t for group in parsed.groups for t in group), *parsed.excluded) if t.prefix}
    return max(1, MAX_PREFIX_TERMS // max(1, len(prefixes)))


def broad_prefixes(postings: Postings, parsed: ParsedQuery) -> list[str]:
    """The query's prefixes (as written, without '*') that begin more words than are searched."""
    prefixes = dict.fromkeys(t.text for group in parsed.groups for t in group if t.prefix)
    limit = prefix_limit(parsed)
    return [p for p in prefixes if postings.prefix_terms(EXACT + fold(joined(p)), limit)[1]]


def _group(postings: Postings, group: list[Term], prefix_terms: int) -> Scores:
    total: Scores = {}
    for term in group:
        scores = term_docs(postings, term, prefix_terms)
        add(total, scores if term.weight == 1.0 else {d: s * term.weight for d, s in scores.items()})
    return total


def is_stop_word(term: Term) -> bool:
    return not term.phrase and not term.prefix and fold(term.text) in STOP_WORDS


def joined(text: str) -> str:
    """'Mini-Maria' is one name: search its joined form."""
    return text.replace("-", "").replace("‐", "")
