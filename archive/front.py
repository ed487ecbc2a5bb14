"""The front of a document -> what it says about its meeting: organ, issuer, date, time, place, the kind
of document, the range of paragraphs, and who took part.

Fields are read by their labels (rules/header_fields.rules) in every layout: label and value on one
line ('Plats: …', 'Plats och tid   Nacka stadshus …'), two fields on one line, or the label above its
value ('Sammanträdesdatum' / '2025-11-19'). The running page headers, taken out of the text by the
cleaner, are read too: a protocol extracted without its first page still names its organ and date in
them. The meeting's date is the one its own fields give, never the date of the adjustment, the
notice or the mailing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .attendance import Lists, label_of, read_lists
from .clean import Line
from .dates import find_dates, parse_date, spelled_without_year
from .model import Attendance, PartialDate, Person
from .organs import (
    MUNICIPALITIES, Issuer, as_name, find_issuer, find_organ, issuer_of_word, organ_heading,
)
from .paragraphs import paragraph_range
from .people import parse_attendees

FIELDS = {key.lower(): value for key, value in rules.mapping("header_fields").items()}
FIELD = re.compile(rf"^(?P<label>{rules.alternation(rules.mapping('header_fields'))})(?:\s*:\s*|\s+(?=\S)|\s*$)(?P<value>.*)$", re.IGNORECASE)
DOC_WORDS = rules.mapping("doc_types")
DOC_WORD = re.compile(rf"\b({rules.alternation(DOC_WORDS)})\b", re.IGNORECASE)
TIME = re.compile(r"(?:kl(?:ockan)?\.?\s*)?(\d{1,2}[.:]\d{2}(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?)?|\d{1,2}\s*[-–—]\s*\d{1,2}[.:]\d{2})")
CALLED_TO = re.compile(r"^(?P<organ>.+?)\s+kallas\s+(?:härmed\s+)?till\s+(?:sammanträde|möte)\b", re.IGNORECASE)
DOCUMENT_IDS = [
    (re.compile(entry.key, re.IGNORECASE), [part.strip() for part in entry.mapped.split("|")])
    for entry in rules.entries("document_ids")
]
# The sample minutes' attendance block: 'Närvarande: …' up to the next field.
ATTENDEES_START = re.compile(r"^(Närvarande|Beslutande|Deltagare|Ledamöter)(?:\s+ledamöter)?\s*:?\s*(.*)$", re.IGNORECASE)
HEADER_STOP = re.compile(
    r"^(Frånvarande|Justerare|Utses att justera|Justeringens|Sekreterare|Underskrifter|Paragrafer)\b", re.IGNORECASE
)
OTHERS_PRESENT = re.compile(r"^(Övriga närvarande|Övriga deltagare|Tjänstgörande ersättare|Ersättare)\s*:?\s*(.*)$", re.IGNORECASE)
PENDING_LINES = 8  # a label waits this many lines for its value below it
MEETING_NUMBER = re.compile(r",?\s*(?:möte|sammanträde)\s+(?:nr\s*)?\d+\s*$", re.IGNORECASE)


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
    found_issuer: Issuer | None = None  # the issuer as a municipality, region or authority, when it is one
    paragraphs: str | None = None
    attendees: list[Person] = field(default_factory=list)
    attendance: Attendance = Attendance.PRESENT
    warnings: list[str] = field(default_factory=list)
    loose: list[Line] = field(default_factory=list)  # front lines that are none of the above: an introduction


@dataclass
class Fields:
    """The labelled fields found, and the lines they used."""

    values: list[tuple[str, str, int]] = field(default_factory=list)  # (field, value, line index)
    understood: set[int] = field(default_factory=set)

    def first(self, name: str) -> str | None:
        return next((value for key, value, _i in self.values if key == name and value), None)

    def all(self, name: str) -> list[tuple[str, int]]:
        return [(value, i) for key, value, i in self.values if key == name and value]


def read_header(lines: list[Line], protocol: bool, running: list[Line] = (), markdown: bool = False) -> Header:
    header = Header()
    front = list(lines)
    fields = read_fields(front + list(running))
    title_index = _title_line(front, fields)
    understood = set(fields.understood)
    if title_index is not None:
        header.doc_word = DOC_WORD.search(front[title_index].text).group(1).lower()
        understood.update(range(title_index + 1))
        if title_index + 1 < len(front) and front[title_index + 1].text[:1].islower():
            understood.add(title_index + 1)  # the title's wrapped line
        letterhead = [line.text for line in front[:title_index] if _letterhead(line.text)]
        header.issuer = ", ".join(letterhead) or None
    elif doc_word := next((DOC_WORD.search(line.text) for line in running if DOC_WORD.search(line.text)), None):
        header.doc_word = doc_word.group(1).lower()

    people_lines, lists = _attendance(front, fields, header, understood)
    _read_dates(header, front, fields, understood, title_index)
    _read_time_and_place(header, fields)
    header.paragraphs = next((paragraph_range(v) for v, _i in fields.all("paragraphs") if paragraph_range(v)), None)
    header.organ = _organ(front, list(running), fields, title_index, protocol)
    header.found_issuer = _issuer(front[:8] + list(running), header.issuer, fields)
    if header.found_issuer and (header.issuer is None or issuer_of_word(header.issuer.split(",")[0]) or _names_issuer(header.issuer)):
        header.issuer = header.found_issuer.name

    if lists:
        header.attendees, header.attendance = lists.people, lists.attendance
    elif not people_lines and _looks_like_lost_table(front, understood):
        header.warnings.append("dokumentets början saknas: närvarolistan börjar mitt i tabellen")
        people_lines = [line.text for i, line in enumerate(front) if i not in understood]
        understood.update(range(len(front)))
    if people_lines:
        header.attendees, people_warnings = parse_attendees(people_lines)
        header.warnings += people_warnings
    understood.update(i for i, line in enumerate(front) if _says_what_it_is(line.text))
    header.loose = [line for index, line in enumerate(front) if index not in understood]
    if not protocol and not markdown:
        for line in header.loose:
            if len(line.text.split()) >= 3:  # a sentence the reader should find a home for, not a stray word
                header.warnings.append(f"rad {line.number}: rubriktext som inte tolkats: '{line.text[:60]}'")
    return header


def _says_what_it_is(text: str) -> bool:
    """A front line that names the document or calls the meeting: 'Föredragningslista', '… kallas till sammanträde'."""
    return bool(CALLED_TO.match(text) or DOC_WORD.fullmatch(text.strip(" :")) or organ_heading(text))


# --- fields -------------------------------------------------------------------------------------


def read_fields(lines: list[Line]) -> Fields:
    """Every labelled field, in any of the layouts; a label alone takes the value below it."""
    fields = Fields()
    pending: list[tuple[str, int]] = []  # (field, line index) of labels still waiting for a value
    valued: set[tuple[str, int]] = set()  # (field, line index) that has its value
    for index, line in enumerate(lines):
        parts = line.columns or (line.text,)
        labelled = False
        current: str | None = None
        for part in parts:
            match = FIELD.match(part)
            if match and not label_of(part):
                current = FIELDS[match.group("label").lower()]
                value = match.group("value").strip()
                labelled = True
                if value:
                    fields.values.append((current, value, index))
                    valued.add((current, index))
                else:
                    pending.append((current, index))
            elif current is not None and (current, index) not in valued:
                fields.values.append((current, part, index))
                valued.add((current, index))
        if labelled:
            fields.understood.add(index)
            continue
        pending = [(name, at) for name, at in pending if index - at <= PENDING_LINES]
        if pending and (name := _takes(pending, line.text)):
            pending.remove(next(p for p in pending if p[0] == name))
            fields.values.append((name, line.text, index))
            fields.understood.add(index)
    return fields


def _takes(pending: list[tuple[str, int]], text: str) -> str | None:
    """Which waiting label a value below it belongs to: a date to a date, a time to a time, …"""
    if label_of(text) or len(text) > 100:
        return None
    names = [name for name, _at in pending]
    date = parse_date(text)
    if date and date.is_complete:
        return next((n for n in names if n in ("meeting_date", "date", "document_date")), None)
    if TIME.search(text) and (found := next((n for n in names if "time" in n), None)):
        return found
    return next((n for n in names if n in ("place", "organ", "paragraphs", "ignored")), None)


# --- dates, time and place ----------------------------------------------------------------------


def _read_dates(header: Header, front: list[Line], fields: Fields, understood: set[int], title_index: int | None) -> None:
    """The meeting's own date: its date field, else the date beside the time and place, else the first."""
    strong = [d for v, _i in fields.all("meeting_date") if (d := _date_in(v))]
    candidates: list[tuple[int, PartialDate]] = [(i, d) for v, i in fields.all("date") if (d := _date_in(v))]
    for index, line in enumerate(front):
        if index in understood and index != title_index:
            continue
        value = line.text
        if (date := parse_date(value)) and date.is_complete:
            candidates.append((index, date))
        elif index == title_index and (found := _date_in(value)):
            candidates.append((index, found))
        elif day := spelled_without_year(value):
            header.undated_day = day
        elif not (HEADER_STOP.match(value) or find_organ(value) or organ_heading(value)):
            continue
        understood.add(index)
    documents = [d for v, _i in fields.all("document_date") if (d := _date_in(v))]
    timed = [d for key in ("time", "place_time", "time_place") for v, _i in fields.all(key) if (d := _date_in(v))]
    if strong:
        header.date = strong[0]
        others = [d for _i, d in candidates if d != header.date] + documents
        header.document_date = others[0] if others else None
    elif candidates:
        _choose_dates(header, candidates, front)
        if documents and header.document_date is None and documents[0] != header.date:
            header.document_date = documents[0]
    elif timed:
        header.date = timed[0]
        header.document_date = documents[0] if documents else None
    elif documents:
        header.document_date = documents[0]


def _date_in(text: str) -> PartialDate | None:
    date = parse_date(text)
    if date and date.is_complete:
        return date
    found = [f.date for f in find_dates(text) if f.date.is_complete]
    return found[0] if found else None


def _choose_dates(header: Header, dates: list[tuple[int, PartialDate]], lines: list[Line]) -> None:
    """The meeting's date is the one beside Tid/Plats; another Datum is the document's own date."""

    def beside_time_or_place(index: int) -> bool:
        near = lines[max(0, index - 2): index + 3]
        return any(re.match(r"^(Tid|Plats)\b", line.text, re.IGNORECASE) for line in near)

    meeting = next((d for i, d in dates if i < len(lines) and beside_time_or_place(i)), dates[0][1])
    header.date = meeting
    others = [d for _i, d in dates if d != meeting]
    header.document_date = others[0] if others else None


def _read_time_and_place(header: Header, fields: Fields) -> None:
    if place_time := fields.first("place_time"):
        place, _, time = re.split(r"(?=\bkl(?:ockan)?\.?\s*\d)", place_time, maxsplit=1)[0], "", place_time
        header.place = place.strip(" ,") or None
        header.time = _time(time)
    if time_place := fields.first("time_place"):
        header.time = header.time or _time(time_place)
        header.place = header.place or re.sub(rf"^.*?{TIME.pattern}[\s,]*", "", time_place).strip(" ,") or None
    if time := fields.first("time"):
        header.time = _time(time) or header.time
    if place := fields.first("place"):
        header.place = place


def _time(text: str) -> str | None:
    match = TIME.search(text)
    return re.sub(r"\s*([-–—])\s*", r"\1", match.group(1)) if match else None


# --- organ and issuer ---------------------------------------------------------------------------


def _organ(front: list[Line], running: list[Line], fields: Fields, title_index: int | None, protocol: bool) -> str | None:
    """The organ the front names: its field, a heading that is an organ's name, the organ called to the
    meeting, the title's organ, a known organ, a document id that names it."""
    text = "\n".join(line.text for line in front)
    if not protocol and (known := find_organ(text)):
        return known
    if value := fields.first("organ"):
        return organ_heading(value) or as_name(value)
    for line in front + running:
        for part in line.columns or (DOC_WORD.sub("", line.text).strip(),):
            if (organ := organ_heading(part)) is not None:
                return organ
        if match := CALLED_TO.match(line.text):
            return organ_heading(match.group("organ")) or as_name(match.group("organ"))
    if title_index is not None and (organ := _title_organ(front, title_index)):
        return organ
    if known := find_organ(text):
        return known
    for line in front[:3]:
        for pattern, (_issuer, organ) in DOCUMENT_IDS:
            if pattern.fullmatch(line.text):
                return organ
    return None


def _title_organ(front: list[Line], title_index: int) -> str | None:
    """'Mötesanteckningar referensgrupp / beständiga identifierare, möte 3' -> 'Referensgrupp beständiga identifierare'."""
    title = front[title_index].text
    following = front[title_index + 1] if title_index + 1 < len(front) else None
    if following is not None and following.text[:1].islower() and not label_of(following.text):
        title = f"{title} {following.text}"  # the title wrapped: 'Mötesanteckningar referensgrupp' / 'beständiga …
    rest = MEETING_NUMBER.sub("", DOC_WORD.sub("", title, count=1)).strip(" ,:-–")
    rest = re.sub(r"\b\d{2,4}[-/]\d{2}[-/]\d{2}\b|\b\d{6}\b", "", rest).strip(" ,:-–")
    return organ_heading(rest) if rest else None


def _issuer(top: list[Line], letterhead: str | None, fields: Fields) -> Issuer | None:
    """The municipality, region or authority: a document id's, the letterhead's, else one the top of the
    front, its place or its running headers name (never one an attendance list names)."""
    for line in top[:3]:
        for pattern, (issuer, _organ) in DOCUMENT_IDS:
            if pattern.fullmatch(line.text):
                return issuer_of_word(issuer) or Issuer(issuer, issuer)
    if letterhead and (found := find_issuer(letterhead) or _letterhead_word(letterhead)):
        return found
    near = "\n".join([line.text for line in top] + [v for key in ("place", "place_time") for v, _i in fields.all(key)])
    if found := find_issuer(near):
        return found
    for line in top[:4]:
        for part in line.columns or (line.text,):
            if found := _letterhead_word(part):
                return found
    return None


def _letterhead_word(text: str) -> Issuer | None:
    """'NACKA KOMMUN' or a municipality's name alone in a letterhead; OCR's 'MACKA' too."""
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    if 1 <= len(words) <= 2 and (len(words) == 1 or re.fullmatch(r"(?i)[kl(]{1,2}ommun|stad", words[1])):
        return issuer_of_word(words[0], fuzzy=True)
    return None


def _names_issuer(text: str) -> bool:
    return bool(find_issuer(text)) and len(text.split(",")) == 1


def _letterhead(text: str) -> bool:
    """A line above the title that names who issues the document, not a date, a field, the organ or a
    logo's fragment ('(LCHNV)')."""
    text = text.strip()
    if re.fullmatch(r"\(\s*[A-ZÅÄÖ]{2,8}\s*\)", text) or FIELD.match(text) or organ_heading(text):
        return False
    return not (_date_in(text) and len(text.split()) <= 4)


def _title_line(front: list[Line], fields: Fields) -> int | None:
    """The line that names the kind of document: 'Dagordning Länschefsnätverket i Dalarna', 'PROTOKOLL'."""
    for index, line in enumerate(front):
        if index in fields.understood or not DOC_WORD.search(line.text) or len(line.text) > 90:
            continue
        return index
    return None


# --- attendance -----------------------------------------------------------------------------------


def _attendance(front: list[Line], fields: Fields, header: Header, understood: set[int]) -> tuple[list[str], Lists]:
    """A protocol's lists under their headings, or the minutes' 'Närvarande:' block as lines to parse."""

    def stop(line: Line) -> bool:
        return bool(FIELD.match(line.text) and not label_of(line.text)) or bool(DOC_WORD.search(line.text) and line.text.isupper())

    if _protocol_lists(front):
        lists = read_lists(front, stop)
        understood.update(lists.understood)
        return [], lists
    block = _attendee_block(front)
    if block is None:
        return [], Lists()
    first, last = block
    understood.update(range(first, last))
    return _attendee_lines(front[first:last], header), Lists()


def _protocol_lists(front: list[Line]) -> bool:
    """Lists of a protocol's kind: headings with people by party, or the headings only a protocol uses."""
    labels = [label_of(part) for line in front if "\t" not in line.text for part in (line.columns or (line.text,))]
    groups = {found[0] for found in labels if found}
    if groups & {"beslutande", "ersättare", "frånvarande", "kallade"}:
        return True
    return bool(groups) and sum(bool(re.search(r"\([A-ZÅÄÖ]{1,4}\)", line.text)) for line in front) >= 2


def _attendee_block(lines: list[Line]) -> tuple[int, int] | None:
    """Where the Närvarande block starts and ends, or None if the header has none."""
    start = next((i for i, line in enumerate(lines) if ATTENDEES_START.match(line.text)), None)
    if start is None:
        return None
    end = start + 1
    table = "\t" in lines[start].text  # a table with its headings: its rows are the lines with cells
    while end < len(lines) and not (HEADER_STOP.match(lines[end].text) or FIELD.match(lines[end].text)):
        if table and "\t" not in lines[end].text:
            break
        end += 1
    return start, end


def _attendee_lines(block: list[Line], header: Header) -> list[str]:
    if "\t" in block[0].text:  # a table whose first row is its column headings
        return [line.text for line in block]
    rest = ATTENDEES_START.match(block[0].text).group(2).strip()
    if "överstruken" in rest.lower():
        header.warnings.append(
            "närvarolistan markerar frånvarande med överstrykning, som inte följer med i texten: "
            "listan visar kallade, inte säkert närvarande"
        )
        header.attendance = Attendance.CALLED
        rest = ""
    people = [rest] if rest else []
    for line in block[1:]:
        others = OTHERS_PRESENT.match(line.text)
        people.append(others.group(2) if others else line.text)
    return people


def _looks_like_lost_table(lines: list[Line], understood: set[int]) -> bool:
    loose = [line.text for i, line in enumerate(lines) if i not in understood]
    return sum(any(m in text.split() for m in MUNICIPALITIES) for text in loose) >= 3

