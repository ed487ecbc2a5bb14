"""Meetings as the API lists them, and references between meetings resolved to archived ones."""

from __future__ import annotations

from archive.dates import covers


def summary(detail: dict) -> dict:
    keys = ("id", "organ", "date", "doc_type", "title", "source")
    return {key: detail[key] for key in keys} | {"item_count": _count_items(detail["items"])}


def _count_items(items: list[dict]) -> int:
    return sum(1 + _count_items(item["items"]) for item in items)


def referenced_meeting(reference: dict, own_organ: str | None, summaries: list[dict]) -> str | None:
    """The id of the archived meeting a reference points at ('Föregående minnesanteckningar 250926'), if any."""
    organ = reference.get("organ") or own_organ
    return next(
        (m["id"] for m in summaries if m["organ"] == organ and m["date"] and covers(m["date"], reference["date"])),
        None,
    )
