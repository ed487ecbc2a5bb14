"""The underlag basket's exports: the chosen items and decisions quoted, with a source list of permalinks,
as Markdown and as a Word document."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from archive.citation import Citation, is_web_address, markdown_escape, markdown_link

from .exports import xml_text


@dataclass(frozen=True)
class Entry:
    heading: str
    source: str  # "Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5 c"
    quote: str  # the item's text, or the one decision chosen
    decisions: list[str]  # decisions taken under the item (empty when one decision is the quote)
    proposals: list[str]
    citation: Citation


def as_markdown(entries: list[Entry], missing: int = 0) -> str:
    lines = ["# Underlag", "", f"Sammanställt ur Mötesarkivet {datetime.date.today().isoformat()}.", ""]
    if missing:
        lines += [f"*{missing} valda poster finns inte längre i arkivet och är utelämnade.*", ""]
    for number, entry in enumerate(entries, start=1):
        lines += [f"## {number}. {markdown_escape(entry.heading)}", "", f"{markdown_escape(entry.source)} [{number}]", ""]
        if entry.quote:
            lines += ["> " + markdown_escape(paragraph) if paragraph else ">" for paragraph in entry.quote.split("\n")] + [""]
        for label, texts in (("Beslut", entry.decisions), ("Förslag till beslut", entry.proposals)):
            if texts:
                lines += [f"**{label}:**", ""] + [f"- {markdown_escape(t)}" for t in texts] + [""]
    lines += ["## Källförteckning", ""]
    lines += [f"{n}. {source_line(entry.citation)}" for n, entry in enumerate(entries, start=1)]
    return "\n".join(lines) + "\n"


def source_line(citation: Citation) -> str:
    """A citation as an entry of the Markdown source list: its text escaped, its permalink a link."""
    return f"{markdown_escape(citation.text.removesuffix(citation.url).rstrip())} {markdown_link(citation.url)}"


def as_docx(entries: list[Entry], missing: int = 0) -> bytes:
    entries = [xml_safe(entry) for entry in entries]
    document = docx.Document()
    document.core_properties.title = "Underlag"
    document.core_properties.language = "sv-SE"
    document.add_heading("Underlag", level=1)
    document.add_paragraph(f"Sammanställt ur Mötesarkivet {datetime.date.today().isoformat()}.")
    if missing:
        document.add_paragraph(f"{missing} valda poster finns inte längre i arkivet och är utelämnade.")
    for number, entry in enumerate(entries, start=1):
        document.add_heading(f"{number}. {entry.heading}", level=2)
        document.add_paragraph(f"{entry.source} [{number}]")
        for paragraph in (p for p in entry.quote.split("\n") if p.strip()):
            document.add_paragraph(paragraph, style="Quote")
        for label, texts in (("Beslut", entry.decisions), ("Förslag till beslut", entry.proposals)):
            if texts:
                document.add_paragraph().add_run(f"{label}:").bold = True
                for text in texts:
                    document.add_paragraph(text, style="List Bullet")
    document.add_heading("Källförteckning", level=2)
    for entry in entries:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(entry.citation.text.removesuffix(entry.citation.url).rstrip() + " ")
        _add_link(paragraph, entry.citation.url)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xml_safe(entry: Entry) -> Entry:
    """An entry whose text Word's XML can hold."""
    return replace(
        entry, heading=xml_text(entry.heading), source=xml_text(entry.source), quote=xml_text(entry.quote),
        decisions=[xml_text(d) for d in entry.decisions], proposals=[xml_text(p) for p in entry.proposals],
        citation=replace(entry.citation, text=xml_text(entry.citation.text)),
    )


def _add_link(paragraph, url: str) -> None:
    """A clickable link: python-docx has no API for one, so the relationship and run are made by hand.
    Only a web address becomes a link; anything else stays text."""
    if not is_web_address(url):
        paragraph.add_run(url)
        return
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = paragraph.add_run(url)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.append(run._r)
    paragraph._p.append(link)
