"""The underlag basket: a page the browser fills from its own storage, and exports built from the index."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request

from archive.citation import item_label, meeting_source

from ..archive_index import search_index
from ..citations import cite_item
from ..underlag import Entry, as_docx, as_markdown

blueprint = Blueprint("underlag", __name__)

MAX_ENTRIES = 200
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@blueprint.get("/underlag")
def basket():
    return render_template("underlag.html")


@blueprint.get("/underlag.md")
def markdown_export():
    entries, missing = chosen_entries()
    return Response(as_markdown(entries, missing), mimetype="text/markdown",
                    headers={"Content-Disposition": 'attachment; filename="underlag.md"'})


@blueprint.get("/underlag.docx")
def docx_export():
    entries, missing = chosen_entries()
    return Response(as_docx(entries, missing), mimetype=DOCX,
                    headers={"Content-Disposition": 'attachment; filename="underlag.docx"'})


@blueprint.get("/api/items/<item_id>/citation")
def citation(item_id: str):
    """The citation of an item, or with ?beslut=N of its N:th decision (from 1)."""
    entry = entry_for(f"{item_id}~{request.args['beslut']}" if request.args.get("beslut") else item_id)
    if entry is None:
        abort(404, f"Det finns ingen punkt '{item_id}' med det beslutet i arkivet.")
    return jsonify(text=entry.citation.text, markdown=entry.citation.markdown, html=entry.citation.html,
                   url=entry.citation.url)


def chosen_entries() -> tuple[list[Entry], int]:
    """The entries named by p=<item-id> or p=<item-id>~<decision number>, in order; unknown ones are counted."""
    chosen = request.args.getlist("p")
    if not chosen:
        abort(400, "Underlaget är tomt: lägg till punkter eller beslut först.")
    if len(chosen) > MAX_ENTRIES:
        abort(400, f"Ett underlag kan ha högst {MAX_ENTRIES} poster.")
    entries = [entry for entry in map(entry_for, chosen) if entry is not None]
    return entries, len(chosen) - len(entries)


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
