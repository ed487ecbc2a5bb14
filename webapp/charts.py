"""Hits per period as inline SVG: geometry only; the templates add links and accessible names.

Two shapes: columns (a timeline's chart, periods along the bottom) and rows (the search page's compact chart
beside the hits, one row a year, which fits a narrow column however many years there are)."""

from __future__ import annotations

from dataclasses import dataclass

HEIGHT = 170
TOP = 22  # room for the count above the tallest bar
BOTTOM = 26  # room for the period under each bar
STEP = 56
BAR = 36

ROW = 24  # the rows chart: height of a row
ROW_BAR = 16
LABEL = 64  # room for the period left of each bar ('2025-K3')
ROWS_WIDTH = 224  # the filter column's inner width
COUNT_ROOM = 34  # room for the count right of the longest bar


@dataclass(frozen=True)
class Bar:
    period: str
    count: int
    x: int
    y: int
    height: int
    width: int = BAR
    selected: bool = False

    @property
    def centre(self) -> int:
        return self.x + self.width // 2

    @property
    def axis_label(self) -> str:
        """What stands under an empty bar: its year, or for quarters only the first quarter's year (the
        labels of two dozen quarters would run into each other)."""
        if "-K" in self.period:
            year, quarter = self.period.split("-K")
            return year if quarter == "1" else ""
        return self.period

    @property
    def bounds(self) -> tuple[str, str]:
        """The period as from/to values of a search: '2025' -> 2025..2025, '2025-K3' -> 2025-07..2025-09."""
        return period_bounds(self.period)


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM
    bar_width: int = BAR
    label_width: int = LABEL
    row_height: int = ROW

    @property
    def selected(self) -> bool:
        return any(bar.selected for bar in self.bars)


def period_bounds(period: str) -> tuple[str, str]:
    if "-K" in period:
        year, quarter = period.split("-K")
        last = int(quarter) * 3
        return f"{year}-{last - 2:02d}", f"{year}-{last:02d}"
    return period, period


def bar_chart(buckets, selected: tuple[str | None, str | None] = (None, None)) -> Chart | None:
    """Columns for timeline buckets (period, count); an empty bucket gets no bar, only its label."""
    if not buckets:
        return None
    tallest = max(b.count for b in buckets) or 1
    room = HEIGHT - TOP - BOTTOM
    bars = []
    for position, bucket in enumerate(buckets):
        height = round(room * bucket.count / tallest) if bucket.count else 0
        bars.append(Bar(bucket.period, bucket.count, position * STEP + (STEP - BAR) // 2, HEIGHT - BOTTOM - height,
                        height, selected=_within(bucket.period, selected)))
    return Chart(bars, width=max(len(bars) * STEP, STEP * 3))


def row_chart(buckets, selected: tuple[str | None, str | None] = (None, None)) -> Chart | None:
    """Rows for timeline buckets, the first period on top; bar widths in proportion to the counts."""
    if not buckets:
        return None
    tallest = max(b.count for b in buckets) or 1
    room = ROWS_WIDTH - LABEL - COUNT_ROOM
    bars = [Bar(bucket.period, bucket.count, LABEL, position * ROW + (ROW - ROW_BAR) // 2, ROW_BAR,
                width=round(room * bucket.count / tallest) if bucket.count else 0,
                selected=_within(bucket.period, selected))
            for position, bucket in enumerate(buckets)]
    return Chart(bars, width=ROWS_WIDTH, height=len(bars) * ROW)


def _within(period: str, selected: tuple[str | None, str | None]) -> bool:
    """Whether a period lies inside the dates a search is narrowed to (none: no period is)."""
    low, high = selected
    if not (low or high):
        return False
    first, last = period_bounds(period)
    return (low or "0000") <= first and last[:len(high or "9999")] <= (high or "9999")
