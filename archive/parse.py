"""Text -> Meeting: the header (organ, date, type, place, attendees), the items, references, warnings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import Line, clean
from .decision_kinds import annotate
from .dates import find_dates, infer_year, parse_date, spelled_without_year
from .items import ATT, HEADING_NUMBER, HEADING_PARAGRAPH, decision_tense, is_protocol, read_body
from .metadata import Metadata
from .model import DocType, Item, Meeting, PartialDate, Person, Reference
from .pages import Pages, paginate
from .organs import MUNICIPALITIES, find_committee, find_organ, match_organ
from .people import parse_attendees

FIELD_LINE = re.compile(
    r"^(?P<key>Datum|Sammanträdesdatum|Mötesdatum|Tid|Plats och tid|Plats|Dnr|Diarienummer)\s*(?::\s*(?P<value>.*))?$",
    re.IGNORECASE,
)
ATTENDEES_START = re.compile(r"^(Närvarande|Beslutande|Deltagare|Ledamöter)(?:\s+ledamöter)?\s*:?\s*(.*)$", re.IGNORECASE)
HEADER_STOP = re.compile(
    r"^(Frånvarande|Justerare|Utses att justera|Justeringens|Sekreterare|Underskrifter|Paragrafer)\b", re.IGNORECASE
)
OTHERS_PRESENT = re.compile(r"^(Övriga närvarande|Övriga deltagare|Tjänstgörande ersättare|Ersättare)\s*:?\s*(.*)$", re.IGNORECASE)
DOC_WORDS = {
    "minnesanteckningar": DocType.MINUTES, "anteckningar": DocType.MINUTES, "protokoll": DocType.PROTOCOL,
    "dagordning": DocType.AGENDA, "kallelse": DocType.AGENDA, "föredragningslista": DocType.AGENDA,
}
DOC_WORD = re.compile(r"\b(" + "|".join(DOC_WORDS) + r")\b", re.IGNORECASE)
MEETING_CONTEXT = re.compile(
    r"(sammanträd|möte|planeringsdag|minnesanteckningar|protokoll|beslutade|beslutades|beslöt|"
    r"länschefsnätverk|välfärdsråd|välfrädråd|socialchefsnätverk|styrgrupp|nämnd|fullmäktige|styrelse)",
    re.IGNORECASE,
)
# What is read before a date to tell whose meeting it is, far more than the words looked at: a window,
# for reading all of a long line before each of its dates was quadratic.
REFERENCE_CONTEXT = 300
PREVIOUS_MINUTES = re.compile(r"föregående\s+(minnesanteckningar|protokoll)", re.IGNORECASE)


@dataclass
class Header:
    organ: str | None = None
    date: PartialDate | None = None
    document_date: PartialDate | None = None
    undated_day: tuple[int, int] | None = None  # (month, day) written without a year
    time: str | None = None
    place: str | None = None
    doc_word: str | None = None
    issuer: str | None = None
    attendees: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse(text: str, source: str = "", metadata: Metadata | None = None) -> Meeting:
    """Read one document's text into a Meeting. Never raises on odd text: it warns instead."""
    lines = clean(text)
    protocol = is_protocol(lines)
    start = _first_item(lines, protocol)
    header = read_header(lines[:start], protocol)
    body_lines = lines[start:]
    given = metadata.given() if metadata else {}
    doc_type, warnings = judge_doc_type(body_lines, header.doc_word, protocol)
    doc_type = given.get("doc_type", doc_type)
    body = read_body(body_lines, doc_type)
    warnings = header.warnings + warnings + body.warnings

    sources: dict[str, str] = {}
    organ = _organ(header, body.decision_subjects, sources)
    date = _date(header, text, body.items, sources, warnings) if "date" not in given else header.date
    if metadata:
        sources.update(dict.fromkeys(given, f"sidofil {metadata.path.name}"))
        if "date" in given and date and date != given["date"]:
            warnings.append(f"sidofilen anger datum {given['date']}, texten {date}: sidofilen gäller")
        organ, date = given.get("organ", organ), given.get("date", date)
    if organ is None:
        warnings.append("organ saknas: texten namnger inget känt nätverk, råd eller nämnd")
    if date is None:
        warnings.append("datum saknas: texten anger inget mötesdatum (ange det i en sidofil)")

    return annotate(Meeting(
        organ=organ, date=date, doc_type=doc_type, items=paginate(body.items, body_lines, Pages(text)),
        title=given.get("title") or _title(doc_type, organ, date), issuer=header.issuer,
        place=given.get("place", header.place), time=header.time, document_date=header.document_date,
        attendees=tuple(header.attendees), references=tuple(find_references(body_lines, date)), source=source,
        source_url=given.get("source_url"), warnings=tuple(warnings), field_sources=sources,
    ))  # decision kinds and collective decisions


def _organ(header: Header, decision_subjects: list[str], sources: dict[str, str]) -> str | None:
    """The organ the header names, else the one whose decisions these are ('Länschefsnätverket beslutade')."""
    if header.organ:
        sources["organ"] = "text"
        return header.organ
    if decision_subjects:
        sources["organ"] = "beslutsformler"
        return Counter(decision_subjects).most_common(1)[0][0]
    return None


def _date(header: Header, text: str, items: list[Item], sources: dict[str, str], warnings: list[str]) -> PartialDate | None:
    """The header's date, or a day and month whose year is inferred from the document's references."""
    if header.date:
        sources["date"] = "text"
        return header.date
    if header.undated_day is None:
        return None
    date, note = _infer_date(header.undated_day, text, items)
    if date:
        sources["date"] = "härlett"
        warnings.append(f"året saknas i datumet; {date.iso()} är härlett ({note})")
    return date


def _first_item(lines: list[Line], protocol: bool) -> int:
    for index, line in enumerate(lines):
        if protocol and HEADING_PARAGRAPH.match(line.text):
            return index
        if not protocol and (match := HEADING_NUMBER.match(line.text)) and not ATT.match(line.text):
            if match.group(2).strip()[:1].isupper() or not match.group(2).strip():
                return index
    return len(lines)


# --- header -----------------------------------------------------------------------------------


def read_header(lines: list[Line], protocol: bool) -> Header:
    header = Header()
    text = "\n".join(line.text for line in lines)
    header.organ = find_organ(text) or (find_committee(text) if protocol else None)
    understood: set[int] = set()
    title_index = next((i for i, line in enumerate(lines) if DOC_WORD.search(line.text)), None)
    if title_index is not None:
        header.doc_word = DOC_WORD.search(lines[title_index].text).group(1).lower()
        understood.update(range(title_index + 1))  # the title line and the letterhead above it
        header.issuer = ", ".join(line.text for line in lines[:title_index]) or None

    block = _attendee_block(lines)
    people_lines: list[str] = []
    if block is not None:
        first, last = block
        understood.update(range(first, last))
        people_lines = _attendee_lines(lines[first:last], header)

    dates: list[tuple[int, PartialDate]] = []
    for index, line in enumerate(lines):
        if index in understood and index != title_index:
            continue
        value = line.text
        if match := FIELD_LINE.match(value):
            _read_field(header, match, index, dates)
        elif (date := parse_date(value)) and date.is_complete:
            dates.append((index, date))
        elif day := spelled_without_year(value):
            header.undated_day = day
        elif not (HEADER_STOP.match(value) or find_organ(value) or find_committee(value)):
            continue
        understood.add(index)
    _choose_dates(header, dates, lines)

    if block is None and _looks_like_lost_table(lines, understood):
        header.warnings.append("dokumentets början saknas: närvarolistan börjar mitt i tabellen")
        people_lines = [line.text for i, line in enumerate(lines) if i not in understood]
        understood.update(range(len(lines)))
    if people_lines:
        header.attendees, people_warnings = parse_attendees(people_lines)
        header.warnings += people_warnings
    for index, line in enumerate(lines):
        if index not in understood:
            header.warnings.append(f"rad {line.number}: rubriktext som inte tolkats: '{line.text[:60]}'")
    return header


def _attendee_block(lines: list[Line]) -> tuple[int, int] | None:
    """Where the Närvarande block starts and ends, or None if the header has none."""
    start = next((i for i, line in enumerate(lines) if ATTENDEES_START.match(line.text)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and not (HEADER_STOP.match(lines[end].text) or FIELD_LINE.match(lines[end].text)):
        end += 1
    return start, end


def _attendee_lines(block: list[Line], header: Header) -> list[str]:
    rest = ATTENDEES_START.match(block[0].text).group(2).strip()
    if "överstruken" in rest.lower():
        header.warnings.append(
            "närvarolistan markerar frånvarande med överstrykning, som inte följer med i texten: "
            "listan visar kallade, inte säkert närvarande"
        )
        rest = ""
    people = [rest] if rest else []
    for line in block[1:]:
        others = OTHERS_PRESENT.match(line.text)
        people.append(others.group(2) if others else line.text)
    return people


def _looks_like_lost_table(lines: list[Line], understood: set[int]) -> bool:
    loose = [line.text for i, line in enumerate(lines) if i not in understood]
    return sum(any(m in text.split() for m in MUNICIPALITIES) for text in loose) >= 3


def _read_field(header: Header, match: re.Match, index: int, dates: list) -> None:
    key, value = match.group("key").lower(), (match.group("value") or "").strip()
    if key in ("datum", "sammanträdesdatum", "mötesdatum"):
        if date := parse_date(value):
            dates.append((index, date))
    elif key == "tid":
        header.time = value or None
    elif key == "plats":
        header.place = value or None
    elif key == "plats och tid":
        place, _, time = value.partition(" kl")
        header.place = place.strip(" ,") or None
        header.time = ("kl" + time).strip() if time else None


def _choose_dates(header: Header, dates: list[tuple[int, PartialDate]], lines: list[Line]) -> None:
    """The meeting's date is the one beside Tid/Plats; another Datum is the document's own date."""
    if not dates:
        return

    def beside_time_or_place(index: int) -> bool:
        near = lines[max(0, index - 2): index + 3]
        return any(re.match(r"^(Tid|Plats)\b", line.text, re.IGNORECASE) for line in near)

    meeting = next((d for i, d in dates if beside_time_or_place(i)), dates[0][1])
    header.date = meeting
    others = [d for _i, d in dates if d != meeting]
    header.document_date = others[0] if others else None


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
    named = DOC_WORDS.get(doc_word) if doc_word else None
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
