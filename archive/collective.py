"""Collective decisions: a decision that closes a list of sub-items applies to each of them.

Minutes often report sub-items 6a–6d and then decide once, after 6d: "Välfärdsrådet beslutade att
lägga informationen till handlingarna". The parser reads that decision under 6d; gather_collective()
moves it to the parent item (which keeps it once) with `applies_to` naming the sub-items, and
shared_decisions() tells each sub-item which of its parent's decisions apply to it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .model import Decision, Item
from .rules import compile_pattern, load

RULES = "collective_decisions"
RANGE = re.compile(r"^(\d+|[a-z])\s*[–-]\s*(\d+|[a-z])$")


@dataclass(frozen=True)
class SharedDecision:
    """A parent's collective decision as one of its sub-items sees it."""

    decision: Decision
    holder: str  # the number of the item that holds it: '6'
    span: str  # the sub-items it covers, as a reader writes them: '6a–6d'
    taken: bool  # a decision taken, or a proposal (förslag till beslut)


@functools.cache
def _pattern(name: str) -> re.Pattern:
    return compile_pattern(RULES, 1, load(RULES)[name]["pattern"])


def gather_collective(item: Item) -> Item:
    """The item (and its sub-items, depth first) with a decision closing its list of sub-items lifted to it."""
    children = tuple(gather_collective(child) for child in item.items)
    item = replace(item, items=children)
    if len(children) < 2 or item.decisions or item.proposals:
        return item
    last = children[-1]
    if any(child.decisions or child.proposals for child in children[:-1]):
        return item
    numbers = tuple(child.number for child in children)
    decisions = _lifted(last.decisions, numbers, item.number)
    proposals = _lifted(last.proposals, numbers, item.number)
    if decisions is None or proposals is None or not (decisions or proposals):
        return item
    emptied = replace(last, decisions=(), proposals=())
    return replace(item, decisions=decisions, proposals=proposals, items=children[:-1] + (emptied,))


def _lifted(closing: tuple[Decision, ...], numbers: tuple[str, ...], parent: str) -> tuple[Decision, ...] | None:
    """The closing decisions with the sub-items each covers, or None if the block is the last sub-item's own."""
    lifted = []
    for decision in closing:
        named = named_items(decision.text, numbers, parent)
        if not (named or decision.kind == "formality" or _pattern("covers_all").search(decision.text)):
            return None
        lifted.append(replace(decision, applies_to=named or numbers))
    if lifted and all(len(d.applies_to) == 1 and d.applies_to == numbers[-1:] for d in lifted):
        return None  # every decision names only the last sub-item: it is that item's own
    return tuple(lifted)


def named_items(text: str, numbers: tuple[str, ...], parent: str) -> tuple[str, ...]:
    """The sub-items a decision names ('avseende punkten 1' -> ('10.1',)), in document order; () if none."""
    match = _pattern("names_items").search(text)
    if not match:
        return ()
    wanted: set[str] = set()
    for part in re.split(r"\s*(?:,|och|samt)\s*", match.group("refs")):
        if bounds := RANGE.match(part):
            first, last = (_number_of(ref, numbers, parent) for ref in bounds.groups())
            if first and last:
                wanted.update(numbers[numbers.index(first): numbers.index(last) + 1])
        elif number := _number_of(part, numbers, parent):
            wanted.add(number)
    return tuple(n for n in numbers if n in wanted)


def _number_of(reference: str, numbers: tuple[str, ...], parent: str) -> str | None:
    """'1' or 'b' as written in a decision -> the sub-item's number ('10.1', '6b')."""
    for candidate in (reference, f"{parent}.{reference}", f"{parent}{reference}"):
        if candidate in numbers:
            return candidate
    return None


def shared_decisions(items: tuple[Item, ...]) -> dict[str, tuple[SharedDecision, ...]]:
    """Sub-item number -> the collective decisions of its parent that apply to it."""
    shared: dict[str, list[SharedDecision]] = {}
    for item in items:
        for parent in item.walk():
            for taken, decisions in ((True, parent.decisions), (False, parent.proposals)):
                for decision in decisions:
                    for number in decision.applies_to:
                        found = SharedDecision(decision, parent.number, span(decision.applies_to), taken)
                        shared.setdefault(number, []).append(found)
    return {number: tuple(found) for number, found in shared.items()}


def span(numbers: tuple[str, ...]) -> str:
    """'6a', '6b', '6c', '6d' -> '6a–6d'; a single item or a broken run is listed: '10.1', '6a, 6c'."""
    if len(numbers) <= 1:
        return ", ".join(numbers)
    if len(numbers) > 2 and _consecutive(numbers):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(numbers[:-1]) + " och " + numbers[-1] if len(numbers) == 2 else ", ".join(numbers)


def _consecutive(numbers: tuple[str, ...]) -> bool:
    keys = [_ordinal(n) for n in numbers]
    return None not in keys and all(b == a + 1 for a, b in zip(keys, keys[1:]))


def _ordinal(number: str) -> int | None:
    """The position a sub-item number says: '6c' -> 3, '10.4' -> 4."""
    if match := re.fullmatch(r"\d+([a-z])", number):
        return ord(match.group(1)) - ord("a") + 1
    if match := re.fullmatch(r"\d+\.(\d+)", number):
        return int(match.group(1))
    return None
