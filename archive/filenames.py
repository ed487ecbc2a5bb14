"""What a file's name and folder say about its meeting, for when the text does not:
'KS/2024-05-15 protokoll.pdf' (organ from the folder, date from the name), 'kf_2023-03-14.txt',
'lomma_sbn_2025-12-08.txt' (the issuer too). Used only for what the text leaves unsaid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from . import rules
from .dates import valid
from .model import PartialDate
from .organs import Issuer, as_name, expand, issuer_of_word, organ_heading

DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")
DOC_WORDS = {word.lower() for word in rules.mapping("doc_types")}
SEPARATORS = re.compile(r"[\s_]+")


FILE, FOLDER = "filnamn", "mappnamn"  # where a fact came from, as arkiv check says it


@dataclass(frozen=True)
class NameFacts:
    date: PartialDate | None = None
    organ: str | None = None
    issuer: Issuer | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (field, FILE or FOLDER)

    def source(self, field: str) -> str:
        return dict(self.sources).get(field, FILE)


def facts_from_name(name: str, folder: str | None = None) -> NameFacts:
    """The date, organ and issuer a file's name (and its folder's) give, as far as they give any."""
    stem = PurePath(name).stem if name else ""
    sources: dict[str, str] = {}
    date = _date(stem)
    if date is None and folder and (date := _date(folder)):
        sources["date"] = FOLDER
    words = [w for w in SEPARATORS.split(DATE.sub(" ", stem)) if w]
    issuer = next((found for w in words if (found := issuer_of_word(w))), None)
    organ = _organ(words, issuer)
    if organ is None and folder and (organ := _folder_organ(folder)):
        sources["organ"] = FOLDER
    return NameFacts(date, organ, issuer, tuple(sources.items()))


def _date(text: str) -> PartialDate | None:
    match = DATE.search(text or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    return valid(year, month, day)


def _organ(words: list[str], issuer: Issuer | None) -> str | None:
    """The words left when the date, the issuer and the kind of document are taken away: 'ks' -> Kommunstyrelsen."""
    rest = []
    for word in words:
        if (issuer and issuer_of_word(word) == issuer) or any(c.isdigit() for c in word):
            continue
        parts = [p for p in word.split("-") if p.lower() not in DOC_WORDS]
        if parts:
            rest.append("-".join(parts))
    if len(rest) != 1:
        return None
    word = rest[0]
    return expand(word) or organ_heading(word.replace("-", " ")) or (word.upper() if len(word) <= 5 else as_name(word.replace("-", " ")))


def _folder_organ(folder: str) -> str | None:
    """A folder named after an organ ('KS', 'Socialnämnden'), never a folder named for anything else."""
    folder = folder.strip()
    return expand(folder) or organ_heading(folder)
