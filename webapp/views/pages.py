"""The start page and the search results page (the URL is the whole state: every search is a link)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from flask import Blueprint, render_template, request

from archive.model import DocType
from index.search import SORTS

from ..archive_index import search_index
from ..charts import bar_chart
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
    chart = bar_chart(results.timeline) if results.total else None
    return render_template(
        "search.html", wanted=wanted, results=results, chart=chart,
        sort_labels=SORT_LABELS, doc_types=DOC_TYPES, pages=page_count(results.total, results.limit),
    )


@blueprint.get("/sok.<" + FORMATS + ":fmt>")
def search_export(fmt: str):
    wanted = search_request(request.args)
    return export(fmt, wanted, f"Sökning {wanted.query}")


def page_count(total: int, limit: int) -> int:
    return max(1, -(-total // limit))
