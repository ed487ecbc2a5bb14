"""Assignments followed up: every assignment of the archive, and whether it was reported back.

An assignment is stored with the item it concerns (assignment_fields, at build time). Its status is read
from that item's history (index/relations.py): it is **reported** when a later meeting of the organ that
gave it, or of the organ it reports to, has an item of the same matter linked by case number or by an
explicit reference; **probably reported** ("troligen återrapporterat") when such an item is only
strongly alike; otherwise **open**, with what the archive has: the later meetings looked at, and later
items about the matter in other organs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from archive.assignments import Assignment
from archive.citation import item_label
from archive.dates import swedish_date
from archive.model import Item, Meeting

from .relations import SAME_MATTER

OPEN, REPORTED, PROBABLY = "open", "reported", "probably"
STATUS_ORDER = {OPEN: 0, PROBABLY: 1, REPORTED: 2}
CERTAIN = ("case", "reference")  # links that show a report back; likeness only suggests one


def assignment_fields(meeting: Meeting, item: Item, given: list[Assignment]) -> dict:
    """The assignments an item holds, as stored with it: one id each ('<item id>-uppdrag-1')."""
    item_id = meeting.item_id(item)
    stored = [asdict(a) | {"id": f"{item_id}-uppdrag-{n}"} for n, a in enumerate(given, start=1)]
    return {"assignments": stored, "assigned": "ja" if stored else None}


@dataclass(frozen=True)
class FollowedAssignment:
    """An assignment with its meeting, its item and its status, as the pages and the API show it."""

    id: str
    who: list[dict]  # [{"name": …, "kind": "person" | "group" | "organ"}]
    what: str
    decision: str
    source: str  # "decision" or "text"
    reports_to: str | None
    due: str | None
    due_date: str | None
    next_meeting: bool
    item: dict  # {"id", "number", "title", "url"}
    meeting: dict  # {"id", "organ", "date", "doc_type", "title"}
    status: str  # "open", "reported" or "probably"
    evidence: str  # why the status is what it is, in Swedish
    followup: dict | None = None  # the later item that reports back: {"id", "meeting_id", "organ", "date", "doc_type", "number", "title", "evidence"}
    elsewhere: list[dict] = field(default_factory=list)  # later items about the matter in other organs

    def as_json(self) -> dict:
        return asdict(self)


def followed(stored_item: dict, links: dict[str, dict], meetings: list[dict]) -> list[FollowedAssignment]:
    """The assignments of one item with their status, from its links and the archive's meetings."""
    found = []
    for assignment in stored_item.get("assignments") or []:
        receivers = _receivers(stored_item["organ"], assignment.get("reports_to"), meetings)
        status, evidence, followup, elsewhere = _status(stored_item, links, receivers, meetings)
        anchor = stored_item["id"][len(stored_item["meeting_id"]) + 1:]
        found.append(FollowedAssignment(
            id=assignment["id"], who=assignment["who"], what=assignment["what"], decision=assignment["decision"],
            source=assignment["source"], reports_to=assignment.get("reports_to"), due=assignment.get("due"),
            due_date=assignment.get("due_date"), next_meeting=assignment.get("next_meeting", False),
            item={"id": stored_item["id"], "number": stored_item["number"], "title": stored_item["title"],
                  "url": f"/moten/{stored_item['meeting_id']}#{anchor}"},
            meeting={"id": stored_item["meeting_id"], "organ": stored_item["organ"], "date": stored_item["date"],
                     "doc_type": stored_item["doc_type"], "title": stored_item["meeting_title"]},
            status=status, evidence=evidence, followup=followup, elsewhere=elsewhere,
        ))
    return found


def _receivers(organ: str, reports_to: str | None, meetings: list[dict]) -> set[str]:
    """The organ that gave the assignment, and the one it reports to when the archive has its meetings."""
    archived = {m["organ"] for m in meetings if m["organ"]}
    return {organ} | ({reports_to} & archived if reports_to else set())


def _status(item: dict, links: dict[str, dict], receivers: set[str], meetings: list[dict]):
    later = sorted(
        ({"id": other} | link for other, link in links.items() if link["type"] in SAME_MATTER and link["date"] > item["date"]),
        key=lambda link: (link["date"], link["number"]),
    )
    answering = [link for link in later if link["organ"] in receivers]
    elsewhere = [_brief(link) for link in later if link["organ"] not in receivers]
    certain = [link for link in answering if link["type"] in CERTAIN]
    if certain:
        return REPORTED, f"{_where(certain[0])}: {certain[0]['evidence']}", _brief(certain[0]), elsewhere
    if answering:
        return PROBABLY, f"{_where(answering[0])}: {answering[0]['evidence']}", _brief(answering[0]), elsewhere
    looked = [m for m in meetings if m["organ"] in receivers and (m["date"] or "") > item["date"]]
    if looked:
        evidence = (f"ingen senare punkt om samma sak i {_names(receivers)} "
                    f"({len(looked)} senare {'möte' if len(looked) == 1 else 'möten'} i arkivet, det senaste {swedish_date(looked[-1]['date'])})")
    else:
        evidence = f"arkivet har inga senare möten i {_names(receivers)}"
    return OPEN, evidence, None, elsewhere


def _brief(link: dict) -> dict:
    return {key: link[key] for key in ("id", "meeting_id", "organ", "date", "doc_type", "number", "title", "evidence")}


def _where(link: dict) -> str:
    """'Länschefsnätverket 29 januari 2026, punkt 4b'; a protocol's paragraph '§ 12'."""
    return f"{link['organ']} {swedish_date(link['date'])}, {item_label(link['number'], link['doc_type'])}"


def _names(organs: set[str]) -> str:
    names = sorted(organs)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


def all_assignments(snapshot) -> list[FollowedAssignment]:
    """Every assignment of the archive with its status, read once per view of the index."""
    if "assignments" not in snapshot.derived:
        searcher, meetings = snapshot.searcher, snapshot.meeting_summaries()
        found = []
        for docnum in sorted(snapshot.postings.docs("assigned", "ja")):
            stored = searcher.stored_fields(docnum)
            relations = searcher.document(id=f"rel:{stored['id']}")
            found += followed(stored, relations["data"]["links"] if relations else {}, meetings)
        snapshot.derived["assignments"] = sorted(found, key=lambda a: (a.meeting["date"], a.id))
    return snapshot.derived["assignments"]


STATUS_GROUPS = {"open": (OPEN,), "reported": (REPORTED, PROBABLY)}  # 'reported' includes the probable


def select(assignments: list[FollowedAssignment], organ: str = "", person: str = "", status: str = "") -> list[FollowedAssignment]:
    """The assignments given by organ, carried out by a person, group or organ whose name contains person,
    with status 'open' or 'reported' (reported or probably reported); empty means any."""
    return [a for a in assignments
            if (not organ or a.meeting["organ"] == organ)
            and (not person or any(person.lower() in w["name"].lower() for w in a.who))
            and (not status or a.status in STATUS_GROUPS[status])]
