"""A protocol's attendance lists: Beslutande, Tjänstgörande ersättare, Ersättare, Övriga deltagare, …

Each list under its heading, one person a line ('Robert Wenglén (M), Ordförande', 'Lennart Nilsson (S)
ersätter Paul Andersson (S)', 'Khashayar Farmanbar (S) §§ 1-6') or many on a line ('Lena Dahlstedt,
Helena Meier, …'); two lists side by side under two headings ('BESLUTANDE   ERSÄTTARE'); a heading
whose value sends the reader on ('Se nästa sida'), whose list is then read where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .clean import Line
from .model import Attendance, Person

_LABELS = {entry.key.removesuffix(" …").lower(): (entry.mapped, entry.key.endswith(" …")) for entry in rules.entries("attendance_labels")}
_LABEL = re.compile(rf"^(?P<label>{rules.alternation(k for k in _LABELS)})(?:\s*:\s*|\s+|$)(?P<value>.*)$", re.IGNORECASE)
REFERRAL = re.compile(rf"^(?:{rules.alternation(rules.values('attendance_referrals'))})\.?$", re.IGNORECASE)
PARTY = r"[A-ZÅÄÖ]{1,4}|-"
WITH_PARTY = re.compile(rf"^(?P<name>[^(),]+?)\s*\((?P<party>{PARTY})\)(?P<rest>.*)$")
NOTE = re.compile(r"(?P<note>(?:ersätter|tjänstgör för|för)\s+.+|§+\s*\d.*|fr\.?o\.?m\.?\s.*|t\.?o\.?m\.?\s.*|från\s+kl.*|till\s+kl.*|del av.*)$", re.IGNORECASE)
ROLE_FIRST = re.compile(r"^(?P<role>(?:[A-ZÅÄÖ][a-zåäö]+(?:råd|ordförande|sekreterare|direktör|chef))|Ordförande|Sekreterare)\s+(?P<name>[A-ZÅÄÖ].+)$")
HEADER_PART = re.compile(r"^(?:Sammanträdesdatum|\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4})$", re.IGNORECASE)


@dataclass
class Lists:
    """The attendance lists read from a protocol's front pages."""

    people: list[Person] = field(default_factory=list)
    attendance: Attendance = Attendance.PRESENT
    understood: set[int] = field(default_factory=set)  # indices of the lines that were attendance

    def __bool__(self) -> bool:
        return bool(self.people or self.understood)


def label_of(text: str) -> tuple[str, str] | None:
    """('beslutande', value) for a line that opens an attendance list: 'Beslutande ledamöter: Se nästa sida'."""
    match = _LABEL.match(text.strip())
    if not match or not text.strip()[:1].isupper():  # 'deltagare:' is the second half of a label split over lines
        return None
    group, heading = _LABELS[match.group("label").lower()]
    value = match.group("value").strip()
    if not heading and value and not text.strip()[len(match.group("label")):].lstrip().startswith(":"):
        if value[:1].islower() or re.match(r"^(?:och|samt)\b", value):  # 'Övriga deltagare' is a label; 'Övriga frågor' is not
            return None
    return group, "" if heading else value


def read_lists(lines: list[Line], stop) -> Lists:
    """Every attendance list in the lines; `stop(line)` says where a list ends (a field, a heading)."""
    lists = Lists()
    i = 0
    while i < len(lines):
        heads = _column_labels(lines[i])
        if not heads:
            i += 1
            continue
        lists.understood.add(i)
        entries: dict[int, list[str]] = {k: ([value] if value else []) for k, (_g, value) in enumerate(heads)}
        j = i + 1
        while j < len(lines) and not _column_labels(lines[j]) and not stop(lines[j]):
            for column, text in _assign(lines[j], lines[i], len(heads)):
                entries[column].append(text)
            lists.understood.add(j)
            j += 1
        for column, (group, _value) in enumerate(heads):
            if group == "kallade":
                lists.attendance = Attendance.CALLED
            lists.people.extend(_people(entries[column], group))
        i = j
    return lists


def _column_labels(line: Line) -> list[tuple[str, str]]:
    """The labels a line opens: one, or one a column ('BESLUTANDE   ERSÄTTARE')."""
    if line.columns and all(label_of(part) for part in line.columns):
        return [label_of(part) for part in line.columns]
    if line.columns and (first := label_of(line.columns[0])) and not first[1]:
        return [(first[0], " ".join(line.columns[1:]))]
    found = label_of(line.text)
    return [found] if found else []


def _assign(line: Line, head: Line, columns: int):
    """The parts of a line under one heading or two side by side: (column, text)."""
    parts = [p for p in (line.columns or (line.text,)) if not HEADER_PART.match(p)]
    if columns == 1 or not head.offsets or len(head.offsets) < 2:
        if parts:
            yield 0, " ".join(parts)
        return
    if len(parts) >= 2:
        yield 0, parts[0]
        yield 1, " ".join(parts[1:])
    elif parts:
        at = line.offsets[0] if line.offsets else 0
        yield (1 if at >= head.offsets[1] - 2 else 0), parts[0]


def _people(texts: list[str], group: str) -> list[Person]:
    """One person a line ('Robert Wenglén (M), Ordförande'), or runs of lines that are one list of
    names ('Lena Dahlstedt, Sidrah Schaider, …, Mats' / 'Bohman, …'), in any mix."""
    texts = [t for t in (re.sub(r"^[a-zåäö]+:\s*", "", t) for t in texts) if t and not REFERRAL.match(t)]
    people: list[Person] = []
    run: list[str] = []  # lines without a party in brackets, which may be one wrapped list
    for text in texts + [None]:
        if text is not None and not WITH_PARTY.match(text):
            run.append(text)
            continue
        if run and sum(t.count(",") for t in run) >= 2 * len(run):
            people += [_person(name, group) for name in _split_list(_join_lines(run))]
        else:
            people += [_person(line, group) for line in _join_wrapped_names(run)]
        run = []
        if text is not None:
            people.append(_person(text, group))
    return people


def _join_wrapped_names(texts: list[str]) -> list[str]:
    """A person's line that wrapped: 'Helene Skantze' / '(M)' or a note on the next line."""
    joined: list[str] = []
    for text in texts:
        if joined and (text.startswith("(") or text[:1].islower()):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _join_lines(texts: list[str]) -> str:
    """A list of names wrapped over lines, a name too: 'Mats' / 'Bohman', 'Hans-' / 'Otto Halvorsen'."""
    joined = ""
    for text in texts:
        joined = f"{joined}{text}" if joined.endswith("-") else f"{joined} {text}".strip()
    return joined


def _split_list(text: str) -> list[str]:
    text = re.sub(r"\s+(?:samt|och)\s+", ", ", text)
    return [name.strip(" .") for name in text.split(",") if name.strip(" .")]


def _person(text: str, group: str) -> Person:
    """'Robert Wenglén (M), Ordförande' -> Robert Wenglén, party M, role Ordförande, in its group."""
    text = " ".join(text.split()).strip(" ,")
    party = role = note = None
    if match := WITH_PARTY.match(text):
        name, party, rest = match.group("name").strip(), match.group("party"), match.group("rest").strip(" ,")
    else:
        name, _, rest = text.partition(",")
        name, rest = name.strip(), rest.strip()
    if match := ROLE_FIRST.match(name):
        role, name = match.group("role"), match.group("name")
    if rest:
        if found := NOTE.search(rest):
            note = found.group("note").strip(" ,")
            rest = rest[: found.start()].strip(" ,")
        role = ", ".join(x for x in (role, rest) if x) or None
    return Person(name=name, role=role, party=party, group=group, note=note)

