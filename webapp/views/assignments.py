"""Assignments followed up: /uppdrag (open and reported, per organ, oldest open first), one assignment's
page, their JSON (/api/assignments) and an Atom feed of new assignments."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from index.followup import select

from ..archive_index import search_index
from ..exports import atom_timestamp, feed_response
from ..params import BadParameter, known, text

blueprint = Blueprint("assignments", __name__)

STATUSES = {"oppna": "open", "aterrapporterade": "reported", "open": "open", "reported": "reported"}
FEED_ENTRIES = 50


def chosen(assignments):
    """The assignments the request's filters allow: organ (that gave it), person (who carries it out),
    status (oppna/aterrapporterade on the pages, open/reported in the API)."""
    status = request.args.get("status", "").strip()
    if status and status not in STATUSES:
        raise BadParameter("status", f"ett av {', '.join(STATUSES)}")
    return select(assignments, text(request.args, "organ"), text(request.args, "person"), STATUSES.get(status, ""))


def by_organ(assignments) -> dict[str, dict[str, list]]:
    """organ -> {'open': oldest first, 'reported': newest first}, organs with the most open first."""
    organs: dict[str, dict[str, list]] = {}
    for a in assignments:
        group = organs.setdefault(a.meeting["organ"] or "Okänt organ", {"open": [], "reported": []})
        group["open" if a.status == "open" else "reported"].append(a)
    for group in organs.values():
        group["open"].sort(key=lambda a: (a.meeting["date"], a.id))
        group["reported"].sort(key=lambda a: (a.meeting["date"], a.id), reverse=True)
    return dict(sorted(organs.items(), key=lambda kv: (-len(kv[1]["open"]), kv[0])))


@blueprint.get("/uppdrag")
def assignment_list():
    every = search_index().assignments()
    shown = chosen(every)
    people = sorted({w["name"] for a in every for w in a.who})
    organs = sorted({a.meeting["organ"] for a in every if a.meeting["organ"]})
    return render_template("assignments.html", organs=by_organ(shown), total=len(shown),
                           people=[(name, name) for name in people], organs_given=[(o, o) for o in organs],
                           wanted={k: request.args.get(k, "") for k in ("organ", "person", "status")})


@blueprint.get("/uppdrag/<assignment_id>")
def assignment_page(assignment_id: str):
    found = search_index().assignment(assignment_id)
    if found is None:
        abort(404, f"Det finns inget uppdrag ”{assignment_id}” i arkivet.")
    history = search_index().history(found.item["id"])
    return render_template("assignment.html", a=found, history=history)


@blueprint.get("/uppdrag.atom")
def assignment_feed():
    newest = sorted(chosen(search_index().assignments()), key=lambda a: (a.meeting["date"], a.id), reverse=True)
    page = url_for("assignments.assignment_list", _external=True, **known(request.args))
    body = render_template("assignments_feed.xml", assignments=newest[:FEED_ENTRIES], page_url=page,
                           feed_url=request.url, updated=atom_timestamp(newest[0].meeting["date"] if newest else None),
                           timestamp=atom_timestamp)
    return feed_response(body)


@blueprint.get("/api/assignments")
def assignments_api():
    shown = chosen(search_index().assignments())
    return jsonify(total=len(shown), assignments=[a.as_json() for a in shown])


@blueprint.get("/api/assignments/<assignment_id>")
def assignment_api(assignment_id: str):
    found = search_index().assignment(assignment_id)
    if found is None:
        abort(404, f"Det finns inget uppdrag '{assignment_id}' i arkivet.")
    return jsonify(found.as_json())


@blueprint.get("/api/items/<item_id>/history")
def history_api(item_id: str):
    found = search_index().history(item_id)
    if found is None:
        abort(404, f"Det finns ingen punkt '{item_id}' i arkivet.")
    return jsonify(found)



def for_meeting(index, meeting: dict) -> tuple[dict[str, list], dict[str, dict]]:
    """What a meeting page shows beside each item: its assignments with their status, and its history."""
    given: dict[str, list] = {}
    for a in index.assignments():
        if a.meeting["id"] == meeting["id"]:
            given.setdefault(a.item["id"], []).append(a)
    histories = {item["id"]: index.history(item["id"]) for item in _walk(meeting["items"])}
    return given, histories


def _walk(items: list[dict]):
    for item in items:
        yield item
        yield from _walk(item["items"])
