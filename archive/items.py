"""Agenda items and decisions: the numbered structure of minutes' and agendas' bodies.

Handles 1. / 1) / a) / numbered sub-items inside an item, titles wrapped over several lines, kinds
('Beslut:', 'Information/Dialog:'), presenters, case numbers under a title, an agenda's group
headings, and decision blocks: 'X beslutade' with its att-satser (decisions), 'Förslag till
beslut'/'X föreslår' (proposals), 'Beslut:'; and the action points after 'Att göra:'.
(A §-protocol's paragraphs are protocol.py's.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .clean import Gap, Line, Wrapped, join_wrapped
from .limits import MAX_ITEMS, number
from .model import Decision, DocType, Item, Person, Reservation, Vote
from .organs import match_organ
from .paragraphs import case_numbers
from .people import continues_presenters, parse_presenters

HEADING_NUMBER = re.compile(r"^(\d{1,2})\s*[.)](?!\d)\s*(?!att\b)(.*)$")
HEADING_LETTER = re.compile(r"^([a-z])\)\s+(\S.*)$")
DECISION_LABEL = re.compile(r"^Beslut(?:et)?\s*:?$", re.IGNORECASE)
AGENDA_GROUP = re.compile(rf"^(?:{rules.alternation(rules.values('agenda_groups'))})\s*:?$", re.IGNORECASE)
ACTIONS_HEADING = "Att göra:"  # markdown.py puts the action points under this line
TITLE_LINES = 6  # a title wraps over at most this many lines (a word a line in some PDFs)
MIN_TITLE_WIDTH = 30  # a title column is never narrower: a shorter 'wrapped' line is a title followed by text
WRAPPED = 0.8  # a title line this full of its column, whose next word would not fit, wrapped onto the next
SUBTITLE = rules.regex("subtitles")
LIST_INDENT = 3  # a numbered line indented this much deeper than its item is a list in its text
PRESENTER = re.compile(r"^Föredragande(?:n)?\s*:\s*(.*)$", re.IGNORECASE)
DECISION_HEAD = re.compile(
    r"^(?:Förslag till beslut\s*:?\s*)?(?P<subject>[A-ZÅÄÖ][\w –-]{1,60}?)\s+"
    r"(?P<verb>beslutade|beslöt|beslutar|föreslår|föreslog|föreslås besluta)\s*:?\s*(?P<rest>att(?:\s.*)?)?$"
)
PROPOSAL_HEAD = re.compile(r"^Förslag till beslut\s*:?$", re.IGNORECASE)
ATT = re.compile(r"^(?:(\d{1,2})[.)]\s*)?att\s+\S")
BULLETED_ATT = re.compile(r"^[•–]\s+(?=att\s)")
POINT = re.compile(r"^\d{1,2}[.)]\s+\S")  # a numbered decision point without 'att', as protocols write them
KIND = re.compile(
    r"^(?P<kind>(?:(?:skriftlig|muntlig|preliminär)\s+)?"
    r"(?:information|beslut|dialog|rapport|diskussion|redovisning|återrapportering|delgivning|presentation)"
    r"(?:\s*/\s*(?:information|beslut|dialog|rapport|diskussion|redovisning))*)\s*:\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
FUNCTION_WORDS = {
    "och", "eller", "samt", "för", "om", "i", "av", "till", "med", "inom", "kring", "mellan", "på", "vid",
    "från", "en", "ett", "den", "det", "de", "att", "som", "mot", "under", "efter", "avseende", "gällande",
    "angående", "beträffande", "rörande", "inför", "enligt", "genom", "hos", "bland", "utan", "åt", "per",
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
    votes: list[Vote] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    indent: int | None = None  # where the heading's line began, in a layout extraction

    def freeze(self) -> Item:
        text = "\n\n".join(p for p in [reflow(self.body)] + ["\n".join(l.text for l in t) for t in self.tables] if p)
        return Item(
            number=self.number, title=self.title, kind=self.kind, presenters=tuple(self.presenters), text=text,
            decisions=tuple(self.decisions), proposals=tuple(self.proposals),
            items=tuple(child.freeze() for child in self.children), case_number=self.case_number, line=self.line,
            votes=tuple(self.votes), reservations=tuple(self.reservations),
        )


@dataclass
class Body:
    """The result of reading a document's body."""

    items: list[Item]
    warnings: list[str]
    decision_subjects: list[str]
    actions: list[Decision] = field(default_factory=list)


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
        self.protocol = doc_type is DocType.PROTOCOL  # a sidecar's word: then 'X beslutar' is a decision taken
        self.i = 0
        self.tops: list[Draft] = []
        self.current: Draft | None = None
        self.warnings: list[str] = []
        self.subjects: list[str] = []
        self.actions: list[Decision] = []
        self.in_actions = False
        self.title_width = _title_width(lines)
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
        return Body([d.freeze() for d in drafts], self.warnings, self.subjects, self.actions)

    def _read_line(self, line: Line) -> None:
        text = line.text
        if text == ACTIONS_HEADING or self.in_actions:
            self._read_action(line)
        elif line.table:
            self._read_table(line)
        elif self._below_item_limit(line) and self._heading(line):
            pass
        elif self.current is None:
            self.warnings.append(f"rad {line.number}: text före första punkten: '{_short(text)}'")
        elif AGENDA_GROUP.match(text):
            pass  # 'Egna beslutsärenden': a heading over the next items, not part of this one
        elif match := PRESENTER.match(text):
            self._read_presenters(match.group(1))
        elif not self.current.case_number and (found := case_numbers(text)):
            self.current.case_number = found
            if found != text.removeprefix("Dnr").strip(" :"):
                self.current.body.append(line)
        elif PROPOSAL_HEAD.match(text):
            pass  # 'Förslag till beslut': the tense of the block that follows says what it is
        elif DECISION_LABEL.match(text):
            target = self.current.proposals if self.doc_type is DocType.AGENDA else self.current.decisions
            self._read_satser(target, None, None)
        elif (match := decision_head(text)) and match.group("rest") and match.group("verb") in ("beslutade", "beslöt"):
            self._read_narrated(line, match)
        elif match := decision_head(text):
            self._read_decision_block(match)
        else:
            self.current.body.append(line)

    def _read_action(self, line: Line) -> None:
        """An action point after 'Att göra:': an assignment of the meeting, not an item."""
        self.in_actions = True
        text = line.text
        if text == ACTIONS_HEADING:
            return
        point = re.sub(r"^(?:•\s*|–\s*|\d{1,2}[.)]\s+)", "", text)
        if self.actions and point == text and not text[:1].isupper():
            last = self.actions[-1]
            self.actions[-1] = Decision(join_wrapped(last.text, text), kind="assignment")
        else:
            self.actions.append(Decision(point, kind="assignment"))

    def _heading(self, line: Line) -> bool:
        """Start a new item or sub-item if this line is the heading of one."""
        if match := HEADING_NUMBER.match(line.text):
            number, title = int(match.group(1)), match.group(2).strip()
            top = self.tops[-1] if self.tops else None
            if top is not None and self._in_a_list(line, top):
                return False
            if top is None or number == int(top.number) + 1:
                self._start(Draft(str(number), "", line.number), level=0, line=line)
            elif number == self._next_numeric_child(top):
                self._start(Draft(f"{top.number}.{number}", "", line.number, level=1), level=1, line=line)
            elif number > int(top.number) + 1 and number <= int(top.number) + 3 and _looks_like_title(title):
                self.warnings.append(f"rad {line.number}: punkt {number} följer på punkt {top.number}")
                self._start(Draft(str(number), "", line.number), level=0, line=line)
            else:
                return False
            self._set_title(title or self._take_title_line())
            return True
        if (match := HEADING_LETTER.match(line.text)) and self.tops and not self._in_a_list(line, self.tops[-1]):
            top = self.tops[-1]
            self._start(Draft(f"{top.number}{match.group(1)}", "", line.number, level=1), level=1, line=line)
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

    def _in_a_list(self, line: Line, top: Draft) -> bool:
        """'1) Distribution' under 'Två sätt att ange:', or indented under its item, or after another
        entry of such a list: a list in the text."""
        previous = self.lines[self.i - 2].text if self.i >= 2 else ""
        if previous.endswith(":") and self.current is not None and (self.current.body or self.current.title):
            return not HEADING_NUMBER.match(previous)
        body = self.current.body if self.current is not None else []
        if body and body[-1].text == previous and (HEADING_NUMBER.match(previous) or HEADING_LETTER.match(previous)):
            return True  # the entry before it was one of a list in the text
        indent = line.offsets[0] if line.offsets else None
        return indent is not None and top.indent is not None and indent >= top.indent + LIST_INDENT

    def _next_numeric_child(self, top: Draft) -> int:
        """A numbered sub-item starts at 1 right under its parent's title, before any text of its own."""
        numeric = [c for c in top.children if "." in c.number]
        if len(numeric) != len(top.children) or (not numeric and (top.body or top.decisions or top.proposals)):
            return -1
        return len(numeric) + 1

    def _start(self, draft: Draft, level: int, line: Line | None = None) -> None:
        self.started += 1
        draft.indent = line.offsets[0] if line is not None and line.offsets else None
        if level == 0:
            self.tops.append(draft)
        else:
            self.tops[-1].children.append(draft)
        self.current = draft

    def _take_title_line(self) -> str:
        if self.i < len(self.lines) and not self._structural(self.lines[self.i].text):
            self.i += 1
            return self.lines[self.i - 1].text
        return ""

    def _set_title(self, title: str) -> None:
        """Take the heading's wrapped lines too, then split off the kind ('Beslut: …')."""
        taken = 0
        last = title
        while self.i < len(self.lines) and taken < TITLE_LINES and _continues_title(title, last, self.lines[self.i], self.title_width):
            if self._structural(self.lines[self.i].text):
                break
            last = self.lines[self.i].text
            title = join_wrapped(title, last)
            self.i += 1
            taken += 1
        title = tidy_title(title)
        if match := KIND.match(title):
            self.current.kind = normalise_kind(match.group("kind"))
            title = match.group("title").strip()
        self.current.title = title

    def _structural(self, text: str) -> bool:
        return bool(
            HEADING_NUMBER.match(text) and not ATT.match(text)
            or HEADING_LETTER.match(text)
            or PRESENTER.match(text)
            or PROPOSAL_HEAD.match(text)
            or DECISION_LABEL.match(text)
            or decision_head(text)
            or ATT.match(text)
            or text == ACTIONS_HEADING
            or case_numbers(text)
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
        proposed = head.group(0).lower().startswith("förslag till beslut")
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
            text = BULLETED_ATT.sub("", line.text)  # '• att …' in notes: the bullet is the list's, the sats is the text
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


def _continues_title(title: str, last: str, line: Line, width: int) -> bool:
    """Does the line carry on the title? A lower-case start, an open end (a comma, a function word, an
    unclosed bracket or quote), or a line so full that the next word had to wrap."""
    text = line.text
    if line.table or len(text) > 120 or SUBTITLE.fullmatch(text) or text.startswith(("•", "–", "#")):
        return False
    last_word = title.rstrip().split()[-1].lower() if title.strip() else ""
    if (
        text[:1].islower()
        or text.startswith("(")
        or title.rstrip().endswith((",", "–", "-", "&"))
        or last_word in FUNCTION_WORDS
        or title.count("(") > title.count(")")
        or title.count("”") % 2 == 1 and "”" in text
    ):
        return True
    if last.rstrip().endswith((".", "!", "?", ":")) or line.gap >= Gap.LINE:
        return False
    return len(last) >= width * WRAPPED and len(last) + 1 + len(text.split()[0]) > width and len(text) <= width


def _title_width(lines: list[Line]) -> int:
    """How long an item's title line gets before it wraps: the longest heading line that wrapped."""
    wrapped = [
        len(HEADING_NUMBER.match(a.text).group(2)) for a, b in zip(lines, lines[1:])
        if HEADING_NUMBER.match(a.text) and b.text[:1].islower() and len(b.text) <= 120
    ]
    width = max(wrapped, default=0)
    return width if width >= MIN_TITLE_WIDTH else 10_000  # no title column narrower than that: no wrapping seen


def tidy_title(title: str) -> str:
    """A title without the leftovers of its line: a trailing comma, a closing quote whose opening one
    is not in the title ('… samsjuklighet och Minimaria”')."""
    title = title.strip().rstrip(",").strip()
    for opening, closing in (("“", "”"), ("„", "”"), ('"', '"')):
        if title.endswith(closing) and title.count(closing) + (title.count(opening) if opening != closing else 0) == 1:
            title = title[:-1].rstrip()
    return title


def _looks_like_title(text: str) -> bool:
    return bool(text) and len(text) < 120 and not text.endswith(".") and text[:1].isupper()


def _ends_open(text: str) -> bool:
    last = text.rstrip().split()[-1].lower() if text.strip() else ""
    return last in FUNCTION_WORDS or text.rstrip().endswith((",", "-", "–"))


def _refers_to_table(draft: Draft) -> bool:
    return any(re.search(r"\bnedanstående\b|\bnedan\b|\btabell", line.text, re.IGNORECASE) for line in draft.body)


def normalise_kind(kind: str) -> str:
    parts = [p.strip() for p in kind.split("/")]
    return "/".join(p[:1].upper() + p[1:].lower() for p in parts)


def _tidy(sats: str) -> str:
    return "\n".join(" ".join(part.split()) for part in sats.split("\n"))


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
