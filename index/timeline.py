"""Hits per year, quarter or month over all hits, every period from the first to the last."""

from __future__ import annotations

from .facets import sorted_counts
from .results import TIMELINE_BY, Bucket


def timeline(years: dict, months: dict, by: str) -> list[Bucket]:
    """Hits per period over all hits, every period from the first to the last (empty ones too)."""
    years = sorted_counts(years, by_key=True)
    if by not in TIMELINE_BY or by == "year" or not years:
        if not years:
            return []
        first, last = int(min(years)), int(max(years))
        return [Bucket(str(y), years.get(str(y), 0)) for y in range(first, last + 1)]
    counts: dict[str, int] = {}
    for month, count in sorted_counts(months, by_key=True).items():
        period = month if by == "month" else f"{month[:4]}-K{(int(month[5:7]) - 1) // 3 + 1}"
        counts[period] = counts.get(period, 0) + count
    periods = _all_periods(min(counts), max(counts), by) if counts else []
    return [Bucket(p, counts.get(p, 0)) for p in periods]


def _all_periods(first: str, last: str, by: str) -> list[str]:
    year, index = int(first[:4]), int(first[5:7]) if by == "month" else int(first[-1])
    periods = []
    per_year = 12 if by == "month" else 4
    while True:
        period = f"{year}-{index:02d}" if by == "month" else f"{year}-K{index}"
        periods.append(period)
        if period >= last:
            return periods
        index += 1
        if index > per_year:
            year, index = year + 1, 1
