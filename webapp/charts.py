"""The hits-per-period bar chart: geometry for an inline SVG, whose template adds links and an accessible table."""

from __future__ import annotations

from dataclasses import dataclass

HEIGHT = 170
TOP = 22  # room for the count above the tallest bar
BOTTOM = 26  # room for the period under each bar
STEP = 56
BAR = 36


@dataclass(frozen=True)
class Bar:
    period: str
    count: int
    x: int
    y: int
    height: int

    @property
    def centre(self) -> int:
        return self.x + BAR // 2

    @property
    def bounds(self) -> tuple[str, str]:
        """The period as from/to values of a search: '2025' -> 2025..2025, '2025-K3' -> 2025-07..2025-09."""
        if "-K" in self.period:
            year, quarter = self.period.split("-K")
            last = int(quarter) * 3
            return f"{year}-{last - 2:02d}", f"{year}-{last:02d}"
        return self.period, self.period


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM
    bar_width: int = BAR


def bar_chart(buckets) -> Chart | None:
    """Bars for timeline buckets (period, count); an empty bucket gets no bar, only its label."""
    if not buckets:
        return None
    tallest = max(b.count for b in buckets) or 1
    room = HEIGHT - TOP - BOTTOM
    bars = []
    for position, bucket in enumerate(buckets):
        height = round(room * bucket.count / tallest) if bucket.count else 0
        bars.append(Bar(bucket.period, bucket.count, position * STEP + (STEP - BAR) // 2, HEIGHT - BOTTOM - height, height))
    return Chart(bars, width=max(len(bars) * STEP, STEP * 3))
