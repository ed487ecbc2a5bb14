"""The debris of PDF extraction: blank page-break runs, page furniture, bullets, stray Markdown, hyphenation."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import IntEnum

from . import rules
from .dates import find_dates
from .limits import MAX_WORD_CHARS
from .organs import organ_heading


class Gap(IntEnum):
    """What separated a line from the one before it, weakest first."""

    NONE = 0   # the next line of the same block
    LINE = 1   # empty lines only (some extractors put one between every line)
    PARA = 2   # a whitespace-only line: the extractor's paragraph mark
    PAGE = 3   # a page break, or a long run of blank lines that stands for one


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the extracted text, for warnings
    text: str
    gap: Gap = Gap.NONE
    table: bool = False  # part of a table block (see mark_tables)
    columns: tuple[str, ...] = ()  # the parts a layout set apart with wide space: ('§ 131', 'KS KF/2025:6')
    offsets: tuple[int, ...] = ()  # where each part began in the printed line (its first part's indent)


@dataclass
class CleanText:
    """The lines of a document, and the running headers taken out of them (organ, date, 'PROTOKOLL')."""

    lines: list[Line]
    running: list[Line] = field(default_factory=list)


PAGE_RUN = 4  # this many blank lines in a row are a page break, not a paragraph

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width marks, BOM
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
# Control characters no document means, that XML (DOCX, Atom) cannot hold: C0 but tab, line and page
# breaks; DEL and C1; lone surrogates; U+FFFE/U+FFFF. A vertical tab is Word's line break in exported text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BULLETS = re.compile(r"^[•●▪■◦○‣∙·\uf0b7\uf0a7\uf076]\s*")
DASH_BULLET = re.compile(r"^[–—-]\s+(?=\S)")
LETTER_BULLET = re.compile(r"^o\s+(?=[A-ZÅÄÖ])")  # Word's 'o' bullet, as a text export writes it
# Bold runs to the next marker of its kind, never past it: '.+?' scanned to the end of the line from
# every unclosed '**', quadratic in the line's length.
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
PAGE_FURNITURE = rules.regex("furniture")
ITEM_START = re.compile(r"^(?:\d{1,2}\.\s+\S|(?:[A-ZÅÄÖ]{1,8}\s+)?§\s*\d|\d{1,4}\s*§(?:\s|$))")  # where the running page header can no longer come from
BARE_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")


def normalise(text: str) -> str:
    """Unicode and white-space normalisation that never changes what a word says."""
    text = unicodedata.normalize("NFC", without_controls(text.replace("\r\n", "\n").replace("\r", "\n")))
    # str.replace, character by character: a pattern of these characters costs ten times as much on a long text
    for mark in INVISIBLE:
        text = text.replace(mark, "")
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    for space in NO_BREAK_SPACES:
        text = text.replace(space, " ")
    return text


def without_controls(text: str) -> str:
    """Text without CONTROL_CHARACTERS; a vertical tab becomes a line break."""
    return CONTROL_CHARACTERS.sub("", text.replace("\x0b", "\n"))


def clean(text: str) -> list[Line]:
    """Extracted text -> non-blank lines, each knowing what gap stood before it."""
    return clean_text(text).lines


def clean_text(text: str) -> CleanText:
    """The lines without page furniture, and the running headers that were among it."""
    lines = _lines_with_gaps(normalise(text))
    lines = _drop_signing_pages(lines)
    lines, running = _drop_page_furniture(lines)
    lines = _merge_lone_bullets(lines)
    return CleanText(mark_tables(lines), running)


def _lines_with_gaps(text: str) -> list[Line]:
    result: list[Line] = []
    blanks = 0
    spaced = page = False
    for number, raw_line in enumerate(text.split("\n"), start=1):
        for part, raw in enumerate(raw_line.split("\f")):  # a form feed is a page break, even mid-line
            page = page or part > 0
            stripped = raw.strip()
            if not stripped:
                blanks += 1 if part == 0 else 0
                spaced = spaced or bool(raw)
                continue
            if page or blanks >= PAGE_RUN:
                gap = Gap.PAGE
            elif spaced:
                gap = Gap.PARA
            elif blanks:
                gap = Gap.LINE
            else:
                gap = Gap.NONE
            columns, offsets = _columns(raw)
            result.append(Line(number, _clean_line(stripped), gap, columns=columns, offsets=offsets))
            blanks, spaced, page = 0, False, False
    return [line for line in result if line.text]


def _clean_line(text: str) -> str:
    if "*" in text or "__" in text:  # scanning for emphasis costs more than the rest of the line's cleaning
        text = MARKDOWN_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = BULLETS.sub("• ", text)
    text = LETTER_BULLET.sub("• ", text)
    text = DASH_BULLET.sub("– ", text)
    if "  " in text:
        text = SPACES.sub(" ", text)  # tabs survive: they separate table cells
    return join_split_words(text.strip())


def _columns(raw: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The parts of a layout line that wide space sets apart, and where each began; a line of one part
    gives no parts but its indent. A tab table keeps its tabs instead."""
    if "\t" in raw:
        return (), ()
    if "   " not in raw.strip():
        indent = len(raw) - len(raw.lstrip())
        return (), (indent,) if raw.strip() else ()
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", raw)]
    if len(spans) < 2:
        return (), tuple(start for start, _part in spans[:1])
    return tuple(_clean_line(part) for _start, part in spans), tuple(start for start, _part in spans)


SIGNING_PAGE = rules.regex("signing_pages")


def _drop_signing_pages(lines: list[Line]) -> list[Line]:
    """An e-signing service's pages appended after the last item ('Verification', 'Signing parties'):
    from such a page on, the document is the signing record, not the meeting."""
    first_item = next((i for i, line in enumerate(lines) if ITEM_START.match(line.text)), len(lines))
    for i in range(first_item + 1, len(lines)):
        if lines[i].gap == Gap.PAGE and SIGNING_PAGE.fullmatch(lines[i].text):
            return lines[:i]
    return lines


def _drop_page_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Page headers and footers, wherever they land: the kept lines, and the running headers dropped.

    'Sida 3 (12)' and 'Justerandes signatur' always go, as does every line of a layout whose parts
    are all furniture. The lines that open the document (organ, 'PROTOKOLL', the meeting date) go
    too when they come back next to such furniture, for that is the running page header, and so do
    header-like lines (a date, an organ, 'Protokoll nr 2') that come back page after page. A bare
    number goes only at a page break.
    """
    furniture = {i for i, line in enumerate(lines) if is_furniture(line)}
    first_item = next((i for i, line in enumerate(lines) if ITEM_START.match(line.text)), len(lines))
    header = {line.text for line in lines[: min(8, first_item)]}
    for i in sorted(furniture):
        for j in range(max(first_item, i - 4), min(len(lines), i + 5)):
            if lines[j].text in header:
                furniture.add(j)
    running = _running_headers(lines, first_item)
    furniture |= running
    for i, line in enumerate(lines):
        at_break = line.gap == Gap.PAGE or (i + 1 < len(lines) and lines[i + 1].gap == Gap.PAGE)
        if at_break and BARE_PAGE_NUMBER.match(line.text):
            furniture.add(i)
    kept: list[Line] = []
    pending_gap = Gap.NONE
    for i, line in enumerate(lines):
        if i in furniture:
            pending_gap = max(pending_gap, line.gap, Gap.PAGE)
            continue
        line = _without_furniture_parts(line)
        kept.append(replace(line, gap=max(line.gap, pending_gap)) if pending_gap else line)
        pending_gap = Gap.NONE
    seen: set[str] = set()
    dropped = [lines[i] for i in sorted(running) if not (lines[i].text in seen or seen.add(lines[i].text))]
    return kept, dropped


def is_furniture(line: Line) -> bool:
    """Page furniture, as a whole line or as every part of a layout line ('KS  Sida 3 av 14')."""
    if PAGE_FURNITURE.fullmatch(line.text):
        return True
    return bool(line.columns) and all(PAGE_FURNITURE.fullmatch(part) for part in line.columns)


def _without_furniture_parts(line: Line) -> Line:
    """'Plats:   Sida 1 av 14' -> 'Plats:': the page number printed beside a field is not its value."""
    if not line.columns or not any(PAGE_FURNITURE.fullmatch(part) for part in line.columns):
        return line
    kept = [(part, at) for part, at in zip(line.columns, line.offsets) if not PAGE_FURNITURE.fullmatch(part)]
    parts, offsets = tuple(p for p, _ in kept), tuple(a for _, a in kept)
    return Line(line.number, " ".join(parts), line.gap, line.table, parts if len(parts) > 1 else (), offsets[:len(parts) if len(parts) > 1 else 1])


HEADER_PARTS = re.compile(r"\s{2,}|:\s*")
RUNNING_REPEATS = 3  # a header-like line printed this often is the running page header
HEADER_WORDS = re.compile(
    rf"\b(?:{rules.alternation(rules.mapping('doc_types'))}|sammanträdesdatum)\b(?:\s+nr\s+\d+)?", re.IGNORECASE
)


def _running_headers(lines: list[Line], first_item: int) -> set[int]:
    """The lines after the first item that repeat a page header: organ, date, 'SAMMANTRÄDESPROTOKOLL'."""
    counts = Counter(line.text for line in lines[first_item:] if len(line.text) <= 80)
    repeated = {text for text, count in counts.items() if count >= RUNNING_REPEATS and _header_like(text)}
    return {i for i in range(first_item, len(lines)) if lines[i].text in repeated}


def _header_like(text: str) -> bool:
    """What a page header is made of: a date, an organ's name, the kind of document, a date label."""
    words = text.split()
    if len(words) > 8:
        return False
    if any(HEADER_WORDS.fullmatch(part) for part in HEADER_PARTS.split(text) if part):
        return True
    if HEADER_WORDS.search(text) and (_date_line(text.split(":")[-1]) or len(words) <= 3):
        return True
    return _date_line(text) or organ_heading(text) is not None


def _date_line(text: str) -> bool:
    """A date standing (nearly) alone: '4 juni 2018', '2025-11-19', 'Tisdag 4 juni 2018'."""
    found = [f for f in find_dates(text) if f.date.is_complete]
    if len(found) != 1:
        return False
    rest = text[: found[0].start] + text[found[0].end:]
    return len(rest.split()) <= 1


def _merge_lone_bullets(lines: list[Line]) -> list[Line]:
    """A bullet that the extractor put on a line of its own belongs to the next line."""
    merged: list[Line] = []
    carry: Line | None = None
    for line in lines:
        if line.text in ("•", "–"):
            carry = line
            continue
        if carry is not None:
            line = replace(line, number=carry.number, text=f"{carry.text} {line.text}", gap=carry.gap)
            carry = None
        merged.append(line)
    return merged


# --- tables ---------------------------------------------------------------------------------

WEEKDAYS = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)"
TABLE_HEADER = re.compile(r"^(?:[A-ZÅÄÖ]{2,}\s+){2,}[A-ZÅÄÖ]{2,}$")
TABLE_ROW = re.compile(
    rf"^(?:{WEEKDAYS}\s+)?\d{{1,2}}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september"
    rf"|oktober|november|december)\b",
    re.IGNORECASE,
)


def mark_tables(lines: list[Line]) -> list[Line]:
    """Mark table blocks: an upper-case header row ('DATUM OCH TID PLATS INFO') and its rows.

    Rows start with a date; the short fragments between them are wrapped cells. The block ends at
    the first line of prose, a line long enough or finished with a full stop.
    """
    result = list(lines)
    i = 0
    while i < len(result):
        if not TABLE_HEADER.match(result[i].text):
            i += 1
            continue
        end = i + 1
        while end < len(result) and _table_continues(result[end].text):
            end += 1
        if any(TABLE_ROW.match(line.text) for line in result[i + 1:end]):
            for j in range(i, end):
                result[j] = replace(result[j], table=True)
        i = end
    return result


def _table_continues(text: str) -> bool:
    if TABLE_ROW.match(text):
        return True
    return len(text) < 40 and not text.endswith(".") and not re.match(r"^(\d+\.|[a-z]\)|att\s)", text)


# --- joining wrapped lines ------------------------------------------------------------------

SUSPENDED_COMPOUND_NEXT = re.compile(rf"^(?:{rules.alternation(rules.values('suspended_compound'))})(?!\w)")
SPACES = re.compile(r"[ ]{2,}")
HYPHENATED = re.compile(r"(\w+)[-‐]$")
SPLIT_WORD = re.compile(r"(?<![\w-])([\w]+[-‐]) ([a-zåäöé]\w*)")


def join_split_words(text: str) -> str:
    """'MiniMaria- verksamhet' -> 'MiniMaria-verksamhet': a compound split in the middle of a line,
    where the line was wrapped once and joined again; 'hälso- och sjukvård' stays as it is."""
    if "- " not in text and "‐ " not in text:
        return text
    return SPLIT_WORD.sub(lambda m: join_wrapped(m.group(1), m.group(2)), text)


def join_wrapped(first: str, second: str) -> str:
    """Join a line and its wrapped continuation, undoing hyphenation where the hyphen was the wrap's.

    'hälso-' + 'och sjukvård' keeps 'hälso- och' (a suspended compound); 'RKA-' + 'process' keeps the
    hyphen (an abbreviation's); 'utvecklings-' + 'arbete' becomes 'utvecklingsarbete'.
    """
    return str(Wrapped(first).wrap(second))


class Wrapped:
    """A paragraph or an att-sats built line by line in time linear in its length: each join looks only
    at the end of the text so far, kept as it grows (join_wrapped on the growing text was quadratic: a
    paragraph of 20,000 short lines took 42 s)."""

    TAIL = 2 * MAX_WORD_CHARS  # the end a join or a test of the ending looks at: longer than any word

    def __init__(self, first: str = ""):
        self._pieces: list[str] = []
        self._end = ""  # the last TAIL characters
        self._add(first)

    def wrap(self, line: str) -> Wrapped:
        """Add the wrapped continuation of the last line (see join_wrapped)."""
        second = line.lstrip()
        self._rstrip()
        if not self._pieces or not second:
            self._add(second)
            return self
        tail = self.tail()
        if tail[-1:] in "-‐–" and tail[-2:-1].isdigit() and second[:1].isdigit():
            pass  # '2022-' + '2024': a range of years, joined as it is
        # HYPHENATED is tried at every position of the tail: only when a hyphen ends it (never white space, after _rstrip)
        elif tail[-1] in "-‐" and second[:1].islower() and (hyphenated := HYPHENATED.search(tail)):
            stem = hyphenated.group(1)
            if SUSPENDED_COMPOUND_NEXT.match(second):
                second = " " + second
            elif not any(c.isupper() or c.isdigit() for c in stem):
                self._pieces[-1], self._end = self._pieces[-1][:-1], self._end[:-1]  # the wrap's hyphen
        else:
            second = " " + second
        self._add(second)
        return self

    def new_line(self, line: str) -> Wrapped:
        """Add a line that stays a line of its own."""
        self._add("\n" + line)
        return self

    def tail(self, chars: int | None = None) -> str:
        """The end of the text: its last TAIL characters, or as many as asked for (or all there is)."""
        if not chars or chars <= self.TAIL:
            return self._end[-(chars or self.TAIL):]
        end: list[str] = []
        length = 0
        for piece in reversed(self._pieces):
            end.append(piece)
            length += len(piece)
            if length >= chars:
                break
        return "".join(reversed(end))[-chars:]

    def startswith(self, prefix) -> bool:
        return bool(self._pieces) and self._pieces[0].startswith(prefix)

    def longer_than(self, limit: int) -> bool:
        """Whether the text has more than limit characters, counted no further than the limit."""
        length = 0
        for piece in self._pieces:
            length += len(piece)
            if length > limit:
                return True
        return False

    def endswith(self, suffix) -> bool:
        return self._end.endswith(suffix)

    def _add(self, piece: str) -> None:
        if piece:
            self._pieces.append(piece)
            self._end = (self._end + piece)[-self.TAIL:]

    def _rstrip(self) -> None:
        if not self._end[-1:].isspace():
            return
        while self._pieces and not self._pieces[-1].rstrip():
            self._pieces.pop()
        if self._pieces:
            self._pieces[-1] = self._pieces[-1].rstrip()
        end, length = [], 0
        for piece in reversed(self._pieces):  # at most TAIL pieces: each has a character
            end.append(piece)
            length += len(piece)
            if length >= self.TAIL:
                break
        self._end = "".join(reversed(end))[-self.TAIL:]

    def __str__(self) -> str:
        return "".join(self._pieces)
