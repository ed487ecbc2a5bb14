"""Facet counts over every matched item (year, organ, kind, document type, presenter; decisions by kind), in one pass."""

from __future__ import annotations

from collections import Counter

import numpy as np

from .schema import PEOPLE_SEPARATOR

FACETS = ("year", "month", "organ", "doc_type", "kinds", "decision_tally", "proposal_tally", "presenter_set")

Codes = tuple[np.ndarray, list]  # each document's value as a number, and the values by number


def codes(column: list) -> Codes:
    """A facet column as numbers: documents with the same value share its number."""
    numbers: dict = {}
    coded = np.fromiter((numbers.setdefault(value, len(numbers)) for value in column), dtype=np.int32, count=len(column))
    return coded, list(numbers)


def count(facet_codes: tuple[Codes, ...], docnums: np.ndarray) -> dict[str, Counter]:
    """Each facet's values counted over docnums: one bincount per facet over its numbered column (a
    Counter over the values cost 8 Python lookups a matched item: 90 ms for 18 queries at 20,000 items)."""
    groups = {}
    for name, (coded, values) in zip(FACETS, facet_codes):
        counts = np.bincount(coded[docnums], minlength=len(values))
        found = np.flatnonzero(counts)
        groups[name] = Counter(dict(zip(map(values.__getitem__, found.tolist()), counts[found].tolist())))
    return groups


def facets(groups: dict[str, Counter]) -> dict[str, dict[str, int]]:
    """The facets of the answer, from count()'s groups."""
    return {
        "year": sorted_counts(groups["year"], by_key=True),
        "organ": sorted_counts(groups["organ"]),
        "kind": _kind_counts(groups["kinds"]),
        "doc_type": sorted_counts(groups["doc_type"]),
        "decision_kind": _tally_counts(groups["decision_tally"]),
        "proposal_kind": _tally_counts(groups["proposal_tally"]),
        "presenter": people_counts(groups["presenter_set"]),
    }


def _tally_counts(tallies: dict) -> dict[str, int]:
    """Decisions (not items) of each kind over the matched items: 'assignment:2 formality:1' on 3 items
    counts 6 assignments and 3 formalities."""
    counts: dict[str, int] = {}
    for tally, number in tallies.items():
        for part in (tally or "").split():
            kind, _, decisions = part.partition(":")
            counts[kind] = counts.get(kind, 0) + int(decisions) * number
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def sorted_counts(groups: dict, by_key: bool = False) -> dict[str, int]:
    items = [(k, v) for k, v in groups.items() if k]
    items.sort(key=(lambda kv: kv[0]) if by_key else (lambda kv: (-kv[1], kv[0])))
    return dict(items)


def people_counts(combinations: dict) -> dict[str, int]:
    """'Anna Ek|Per Ås': 2 counts for each name; the most frequent first."""
    counts: Counter = Counter()
    for combination, number in combinations.items():
        for name in filter(None, combination.split(PEOPLE_SEPARATOR)):
            counts[name] += number
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _kind_counts(combinations: dict) -> dict[str, int]:
    """'beslut information': 3 counts for Beslut and for Information."""
    counts: dict[str, int] = {}
    for combination, number in sorted_counts(combinations).items():
        for kind in combination.split():
            label = kind[:1].upper() + kind[1:]
            counts[label] = counts.get(label, 0) + number
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
