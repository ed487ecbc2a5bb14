"""The underlag basket's exports: the chosen items and decisions quoted, each with the user's note, and a source
list of permalinks, as Markdown and as a Word document (A4, Swedish proofing, its title and date in its properties)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from archive.citation import Citation, is_web_address, markdown_escape, markdown_link

from .exports import xml_text

LANGUAGE = "sv-SE"
AUTHOR = "Mötesarkivet"
DEFAULT_TITLE = "Underlag"


@dataclass(frozen=True)
class Entry:
    heading: str
    source: str  # "Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c"
    quote: str  # the item's text, or the one decision chosen
    decisions: list[str]  # decisions taken under the item (empty when one decision is the quote)
    proposals: list[str]
    citation: Citation
    note: str = ""  # the user's own words about the entry


@dataclass(frozen=True)
class Underlag:
    title: str
    entries: list[Entry]
    missing: int = 0  # chosen entries no longer in the archive
    made: datetime.datetime | None = None  # when it was put together; now when None

    @property
    def when(self) -> datetime.datetime:
        return self.made or datetime.datetime.now(datetime.timezone.utc)

    @property
    def intro(self) -> str:
        return f"Sammanställt ur Mötesarkivet {self.when.date().isoformat()}."

    @property
    def missing_note(self) -> str:
        return f"{self.missing} valda poster finns inte längre i arkivet och är utelämnade." if self.missing else ""


def as_markdown(underlag: Underlag) -> str:
    lines = [f"# {markdown_escape(underlag.title)}", "", underlag.intro, ""]
    if underlag.missing:
        lines += [f"*{underlag.missing_note}*", ""]
    for number, entry in enumerate(underlag.entries, start=1):
        lines += [f"## {number}. {markdown_escape(entry.heading)}", "", f"{markdown_escape(entry.source)} [{number}]", ""]
        if entry.note:
            lines += [f"*Anteckning:* {markdown_escape(entry.note)}", ""]
        if entry.quote:
            lines += ["> " + markdown_escape(paragraph) if paragraph else ">" for paragraph in entry.quote.split("\n")] + [""]
        for label, texts in _lists(entry):
            lines += [f"**{label}:**", ""] + [f"- {markdown_escape(t)}" for t in texts] + [""]
    lines += ["## Källförteckning", ""]
    lines += [f"{n}. {source_line(entry.citation)}" for n, entry in enumerate(underlag.entries, start=1)]
    return "\n".join(lines) + "\n"


def source_line(citation: Citation) -> str:
    """A citation as an entry of the Markdown source list: its text escaped, its permalink a link."""
    return f"{markdown_escape(citation.text.removesuffix(citation.url).rstrip())} {markdown_link(citation.url)}"


def as_docx(underlag: Underlag) -> bytes:
    underlag = replace(underlag, title=xml_text(underlag.title), entries=[xml_safe(e) for e in underlag.entries])
    document = docx.Document()
    _a4(document)
    _properties(document, underlag)
    document.add_heading(underlag.title, level=1)
    document.add_paragraph(underlag.intro)
    if underlag.missing:
        document.add_paragraph(underlag.missing_note)
    for number, entry in enumerate(underlag.entries, start=1):
        document.add_heading(f"{number}. {entry.heading}", level=2)
        document.add_paragraph(f"{entry.source} [{number}]")
        if entry.note:
            note = document.add_paragraph()
            note.add_run("Anteckning: ").bold = True
            note.add_run(entry.note).italic = True
        for paragraph in (p for p in entry.quote.split("\n") if p.strip()):
            document.add_paragraph(paragraph, style="Quote")
        for label, texts in _lists(entry):
            document.add_paragraph().add_run(f"{label}:").bold = True
            for text in texts:
                document.add_paragraph(text, style="List Bullet")
    document.add_heading("Källförteckning", level=2)
    for entry in underlag.entries:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(entry.citation.text.removesuffix(entry.citation.url).rstrip() + " ")
        _add_link(paragraph, entry.citation.url)
    _swedish(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xml_safe(entry: Entry) -> Entry:
    """An entry whose text Word's XML can hold."""
    return replace(
        entry, heading=xml_text(entry.heading), source=xml_text(entry.source), quote=xml_text(entry.quote),
        decisions=[xml_text(d) for d in entry.decisions], proposals=[xml_text(p) for p in entry.proposals],
        citation=replace(entry.citation, text=xml_text(entry.citation.text)), note=xml_text(entry.note),
    )


def _lists(entry: Entry):
    return [(label, texts) for label, texts in (("Beslut", entry.decisions), ("Förslag till beslut", entry.proposals))
            if texts]


def _a4(document) -> None:
    """python-docx's template is US Letter: every section becomes A4 with 25 mm margins."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)


def _properties(document, underlag: Underlag) -> None:
    """The template's own properties (author 'python-docx', created 2013) replaced by the underlag's."""
    properties = document.core_properties
    when = underlag.when.replace(microsecond=0)
    properties.title = underlag.title
    properties.subject = underlag.intro
    properties.author = properties.last_modified_by = AUTHOR
    properties.created = properties.modified = when
    properties.revision = 1
    properties.language = LANGUAGE
    properties.keywords = properties.comments = properties.category = ""


def _swedish(document) -> None:
    """Swedish proofing everywhere: the document defaults, every style's run properties, and every run."""
    holders = list(document.styles.element.iter(qn("w:rPr")))
    holders += [run.get_or_add_rPr() for run in document.element.body.iter(qn("w:r"))]
    for properties in holders:
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            successor = next((child for child in properties if child.tag in LANG_SUCCESSORS), None)
            if successor is None:
                properties.append(language)
            else:
                successor.addprevious(language)
        language.set(qn("w:val"), LANGUAGE)


# What may follow <w:lang> in run properties (the schema fixes their order, and Word holds to it).
LANG_SUCCESSORS = {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}


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
