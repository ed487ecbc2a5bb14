"""The domain model: meetings, agenda items and decisions as frozen dataclasses, with stable ids."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class DocType(StrEnum):
    MINUTES = "minutes"
    AGENDA = "agenda"
    PROTOCOL = "protocol"

    @property
    def label(self) -> str:
        """The Swedish word, as used in titles and ids."""
        return {"minutes": "minnesanteckningar", "agenda": "dagordning", "protocol": "protokoll"}[self.value]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which only the year, or year and month, may be known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        return self.iso()


class Attendance(StrEnum):
    """What a meeting's list of people records: who was there, or only who was called."""

    PRESENT = "present"
    CALLED = "called"

    @property
    def label(self) -> str:
        return {"present": "Närvarande", "called": "Kallade"}[self.value]


@dataclass(frozen=True)
class Person:
    """An attendee or a presenter: a name with what the text says about them."""

    name: str
    affiliation: str | None = None  # the municipality or organisation they come from
    role: str | None = None
    party: str | None = None  # a politician's party as the protocol abbreviates it: 'S', 'M', 'FB'
    group: str | None = None  # the attendance list they are in: beslutande, ersättare, övriga, frånvarande
    note: str | None = None  # 'ersätter Paul Andersson (S)', '§§ 1-6': what the list says besides


DECISION_KINDS = ("formality", "substantive", "assignment", "proposal")
DECISION_KIND_LABELS = {"formality": "formalia", "substantive": "beslut i sak", "assignment": "uppdrag",
                        "proposal": "förslag till annat organ"}  # the Swedish words, as used on the pages


@dataclass(frozen=True)
class Decision:
    """One att-sats: a decision taken, or a proposed one (förslag till beslut).

    kind: "formality" (opening, agenda, justerare, 'lägga … till handlingarna'), "substantive" (anta,
    fastställa, utse, avslå …), "assignment" (uppdra, ge i uppdrag, ska beredas vidare i, tar hem frågan …)
    or "proposal" (a proposal to another organ, to_organ); set after parsing by archive.decision_kinds.
    applies_to: the sub-items a collective decision covers ('6a', '6b', …) when it closes a list of them.
    """

    text: str
    decided_by: str | None = None
    kind: str | None = None  # formality, substantive, assignment or proposal (see decision_kinds)
    to_organ: str | None = None  # a decision to propose to another organ: 'Kommunfullmäktige'
    applies_to: tuple[str, ...] = ()  # the sub-items a decision closing their list covers: ('6a', '6b')
    page: int | None = None  # the page of the original on which it starts (PDFs; None for text and DOCX)


@dataclass(frozen=True)
class OcrNote:
    """A document whose text, or part of it, was read from page images by OCR."""

    pages: tuple[int, ...]  # the pages read by OCR, 1-based
    confidence: float  # the engine's mean word confidence over them, 0-100
    engine: str  # 'Tesseract 5.5.4 (swe)'


@dataclass(frozen=True)
class Attachment:
    """A file that belongs to the meeting besides its document: 'Bilaga 3 B'."""

    label: str  # 'Bilaga 3 B', or the file's name when it has no number
    source: str  # the file, relative to the document's folder
    text: str = ""
    ocr: OcrNote | None = None

    @property
    def anchor(self) -> str:
        return f"bilaga-{slug(self.label.removeprefix('Bilaga '))}" if self.label.startswith("Bilaga ") else f"fil-{slug(self.label)}"


@dataclass(frozen=True)
class Vote:
    """A vote (votering, omröstning) under a paragraph: the result as the protocol states it."""

    text: str  # 'Omröstningen utfaller med 39 Ja mot 38 Nej. Tre ledamöter avstår från att rösta.'
    yes: int | None = None
    no: int | None = None
    abstained: int | None = None


@dataclass(frozen=True)
class Reservation:
    """Members who dissented from a decision and had it recorded."""

    by: str  # as the protocol names them: 'Sandra Pilemalm (L)', 'Ledamöterna från M'
    text: str  # the whole statement: '… reserverar sig till förmån för sitt eget yrkande.'


@dataclass(frozen=True)
class Reference:
    """A mention of another meeting by its date, e.g. 'Föregående minnesanteckningar 250926'."""

    date: PartialDate
    text: str
    line: int | None = None
    organ: str | None = None  # when the text names another organ's meeting; None means the same organ


@dataclass(frozen=True)
class Item:
    """An agenda item (punkt) or a protocol paragraph (§), with its sub-items."""

    number: str
    title: str
    kind: str | None = None
    presenters: tuple[Person, ...] = ()
    text: str = ""
    decisions: tuple[Decision, ...] = ()
    proposals: tuple[Decision, ...] = ()
    items: tuple[Item, ...] = ()
    case_number: str | None = None
    line: int | None = None
    page: int | None = None  # the page of the original on which it starts (PDFs; None for text and DOCX)
    votes: tuple[Vote, ...] = ()
    reservations: tuple[Reservation, ...] = ()

    @property
    def anchor(self) -> str:
        return f"punkt-{slug(self.number)}"

    def walk(self):
        """This item and every sub-item, depth first."""
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(frozen=True)
class Meeting:
    """One document: minutes, an agenda or a protocol of one meeting of one organ."""

    organ: str | None
    date: PartialDate | None
    doc_type: DocType
    items: tuple[Item, ...] = ()
    title: str = ""
    issuer: str | None = None  # the municipality, region or authority, or the letterhead: 'Lomma kommun'
    scope: str | None = None  # the issuer's short name when the organ's name is not unique: 'Lomma'
    organ_name: str | None = None  # the organ as the document names it, without the issuer: 'Kommunstyrelsen'
    place: str | None = None
    time: str | None = None
    document_date: PartialDate | None = None
    attendees: tuple[Person, ...] = ()
    attendance: Attendance = Attendance.PRESENT
    paragraphs: str | None = None  # the range of paragraphs the protocol states: '131-138'
    references: tuple[Reference, ...] = ()
    text: str = ""  # notes' or an agenda's own text before the first item (a protocol's front is its fields)
    actions: tuple[Decision, ...] = ()  # action points agreed at the meeting ('Att göra'), each an assignment
    source: str = ""
    source_url: str | None = None
    ocr: OcrNote | None = None  # set when the text was read by OCR
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[str, ...] = ()
    field_sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @functools.cached_property  # asked for each item's id; a frozen meeting's id never changes
    def id(self) -> str:
        return meeting_id(self.organ_name or self.organ, self.date, self.doc_type, self.items, self.scope)

    def item_id(self, item: Item) -> str:
        return f"{self.id}-{item.anchor}"

    def all_items(self):
        for item in self.items:
            yield from item.walk()


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Länschefsnätverket' -> 'lanschefsnatverket'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")


def meeting_id(
    organ: str | None, date: PartialDate | None, doc_type: DocType, items=(), scope: str | None = None
) -> str:
    """The stable id: (issuer,) organ, date and document type, never file name or order.

    An organ whose name many municipalities share is prefixed by its municipality
    ('lomma-kommunstyrelsen-2025-11-19-protokoll'). A document without a date still needs an id;
    it is then taken from its item titles, which a re-export of the same document keeps.
    """
    parts = [slug(scope)] if scope else []
    parts.append(slug(organ) if organ else "okant-organ")
    if date is not None:
        parts.append(date.iso())
    else:
        titles = "|".join(f"{i.number} {i.title}" for i in items)
        parts.append("odaterad-" + hashlib.sha1(titles.encode()).hexdigest()[:8])
    parts.append(doc_type.label)
    return "-".join(parts)
