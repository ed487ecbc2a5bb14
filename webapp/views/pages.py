"""The start page and the search results page (the URL is the whole state: every search is a link)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from dataclasses import replace

from flask import Blueprint, Response, render_template, request

from archive.model import DocType
from index.search import DECISION_ORDER_NOTE, SORTS

from ..archive_index import search_index
from ..charts import row_chart
from ..exports import FORMATS, export
from ..params import search_request
from ..presentation import swedish_date
from ..topics import topics

blueprint = Blueprint("pages", __name__)

LATEST_PER_ORGAN = 3
SORT_LABELS = dict(zip(SORTS, ("Relevans", "Nyast först", "Äldst först")))
DOC_TYPES = {t.value: t.label.capitalize() for t in DocType}


@blueprint.get("/")
def start():
    meetings = search_index().meetings()
    return render_template("start.html", latest=latest_by_organ(meetings), meetings=meetings, span=year_span(meetings),
                           topics=topics(), updated=updated_at(search_index().updated()))


def updated_at(when: float | None) -> str | None:
    """'2 december 2026 kl. 14.05' (local time): when the archive's index last changed."""
    if when is None:
        return None
    moment = datetime.fromtimestamp(when)
    return f"{swedish_date(moment.date().isoformat())} kl. {moment:%H.%M}"


def year_span(meetings: list[dict]) -> str | None:
    """'2020–2026' over the dated meetings; None when none is dated."""
    years = sorted(m["date"][:4] for m in meetings if m["date"])
    if not years:
        return None
    return years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def latest_by_organ(meetings: list[dict]) -> dict[str, list[dict]]:
    """The newest meetings of each organ, organs with the newest meeting first."""
    by_organ: dict[str, list[dict]] = defaultdict(list)
    for meeting in reversed(meetings):
        latest = by_organ[meeting["organ"] or "Okänt organ"]
        if len(latest) < LATEST_PER_ORGAN:
            latest.append(meeting)
    return dict(by_organ)


@blueprint.get("/sok")
def search():
    wanted = search_request(request.args)
    results = search_index().search(wanted)
    return render_template(
        "search.html", wanted=wanted, results=results, chart=year_chart(wanted, results),
        sort_labels=SORT_LABELS, doc_types=DOC_TYPES, pages=page_count(results.total, results.limit),
        notes=page_notes(results),
    )


def page_notes(results) -> list[str]:
    """The index's notes on the search, but the order of hits ranked as decisions: the page tells that itself,
    with a link to sort by date (_partials/sort_note.html)."""
    return [note for note in results.notes if not (results.by_decisions and note == DECISION_ORDER_NOTE)]


def year_chart(wanted, results):
    """The hits per year of the search without its dates, so that choosing a year keeps the others in view.
    Asked without page and sort too, so that every page, order and year of a search shares one cached answer."""
    if wanted.date_from or wanted.date_to:
        undated = search_index().search(replace(wanted, date_from=None, date_to=None, page=1, limit=1, sort="relevance"))
        return row_chart(undated.timeline, selected=(wanted.date_from, wanted.date_to)) if undated.total else None
    return row_chart(results.timeline) if results.total else None


@blueprint.get("/hjalp", endpoint="help")
def help_page():
    return render_template("help.html", sort_labels=SORT_LABELS)


@blueprint.get("/flode.xsl")
def feed_stylesheet():
    """What a browser shows for a feed (see feed.xml): a Swedish page on how to follow it."""
    return Response(render_template("feed.xsl"), mimetype="text/xsl")


@blueprint.get("/sok.<" + FORMATS + ":fmt>")
def search_export(fmt: str):
    wanted = search_request(request.args)
    return export(fmt, wanted, f"Sökning {wanted.query}")


def page_count(total: int, limit: int) -> int:
    return max(1, -(-total // limit))
