"""Known organs (networks, councils, committees) and the region's municipalities, matched despite typos."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Organ:
    name: str
    aliases: tuple[str, ...] = ()


KNOWN_ORGANS = (
    Organ("Länschefsnätverket", ("LCHNV", "Länschefsnätverket i Dalarna", "Länsnätverket för förvaltningschefer")),
    Organ("Välfärdsrådet", ("Välfärdsrådet i Dalarna",)),
    Organ("Socialchefsnätverket", ("SCHNV",)),
)

MUNICIPALITIES = (
    "Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora", "Leksand", "Ludvika", "Malung-Sälen",
    "Mora", "Orsa", "Rättvik", "Smedjebacken", "Säter", "Vansbro", "Älvdalen",
)

# Committees of any municipality or region, named in the standard way.
COMMITTEE = re.compile(
    r"\b((?:[A-ZÅÄÖ][a-zåäöé-]*\s+och\s+)?[A-ZÅÄÖa-zåäö-]*(?:nämnd(?:en)?|fullmäktige|styrelsen|utskottet))\b"
)

FUZZY_CUTOFF = 0.65


@functools.lru_cache(maxsize=4096)
def match_organ(word: str) -> str | None:
    """The canonical organ for a name as written, typos included ('Välfrädrärdet' -> 'Välfärdsrådet')."""
    word = word.strip(" :,.")
    if not word:
        return None
    lowered = word.lower()
    for organ in KNOWN_ORGANS:
        if lowered in (n.lower() for n in (organ.name, *organ.aliases)):
            return organ.name
    scored = sorted(
        ((difflib.SequenceMatcher(None, lowered, organ.name.lower()).ratio(), organ.name) for organ in KNOWN_ORGANS),
        reverse=True,
    )
    best_score, best = scored[0]
    if best_score >= FUZZY_CUTOFF and best_score - scored[1][0] > 0.15:
        return best
    return None


NAMED = [
    (re.compile(rf"(?<!\w){re.escape(name)}s?(?!\w)", re.IGNORECASE), organ.name)
    for organ in KNOWN_ORGANS
    for name in (organ.name, *organ.aliases)
]


def find_organ(text: str) -> str | None:
    """The first known organ named anywhere in a text, by name or abbreviation (genitive too)."""
    hits = [(match.start(), name) for pattern, name in NAMED if (match := pattern.search(text))]
    return min(hits)[1] if hits else None


def find_committee(text: str) -> str | None:
    """A committee named in a protocol header, with its municipality: 'Socialnämnden, Mora kommun'."""
    match = COMMITTEE.search(text)
    if not match:
        return None
    name = match.group(1)
    name = name[0].upper() + name[1:]
    if municipality := re.search(r"\b([A-ZÅÄÖ][\wåäö-]+) kommun\b", text, re.IGNORECASE):
        return f"{name}, {municipality.group(1).title()} kommun"
    if region := re.search(r"\bRegion ([A-ZÅÄÖ][\wåäö-]+)\b", text, re.IGNORECASE):
        return f"{name}, Region {region.group(1).title()}"
    return name


@functools.lru_cache(maxsize=4096)
def match_municipality(word: str) -> str | None:
    """The municipality a word names, allowing for one slip of the pen ('Ålvdalen' -> 'Älvdalen')."""
    word = word.strip(" ,.:")
    if word in MUNICIPALITIES:
        return word
    close = difflib.get_close_matches(word, MUNICIPALITIES, n=1, cutoff=0.85)
    return close[0] if close else None
