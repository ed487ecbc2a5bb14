"""Any result list as CSV, JSON or an Atom feed: the same SearchRequest as the page, every hit (to a cap)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import asdict, replace
from urllib.parse import quote

from flask import Response, jsonify, render_template, request

from archive.clean import without_controls
from index.search import MAX_LIMIT, Hit, Results, SearchRequest

from .archive_index import search_index
from .citations import permalink
from .downloads import file_name
from .presentation import doc_type_label

MAX_EXPORT = 5_000  # rows; a larger list is cut, and says so
FEED_ENTRIES = 50
FEED_TYPE = "application/atom+xml"
FORMATS = "any(csv, json, atom)"  # the route converter of the export URLs: /sok.csv, /beslut.atom …
CSV_COLUMNS = ("datum", "organ", "dokumenttyp", "punkt", "rubrik", "typ", "beslut", "förslag till beslut", "länk")


def all_hits(wanted: SearchRequest, cap: int = MAX_EXPORT) -> tuple[list[Hit], Results]:
    """Every hit of a request (to cap), page by page as the index answers at most MAX_LIMIT a page,
    and the first page's Results (total, facets, timeline)."""
    first = search_index().search(replace(wanted, page=1, limit=MAX_LIMIT))
    hits, page = list(first.hits), 1
    while first.hits and len(hits) < min(cap, first.total):
        page += 1
        more = search_index().search(replace(wanted, page=page, limit=MAX_LIMIT)).hits
        if not more:
            break
        hits += more
    return hits[:cap], first


def export(fmt: str, wanted: SearchRequest, title: str) -> Response:
    if fmt == "atom":
        hits, _first = all_hits(replace(wanted, sort="newest"), FEED_ENTRIES)
        return atom(hits, title)
    hits, first = all_hits(wanted)
    if fmt == "csv":
        return csv_response(hits, title)
    return jsonify(query=wanted.query, total=first.total, exported=len(hits), hits=[_hit_json(h) for h in hits])


def csv_response(hits: list[Hit], title: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # Excel in Swedish opens ;-separated files as columns
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        writer.writerow([_cell(value) for value in (
            hit.meeting.date, hit.meeting.organ, doc_type_label(hit.meeting.doc_type), hit.number, hit.title, hit.kind or "",
            "\n".join(hit.decisions), "\n".join(hit.proposals), _url(hit),
        )])
    body = "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": attachment(file_name(title, ".csv"))})


def attachment(filename: str) -> str:
    """The Content-Disposition of a download, safe for any file name (RFC 6266): an ASCII fallback, and
    the name itself as UTF-8 in filename* (RFC 5987). A newline or quote in a name cannot break the header."""
    encoded = quote(filename.encode("utf-8", "backslashreplace"), safe="!#$&+-.^_`|~")
    return f'attachment; filename="{ascii_name(filename)}"; filename*=UTF-8\'\'{encoded}'


def ascii_name(filename: str) -> str:
    """A file name in printable ASCII without quotes or backslashes: 'Möte "1".txt' -> 'Mote _1_.txt'."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    return re.sub(r'[^\x20-\x7e]|["\\]', "_", plain).strip() or "dokument"


def _cell(value: str | None) -> str:
    """A spreadsheet cell that is never a formula: text from a document could begin with = or +."""
    value = value or ""
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def atom(hits: list[Hit], title: str) -> Response:
    page_url = request.url.replace(".atom", "", 1)
    updated = max((atom_timestamp(h.meeting.date) for h in hits), default="1970-01-01T00:00:00Z")
    body = render_template("feed.xml", hits=hits, title=title, page_url=page_url, feed_url=request.url,
                           updated=updated, url_of=_url, timestamp=atom_timestamp)
    return feed_response(body)


def feed_response(body: str) -> Response:
    """An Atom feed for feed readers, the same as XML for a browser (shown through feed.xsl)."""
    response = Response(xml_text(body), mimetype=FEED_TYPE if not _browser_asks() else "application/xml")
    response.vary.add("Accept")
    return response


def _browser_asks() -> bool:
    """A browser opening the feed as a page: Chromium shows an Atom type as bare text and applies no stylesheet,
    so it gets the same feed as XML, which it shows through feed.xsl. Feed readers ask for the Atom type."""
    accepted = request.accept_mimetypes
    return accepted.quality("text/html") > accepted.quality(FEED_TYPE) and accepted.quality("text/html") > 0


def xml_text(text: str) -> str:
    """Text that XML can hold: without control characters, a page break a line break (an index built
    before control characters were stripped at reading may still have them)."""
    return without_controls(text.replace("\f", "\n"))


def _hit_json(hit: Hit) -> dict:
    return {"id": hit.id, "number": hit.number, "title": hit.title, "kind": hit.kind,
            "meeting": asdict(hit.meeting), "url": _url(hit), "decisions": hit.decisions, "proposals": hit.proposals}


def _url(hit: Hit) -> str:
    return permalink(hit.meeting.id, hit.url.partition("#")[2])


def atom_timestamp(date: str | None) -> str:
    """A partial date as an Atom timestamp: '2021-12' -> '2021-12-01T00:00:00Z'."""
    parts = (date or "1970").split("-") + ["01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
