"""Meetings as the plain dicts of the JSON API (see ARCHITECTURE.md); the CLI prints the same."""

from __future__ import annotations

from .attachments import mentioned
from .collection import Archive
from .collective import SharedDecision, shared_decisions, span
from .model import Decision, Item, Meeting, OcrNote, Person


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
    shared = shared_decisions(meeting.items)
    detail.update(
        issuer=meeting.issuer,
        organ_name=meeting.organ_name or meeting.organ,
        place=meeting.place,
        time=meeting.time,
        document_date=meeting.document_date.iso() if meeting.document_date else None,
        source_url=meeting.source_url,
        ocr=_ocr(meeting.ocr),
        attachments=[
            {"label": a.label, "source": a.source, "anchor": a.anchor, "ocr": _ocr(a.ocr)} for a in meeting.attachments
        ],
        attendees=[_attendee(p) for p in meeting.attendees],
        attendance=meeting.attendance.value,
        paragraphs=meeting.paragraphs,
        references=[
            {
                "date": ref.date.iso(),
                "text": ref.text,
                "organ": ref.organ,
                "meeting_id": target.id if archive and (target := archive.resolve(ref, meeting)) else None,
            }
            for ref in meeting.references
        ],
        text=meeting.text,
        actions=[decision_detail(a) for a in meeting.actions],
        warnings=list(meeting.warnings),
        field_sources=dict(meeting.field_sources),
        items=[item_detail(meeting, item, shared) for item in meeting.items],
    )
    return detail


def item_detail(meeting: Meeting, item: Item, shared: dict[str, tuple[SharedDecision, ...]]) -> dict:
    """An item as the JSON API gives it. Its decisions are its own; a collective decision of its parent
    that covers it is in shared_decisions."""
    return {
        "id": meeting.item_id(item),
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "case_number": item.case_number,
        "page": item.page,
        "attachments": _mentioned_attachments(meeting, item),
        "presenters": [_person(p) for p in item.presenters],
        "text": item.text,
        "decisions": _texts(item.decisions),
        "proposals": _texts(item.proposals),
        "decision_details": [decision_detail(d) for d in item.decisions],
        "proposal_details": [decision_detail(d) for d in item.proposals],
        "shared_decisions": [shared_detail(s) for s in shared.get(item.number, ())],
        "votes": [{"text": v.text, "yes": v.yes, "no": v.no, "abstained": v.abstained} for v in item.votes],
        "reservations": [{"by": r.by, "text": r.text} for r in item.reservations],
        "items": [item_detail(meeting, child, shared) for child in item.items],
    }


def decision_detail(decision: Decision) -> dict:
    """A decision with its kind; a collective one with the sub-items it covers (applies_to, span '6a–6d')."""
    return {"text": decision.text, "decided_by": decision.decided_by, "kind": decision.kind,
            "to_organ": decision.to_organ, "applies_to": list(decision.applies_to),
            "span": span(decision.applies_to) or None, "page": decision.page}


def shared_detail(shared: SharedDecision) -> dict:
    """A parent's collective decision on a sub-item: 'Beslut (gemensamt för punkt 6a–6d): …'."""
    return {"text": shared.decision.text, "kind": shared.decision.kind, "taken": shared.taken, "item": shared.holder,
            "span": shared.span}


def _ocr(note: OcrNote | None) -> dict | None:
    return {"pages": list(note.pages), "confidence": note.confidence, "engine": note.engine} if note else None


def _mentioned_attachments(meeting: Meeting, item: Item) -> list[dict]:
    """The meeting's attachments the item refers to ('Aktivitetskravet (Bilaga 3)'), as label and anchor."""
    named = mentioned(f"{item.title}\n{item.text}")
    return [{"label": a.label, "anchor": a.anchor} for a in meeting.attachments if a.label in named]


def _person(person: Person) -> dict:
    return {"name": person.name, "role": person.role}


def _attendee(person: Person) -> dict:
    return {
        "name": person.name, "affiliation": person.affiliation, "role": person.role,
        "party": person.party, "group": person.group, "note": person.note,
    }


def _texts(decisions: tuple[Decision, ...]) -> list[str]:
    return [d.text for d in decisions]
