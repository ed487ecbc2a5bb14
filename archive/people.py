"""Attendees and presenters: names, and the municipality, organisation or role the text gives them.

The attendance table of a PDF arrives scrambled: cells of one row on one line, a long cell wrapped
onto the lines before the rest of its row, a municipality column between a left and a right list.
What cannot be tied to an affiliation is kept without one and reported, never guessed.
"""

from __future__ import annotations

import re

from .model import Person
from .organs import MUNICIPALITIES, match_municipality

ROLE_SUFFIXES = (
    "ledare", "chef", "direktör", "samordnare", "ordförande", "utredare", "strateg", "handläggare",
    "sekreterare", "läkare", "sköterska", "ansvarig", "representant", "expert", "konsult", "assistent",
    "ombud", "controller", "jurist", "planerare", "analytiker", "kurator", "psykolog", "terapeut",
)
ROLE_PREFIXES = {"tf", "tf.", "t.f.", "bitr", "bitr.", "vice", "v", "ordf", "ordf.", "biträdande", "tillförordnad"}
ORGANISATION_WORDS = {
    "region", "dalarna", "rss", "hälsa", "länsstyrelsen", "omställning", "hos", "regeringskansliet",
    "kommun", "kommuner", "avdelningen", "division", "välfärd", "skr", "lpo", "spak", "falu", "lasarett",
}
ORGANISATION_SUFFIXES = ("kliniken", "förvaltningen", "nätverket", "rådet", "styrelsen", "kansliet", "enheten")
GROUPS = ("Region Dalarna", "Tjänstepersoner", "Kommun")
NAME_TOKEN = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüø]+(?:-[A-ZÅÄÖÉÜ]?[a-zåäöéüø]+)*$")
ROLE_NOTES = {"ordf": "ordförande", "v ordf": "vice ordförande", "v. ordf": "vice ordförande", "sekr": "sekreterare"}


def is_role_word(token: str) -> bool:
    lowered = token.lower().strip(",;:")
    if lowered in ROLE_PREFIXES:
        return True
    return any(lowered.endswith(suffix) for suffix in ROLE_SUFFIXES) or "chef" in lowered


def is_name_token(token: str) -> bool:
    lowered = token.lower()
    if lowered in ORGANISATION_WORDS or lowered.endswith(ORGANISATION_SUFFIXES) or is_role_word(token):
        return False
    return bool(NAME_TOKEN.match(token))


def looks_like_name(text: str) -> bool:
    """'Ulrika Gärdsback', 'Anna-Karin Olsson', 'Malin Lindén Olsson': two to four name words."""
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and all(is_name_token(t) for t in tokens)


def split_name_role(text: str) -> tuple[str | None, str | None]:
    """'Beat Axå Divisionschef Psykiatri & Hab' -> ('Beat Axå', 'Divisionschef Psykiatri & Hab')."""
    tokens = text.split()
    count = 0
    while count < len(tokens) and count < 4 and is_name_token(tokens[count]):
        count += 1
    if count < 2:
        return None, text.strip() or None
    role = " ".join(tokens[count:]).strip(" ,") or None
    return " ".join(tokens[:count]), role


# --- presenters (föredragande) ----------------------------------------------------------------


def parse_presenters(text: str) -> list[Person]:
    """'Ulrika Gärdsback, ordförande, Länschefsnätverket' and lists of several people.

    Each comma-separated segment either names people or describes the people named just before it:
    'A, B, Länsstyrelsen Dalarna' gives both A and B that role, as does 'A och B, utvecklingsledare'.
    """
    people: list[tuple[str, list[str]]] = []
    group: list[tuple[str, list[str]]] = []
    describing = False  # the group has had a role segment; a new name starts a new group
    for segment in (s.strip() for s in text.split(",")):
        if not segment:
            continue
        names = _names_in_segment(segment)
        if names:
            new = [(name, [role] if role else []) for name, role in names]
            group = new if describing or not group else group + new
            describing = any(role for _name, role in names)
            people.extend(new)
        elif group:
            for _name, roles in group:
                roles.append(segment)
            describing = True
        else:
            people.append((segment, []))
    return [Person(name=name, role=", ".join(roles) or None) for name, roles in people]


def _names_in_segment(segment: str) -> list[tuple[str, str | None]]:
    if " och " in segment:
        halves = segment.split(" och ")
        if all(looks_like_name(h) for h in halves[:-1]):
            last_name, last_role = split_name_role(halves[-1])
            if last_name:
                return [(h, last_role) for h in halves[:-1]] + [(last_name, last_role)]
    name, role = split_name_role(segment)
    return [(name, role)] if name else []


def continues_presenters(previous: str, line: str) -> bool:
    """Does this line carry on the list of presenters begun on the line before?"""
    if previous.rstrip().endswith((",", "&")) or line[:1].islower():
        return not line.startswith("att ")
    if line.endswith(".") or len(line) > 110:
        return False
    first = line.split(",")[0]
    name, _role = split_name_role(first)
    return name is not None and (name == first.strip() or "," in line)


# --- attendees (närvarande) -------------------------------------------------------------------


HEADER_CELLS = {  # the column headings of an attendance table, and what each column holds
    "namn": "name", "närvarande": "name", "deltagare": "name", "ledamot": "name",
    "organisation": "affiliation", "myndighet": "affiliation", "kommun": "affiliation", "parti": "party",
    "roll": "role", "mötesroll": "role", "funktion": "role", "titel": "role", "befattning": "role",
}


def parse_attendees(lines: list[str]) -> tuple[list[Person], list[str]]:
    """The Närvarande block -> people, with warnings for what could not be placed."""
    lines = [line for line in (line.strip() for line in lines) if line]
    if not lines:
        return [], []
    if columns := _header_row(lines[0]):
        return _parse_headed_table(columns, lines[1:]), []
    if not any(_anchor(cell) or _split_row(cell)[0] for line in lines for cell in _cells(line)):
        return _parse_name_list(lines), []
    if any("\t" in line for line in lines) or sum(_anchor(line) is not None for line in lines) >= 3:
        return _parse_affiliation_first(lines)
    return _parse_table_rows(lines)


def _header_row(line: str) -> list[str] | None:
    """'Närvarande<TAB>Organisation<TAB>Mötesroll': what each column of the table holds."""
    cells = [cell.strip().lower() for cell in line.split("\t")]
    if len(cells) < 2 or not all(cell in HEADER_CELLS for cell in cells):
        return None
    return [HEADER_CELLS[cell] for cell in cells]


def _parse_headed_table(columns: list[str], rows: list[str]) -> list[Person]:
    people = []
    for row in rows:
        values = dict(zip(columns, (cell.strip() or None for cell in row.split("\t"))))
        if values.get("name"):
            people.append(Person(values["name"], values.get("affiliation"), values.get("role"), values.get("party")))
    return people


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t") if cell.strip()]


def _anchor(text: str) -> str | None:
    """The affiliation a whole cell names: a municipality, 'Region Dalarna', 'Tjänstepersoner'."""
    text = text.strip(" ,")
    if text in GROUPS:
        return text
    return match_municipality(text) if len(text.split()) == 1 or text in MUNICIPALITIES else None


def _person_with_note(text: str, affiliation: str | None) -> Person:
    """'Sofia Jarl (ordf)' -> Sofia Jarl, ordförande; 'Anna Andersson (S), ordförande' keeps the party."""
    role = None
    if match := re.search(r"\(([^)]*)\)", text):
        note = match.group(1).strip()
        if note.lower() in ROLE_NOTES:
            role = ROLE_NOTES[note.lower()]
            text = text[: match.start()] + text[match.end():]
        elif re.fullmatch(r"[A-ZÅÄÖ]{1,3}", note) and affiliation is None:
            affiliation = note
            text = text[: match.start()] + text[match.end():]
    name, _, rest = text.partition(",")
    role = role or rest.strip() or None
    return Person(name=" ".join(name.split()), affiliation=affiliation, role=role)


def _parse_name_list(lines: list[str]) -> list[Person]:
    """'Ulf Björnfot, Helene Kastemyr, … samt föredragande enligt nedan.' or one person a line."""
    if all(re.search(r"\([A-ZÅÄÖ]{1,3}\)", line) or looks_like_name(line.split(",")[0]) for line in lines) and not any(
        line.count(",") > 1 for line in lines
    ):
        entries = lines
    else:
        joined = " ".join(lines)
        joined = re.sub(r"\s+samt\s+", ", ", joined)
        entries = [e for e in re.split(r",\s*", joined)]
    people: list[Person] = []
    seen: set[str] = set()
    for entry in entries:
        entry = entry.strip(" .")
        if not entry or "enligt nedan" in entry or not entry[0].isupper():
            continue
        person = _person_with_note(entry, None)
        if person.name not in seen:
            seen.add(person.name)
            people.append(person)
    return people


def _parse_affiliation_first(lines: list[str]) -> tuple[list[Person], list[str]]:
    """Rows like 'Avesta<TAB>Gunilla Berglund<TAB>Patrik Sundin', or the same one cell a line."""
    people: list[Person] = []
    warnings: list[str] = []
    affiliation: str | None = None
    for line in lines:
        for cell in _cells(line):
            if (anchor := _anchor(cell)) is not None:
                affiliation = None if anchor == "Kommun" else anchor
                continue
            if affiliation is None and not people:
                warnings.append(f"närvarolistan: '{cell}' står före första kommun eller organisation")
            people.append(_person_with_note(cell, affiliation))
    return people, warnings


def _parse_table_rows(lines: list[str]) -> tuple[list[Person], list[str]]:
    """The two-list table: 'names Municipality right-name right-role', one row a line, wrapped cells around it.

    Left names wrap onto lines before their municipality; a line is part of the next row's names
    when it ends in a comma, or when it is a list whose last entry is a lone first name.
    """
    people: list[Person] = []
    warnings: list[str] = []
    right_affiliation: str | None = None
    pending: list[str] = []  # lines of left-column names not yet tied to a municipality
    last_right: Person | None = None

    header = lines[0].split()
    if header and header[0] == "Kommun":
        right_affiliation = " ".join(header[1:]) or None
        lines = lines[1:]

    for line in lines:
        municipality, left, right = _split_row(line)
        if municipality is None:
            if last_right and not pending and _is_role_phrase(line) and last_right.role is None:
                people[people.index(last_right)] = last_right = Person(last_right.name, last_right.affiliation, line)
            elif last_right and not pending and last_right.role is None and NAME_TOKEN.match(line):
                people[people.index(last_right)] = last_right = Person(
                    f"{last_right.name} {line}", last_right.affiliation, None
                )
            else:
                pending.append(line)
            continue
        names_text, orphans = _chain_of_names(pending + ([left] if left else []))
        for orphan in orphans:
            for name in _split_names(orphan):
                people.append(Person(name))
                warnings.append(f"närvarolistan: kan inte avgöra vilken kommun {name} hör till")
        people.extend(Person(name, municipality) for name in _split_names(names_text))
        pending = []
        last_right = None
        if right:
            name, role = split_name_role(right)
            if name is None:
                right_affiliation = right  # a sub-heading of the right-hand list: 'RSS Dalarna / Hälsa och välfärd'
            else:
                last_right = Person(name, right_affiliation, role)
                people.append(last_right)
    for line in pending:
        for name in _split_names(line):
            people.append(Person(name))
            warnings.append(f"närvarolistan: kan inte avgöra vilken kommun {name} hör till")
    return people, warnings


def _split_row(line: str) -> tuple[str | None, str, str]:
    tokens = line.split()
    for i, token in enumerate(tokens):
        if token in MUNICIPALITIES:  # exact: a fuzzy match would take 'Falu' in 'Falu lasarett'
            return token, " ".join(tokens[:i]), " ".join(tokens[i + 1:])
    return None, line, ""


def _is_role_phrase(line: str) -> bool:
    first = line.split()[0]
    return is_role_word(first)


def _chain_of_names(lines: list[str]) -> tuple[str, list[str]]:
    """The wrapped cell that ends at the municipality, and the lines before it that belong to no row."""
    if not lines:
        return "", []
    start = len(lines) - 1
    while start > 0 and _continues_list(lines[start - 1]):
        start -= 1
    return " ".join(lines[start:]), lines[:start]


def _continues_list(line: str) -> bool:
    line = line.rstrip()
    if line.endswith(","):
        return True
    return "," in line and len(line.rsplit(",", 1)[1].split()) == 1


def _split_names(text: str) -> list[str]:
    return [" ".join(n.split()) for n in text.split(",") if n.strip()]
