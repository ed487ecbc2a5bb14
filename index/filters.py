"""A request's filters (organ, dates, kind, document type, presenter, decisions) as sets of documents."""

from __future__ import annotations

import re

from archive.model import DocType
from archive.organs import match_organ

from .query import ParsedQuery
from .results import DECISIONS, SearchRequest
from .schema import ITEM
from .snapshot import Snapshot

DOC_TYPES = {"minnesanteckningar": "minutes", "dagordning": "agenda", "protokoll": "protocol",
             **{t.value: t.value for t in DocType}}
KINDS = {"beslut", "information", "dialog", "rapport", "diskussion", "redovisning"}


def filter_sets(snapshot: Snapshot, parsed: ParsedQuery, request: SearchRequest) -> tuple[list[frozenset[int]], list[str]]:
    """The documents each filter allows, and notes on the filters that could not be used."""
    postings = snapshot.postings
    filters: list[frozenset[int]] = []
    notes: list[str] = []
    if organ := (request.organ or parsed.organ):
        name = organ_name(snapshot, organ)
        if name:
            filters.append(postings.docs("organ", name))
        else:
            notes.append(f"okänt organ '{organ}': filtret används inte")
    low = date_bound(request.date_from) or parsed.year_from
    high = date_bound(request.date_to) or parsed.year_to
    if low or high:
        filters.append(snapshot.dated(low or "0000", (high or "9999") + "\uffff"))
    for value in [v for v in (request.kind, request.doc_type) if v] + parsed.types:
        lowered = value.lower()
        if lowered in KINDS:
            filters.append(postings.docs("kind", lowered))
        elif lowered in DOC_TYPES:
            filters.append(postings.docs("doc_type", DOC_TYPES[lowered]))
        else:
            notes.append(f"okänd typ '{value}': filtret används inte")
    if request.presenter:
        filters.append(postings.docs("presenter", request.presenter))
    if decision := (request.decision or parsed.decisions):
        if decision in DECISIONS:
            filters.append(frozenset().union(*(postings.docs("decided", v) for v in DECISIONS[decision])))
        else:
            notes.append(f"okänt beslutsfilter '{decision}': filtret används inte")
    if request.decision_kinds:
        filters.append(decision_kind_set(postings, request.decision_kinds, decision or "taken"))
    if not request.include_shared:  # a collective decision once, where it stands
        filters.append(postings.docs("doctype", ITEM) - postings.docs("collective", "ja"))
    return filters, notes


def decision_kind_set(postings, kinds: tuple[str, ...], decision: str) -> frozenset[int]:
    """Items with a decision taken (or proposed, or either) of one of these kinds (index/decision_fields.py)."""
    fields = {"taken": ("decision_kinds",), "proposed": ("proposal_kinds",)}.get(decision, ("decision_kinds", "proposal_kinds"))
    return frozenset().union(*(postings.docs(field, kind) for field in fields for kind in kinds))


def organ_name(snapshot: Snapshot, written: str) -> str | None:
    """A known organ by name, abbreviation or typo; else an archived organ whose name contains it."""
    if canonical := match_organ(written):
        return canonical
    lowered = written.lower()
    return next((o for o in snapshot.organ_names() if lowered in o.lower()), None)


def date_bound(value: str | None) -> str | None:
    """A year or an ISO date, else None (the web layer rejects it with a 400 first)."""
    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        return value.strip()
    return None
