"""The page of the original on which each item and decision starts.

The PDF reader ends every page with a form feed (as pdftotext does), and every cleaned Line
keeps its line number in that text, so an item's page follows from the line of its heading. A decision keeps no line of its own: it is found by its
opening words among the lines of its item, in order, and otherwise starts where its item does.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .clean import Line, normalise
from .model import Decision, Item

OPENING_WORDS = 4  # enough to tell two att-satser of one item apart, few enough to fit on the first line


class Pages:
    """Line number (1-based, as in Line.number) -> page number (1-based) of one extracted text."""

    def __init__(self, text: str):
        self.starts: list[int] = []  # the line number at which each page after the first begins
        if "\f" not in text:  # normalise neither adds nor removes form feeds
            return
        for number, raw in enumerate(normalise(text).split("\n"), start=1):
            parts = raw.split("\f")
            for feed in range(1, len(parts)):
                # text after a feed is on the new page; a feed that closes its line starts the next line's page
                rest = "".join(parts[feed:]).strip()
                self.starts.append(number if rest else number + 1)

    @property
    def paged(self) -> bool:
        return bool(self.starts)

    def of_line(self, number: int | None) -> int | None:
        if number is None or not self.paged:
            return None
        return bisect.bisect_right(self.starts, number) + 1


def paginate(items: tuple[Item, ...] | list[Item], lines: list[Line], pages: Pages) -> tuple[Item, ...]:
    """The items with the page of each item and decision set; unchanged when the text has no pages."""
    if not pages.paged:
        return tuple(items)
    flat = [item for top in items for item in top.walk()]
    starts = sorted({item.line for item in flat if item.line is not None})
    numbers = [line.number for line in lines]  # ascending: cleaning keeps the lines in the order of the text
    return tuple(_paginate(item, lines, numbers, pages, starts) for item in items)


def _paginate(item: Item, lines: list[Line], numbers: list[int], pages: Pages, starts: list[int]) -> Item:
    page = pages.of_line(item.line)
    own = _own_lines(item, lines, numbers, starts)
    return replace(
        item,
        page=page,
        decisions=_decision_pages(item.decisions, own, pages, page),
        proposals=_decision_pages(item.proposals, own, pages, page),
        items=tuple(_paginate(child, lines, numbers, pages, starts) for child in item.items),
    )


def _own_lines(item: Item, lines: list[Line], numbers: list[int], starts: list[int]) -> list[Line]:
    """The lines from the item's heading to the next heading of any item (a closing decision may be
    lifted to a parent from its last sub-item, so a parent's lines run on to the next top item)."""
    if item.line is None:
        return []
    following = [start for start in starts if start > item.line]
    end = following[0] if following and not item.items else _end_of(item, starts)
    return lines[bisect.bisect_left(numbers, item.line): bisect.bisect_left(numbers, end)]


def _end_of(item: Item, starts: list[int]) -> float:
    last = item
    while last.items:
        last = last.items[-1]
    following = [start for start in starts if last.line is not None and start > last.line]
    return following[0] if following else float("inf")


def _decision_pages(decisions: tuple[Decision, ...], lines: list[Line], pages: Pages, fallback: int | None):
    found: list[Decision] = []
    position = 0
    for decision in decisions:
        at = _find_opening(decision.text, lines, position)
        if at is None:
            found.append(replace(decision, page=pages.of_line(lines[position].number) if lines else fallback))
            continue
        position = at
        found.append(replace(decision, page=pages.of_line(lines[at].number)))
    return tuple(found)


def _find_opening(text: str, lines: list[Line], start: int) -> int | None:
    """The first line from start on that holds the decision's opening words, or ends with the first
    two or more of them (the opening wraps onto the next line)."""
    words = _words(text)[:OPENING_WORDS]
    if not words:
        return None
    for index in range(start, len(lines)):
        line_words = _words(lines[index].text)
        if _contains(line_words, words) or any(
            line_words[-size:] == words[:size] for size in range(len(words) - 1, 1, -1)
        ):
            return index
    return None


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i:i + size] == needle for i in range(len(haystack) - size + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
