"""The debris of PDF extraction: blank page-break runs, page furniture, bullets, stray Markdown, hyphenation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from .limits import MAX_WORD_CHARS


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


PAGE_RUN = 4  # this many blank lines in a row are a page break, not a paragraph

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero-width marks, BOM
# Control characters no document means, that XML (DOCX, Atom) cannot hold: C0 but tab, line and page
# breaks; DEL and C1; lone surrogates; U+FFFE/U+FFFF. A vertical tab is Word's line break in exported text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BULLETS = re.compile(r"^[•●▪■◦○‣∙·\uf0b7\uf0a7\uf076]\s*")
DASH_BULLET = re.compile(r"^[–—-]\s+(?=\S)")
# Bold runs to the next marker of its kind, never past it: '.+?' scanned to the end of the line from
# every unclosed '**', quadratic in the line's length.
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
PAGE_FURNITURE = re.compile(
    r"^(?:sida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?|\d+\s*\(\s*\d+\s*\)|\d{1,3}\s*/\s*\d{1,3}"
    r"|justerandes\s+sign(?:atur)?(?:\s+utdragsbestyrkande)?|utdragsbestyrkande|ordförandes\s+sign(?:atur)?)$",
    re.IGNORECASE,
)
ITEM_START = re.compile(r"^(?:\d{1,2}\.\s+\S|§\s*\d)")  # where the running page header can no longer come from
BARE_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")


def normalise(text: str) -> str:
    """Unicode and white-space normalisation that never changes what a word says."""
    text = unicodedata.normalize("NFC", without_controls(text.replace("\r\n", "\n").replace("\r", "\n")))
    text = INVISIBLE.sub("", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return re.sub(r"[\u00a0\u2007\u202f]", " ", text)


def without_controls(text: str) -> str:
    """Text without CONTROL_CHARACTERS; a vertical tab becomes a line break."""
    return CONTROL_CHARACTERS.sub("", text.replace("\x0b", "\n"))


def clean(text: str) -> list[Line]:
    """Extracted text -> non-blank lines, each knowing what gap stood before it."""
    lines = _lines_with_gaps(normalise(text))
    lines = _drop_page_furniture(lines)
    lines = _merge_lone_bullets(lines)
    return mark_tables(lines)


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
            result.append(Line(number, _clean_line(stripped), gap))
            blanks, spaced, page = 0, False, False
    return [line for line in result if line.text]


def _clean_line(text: str) -> str:
    text = MARKDOWN_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = BULLETS.sub("• ", text)
    text = DASH_BULLET.sub("– ", text)
    text = re.sub(r"[ ]{2,}", " ", text)  # tabs survive: they separate table cells
    return text.strip()


def _drop_page_furniture(lines: list[Line]) -> list[Line]:
    """Page headers and footers that land in the middle of a paragraph.

    'Sida 3 (12)' and 'Justerandes signatur' always go. The lines that open the document
    (organ, 'PROTOKOLL', the meeting date) go too when they come back next to such furniture,
    for that is the running page header. A bare number goes only at a page break.
    """
    furniture = {i for i, line in enumerate(lines) if PAGE_FURNITURE.match(line.text)}
    first_item = next((i for i, line in enumerate(lines) if ITEM_START.match(line.text)), len(lines))
    header = {line.text for line in lines[: min(8, first_item)]}
    for i in sorted(furniture):
        for j in range(max(first_item, i - 4), min(len(lines), i + 5)):
            if lines[j].text in header:
                furniture.add(j)
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
        kept.append(Line(line.number, line.text, max(line.gap, pending_gap)) if pending_gap else line)
        pending_gap = Gap.NONE
    return kept


def _merge_lone_bullets(lines: list[Line]) -> list[Line]:
    """A bullet that the extractor put on a line of its own belongs to the next line."""
    merged: list[Line] = []
    carry: Line | None = None
    for line in lines:
        if line.text in ("•", "–"):
            carry = line
            continue
        if carry is not None:
            line = Line(carry.number, f"{carry.text} {line.text}", carry.gap)
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
                result[j] = Line(result[j].number, result[j].text, result[j].gap, table=True)
        i = end
    return result


def _table_continues(text: str) -> bool:
    if TABLE_ROW.match(text):
        return True
    return len(text) < 40 and not text.endswith(".") and not re.match(r"^(\d+\.|[a-z]\)|att\s)", text)


# --- joining wrapped lines ------------------------------------------------------------------

SUSPENDED_COMPOUND_NEXT = re.compile(r"^(och|eller|samt|respektive|resp\.|till|som|,)\b")


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
        if re.search(r"\w[-‐]$", self._end) and second[:1].islower():
            stem = re.search(r"(\w+)[-‐]$", self._end).group(1)
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

    def tail(self) -> str:
        """The end of the text: its last TAIL characters, or all there is."""
        return self._end

    def startswith(self, prefix) -> bool:
        return bool(self._pieces) and self._pieces[0].startswith(prefix)

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
