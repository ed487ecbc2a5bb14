"""An item's decisions as index fields: their texts and kinds, with the collective decisions of its parent.

A sub-item covered by a collective decision ('Beslut (gemensamt för punkt 6a–6d)') counts as decided:
decision searches, questions and the register find it, and its hit shows the decision with its span.
"""

from __future__ import annotations

from collections import Counter

from archive.collective import SharedDecision, span
from archive.model import Decision, Item


def decision_fields(item: Item, shared: tuple[SharedDecision, ...]) -> dict:
    taken = [(d, _span(d)) for d in item.decisions] + [(s.decision, s.span) for s in shared if s.taken]
    proposed = [(d, _span(d)) for d in item.proposals] + [(s.decision, s.span) for s in shared if not s.taken]
    return {
        "decision_list": [d.text for d, _span in taken],
        "proposal_list": [d.text for d, _span in proposed],
        "decision_details": [_detail(d, span) for d, span in taken],
        "proposal_details": [_detail(d, span) for d, span in proposed],
        "decision_kinds": _kinds(d for d, _span in taken),
        "proposal_kinds": _kinds(d for d, _span in proposed),
        "decision_tally": _tally(d for d, _span in taken),
        "proposal_tally": _tally(d for d, _span in proposed),
        "decided": "beslut" if taken else "förslag" if proposed else "nej",
        "collective": "ja" if shared else "nej",
    }


def _span(decision: Decision) -> str | None:
    return span(decision.applies_to) if decision.applies_to else None


def _detail(decision: Decision, covers: str | None) -> dict:
    """What a hit shows of a decision beside its text: its kind, the organ it proposes to, and for a
    collective decision the sub-items it covers ('6a–6d')."""
    return {"kind": decision.kind, "to_organ": decision.to_organ, "span": covers}


def _kinds(decisions) -> str | None:
    return " ".join(sorted({d.kind for d in decisions if d.kind})) or None


def _tally(decisions) -> str:
    """'assignment:2 formality:1': how many decisions of each kind, one sortable value to count over matches."""
    counts = Counter(d.kind for d in decisions if d.kind)
    return " ".join(f"{kind}:{number}" for kind, number in sorted(counts.items()))
