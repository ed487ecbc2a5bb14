"""Meeting pages: the list of all meetings, one meeting as a document, item permalinks and the original file."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath

from flask import Blueprint, abort, current_app, redirect, render_template, send_file, url_for

from archive.collection import resolved_inside

from ..archive_index import search_index
from ..downloads import meeting_file_name
from ..exports import ascii_name
from ..exports import attachment as content_disposition
from .assignments import for_meeting

blueprint = Blueprint("meetings", __name__)

MONTHS_APART = 12  # between two meetings of an organ, more than this is a gap in the archive


@blueprint.get("/moten")
def meeting_list():
    meetings = search_index().meetings()
    return render_template("meetings.html", organs=by_organ_and_year(meetings), total=len(meetings))


def by_organ_and_year(meetings: list[dict]) -> dict[str, dict[str, list[dict]]]:
    """organ -> year -> meetings, newest year and meeting first."""
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for meeting in reversed(meetings):
        grouped[meeting["organ"] or "Okänt organ"][(meeting["date"] or "odaterat")[:4]].append(meeting)
    return {organ: dict(years) for organ, years in sorted(grouped.items())}


@blueprint.get("/moten/<meeting_id>")
def meeting(meeting_id: str):
    index = search_index()
    found = index.meeting(meeting_id)
    if found is None:
        abort(404, f"Det finns inget möte ”{meeting_id}” i arkivet.")
    previous, following = neighbours(index.meetings(), found)
    given, histories = for_meeting(index, found)  # assignments with their status, each matter's history
    return render_template("meeting.html", meeting=found, previous=previous, following=following, given=given,
                           histories=histories,
                           previous_label="Nästa äldre möte i arkivet" if far_apart(previous, found) else "Föregående möte",
                           following_label="Nästa nyare möte i arkivet" if far_apart(found, following) else "Nästa möte",
                           download_name=meeting_file_name(found, PurePosixPath(found["source"]).suffix))


def neighbours(meetings: list[dict], meeting: dict) -> tuple[dict | None, dict | None]:
    """The meetings of the same organ just before and after this one."""
    same_organ = [m for m in meetings if m["organ"] == meeting["organ"]]
    position = next(i for i, m in enumerate(same_organ) if m["id"] == meeting["id"])
    before = same_organ[position - 1] if position > 0 else None
    after = same_organ[position + 1] if position + 1 < len(same_organ) else None
    return before, after


def far_apart(earlier: dict | None, later: dict | None) -> bool:
    """More than a year between two meetings: the archive lacks those between, and the link must say so."""
    if not (earlier and later and earlier["date"] and later["date"]):
        return False
    return _months(later["date"]) - _months(earlier["date"]) > MONTHS_APART


def _months(iso: str) -> int:
    year, _, rest = iso.partition("-")
    return int(year) * 12 + (int(rest[:2]) if rest else 6)  # a bare year counts from its middle


@blueprint.get("/punkt/<item_id>")
def item(item_id: str):
    """An agenda item's own URL: it redirects to the item on its meeting page."""
    found = search_index().item(item_id)
    if found is None:
        abort(404, f"Det finns ingen punkt ”{item_id}” i arkivet.")
    return redirect(url_for("meetings.meeting", meeting_id=found.meeting.id, _anchor=found.anchor))


@blueprint.get("/moten/<meeting_id>/original")
def original(meeting_id: str):
    """The file the meeting was read from, under the name the meeting is known by. The path comes from
    the index, never from the request."""
    index = search_index()
    source, meeting = index.meeting_file(meeting_id), index.meeting(meeting_id)
    if source is None or meeting is None:
        abort(404)
    return _archive_file(source, meeting_file_name(meeting, PurePosixPath(source).suffix.lower()))


def _archive_file(source: str, name: str):
    """A file of the archive folder, resolved now: a file that has become a link out of the archive folder
    since the build is not served. A PDF opens in the browser, where …#page=7 shows page 7; others download."""
    folder = Path(current_app.config["ARCHIVE_DIR"])
    path = resolved_inside(folder / source, folder)
    if path is None or not path.is_file():
        abort(404)
    pdf = path.suffix.lower() == ".pdf"
    response = send_file(path, as_attachment=not pdf, download_name=ascii_name(name))
    disposition = content_disposition(name)
    response.headers["Content-Disposition"] = "inline" + disposition.removeprefix("attachment") if pdf else disposition
    return response


@blueprint.get("/moten/<meeting_id>/bilagor/<anchor>")
def attachment(meeting_id: str, anchor: str):
    """One of the meeting's attachments, found by its anchor in the index (never a path from the request)."""
    index = search_index()
    source, meeting = index.meeting_file(meeting_id), index.meeting(meeting_id)
    found = next((a for a in (meeting or {}).get("attachments", []) if a["anchor"] == anchor), None)
    if source is None or found is None:
        abort(404, f"Mötet ”{meeting_id}” har ingen bilaga ”{anchor}” i arkivet.")
    path = (PurePosixPath(source).parent / found["source"]).as_posix()
    return _archive_file(path, meeting_file_name(meeting, PurePosixPath(path).suffix.lower(), found["label"]))
