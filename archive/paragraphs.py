"""The paragraph (§) headings of a protocol and the case numbers beside them.

Forms: '§ 12', 'KS § 12', 'BUN § 41 (fort.)' (the paragraph continued on a new page), '12 §' (the
number first), '§ 7 0211/24'; the case number after the number or on the next line, with or without
its label: 'Dnr KFKS 2018/3', 'Ärendenummer SLK-2024-00074', 'KS KF/2025:6', 'BUN/2023:45'.
A contents list repeats the headings: its lines have dot leaders, or stand under a contents heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules

CASE_LABEL = r"(?:Dnr|Diarienr|Diarienummer|Ärendenummer|Ärendenr|Ärende\s+nr|Beteckning)\.?\s*:?"
CASE_NUMBER = (  # 'KS KF/2025:6', 'SBN/2025:65', 'SLK-2024-00074', 'KFKS 2015/73-251'; without letters '0211/24'
    r"[A-ZÅÄÖ]{1,8}(?:[ -][A-ZÅÄÖ]{1,8})?[ /-]?\d{2,4}[/:.-]\d+(?:[-:/.]-?\d+)*"
    r"|\d{4}[/:.-]\d+(?:[-:/.]-?\d+)*"
)
_CASE_AT_START = re.compile(rf"^(?:{CASE_LABEL}\s*)?(?P<case>{CASE_NUMBER})(?=[\s,;]|$)[\s,;]*(?P<rest>.*)$")
_LABELLED_CASE = re.compile(rf"^{CASE_LABEL}\s*(?P<case>\S.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(
    r"^(?:(?P<prefix>[A-ZÅÄÖ]{1,8})\s+)?§\s*(?P<number>\d{1,4})(?![\d:/-])"
    r"(?P<continued>\s*\((?:forts?\.?|fortsättning|fort\.)\))?\s*(?P<rest>.*)$"
)
NUMBER_FIRST = re.compile(r"^(?P<number>\d{1,4})\s*§(?=\s|$)\s*(?P<rest>.*)$")
# Four dots or two ellipses and a page number at the end; each branch starts with its literal character,
# so that re jumps from dot to dot ('(?:\.\s?){4,}' was tried at every position of a line: ten times the cost).
DOT_LEADER = re.compile(r"\.\s?(?:\.\s?){3,}\s*\d*\s*$|……+\s*\d*\s*$")
CONTENTS_HEADING = re.compile(rf"^(?:{rules.alternation(rules.values('contents_headings'))})\s*:?$", re.IGNORECASE)
YEARS = re.compile(r"^(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b")  # '2024-2027' is a span of years, not a case
RANGE = re.compile(r"§*\s*(\d{1,4})\s*(?:[-–—]|till)\s*§*\s*(\d{1,4})")


@dataclass(frozen=True)
class Heading:
    """A paragraph heading as printed: '§ 131', its case number and any title beside it."""

    number: str
    prefix: str | None  # 'KS' in 'KS § 131'
    continued: bool  # '(fort.)': the paragraph goes on from the previous page
    case_number: str | None
    title: str
    contents: bool  # a contents list's line (dot leaders and a page number)


def paragraph_heading(text: str) -> Heading | None:
    """The § heading a line is, or None: '§ 887 Ärendenummer SLK-2024-00074', 'BUN § 42 (fort.)', '12 §'."""
    match = PARAGRAPH.match(text) or NUMBER_FIRST.match(text)
    if not match:
        return None
    groups = match.groupdict()
    rest = groups["rest"].strip()
    contents = bool(DOT_LEADER.search(rest))
    rest = DOT_LEADER.sub("", rest).strip()
    case, title = split_case_number(rest)
    return Heading(
        number=groups["number"], prefix=groups.get("prefix"), continued=bool(groups.get("continued")),
        case_number=case, title=title, contents=contents,
    )


def split_case_number(text: str) -> tuple[str | None, str]:
    """'Dnr KFKS 2018/3' -> ('KFKS 2018/3', ''); 'Yttrande över remiss' -> (None, 'Yttrande över remiss')."""
    if YEARS.match(text):
        return None, text
    if labelled := _LABELLED_CASE.match(text):
        inner = _CASE_AT_START.match(labelled.group("case"))
        if inner:
            return inner.group("case").strip(), inner.group("rest").strip()
        return labelled.group("case").strip(), ""
    if match := _CASE_AT_START.match(text):
        return match.group("case").strip(), match.group("rest").strip()
    return None, text


def case_number_line(text: str) -> str | None:
    """A line that is only a case number ('KFKS 2021/1', 'Dnr SN 2024/123'): the number, else None.
    A list of references after it ('KFKS 2020/1204, KSSU 2021-01-26 § 3') still makes it the case's line."""
    text = DOT_LEADER.sub("", text).strip()
    case, rest = split_case_number(text)
    if case and (not rest or re.match(r"^[,;]|^[A-ZÅÄÖ]{2,8}\b", text[text.find(case) + len(case):].strip())):
        return case
    return None


def is_contents_heading(text: str) -> bool:
    return bool(CONTENTS_HEADING.match(text.strip()))


def paragraph_range(text: str) -> str | None:
    """'§ 131-§ 138', 'Paragrafer 180 - 206', '§§ 12–31' -> '131-138'."""
    match = RANGE.search(text)
    if match:
        return f"{int(match.group(1))}-{int(match.group(2))}"
    single = re.search(r"§+\s*(\d{1,4})\b", text)
    return single.group(1) if single else None


def case_numbers(text: str) -> str | None:
    """The case numbers a line under a title gives, without the references beside them:
    'KFKS 2020/746, KFKS 2016/803, KSSU 2021-01-26 § 8' -> 'KFKS 2020/746, KFKS 2016/803'."""
    text = re.sub(rf"^{CASE_LABEL}\s*", "", DOT_LEADER.sub("", text).strip(), flags=re.IGNORECASE)
    if YEARS.match(text):
        return None
    found = []
    for part in (p.strip() for p in text.split(",")):
        match = _CASE_AT_START.match(part)
        if not match or _dated(match.group("case")) or match.group("rest"):
            break
        found.append(match.group("case"))
    return ", ".join(found) or None


def _dated(case: str) -> bool:
    """'KSSU 2021-01-26' names a meeting by its date, not a case."""
    return bool(re.search(r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$", case))
