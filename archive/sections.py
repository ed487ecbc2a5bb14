"""The headings inside a protocol's paragraph ('Beslut', 'Yrkanden', 'Reservation', 'Beslutet expedieras till')
and what kind of section each opens. The labels are data (rules/section_labels.rules)."""

from __future__ import annotations

import functools
import re

from . import rules
from .organs import ORGAN_NAME

DECISION = "decision"
PROPOSAL = "proposal"
HISTORY = "history"
VOTE = "vote"
ORDER = "order"
RESERVATION = "reservation"
DISPATCH = "dispatch"

_ORGAN_GENITIVE = rf"(?:{ORGAN_NAME})s"


def _label_pattern(label: str) -> str:
    return re.escape(label).replace(re.escape("{organ}") + "s", _ORGAN_GENITIVE).replace(r"\ ", r"\s+")


_LABELS = [(re.compile(rf"^(?:{_label_pattern(e.key)})\s*:?$", re.IGNORECASE), e.mapped) for e in rules.entries("section_labels")]
_EXACT = {e.key.lower(): e.mapped for e in rules.entries("section_labels") if "{" not in e.key}


@functools.lru_cache(maxsize=16384)
def section_kind(text: str) -> str | None:
    """The kind of section a heading line opens, or None if the line is not a section heading."""
    text = " ".join(text.split()).strip()
    if len(text) > 70 or not text[:1].isupper():  # a heading is capitalised; a wrapped 'beslut' is not one
        return None
    exact = _EXACT.get(text.rstrip(":").strip().lower())
    if exact or len(text.split()) > 8:
        return exact
    return next((kind for pattern, kind in _LABELS if pattern.match(text)), None)


def inline_section(text: str) -> tuple[str, str] | None:
    """A heading with its content on the same line ('Beslut: Ärendet bordläggs.'): (kind, content)."""
    label, colon, rest = text.partition(":")
    if colon and rest.strip() and (kind := section_kind(label)):
        return kind, rest.strip()
    return None
