"""The JSON API of ARCHITECTURE.md: the same data as the pages, and what `arkiv ... --json` prints."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, jsonify, request

from ..archive_index import search_index
from ..params import search_request

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/search")
def search():
    return jsonify(search_index().search(search_request(request.args)).as_json())


@blueprint.get("/timeline")
def timeline():
    """Hits per year, quarter or month (by=) over all hits of a query, every period from the first to the last."""
    wanted = search_request(request.args)
    results = search_index().search(wanted)
    return jsonify(
        query=results.query, by=wanted.timeline_by, total=results.total,
        timeline=[asdict(bucket) for bucket in results.timeline], notes=results.notes,
    )


@blueprint.get("/meetings")
def meetings():
    return jsonify(search_index().meetings())


@blueprint.get("/meetings/<meeting_id>")
def meeting(meeting_id: str):
    found = search_index().meeting(meeting_id)
    if found is None:
        abort(404, f"Det finns inget möte med id '{meeting_id}' i arkivet.")
    return jsonify(found)
