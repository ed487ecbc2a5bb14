"""People: everyone who presented an item (/personer), and a person's page: the items they presented, the
assignments given to them and the decisions that name them."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from archive.model import slug as slug_of
from index.followup import select
from index.search import SearchRequest

from ..archive_index import search_index
from ..exports import all_hits

blueprint = Blueprint("people", __name__)

PER_PERSON = 200  # items on a person's page; more are found through the search link


@blueprint.get("/personer")
def person_list():
    return render_template("people.html", people=search_index().presenters())


@blueprint.get("/personer/<slug>")
def person(slug: str):
    name = next((n for n in search_index().presenters() if slug_of(n) == slug), None)
    if name is None:
        abort(404, f"Det finns ingen föredragande ”{slug}” i arkivet.")
    presented, first = all_hits(SearchRequest(presenter=name, sort="newest"), PER_PERSON)
    return render_template("person.html", name=name, presented=presented, total=first.total,
                           decisions=decisions_naming(name), facets=first.facets, assignments=assigned_to(name))


def assigned_to(name: str) -> list:
    """The assignments the person carries out (alone or with others), the newest first."""
    given = select(search_index().assignments(), person=name)
    return sorted(given, key=lambda a: (a.meeting["date"], a.id), reverse=True)


def decisions_naming(name: str) -> list:
    """Items with a decision whose text names the person, newest first."""
    hits, _first = all_hits(SearchRequest(query=f'"{name}"', decision="taken", sort="newest"), PER_PERSON)
    return [hit for hit in hits if any(name in decision for decision in hit.decisions)]
