"""Following a topic over the years: curated topics (/amne/<slug>) and any query (/tidslinje?q=…)."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, render_template, request, url_for

from ..archive_index import search_index
from ..charts import bar_chart
from ..exports import FORMATS, all_hits, export
from ..params import BadParameter, search_request
from ..topics import render, topic, topics

blueprint = Blueprint("topics", __name__)

THREAD_LIMIT = 500  # items in one thread; a longer one says so and links to the search
BY = ("year", "quarter")


@blueprint.get("/amne")
def topic_list():
    return render_template("topics.html", topics=topics())


@blueprint.get("/amne/<slug>")
def curated(slug: str):
    found = known_topic(slug)
    return timeline_page(found.query, found.title, about=found, feed=url_for("topics.curated_export", slug=slug, fmt="atom"))


@blueprint.get("/amne/<slug>.<" + FORMATS + ":fmt>")
def curated_export(slug: str, fmt: str):
    found = known_topic(slug)
    return export(fmt, thread_request(found.query), found.title)


def known_topic(slug: str):
    return topic(slug) or abort(404, f"Det finns inget ämne ”{slug}” i arkivet.")


@blueprint.get("/tidslinje")
def timeline():
    query = search_request(request.args).query
    return timeline_page(query, f"Tidslinje: {query}" if query else "Tidslinje", about=None,
                         feed=url_for("topics.timeline_export", fmt="atom", q=query) if query else None)


@blueprint.get("/tidslinje.<" + FORMATS + ":fmt>")
def timeline_export(fmt: str):
    query = search_request(request.args).query
    return export(fmt, thread_request(query), f"Tidslinje {query}")


def thread_request(query: str):
    """The page's filters (organ, dates, kind) with the topic's query, oldest first."""
    return replace(search_request(request.args), query=query, sort="oldest", page=1, explain=True)  # why each is listed


def timeline_page(query: str, title: str, about, feed: str | None):
    by = request.args.get("by", "year")
    if by not in BY:
        raise BadParameter("by", "year eller quarter")
    wanted = replace(thread_request(query), timeline_by=by)
    hits, first = all_hits(wanted, THREAD_LIMIT) if query else ([], None)
    total = first.total if first else 0
    decided = search_index().search(replace(wanted, sort="relevance", decision="taken", limit=20)) if query else None
    return render_template(
        "timeline.html", title=title, about=about, intro=render(about.body) if about else None, wanted=wanted,
        hits=hits, total=total, by=by, chart=bar_chart(first.timeline) if total else None,
        first=hits[0] if hits else None, first_about=first_about(hits), answer=decided.answer if decided else None,
        threads=by_organ(hits), feed=feed,
    )


def first_about(hits):
    """The first item about the topic (its title, a decision or its text names it), when the topic was
    mentioned in passing before it: 'Först nämnt' is the earliest item, this the first one about it."""
    about = next((hit for hit in hits if hit.about not in (None, "mention")), None)
    return about if hits and about is not hits[0] else None


def by_organ(hits) -> dict[str, list]:
    """organ -> its hits in order, the organ that spoke first first."""
    threads: dict[str, list] = {}
    for hit in hits:
        threads.setdefault(hit.meeting.organ or "Okänt organ", []).append(hit)
    return threads
