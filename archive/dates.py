"""Swedish date forms: 251121, 2026-04-13, 2021-12, '25 september', 'den 20 mars 2026'."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from .model import PartialDate

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_NAMES = tuple(MONTHS)[:12]  # 'januari' … 'december', as dates are written out

COMPACT = re.compile(r"(?<![\d/.:-])(\d{2})(\d{2})(\d{2})(?![\d/.:-])")
ISO = re.compile(r"(?<![\d/])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d/])")
SHORT_ISO = re.compile(r"(?<![\d/.:-])(\d{2})-(\d{2})-(\d{2})(?![\d/.:-])")  # '24-09-16': a note's heading
SPELLED = re.compile(
    rf"(?<![\w])(\d{{1,2}})(?:\s*:e)?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?(?![\w])", re.IGNORECASE
)
HAS_DIGIT = re.compile(r"\d")
# What a text must hold for each form to be in it, as patterns that start with a digit: re jumps from
# digit to digit to try them, while a form's own pattern, which starts with a look-behind, is tried at
# every position (four times the cost of the four hints, on a typical line). No hint, no date of that form.
HINTS = {
    COMPACT: re.compile(r"\d\d{5}"),
    ISO: re.compile(r"\d\d{3}-\d\d"),
    SHORT_ISO: re.compile(r"\d\d-\d\d-\d\d"),
    SPELLED: re.compile(rf"\d(?:\s*:e)?\s+(?:{_MONTH_NAMES})", re.IGNORECASE),
}
YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/-])")


@dataclass(frozen=True)
class FoundDate:
    date: PartialDate
    start: int
    end: int
    form: str  # "compact", "iso" or "spelled"


def swedish_date(iso: str | None) -> str:
    """'2025-11-21' -> '21 november 2025'; '2021-12' -> 'december 2021'; a year stays a year."""
    if not iso:
        return "odaterat"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def valid(year: int, month: int | None, day: int | None) -> PartialDate | None:
    """A PartialDate if the parts name a real calendar date, else None."""
    if not 1900 <= year <= 2099:
        return None
    if month is None:
        return PartialDate(year)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(year, month)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def century(two_digits: int) -> int:
    return 2000 + two_digits if two_digits < 70 else 1900 + two_digits


def parse_date(text: str) -> PartialDate | None:
    """One date written alone: '251121', '2026-04-13', '2021-12', '2021', 'den 20 mars 2026'.

    A spelled date without a year ('25 september') returns None: its year must be inferred.
    """
    text = text.strip().rstrip(".")
    if re.fullmatch(r"\d{6}", text):
        return valid(century(int(text[:2])), int(text[2:4]), int(text[4:]))
    if match := re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text):
        year, month, day = (int(g) if g else None for g in match.groups())
        return valid(year, month, day)
    if (match := SPELLED.search(text)) and match.group(3):
        return valid(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    return None


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date in running text, in order. Spelled dates without a year take default_year."""
    found: list[FoundDate] = []
    if not HAS_DIGIT.search(text):
        return found
    for match in _matches(COMPACT, text):
        date = valid(century(int(match.group(1))), int(match.group(2)), int(match.group(3)))
        if date:
            found.append(FoundDate(date, match.start(), match.end(), "compact"))
    for match in _matches(ISO, text):
        year, month, day = (int(g) if g else None for g in match.groups())
        if date := valid(year, month, day):
            found.append(FoundDate(date, match.start(), match.end(), "iso"))
    for match in _matches(SHORT_ISO, text):
        if date := valid(century(int(match.group(1))), int(match.group(2)), int(match.group(3))):
            found.append(FoundDate(date, match.start(), match.end(), "short"))
    for match in _matches(SPELLED, text):
        year = int(match.group(3)) if match.group(3) else default_year
        if year is None:
            continue
        if date := valid(year, MONTHS[match.group(2).lower()], int(match.group(1))):
            found.append(FoundDate(date, match.start(), match.end(), "spelled"))
    return sorted(found, key=lambda f: f.start)


def _matches(form: re.Pattern, text: str):
    return form.finditer(text) if HINTS[form].search(text) else ()


def spelled_without_year(text: str) -> tuple[int, int] | None:
    """(month, day) for a line like '25 september' that names no year."""
    match = SPELLED.fullmatch(text.strip().rstrip("."))
    if match and not match.group(3):
        month, day = MONTHS[match.group(2).lower()], int(match.group(1))
        if valid(2000, month, day):  # 2000 is a leap year, so 29 februari passes
            return month, day
    return None


def infer_year(month: int, day: int, text: str, previous: PartialDate | None = None) -> tuple[int, str] | None:
    """The year of a meeting dated only by day and month, from the document's own references.

    The previous meeting (föregående minnesanteckningar) fixes it best: the first year in which
    the date falls after it. Otherwise the year most often named or implied by compact dates.
    Returns (year, explanation) or None when the text gives no hint.
    """
    if previous is not None:
        year = previous.year
        if (month, day) <= (previous.month or 12, previous.day or 31):
            year += 1
        return year, f"efter föregående möte {previous.iso()}"
    years = Counter(f.date.year for f in find_dates(text) if f.form != "spelled")
    years.update(int(y) for y in YEAR.findall(text))
    if not years:
        return None
    year, _count = years.most_common(1)[0]
    return year, f"det år texten oftast nämner ({year})"


def covers(meeting_date: str, referenced: str) -> bool:
    """'2021-12' covers '2021-12-10': a meeting known only by its month still answers a dated reference."""
    return referenced == meeting_date or referenced.startswith(meeting_date + "-")
