"""Text -> Meeting: the front (organ, issuer, date, type, place, attendees), the items, references, warnings.

Which reader reads the body depends on the document: a §-protocol's paragraphs (protocol.py), or the
numbered items of minutes and agendas (items.py). What the text does not say comes from the file's
name and folder, then from a sidecar; each field remembers where it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import rules
from .clean import Line, clean_text
from .dates import find_dates, infer_year
from .decision_kinds import annotate
from .filenames import FILE, FOLDER, NameFacts, facts_from_name
from .front import Header, read_header
from .items import ATT, HEADING_NUMBER, decision_tense, read_body, reflow
from .markdown import from_markdown, is_markdown
from .metadata import Metadata
from .model import DocType, Item, Meeting, PartialDate, Reference
from .organs import dominant_issuer, find_organ, is_generic, match_organ
from .pages import Pages, paginate
from .protocol import Layout, find_layout, read_paragraphs
from .sections import DECISION, section_kind

MEETING_CONTEXT = re.compile(
    r"(sammanträd|möte|planeringsdag|minnesanteckningar|protokoll|beslutade|beslutades|beslöt|"
    r"länschefsnätverk|välfärdsråd|välfrädråd|socialchefsnätverk|styrgrupp|nämnd|fullmäktige|styrelse)",
    re.IGNORECASE,
)
# What is read before a date to tell whose meeting it is, far more than the words looked at: a window,
# for reading all of a long line before each of its dates was quadratic.
REFERENCE_CONTEXT = 300
PREVIOUS_MINUTES = re.compile(r"föregående\s+(minnesanteckningar|protokoll)", re.IGNORECASE)
TYPES = {word.lower(): DocType(kind) for word, kind in rules.mapping("doc_types").items()}


@dataclass
class Structure:
    """How a document is built: a protocol's paragraphs, or numbered items from a line on."""

    protocol: bool
    start: int
    layout: Layout | None


def parse(text: str, source: str = "", metadata: Metadata | None = None, folder: str | None = None) -> Meeting:
    """Read one document's text into a Meeting. Never raises on odd text: it warns instead."""
    markdown = is_markdown(text, source)
    if markdown:
        text = from_markdown(text)
    cleaned = clean_text(text)
    lines = cleaned.lines
    structure = _structure(lines)
    front = [line for i, line in enumerate(lines[: structure.start]) if not (structure.layout and i in structure.layout.contents)]
    header = read_header(front, structure.protocol, cleaned.running, markdown)
    given = metadata.given() if metadata else {}
    body_lines = lines[structure.start:]
    doc_type, warnings = judge_doc_type(body_lines, header.doc_word, structure.protocol)
    doc_type = given.get("doc_type", doc_type)
    typed = bool(header.doc_word or structure.protocol)
    if structure.protocol:
        body = read_paragraphs(lines, structure.layout, header.organ)
    else:
        body = read_body(body_lines, doc_type)
    warnings = header.warnings + warnings + body.warnings

    sources: dict[str, str] = {"doc_type": "text"} if typed else {}
    names = facts_from_name(source, folder)
    organ = _organ(header, body.decision_subjects, names, sources)
    date = _date(header, text, body.items, names, sources, warnings)
    issuer, scope = _issuer(header, organ, names, text, sources)
    if metadata:
        sources.update(dict.fromkeys(given, f"sidofil {metadata.path.name}"))
        if "date" in given and date and date != given["date"]:
            warnings.append(f"sidofilen anger datum {given['date']}, texten {date}: sidofilen gäller")
        if "organ" in given:
            organ, scope = given["organ"], None
        date = given.get("date", date)
    if organ is None:
        warnings.append("organ saknas: texten namnger inget nätverk, råd eller nämnd (ange det i en sidofil)")
    if date is None:
        warnings.append("datum saknas: texten anger inget mötesdatum (ange det i en sidofil)")
    for field, value, word in (("organ", organ, "organet"), ("date", date, "mötesdatumet")):
        if sources.get(field) in (FILE, FOLDER):
            where = "filnamnet" if sources[field] == FILE else "mappens namn"
            warnings.append(f"texten anger inte {word}; '{value}' är hämtat från {where} (rätta i en sidofil om det är fel)")
    warnings += _missing_paragraphs(header.paragraphs, body.items)
    label = f"{organ}, {issuer}" if organ and scope and issuer else organ

    return annotate(Meeting(
        organ=label, organ_name=organ, date=date, doc_type=doc_type, items=paginate(body.items, lines, Pages(text)),
        title=given.get("title") or _title(doc_type, label, date), issuer=issuer, scope=scope,
        place=given.get("place", header.place), time=header.time, document_date=header.document_date,
        attendees=tuple(header.attendees), attendance=header.attendance, paragraphs=header.paragraphs,
        references=tuple(find_references(body_lines, date)), source=source,
        text="" if structure.protocol else reflow(header.loose), actions=tuple(body.actions),
        source_url=given.get("source_url"), warnings=tuple(warnings), field_sources=sources,
    ))  # decision kinds and collective decisions


def _structure(lines: list[Line]) -> Structure:
    layout = find_layout(lines)
    if layout is not None and _is_protocol(layout, lines):
        return Structure(True, layout.start, layout)
    return Structure(False, _first_item(lines), None)


def _is_protocol(layout: Layout, lines: list[Line]) -> bool:
    """Two § headings make a protocol; one does when a section or the heading says so (an extract)."""
    if len(layout.headings) >= 2:
        return True
    if not layout.headings:
        return False
    start, heading = layout.headings[0]
    return bool(heading.case_number) or any(section_kind(line.text) == DECISION for line in lines[start:])


def _organ(header: Header, decision_subjects: list[str], names: NameFacts, sources: dict[str, str]) -> str | None:
    """The organ the front names, else the one whose decisions these are, else the file name's."""
    if header.organ:
        sources["organ"] = "text"
        return header.organ
    if decision_subjects:
        sources["organ"] = "beslutsformler"
        return Counter(decision_subjects).most_common(1)[0][0]
    if names.organ:
        sources["organ"] = names.source("organ")
        return names.organ
    return None


def _date(
    header: Header, text: str, items: list[Item], names: NameFacts, sources: dict[str, str], warnings: list[str]
) -> PartialDate | None:
    """The front's date; a day and month whose year the references give; else the file name's."""
    if header.date:
        sources["date"] = "text"
        return header.date
    if header.undated_day is not None:
        date, note = _infer_date(header.undated_day, text, items)
        if date:
            sources["date"] = "härlett"
            warnings.append(f"året saknas i datumet; {date.iso()} är härlett ({note})")
            return date
    if names.date:
        sources["date"] = names.source("date")
        return names.date
    return None


def _issuer(
    header: Header, organ: str | None, names: NameFacts, text: str, sources: dict[str, str]
) -> tuple[str | None, str | None]:
    """The issuer as the front gives it, else the file name's, else the one the text names by far the
    most; and the short name that tells a generic organ ('Kommunstyrelsen') of one municipality from another's."""
    found = header.found_issuer
    if found or header.issuer:
        sources["issuer"] = "text"
    elif names.issuer:
        found = names.issuer
        sources["issuer"] = names.source("issuer")
    elif found := dominant_issuer(text):
        sources["issuer"] = "texten i sin helhet"
    issuer = header.issuer or (found.name if found else None)
    scope = found.short if found and organ and is_generic(organ) else None
    return issuer, scope


def _missing_paragraphs(stated: str | None, items: list[Item]) -> list[str]:
    """'Paragrafer 131-138' on the front, and a § of them not found: the reader should look."""
    if not stated or "-" not in stated or not items:
        return []
    first, last = (int(n) for n in stated.split("-"))
    found = {int(item.number) for item in items if item.number.isdigit()}
    if last - first > 400 or not found & set(range(first, last + 1)):
        return []
    missing = [n for n in range(first, last + 1) if n not in found]
    return [f"protokollet anger §§ {stated}, men § {', '.join(map(str, missing))} hittades inte"] if missing else []


def _first_item(lines: list[Line]) -> int:
    for index, line in enumerate(lines):
        if (match := HEADING_NUMBER.match(line.text)) and not ATT.match(line.text):
            if match.group(2).strip()[:1].isupper() or not match.group(2).strip():
                return index
    return len(lines)


def _infer_date(day: tuple[int, int], text: str, items: list[Item]) -> tuple[PartialDate | None, str]:
    previous = None
    for item in items:
        if PREVIOUS_MINUTES.search(item.title):
            found = find_dates(item.title)
            previous = found[0].date if found else None
            break
    inferred = infer_year(day[0], day[1], text, previous)
    if inferred is None:
        return None, ""
    year, note = inferred
    return PartialDate(year, day[0], day[1]), note


# --- document type ----------------------------------------------------------------------------


def judge_doc_type(body: list[Line], doc_word: str | None, protocol: bool) -> tuple[DocType, list[str]]:
    """By content: decisions taken ('beslutade') make minutes, proposed ones ('beslutar') an agenda."""
    past, present = decision_tense(body)
    named = TYPES.get(doc_word) if doc_word else None
    if protocol:
        judged = DocType.PROTOCOL
    elif past:
        judged = DocType.PROTOCOL if named is DocType.PROTOCOL else DocType.MINUTES
    elif present:
        judged = DocType.AGENDA
    else:
        judged = named or DocType.MINUTES
    warnings = []
    if named and named is not judged and not (named is DocType.PROTOCOL and judged is DocType.MINUTES):
        warnings.append(
            f"rubriken säger '{doc_word}' men innehållet är {judged.label} "
            f"({past} fattade och {present} föreslagna beslut): läses som {judged.label}"
        )
    return judged, warnings


# --- references -------------------------------------------------------------------------------


def find_references(lines: list[Line], meeting_date: PartialDate | None) -> list[Reference]:
    """Dates of other meetings: compact dates anywhere (250926), written-out dates beside a meeting word."""
    references: list[Reference] = []
    seen: set[tuple[str, str]] = set()
    default_year = meeting_date.year if meeting_date else None
    previous_text = ""
    for line in lines:
        for found in find_dates(line.text, default_year):
            before = f"{previous_text} {line.text[max(0, found.start - REFERENCE_CONTEXT): found.start]}"
            if found.form == "compact" or _meeting_context(before):
                if meeting_date and found.date == meeting_date:
                    continue
                label = _reference_label(line.text, found.start, found.end)
                key = (found.date.iso(), label)
                if key not in seen:
                    seen.add(key)
                    references.append(Reference(found.date, label, line.number, _referenced_organ(before)))
        previous_text = line.text[-REFERENCE_CONTEXT:]
    return references


def _meeting_context(before: str) -> bool:
    words = before.split()[-7:]
    return bool(MEETING_CONTEXT.search(" ".join(words)))


def _reference_label(text: str, start: int, end: int) -> str:
    before = text[max(0, start - REFERENCE_CONTEXT): start].split()[-6:]
    label = " ".join(before + [text[start:end].rstrip(".")])
    label = re.sub(r"^\d+\.\s+|^[a-z]\)\s+", "", label)
    label = re.sub(r"\(\s+", "(", label).strip(" ,")
    return label + ")" if label.count("(") > label.count(")") else label


def _referenced_organ(before: str) -> str | None:
    """The organ named nearest before a date: whose meeting it was. None means the document's own organ,
    or a steering group's meeting, which has no minutes of its own here."""
    clause = re.split(r"[.;,]\s", before)[-1]
    if "styrgrupp" in clause.lower():
        return None
    organs = (find_organ(word) or match_organ(word) for word in re.findall(r"\b[A-ZÅÄÖ][\wåäö]+", clause))
    return ([organ for organ in organs if organ] or [None])[-1]


def _title(doc_type: DocType, organ: str | None, date: PartialDate | None) -> str:
    parts = [doc_type.label.capitalize(), organ or "okänt organ", date.iso() if date else "odaterad"]
    return " ".join(parts)
