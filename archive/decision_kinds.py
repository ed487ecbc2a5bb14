"""Decision kinds: each decision is a formality, substantive, an assignment or a proposal to another organ.

The Swedish phrasings that tell them apart are data (rules/decision_kinds.toml, tried in order);
a decision no rule recognises is substantive. `annotate(meeting)` runs after parsing: it sets the kind
of every decision and proposal, then gathers collective decisions (archive.collective).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .collective import gather_collective
from .model import DECISION_KINDS, Decision, Item, Meeting
from .rules import compile_pattern, load

RULES = "decision_kinds"
DEFAULT_KIND = "substantive"


@dataclass(frozen=True)
class KindRule:
    kind: str
    pattern: re.Pattern
    why: str


@functools.cache
def kind_rules() -> tuple[KindRule, ...]:
    rules = []
    for number, entry in enumerate(load(RULES)["rule"], start=1):
        if entry["kind"] not in DECISION_KINDS:
            raise ValueError(f"{RULES}.toml, regel {number}: okänd beslutstyp {entry['kind']!r}")
        rules.append(KindRule(entry["kind"], compile_pattern(RULES, number, entry["pattern"]), entry["why"]))
    return tuple(rules)


def matching_rule(text: str) -> tuple[KindRule | None, re.Match | None]:
    """The first rule whose phrasing the text contains, and where; (None, None) when none does."""
    for rule in kind_rules():
        if match := rule.pattern.search(text):
            return rule, match
    return None, None


def classify(decision: Decision) -> Decision:
    """The decision with its kind; a proposal to another organ also names that organ when the text does."""
    if decision.to_organ:
        return replace(decision, kind="proposal")
    kind, organ = _kind_of(decision.text)
    if kind is None:
        return replace(decision, kind=DEFAULT_KIND)
    return replace(decision, kind=kind, to_organ=organ)


@functools.lru_cache(maxsize=4096)
def _kind_of(text: str) -> tuple[str | None, str | None]:
    """The kind of the first rule a decision's text matches (None if none does), and the organ a proposal
    goes to. Kept for the texts that come back: minutes repeat their formulas, meeting after meeting."""
    rule, match = matching_rule(text)
    if rule is None:
        return None, None
    organ = match.groupdict().get("organ") if rule.kind == "proposal" else None
    return rule.kind, organ.capitalize() if organ else None


def annotate(meeting: Meeting) -> Meeting:
    """A parsed meeting with every decision's kind set and its collective decisions gathered."""
    items = tuple(gather_collective(_classified(item)) for item in meeting.items)
    return replace(meeting, items=items)


def _classified(item: Item) -> Item:
    return replace(
        item,
        decisions=tuple(map(classify, item.decisions)),
        proposals=tuple(map(classify, item.proposals)),
        items=tuple(map(_classified, item.items)),
    )
