"""The decision register: decisions in substance and assignments by default, formalities one click away,
filters by kind; an agenda's proposals on a tab of their own. Counts are of decisions, everywhere."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template, request

from ..archive_index import search_index
from ..decision_labels import KIND_PARAMETERS
from ..exports import FORMATS, export
from ..params import BadParameter, date_bound, search_request
from .pages import page_count

blueprint = Blueprint("decisions", __name__)

PER_PAGE = 25
IN_SUBSTANCE = ("substantive", "assignment", "proposal")
EVERY_KIND = "alla"


def register_request():
    """The page's parameters: those of a search, plus visa=forslag, year (one year, from the select) and
    beslutstyp (sak, uppdrag, forslag, formalia, or alla; none: every kind but formalities)."""
    wanted = search_request(request.args, default_limit=PER_PAGE)
    proposals = request.args.get("visa") == "forslag"
    sort = wanted.sort if request.args.get("sort") else "newest"
    if year := date_bound(request.args, "year"):
        wanted = replace(wanted, date_from=year, date_to=year)
    # Without words to search for, a collective decision is listed once, on the item that holds it.
    wanted = replace(wanted, decision="proposed" if proposals else "taken", sort=sort, decision_kinds=shown_kinds(),
                     include_shared=bool(wanted.query))
    return wanted, proposals


def shown_kinds() -> tuple[str, ...]:
    chosen = request.args.get("beslutstyp", "").strip()
    if not chosen:
        return IN_SUBSTANCE
    if chosen == EVERY_KIND:
        return ()
    if chosen not in KIND_PARAMETERS:
        raise BadParameter("beslutstyp", f"ett av {', '.join((*KIND_PARAMETERS, EVERY_KIND))}")
    return (KIND_PARAMETERS[chosen],)


@blueprint.get("/beslut")
def register():
    wanted, proposals = register_request()
    index = search_index()
    results = index.search(wanted)
    every_kind = index.search(replace(wanted, decision_kinds=(), page=1, limit=1))
    other_tab = index.search(replace(wanted, decision="taken" if proposals else "proposed", page=1, limit=1))
    by_kind = every_kind.facets.get("proposal_kind" if proposals else "decision_kind", {})
    counts = {
        "shown": decisions_of(results, proposals, wanted.decision_kinds),
        "other_tab": decisions_of(other_tab, not proposals, wanted.decision_kinds),
        "by_kind": by_kind,
    }
    return render_template("decisions.html", wanted=wanted, results=results, proposals=proposals, counts=counts,
                           kinds=wanted.decision_kinds, chosen=request.args.get("beslutstyp", "").strip(),
                           kind_parameters=KIND_PARAMETERS, pages=page_count(results.total, results.limit))


def decisions_of(results, proposals: bool, kinds: tuple[str, ...]) -> int:
    """How many decisions (or proposals) of these kinds the matched items hold; every kind when none."""
    counted = results.facets.get("proposal_kind" if proposals else "decision_kind", {})
    return sum(n for kind, n in counted.items() if not kinds or kind in kinds)


@blueprint.get("/beslut.<" + FORMATS + ":fmt>")
def register_export(fmt: str):
    wanted, proposals = register_request()
    return export(fmt, wanted, "Förslag till beslut" if proposals else "Beslut")
