"""Meetings as the plain dicts of the JSON API (see ARCHITECTURE.md); the CLI prints the same."""

from __future__ import annotations

from .collection import Archive
from .model import Decision, Item, Meeting, Person


def meeting_summary(meeting: Meeting) -> dict:
    return {
        "id": meeting.id,
        "organ": meeting.organ,
        "date": meeting.date.iso() if meeting.date else None,
        "doc_type": meeting.doc_type.value,
        "title": meeting.title,
        "source": meeting.source,
        "item_count": sum(1 for _ in meeting.all_items()),
    }


def meeting_detail(meeting: Meeting, archive: Archive | None = None) -> dict:
    detail = meeting_summary(meeting)
    del detail["item_count"]
    detail.update(
        issuer=meeting.issuer,
        place=meeting.place,
        time=meeting.time,
        document_date=meeting.document_date.iso() if meeting.document_date else None,
        source_url=meeting.source_url,
        attendees=[_person(p, with_affiliation=True) for p in meeting.attendees],
        references=[
            {
                "date": ref.date.iso(),
                "text": ref.text,
                "organ": ref.organ,
                "meeting_id": target.id if archive and (target := archive.resolve(ref, meeting)) else None,
            }
            for ref in meeting.references
        ],
        warnings=list(meeting.warnings),
        field_sources=dict(meeting.field_sources),
        items=[item_detail(meeting, item) for item in meeting.items],
    )
    return detail


def item_detail(meeting: Meeting, item: Item) -> dict:
    return {
        "id": meeting.item_id(item),
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "case_number": item.case_number,
        "presenters": [_person(p) for p in item.presenters],
        "text": item.text,
        "decisions": _texts(item.decisions),
        "proposals": _texts(item.proposals),
        "items": [item_detail(meeting, child) for child in item.items],
    }


def _person(person: Person, with_affiliation: bool = False) -> dict:
    if with_affiliation:
        return {"name": person.name, "affiliation": person.affiliation, "role": person.role}
    return {"name": person.name, "role": person.role}


def _texts(decisions: tuple[Decision, ...]) -> list[str]:
    return [d.text for d in decisions]
