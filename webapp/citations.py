"""Citations with absolute permalinks: PUBLIC_URL when configured (behind a proxy), else the address asked."""

from __future__ import annotations

from flask import current_app, request, url_for

from archive.citation import Citation, cite


def permalink(meeting_id: str, anchor: str | None = None) -> str:
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return base + url_for("meetings.meeting", meeting_id=meeting_id, _anchor=anchor)


def cite_item(meeting, item_id: str, number: str, title: str, decision: str | None = None,
              page: int | None = None) -> Citation:
    """meeting: anything with id, organ, date and doc_type (a meeting dict or a hit's MeetingRef); page: where
    the item or decision starts in the original (a template may pass an undefined value: no page)."""
    get = meeting.get if isinstance(meeting, dict) else lambda name: getattr(meeting, name)
    anchor = item_id[len(get("id")) + 1:]
    return cite(get("organ"), get("date"), get("doc_type"), number, title, permalink(get("id"), anchor), decision,
                page if isinstance(page, int) else None)
