"""How values look on the pages: Swedish dates and labels, item text as paragraphs with linked references, URLs."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for
from markupsafe import Markup, escape

from archive.citation import item_label as cited_item_label
from archive.dates import swedish_date
from archive.model import DocType, slug
from index.errors import SearchIndexError

from .archive_index import search_index
from .citations import cite_item
from .params import known
from .topics import search_examples

BULLET = "• "


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        swedish_date=swedish_date, doc_type_label=doc_type_label, paragraphs=paragraphs, linked=linked,
        highlighted=highlighted, anchor=anchor, slug=slug, web_url=web_url, swedish_list=swedish_list,
        item_label=item_label, item_prefix=item_prefix, item_number=item_number, whole_dates=whole_dates,
        deadline=deadline,
    )
    app.jinja_env.globals.update(search_url=search_url, here=here, export_url=export_url, citation=cite_item,
                                 archive_scope=archive_scope, page_address=page_address,
                                 search_examples=search_examples)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
WHOLE_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def whole_dates(text: str) -> Markup:
    """Text whose ISO dates never break at a hyphen ('2026-04-/09' on a phone): each in a span kept whole."""
    return Markup(ISO_DATE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', str(escape(text))))


def deadline(due: str | None, due_date: str | None = None) -> str:
    """An assignment's deadline as the pages write dates: 'senast 2026-06-30' -> 'senast 30 juni 2026'; the date
    it allows added where the words leave it open: 'till mötet i mars (senast mars 2026)'."""
    written = WHOLE_ISO_DATE.sub(lambda m: swedish_date(m.group(0)), due or "")
    spelled = swedish_date(due_date) if due_date else ""
    return written if spelled in written else f"{written} (senast {spelled})"


def item_label(number: str, doc_type: str | None = None) -> str:
    """How the pages name an item, as its citation does: 'punkt 5c'; a protocol's paragraph '§ 185'."""
    return cited_item_label(str(number), doc_type or "")


def item_prefix(number: str, doc_type: str | None = None, capital: bool = False) -> str:
    """What stands before an item's title: 'punkt 5c.' ('Punkt 5c.' to open a heading); '§ 185'."""
    label = item_label(number, doc_type)
    label = label if label.startswith("§") else f"{label}."
    return label[:1].upper() + label[1:] if capital else label


def item_number(number: str, doc_type: str | None = None) -> str:
    """An item's number in its own meeting's headings and contents: '5c.'; a protocol's '§ 185'."""
    label = item_label(number, doc_type)
    return label if label.startswith("§") else f"{number}."


def swedish_list(words) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    words = list(words)
    return " och ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


PLURALS = {"minutes": "minnesanteckningar", "agenda": "dagordningar", "protocol": "protokoll"}
FOOTER_ORGANS = 6  # named in the footer; more are counted, and the most frequent named


def archive_scope() -> dict[str, str | None]:
    """What the archive holds, for the footer: its document types and organs, as Swedish lists (None if unknown)."""
    try:
        meetings = search_index().meetings()
    except SearchIndexError:
        return {"doc_types": None, "organs": None}
    present = {m["doc_type"] for m in meetings}
    organs = Counter(m["organ"] for m in meetings if m["organ"])
    named = sorted(organs) if len(organs) <= FOOTER_ORGANS else [
        f"{len(organs)} organ, bland dem " + swedish_list(sorted(o for o, _n in organs.most_common(FOOTER_ORGANS - 1)))]
    return {"doc_types": swedish_list(PLURALS[t] for t in PLURALS if t in present) or None,
            "organs": swedish_list(named) or None}


def doc_type_label(value: str) -> str:
    """'minutes' -> 'Minnesanteckningar'."""
    return DocType(value).label.capitalize()


def highlighted(snippet: str) -> Markup:
    """A hit's snippet: the search API escapes the text and adds only <mark>, so this is the one markup trusted."""
    return Markup(snippet)


def web_url(url: str | None) -> str | None:
    """A sidecar's source_url, only if it is a web address (never javascript: or a local path)."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def anchor(item_id: str, meeting_id: str) -> str:
    """'<meeting-id>-punkt-5c' -> 'punkt-5c', the item's fragment on its meeting page."""
    return item_id[len(meeting_id) + 1:]


def linked(text: str, references: list[dict] = ()) -> Markup:
    """Escaped text in which each dated reference to an archived meeting links to it."""
    targets = {ref["text"]: ref["meeting_id"] for ref in references if ref.get("meeting_id") and ref["text"] in text}
    if not targets:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True)))
    out, cursor = [], 0
    for match in pattern.finditer(text):
        url = url_for("meetings.meeting", meeting_id=targets[match.group()])
        out += [escape(text[cursor:match.start()]), Markup('<a href="{}">{}</a>').format(url, match.group())]
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def paragraphs(text: str, references: list[dict] = ()) -> Markup:
    """An item's text as HTML: blank lines part paragraphs, '• ' paragraphs make a list, line breaks stay."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    out: list[Markup] = []
    bullets: list[Markup] = []
    for block in blocks + [""]:
        if block.startswith(BULLET):
            bullets.append(Markup("<li>{}</li>").format(_lines(block[len(BULLET):], references)))
            continue
        if bullets:
            out.append(Markup("<ul>{}</ul>").format(Markup("").join(bullets)))
            bullets = []
        if block:
            out.append(Markup("<p>{}</p>").format(_lines(block, references)))
    return Markup("\n").join(out)


def _lines(block: str, references) -> Markup:
    return Markup("<br>\n").join(linked(line, references) for line in block.split("\n"))


SEARCH_PARAMETERS = ("q", "from", "to", "organ", "kind", "doc_type", "presenter", "sort", "limit", "exakt")


def search_url(endpoint: str = "pages.search", **changes) -> str:
    """The current search with some parameters changed (None removes one); any change returns to page 1."""
    state = {name: request.args.get(name) for name in SEARCH_PARAMETERS + ("page",)}
    if changes:
        state.pop("page")
    state.update(changes)
    return url_for(endpoint, **{k: v for k, v in state.items() if v not in (None, "")})


def here(**changes) -> str:
    """This page with some query parameters changed (None removes one); unknown parameters are left out."""
    args = {**known(request.args), **changes}
    return url_for(request.endpoint, **request.view_args, **{k: v for k, v in args.items() if v not in (None, "")})


def page_address() -> str:
    """This page's absolute address, without parameters it does not know: printed at the end of a page."""
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return base + (here() if request.url_rule else request.path)


def export_url(fmt: str) -> str:
    """This result list as CSV, JSON or Atom: /sok?q=x -> /sok.csv?q=x."""
    query = urlencode(known(request.args))
    return f"{request.path}.{fmt}" + (f"?{query}" if query else "")
