"""Agenda items and decisions: the numbered structure of a document's body.

Handles 1. / a) / numbered sub-items inside an item / § paragraphs of protocols, titles wrapped
over several lines, kinds ('Beslut:', 'Information/Dialog:'), presenters, and decision blocks:
'X beslutade' with its att-satser (decisions), 'Förslag till beslut'/'X föreslår' (proposals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Gap, Line, Wrapped, join_wrapped
from .limits import MAX_ITEMS, number
from .model import Decision, DocType, Item, Person
from .organs import match_organ
from .people import continues_presenters, parse_presenters

HEADING_NUMBER = re.compile(r"^(\d{1,2})\s*\.(?!\d)\s*(?!att\b)(.*)$")
HEADING_LETTER = re.compile(r"^([a-z])\)\s+(\S.*)$")
HEADING_PARAGRAPH = re.compile(r"^§\s*(\d{1,4})\b\s*(.*)$")
PRESENTER = re.compile(r"^Föredragande(?:n)?\s*:\s*(.*)$", re.IGNORECASE)
DECISION_HEAD = re.compile(
    r"^(?:Förslag till beslut\s*:?\s*)?(?P<subject>[A-ZÅÄÖ][\w –-]{1,60}?)\s+"
    r"(?P<verb>beslutade|beslöt|beslutar|föreslår|föreslog|föreslås besluta)\s*:?\s*(?P<rest>att(?:\s.*)?)?$"
)
PROPOSAL_HEAD = re.compile(r"^Förslag till beslut\s*:?$", re.IGNORECASE)
ATT = re.compile(r"^(?:(\d{1,2})[.)]\s*)?att\s+\S")
POINT = re.compile(r"^\d{1,2}[.)]\s+\S")  # a numbered decision point without 'att', as protocols write them
CASE_NUMBER = re.compile(r"^(?:Dnr|Diarienummer|Diarienr)\.?\s*:?\s*(\S.*)$", re.IGNORECASE)
PROTOCOL_SECTION = re.compile(
    r"^(Beslut|Förslag till beslut|[\w ]+s förslag(?: till beslut)?|Beslutsunderlag|Sammanfattning(?: av ärendet)?"
    r"|Ärendet|Ärendebeskrivning|Bakgrund|Yrkanden?|Propositionsordning|Beslutsgång|Reservation(?:er)?"
    r"|Protokollsanteckning(?:ar)?|Expedieras till|Skickas till|Beslutet skickas till|Jäv)\s*:?$",
    re.IGNORECASE,
)
KIND = re.compile(
    r"^(?P<kind>(?:(?:skriftlig|muntlig|preliminär)\s+)?"
    r"(?:information|beslut|dialog|rapport|diskussion|redovisning|återrapportering|delgivning|presentation)"
    r"(?:\s*/\s*(?:information|beslut|dialog|rapport|diskussion|redovisning))*)\s*:\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
FUNCTION_WORDS = {
    "och", "eller", "samt", "för", "om", "i", "av", "till", "med", "inom", "kring", "mellan", "på", "vid",
    "från", "en", "ett", "den", "det", "de", "att", "som", "mot", "under", "efter", "avseende", "gällande",
}
TERMINAL = (".", "!", "?")
ORGAN_ENDINGS = ("gruppen", "nätverket", "rådet", "nämnden", "styrelsen", "fullmäktige", "utskottet", "mötet")


@dataclass
class Draft:
    """An item while it is being read; frozen into an Item at the end."""

    number: str
    title: str
    line: int
    kind: str | None = None
    presenters: list[Person] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    proposals: list[Decision] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)
    tables: list[list[Line]] = field(default_factory=list)
    narrated: list[tuple[Line, Decision]] = field(default_factory=list)  # 'X beslutade att …' in running text
    case_number: str | None = None
    level: int = 0  # 0 an item, 1 a sub-item: fewer than limits.MAX_DEPTH levels

    def freeze(self) -> Item:
        text = "\n\n".join(p for p in [reflow(self.body)] + ["\n".join(l.text for l in t) for t in self.tables] if p)
        return Item(
            number=self.number, title=self.title, kind=self.kind, presenters=tuple(self.presenters), text=text,
            decisions=tuple(self.decisions), proposals=tuple(self.proposals),
            items=tuple(child.freeze() for child in self.children), case_number=self.case_number, line=self.line,
        )


@dataclass
class Body:
    """The result of reading a document's body."""

    items: list[Item]
    warnings: list[str]
    decision_subjects: list[str]


def decision_head(text: str) -> re.Match | None:
    """'Länschefsnätverket beslutade:', 'Styrgruppen föreslår' (not 'Det beslutades att …')."""
    match = DECISION_HEAD.match(text)
    if not match:
        return None
    subject = match.group("subject").strip()
    words = subject.split()
    last = words[-1].lower()
    if match_organ(words[0]) or (len(words) <= 5 and (last.endswith(ORGAN_ENDINGS) or match_organ(words[-1]))):
        return match
    return None


def is_protocol(lines: list[Line]) -> bool:
    return sum(bool(HEADING_PARAGRAPH.match(line.text)) for line in lines) >= 2


def decision_tense(lines: list[Line]) -> tuple[int, int]:
    """How many decision blocks are in the past tense (taken) and how many in the present (proposed)."""
    past = present = 0
    for line in lines:
        if match := decision_head(line.text):
            verb = match.group("verb")
            past += verb in ("beslutade", "beslöt")
            present += verb in ("beslutar", "föreslås besluta")
    return past, present


class BodyReader:
    """Reads the lines from the first item to the end of the document into items."""

    def __init__(self, lines: list[Line], doc_type: DocType):
        self.lines = lines
        self.doc_type = doc_type
        self.protocol = doc_type is DocType.PROTOCOL
        self.i = 0
        self.tops: list[Draft] = []
        self.current: Draft | None = None
        self.warnings: list[str] = []
        self.subjects: list[str] = []
        self.section: str | None = None  # the protocol section we are in: 'Beslut', 'Förslag till beslut', …
        self.break_before_next = False
        self.started = 0  # items and sub-items

    # --- reading --------------------------------------------------------------------------

    def read(self) -> Body:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            self._read_line(line)
        drafts = self.tops
        for draft in (d for top in drafts for d in (top, *top.children)):
            _adopt_narrated(draft)
        self._relocate_tables(drafts)
        self._warn_unanswered_proposals(drafts)
        return Body([d.freeze() for d in drafts], self.warnings, self.subjects)

    def _read_line(self, line: Line) -> None:
        text = line.text
        if line.table:
            self._read_table(line)
        elif self._below_item_limit(line) and self._heading(line):
            pass
        elif self.current is None:
            self.warnings.append(f"rad {line.number}: text före första punkten: '{_short(text)}'")
        elif match := PRESENTER.match(text):
            self._read_presenters(match.group(1))
        elif self.protocol and (section := PROTOCOL_SECTION.match(text)):
            self._enter_section(line, section.group(1).lower())
        elif self.protocol and (match := CASE_NUMBER.match(text)) and not self.current.case_number:
            self.current.case_number = match.group(1).strip()
        elif PROPOSAL_HEAD.match(text):
            pass  # 'Förslag till beslut': the tense of the block that follows says what it is
        elif (match := decision_head(text)) and match.group("rest") and not self.protocol:
            self._read_narrated(line, match)
        elif match := decision_head(text):
            self._read_decision_block(match)
        elif self.protocol and self.section == "beslut" and (ATT.match(text) or POINT.match(text)):
            self._read_satser(self.current.decisions, None, text)
        elif self.protocol and self.section and "förslag" in self.section and ATT.match(text):
            self._read_satser(self.current.proposals, None, text)
        else:
            if self.break_before_next:
                line = Line(line.number, line.text, Gap.PAGE, line.table)
                self.break_before_next = False
            self.current.body.append(line)

    def _enter_section(self, line: Line, section: str) -> None:
        """A protocol's section heading ('Beslutsunderlag'). The decision sections yield decisions;
        the others stay in the text as a heading of their own paragraph."""
        self.section = section
        if section != "beslut" and "förslag" not in section:
            self.current.body.append(Line(line.number, line.text, Gap.PAGE))
            self.break_before_next = True

    def _heading(self, line: Line) -> bool:
        """Start a new item or sub-item if this line is the heading of one."""
        if self.protocol:
            if match := HEADING_PARAGRAPH.match(line.text):
                self._start(Draft(match.group(1), "", line.number), level=0)
                rest = match.group(2).strip()
                if match := CASE_NUMBER.match(rest):
                    self.current.case_number, rest = match.group(1).strip(), ""
                if rest:
                    self._set_title(rest)
                return True
            if self.current is not None and not self.current.title and not CASE_NUMBER.match(line.text):
                if not PROTOCOL_SECTION.match(line.text):
                    self._set_title(line.text)
                    return True
            return False
        if match := HEADING_NUMBER.match(line.text):
            number, title = int(match.group(1)), match.group(2).strip()
            top = self.tops[-1] if self.tops else None
            if top is None or number == int(top.number) + 1:
                self._start(Draft(str(number), "", line.number), level=0)
            elif number == self._next_numeric_child(top):
                self._start(Draft(f"{top.number}.{number}", "", line.number, level=1), level=1)
            elif number > int(top.number) + 1 and number <= int(top.number) + 3 and _looks_like_title(title):
                self.warnings.append(f"rad {line.number}: punkt {number} följer på punkt {top.number}")
                self._start(Draft(str(number), "", line.number), level=0)
            else:
                return False
            self._set_title(title or self._take_title_line())
            return True
        if (match := HEADING_LETTER.match(line.text)) and self.tops:
            top = self.tops[-1]
            self._start(Draft(f"{top.number}{match.group(1)}", "", line.number, level=1), level=1)
            self._set_title(match.group(2))
            return True
        return False

    def _below_item_limit(self, line: Line) -> bool:
        """Whether another item may start; after MAX_ITEMS the rest is the last item's text (said once)."""
        if self.started < MAX_ITEMS:
            return True
        if self.started == MAX_ITEMS:
            self.warnings.append(f"rad {line.number}: fler än {number(MAX_ITEMS)} punkter; "
                                 "resten av dokumentet läses som text i den sista")
            self.started += 1
        return False

    def _next_numeric_child(self, top: Draft) -> int:
        numeric = [c for c in top.children if "." in c.number]
        if len(numeric) != len(top.children):
            return -1
        return len(numeric) + 1

    def _start(self, draft: Draft, level: int) -> None:
        self.started += 1
        if level == 0:
            self.tops.append(draft)
        else:
            self.tops[-1].children.append(draft)
        self.current = draft
        self.section = None

    def _take_title_line(self) -> str:
        if self.i < len(self.lines) and not self._structural(self.lines[self.i].text):
            self.i += 1
            return self.lines[self.i - 1].text
        return ""

    def _set_title(self, title: str) -> None:
        """Take the heading's wrapped lines too, then split off the kind ('Beslut: …')."""
        taken = 0
        while self.i < len(self.lines) and taken < 3 and _continues_title(title, self.lines[self.i]):
            if self._structural(self.lines[self.i].text):
                break
            title = join_wrapped(title, self.lines[self.i].text)
            self.i += 1
            taken += 1
        title = title.strip().rstrip(",").strip()
        if match := KIND.match(title):
            self.current.kind = _normalise_kind(match.group("kind"))
            title = match.group("title").strip()
        self.current.title = title

    def _structural(self, text: str) -> bool:
        return bool(
            HEADING_NUMBER.match(text) and not ATT.match(text) and not self.protocol
            or HEADING_LETTER.match(text) and not self.protocol
            or HEADING_PARAGRAPH.match(text)
            or PRESENTER.match(text)
            or PROPOSAL_HEAD.match(text)
            or decision_head(text)
            or ATT.match(text)
            or (self.protocol and (PROTOCOL_SECTION.match(text) or CASE_NUMBER.match(text)))
        )

    def _read_presenters(self, first: str) -> None:
        parts = [first.strip()]  # joined once at the end: joining as they come was quadratic
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.table or self._structural(line.text) or not continues_presenters(parts[-1], line.text):
                break
            joiner = " " if parts[-1].endswith(",") or line.text[:1].islower() else ", "
            parts.append(joiner + line.text)
            self.i += 1
        self.current.presenters.extend(parse_presenters("".join(parts)))

    def _read_table(self, first: Line) -> None:
        block = [first]
        while self.i < len(self.lines) and self.lines[self.i].table:
            block.append(self.lines[self.i])
            self.i += 1
        if self.current is None:
            self.warnings.append(f"rad {first.number}: tabell före första punkten")
            return
        self.current.tables.append(block)

    # --- decisions ------------------------------------------------------------------------

    def _read_decision_block(self, head: re.Match) -> None:
        verb = head.group("verb")
        subject = head.group("subject").strip()
        decided_by = match_organ(subject) or subject
        proposed = head.group(0).lower().startswith("förslag till beslut") or "förslag" in (self.section or "")
        # The past tense records a decision; the present tense proposes one, except in a protocol's Beslut.
        taken = verb in ("beslutade", "beslöt") or (self.protocol and verb == "beslutar" and not proposed)
        if verb.startswith("beslut") and match_organ(subject):
            self.subjects.append(match_organ(subject))
        target = self.current.decisions if taken else self.current.proposals
        first = head.group("rest")
        if first and first.strip() == "att":  # 'X beslutar att' followed by numbered points
            first = None
        self._read_satser(target, decided_by, first)

    def _read_narrated(self, line: Line, head: re.Match) -> None:
        """'Länschefsnätverket beslutade att anta avtalet.' in running text: a decision only if the item
        has no formal decision block (minutes often narrate a decision and then state it formally)."""
        self.current.body.append(line)
        if head.group("verb") in ("beslutade", "beslöt"):
            subject = head.group("subject").strip()
            self.current.narrated.append((line, Decision(_tidy(head.group("rest")), match_organ(subject) or subject)))

    def _read_satser(self, target: list[Decision], decided_by: str | None, first: str | None) -> None:
        """The att-satser after a decision head: one or many, numbered or not, wrapped over lines and pages."""
        satser: list[Wrapped] = [Wrapped(first.strip())] if first else []
        listing = False  # inside a list that an att-sats opened with a colon
        pointed = False  # the current att-sats has numbered points of its own
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text
            att = ATT.match(text)
            if line.table or (not att and self._structural(text)):
                break
            if att:
                numbered = att.group(1) is not None
                if numbered and satser and (pointed or satser[-1].endswith(":")):
                    satser[-1].new_line(text)
                    pointed = True
                else:
                    satser.append(Wrapped(text))
                    pointed = False
                listing = False
            elif not satser:
                if self.protocol and POINT.match(text):
                    satser.append(Wrapped(text))
                elif text[:1].islower():
                    satser.append(Wrapped(text))
                else:
                    break
            elif listing or satser[-1].endswith(":"):
                satser[-1].new_line(text)
                listing = True
            elif self.protocol and POINT.match(text):
                satser.append(Wrapped(text))
            elif satser[-1].endswith(TERMINAL):
                break
            elif line.gap >= Gap.PARA and text[:1].isupper() and not _ends_open(satser[-1].tail()):
                break
            else:
                satser[-1].wrap(text)
            self.i += 1
        if not satser:
            self.warnings.append(f"rad {self.lines[self.i - 1].number}: beslutsformel utan att-sats")
        target.extend(Decision(_tidy(str(s)), decided_by) for s in satser)

    # --- after reading --------------------------------------------------------------------

    def _relocate_tables(self, drafts: list[Draft]) -> None:
        """A table the PDF placed in another item goes back to the item that refers to it ('nedanstående')."""
        flat = [d for top in drafts for d in (top, *top.children)]
        for index, draft in enumerate(flat):
            if not draft.tables or _refers_to_table(draft):
                continue
            home = next((d for d in reversed(flat[:index]) if _refers_to_table(d) and not d.tables), None)
            if home is None:
                continue
            home.tables, draft.tables = draft.tables, []
            self.warnings.append(
                f"rad {home.tables[0][0].number}: tabellen som PDF:en placerat i punkt {draft.number} "
                f"har flyttats till punkt {home.number}, som hänvisar till den"
            )

    def _warn_unanswered_proposals(self, drafts: list[Draft]) -> None:
        if self.doc_type is DocType.AGENDA:
            return
        for top in drafts:
            for draft in (top, *top.children):
                if draft.proposals and not draft.decisions:
                    self.warnings.append(
                        f"punkt {draft.number}: förslag till beslut men inget fattat beslut i dokumentet"
                    )


def _adopt_narrated(draft: Draft) -> None:
    if draft.narrated and not draft.decisions:
        draft.decisions = [decision for _line, decision in draft.narrated]
        narrated_lines = {id(line) for line, _decision in draft.narrated}
        draft.body = [line for line in draft.body if id(line) not in narrated_lines]


def read_body(lines: list[Line], doc_type: DocType) -> Body:
    return BodyReader(lines, doc_type).read()


def reflow(lines: list[Line]) -> str:
    """Body lines -> paragraphs: wrapped lines joined, bullets and paragraph breaks kept."""
    paragraphs: list[Wrapped] = []
    last_length = 0
    for line in lines:
        text = line.text
        if paragraphs and not _starts_paragraph(paragraphs[-1], last_length, line):
            paragraphs[-1].wrap(text)
        else:
            paragraphs.append(Wrapped(text))
        last_length = len(text)
    return "\n\n".join(map(str, paragraphs))


def _starts_paragraph(previous: Wrapped, previous_line_length: int, line: Line) -> bool:
    text = line.text
    if text.startswith(("• ", "– ")) or previous.startswith(("• ", "– ")) and text[:1].isupper():
        return True
    continuation = text[:1].islower() and not previous.endswith(TERMINAL)
    if line.gap >= Gap.PARA:
        return not continuation
    # A long line that ends a sentence was a whole paragraph (no wrapping in the source).
    return previous.endswith(TERMINAL) and previous_line_length > 110 and not continuation


def _continues_title(title: str, line: Line) -> bool:
    text = line.text
    if line.table or len(text) > 120:
        return False
    last_word = title.rstrip().split()[-1].lower() if title.strip() else ""
    return (
        text[:1].islower()
        or text.startswith("(")
        or title.rstrip().endswith((",", "–", "-", "&"))
        or last_word in FUNCTION_WORDS
        or title.count("(") > title.count(")")
        or title.count("”") % 2 == 1 and "”" in text
    )


def _looks_like_title(text: str) -> bool:
    return bool(text) and len(text) < 120 and not text.endswith(".") and text[:1].isupper()


def _ends_open(text: str) -> bool:
    last = text.rstrip().split()[-1].lower() if text.strip() else ""
    return last in FUNCTION_WORDS or text.rstrip().endswith((",", "-", "–"))


def _refers_to_table(draft: Draft) -> bool:
    return any(re.search(r"\bnedanstående\b|\bnedan\b|\btabell", line.text, re.IGNORECASE) for line in draft.body)


def _normalise_kind(kind: str) -> str:
    parts = [p.strip() for p in kind.split("/")]
    return "/".join(p[:1].upper() + p[1:].lower() for p in parts)


def _tidy(sats: str) -> str:
    return "\n".join(" ".join(part.split()) for part in sats.split("\n"))


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
