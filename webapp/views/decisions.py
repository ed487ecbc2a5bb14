"""The decision register: every decision taken, newest first; an agenda's proposals on a tab of their own."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template, request

from ..archive_index import search_index
from ..exports import FORMATS, export
from ..params import date_bound, search_request
from .pages import page_count

blueprint = Blueprint("decisions", __name__)

PER_PAGE = 25


def register_request():
    """The page's parameters: those of a search, plus visa=forslag and year (one year, from the select)."""
    wanted = search_request(request.args, default_limit=PER_PAGE)
    proposals = request.args.get("visa") == "forslag"
    sort = wanted.sort if request.args.get("sort") else "newest"
    if year := date_bound(request.args, "year"):
        wanted = replace(wanted, date_from=year, date_to=year)
    return replace(wanted, decision="proposed" if proposals else "taken", sort=sort), proposals


@blueprint.get("/beslut")
def register():
    wanted, proposals = register_request()
    results = search_index().search(wanted)
    other = search_index().search(replace(wanted, decision="taken" if proposals else "proposed", page=1, limit=1))
    counts = {"taken": other.total if proposals else results.total, "proposed": results.total if proposals else other.total}
    return render_template("decisions.html", wanted=wanted, results=results, proposals=proposals, counts=counts,
                           pages=page_count(results.total, results.limit))


@blueprint.get("/beslut.<" + FORMATS + ":fmt>")
def register_export(fmt: str):
    wanted, proposals = register_request()
    return export(fmt, wanted, "Förslag till beslut" if proposals else "Beslut")
