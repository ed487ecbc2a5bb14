"""Citations of an agenda item or one of its decisions, in Swedish form: plain text, Markdown and HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .model import DocType

URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"  # RFC 3986's delimiters stay; the rest (space, <, >, parentheses) is percent-encoded


@dataclass(frozen=True)
class Citation:
    text: str  # Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”, s. 7. <url>
    markdown: str
    html: str  # pastes as a link into Word and Outlook
    url: str


def cite(organ: str | None, date: str | None, doc_type: str, number: str, title: str, url: str,
         decision: str | None = None, page: int | None = None) -> Citation:
    """A citation of an item (or of one decision taken under it) whose permalink is url; page is where
    the item (or the decision) starts in the original, when it has pages."""
    source = meeting_source(organ, date, doc_type)
    item = f"{item_label(number, doc_type)} {swedish_quote(title)}"
    quoted = (f", s. {page}" if page else "") + (f", beslut {swedish_quote(decision)}" if decision else "")
    return Citation(
        text=f"{source}, {item}{quoted}. {url}",
        markdown=f"{markdown_escape(source)}, {markdown_link(url, markdown_escape(item))}{markdown_escape(quoted)}.",
        html=f'{html.escape(source)}, <a href="{html.escape(url)}">{html.escape(item)}</a>{html.escape(quoted)}.',
        url=url,
    )


def meeting_source(organ: str | None, date: str | None, doc_type: str) -> str:
    """'Länschefsnätverket, minnesanteckningar 2025-11-21'."""
    return f"{organ or 'Okänt organ'}, {DocType(doc_type).label} {date or 'odaterad'}"


def item_label(number: str, doc_type: str) -> str:
    """'5c' -> 'punkt 5c' (as the pages and anchors write it); '10.4' -> 'punkt 10.4'; a protocol's '45' -> '§ 45'."""
    if doc_type == DocType.PROTOCOL.value:
        return f"§ {number}"
    return f"punkt {number}"


def swedish_quote(text: str) -> str:
    """Swedish quotation marks: the closing mark on both sides, ”så här”."""
    return f"\u201d{text}\u201d"


def markdown_escape(text: str) -> str:
    """Text from a document as inert Markdown: nothing in it can become a link, an image, HTML or emphasis.

    '<' and '>' become entities, for Python-Markdown does not honour a backslash before them; an
    entity written out in the text ('&lt;') stays as written.
    """
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def markdown_link(url: str, label: str | None = None) -> str:
    """[label](url), or <url> without a label, for a web address; any other (javascript:, data:) is no
    link but text. label must already be Markdown (escaped)."""
    if not is_web_address(url):
        return label if label is not None else markdown_escape(url)
    url = quote(url, safe=URL_SAFE)
    return f"[{label}]({url})" if label is not None else f"<{url}>"


def is_web_address(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")
