"""The underlag basket: the user's own (kept by the browser), a shared one (the URL names its entries), their
entries rendered from the index, and the exports.

A basket in a URL: p=<item-id> or p=<item-id>~<decision number> per entry, in order; n=<note> per entry in the
same order (all or none); t=<title>.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from flask import Blueprint, Response, abort, jsonify, render_template, request

from archive.citation import item_label, meeting_source

from ..archive_index import search_index
from ..citations import cite_item
from ..downloads import file_name
from ..exports import attachment
from ..underlag import DEFAULT_TITLE, Entry, Underlag, as_docx, as_markdown

blueprint = Blueprint("underlag", __name__)

MAX_ENTRIES = 200
MAX_NOTE = 1000  # characters
MAX_TITLE = 200
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@blueprint.get("/underlag")
def basket():
    """Without p=: the user's own basket, which the browser fills. With p=: a shared basket, shown as it is."""
    shared = chosen() if request.args.getlist("p") else None
    return render_template("underlag.html", shared=shared, title=basket_title())


@blueprint.get("/underlag/poster")
def entries():
    """The entries of a basket as list items, for the page's script to show the user's own basket."""
    return render_template("_partials/basket_entries.html", chosen=chosen(), editable=True)


@blueprint.get("/underlag.md")
def markdown_export():
    underlag = chosen_underlag()
    return Response(as_markdown(underlag), mimetype="text/markdown", headers={"Content-Disposition": attachment(export_name(underlag, ".md"))})


@blueprint.get("/underlag.docx")
def docx_export():
    underlag = chosen_underlag()
    return Response(as_docx(underlag), mimetype=DOCX, headers={"Content-Disposition": attachment(export_name(underlag, ".docx"))})


@blueprint.get("/api/items/<item_id>/citation")
def citation(item_id: str):
    """The citation of an item, or with ?beslut=N of its N:th decision (from 1)."""
    entry = entry_for(f"{item_id}~{request.args['beslut']}" if request.args.get("beslut") else item_id)
    if entry is None:
        abort(404, f"Det finns ingen punkt ”{item_id}” med det beslutet i arkivet.")
    return jsonify(text=entry.citation.text, markdown=entry.citation.markdown, html=entry.citation.html,
                   url=entry.citation.url)


def export_name(underlag: Underlag, extension: str) -> str:
    return file_name(f"{underlag.title} {underlag.when.date().isoformat()}", extension)


def chosen_underlag() -> Underlag:
    picked = chosen()
    entries = [entry for _key, entry, _note in picked if entry is not None]
    return Underlag(basket_title(), entries, missing=len(picked) - len(entries),
                    made=datetime.datetime.now(datetime.timezone.utc))


def basket_title() -> str:
    title = " ".join(_printable(request.args.get("t", "")).split())
    if len(title) > MAX_TITLE:
        abort(400, f"Rubriken kan vara högst {MAX_TITLE} tecken.")
    return title or DEFAULT_TITLE


def chosen() -> list[tuple[str, Entry | None, str]]:
    """(key, entry or None when no longer in the archive, note) for each p= in order."""
    keys = request.args.getlist("p")
    notes = request.args.getlist("n")
    if not keys:
        abort(400, "Underlaget är tomt: lägg till punkter eller beslut först.")
    if len(keys) > MAX_ENTRIES:
        abort(400, f"Ett underlag kan ha högst {MAX_ENTRIES} poster.")
    if notes and len(notes) != len(keys):
        abort(400, "Anteckningarna (n) måste vara lika många som posterna (p).")
    if any(len(note) > MAX_NOTE for note in notes):
        abort(400, f"En anteckning kan vara högst {MAX_NOTE} tecken.")
    notes = [_printable(note).strip() for note in notes] or [""] * len(keys)
    return [(key, _with_note(entry_for(key), note), note) for key, note in zip(keys, notes)]


def _printable(text: str) -> str:
    """The user's text without control characters (a Word file cannot hold them); line breaks stay."""
    return CONTROL.sub("", text)


def _with_note(entry: Entry | None, note: str) -> Entry | None:
    return replace(entry, note=note) if entry is not None else None


def entry_for(key: str) -> Entry | None:
    item_id, _, decision = key.partition("~")
    item = search_index().item(item_id)
    if item is None:
        return None
    meeting = item.meeting
    source = f"{meeting_source(meeting.organ, meeting.date, meeting.doc_type)}, {item_label(item.number, meeting.doc_type)}"
    if not decision:
        citation = cite_item(meeting, item.id, item.number, item.title, page=item.page)
        return Entry(item.title, source, item.text, item.decisions, item.proposals, citation)
    if not decision.isdigit() or not 1 <= int(decision) <= len(item.decisions):
        return None
    text = item.decisions[int(decision) - 1]
    page = (item.decision_pages or [None] * len(item.decisions))[int(decision) - 1]
    citation = cite_item(meeting, item.id, item.number, item.title, decision=text, page=page)
    return Entry(f"Beslut: {item.title}", source, text, [], [], citation)
