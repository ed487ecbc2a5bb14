"""Organs and issuers: the region's known networks (typos forgiven), any organ named the Swedish way
('…nämnden', 'Kommunstyrelsens arbetsutskott', 'Referensgrupp X'), and the municipality, region or
authority that issues its documents. The words are data (archive/rules/); this is how they are applied.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from . import rules

HOME_COUNTY = "Dalarna"  # the region this archive serves: its municipalities head the attendance tables


@dataclass(frozen=True)
class Organ:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issuer:
    """Who issues a document: 'Lomma kommun' (short name 'Lomma', which meeting ids carry)."""

    name: str
    short: str


KNOWN_ORGANS = tuple(
    Organ(entry.key, tuple(a.strip() for a in entry.mapped.split("|")) if " = " in entry.value else ())
    for entry in rules.entries("known_organs")
)
MUNICIPALITY_COUNTY = rules.mapping("municipalities")
MUNICIPALITIES = tuple(name for name, county in MUNICIPALITY_COUNTY.items() if county == HOME_COUNTY)
ISSUER_NAMES = rules.mapping("issuer_names")
REGIONS = rules.values("regions")
ABBREVIATIONS = rules.mapping("organ_abbreviations")

_ENDINGS = rules.alternation(rules.values("organ_endings"))
_WORD = r"[A-Za-zÅÄÖåäöÉé]"
# 'Socialnämnden', 'Barn- och utbildningsnämnden', 'Tekniska nämnden', 'Nämnden för funktionsstöd',
# 'Kommunstyrelsens arbetsutskott': a name ending in an organ word, with what may stand before and after it.
_CORE = (
    rf"(?:{_WORD}+-?\s+och\s+|{_WORD}+a\s+)?{_WORD}*?(?:{_ENDINGS})"
    rf"(?:s\s+{_WORD}*utskott(?:et)?)?(?:\s+för\s+{_WORD}+(?:(?:\s+och\s+|,\s*|\s+){_WORD}+){{0,4}})?"
)
ORGAN_NAME = _CORE  # a regex for an organ's name, to build other patterns with
ORGAN_LINE = re.compile(rf"^(?:{_CORE})$", re.IGNORECASE)
ORGAN_NOUN_LINE = re.compile(
    rf"^(?:{rules.alternation(rules.values('organ_nouns'))})\s+\S.{{0,60}}$", re.IGNORECASE
)
_GENERIC = tuple(rules.values("organ_generic"))

FUZZY_CUTOFF = 0.65
LONGEST_KNOWN = max(len(name) for organ in KNOWN_ORGANS for name in (organ.name, *organ.aliases))


@functools.lru_cache(maxsize=4096)
def match_organ(word: str) -> str | None:
    """The canonical known organ for a name as written, typos included ('Välfrädrärdet' -> 'Välfärdsrådet')."""
    word = word.strip(" :,.")
    if not word:
        return None
    lowered = word.lower()
    for organ in KNOWN_ORGANS:
        if lowered in (n.lower() for n in (organ.name, *organ.aliases)):
            return organ.name
    if not any(abs(len(word) - len(organ.name)) <= 5 for organ in KNOWN_ORGANS):
        return None  # a slip of the pen changes a letter or two, not a name's length
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


# --- organs named the Swedish way ---------------------------------------------------------------


def as_name(text: str) -> str:
    """An organ's name as a name: 'BARN- OCH UTBILDNINGSNÄMNDEN' -> 'Barn- och utbildningsnämnden'."""
    text = " ".join(text.split()).strip(" :,.")
    if text.isupper() or text.islower():
        text = text.lower()
    return text[:1].upper() + text[1:]


def organ_heading(line: str) -> str | None:
    """The organ a heading line names on its own: 'KOMMUNSTYRELSEN', 'Referensgrupp DCAT-AP-SE'."""
    line = " ".join(line.split()).strip(" :")
    if len(line) > 80 or line.endswith("."):  # a sentence that mentions a body is not its heading
        return None
    if ORGAN_LINE.match(line) or ORGAN_NOUN_LINE.match(line):
        return as_name(line)
    head, comma, tail = line.rpartition(",")
    if comma and find_issuer(tail):  # 'Socialnämnden, Mora kommun'
        return organ_heading(head)
    if len(line) > LONGEST_KNOWN + 3:  # a slip of the pen changes a letter or two, not a name's length
        return None
    known = match_organ(line)
    if known and (abs(len(line) - len(known)) <= 3 or any(line.lower() == a.lower() for o in KNOWN_ORGANS for a in o.aliases)):
        return known
    return None


def expand(abbreviation: str) -> str | None:
    """An organ abbreviation every municipality uses the same way: 'KS' -> 'Kommunstyrelsen'."""
    return ABBREVIATIONS.get(abbreviation.upper())


def is_generic(organ: str) -> bool:
    """Does every municipality have an organ of this name? Then its issuer tells them apart."""
    last = organ.split(",")[0].split()[-1].lower() if organ.strip() else ""
    return last.endswith(_GENERIC) or bool(re.search(r"\butskott(?:et)?\b", organ, re.IGNORECASE))


# --- issuers --------------------------------------------------------------------------------------

_OFFICIAL = {}  # 'leksands kommun' -> 'Leksand', and each name's 'stad' form
REGION_ISSUER = re.compile(rf"(?<![\w-])({rules.prefix_alternation(REGIONS)})(?![\w-])", re.IGNORECASE)
SHORT_ISSUERS = {short.lower(): short for short in ISSUER_NAMES if short not in MUNICIPALITY_COUNTY}
SHORT_ISSUERS.update({name.lower(): short for short, name in ISSUER_NAMES.items() if short not in MUNICIPALITY_COUNTY})
_CANONICAL = {name.lower(): name for name in MUNICIPALITY_COUNTY}


def municipality_name(name: str) -> str:
    """What a municipality calls itself: 'Lomma kommun', 'Leksands kommun' (a genitive after a
    consonant), 'Göteborgs Stad' and the other exceptions of issuer_names.rules."""
    if name in ISSUER_NAMES:
        return ISSUER_NAMES[name]
    genitive = "" if name[-1].lower() in "aeiouyåäösxz" else "s"
    return f"{name}{genitive} kommun"


def issuer_of_municipality(name: str) -> Issuer:
    name = _CANONICAL.get(name.lower(), name)
    return Issuer(municipality_name(name), name)


def issuer_of_region(name: str) -> Issuer:
    name = next((r for r in REGIONS if r.lower() == name.lower()), name)
    short = name.removeprefix("Region ").removesuffix(" län")
    return Issuer(name, "region-" + short if name.startswith("Region ") else short)


def find_issuer(text: str) -> Issuer | None:
    """The issuer a text names most often: 'Lomma kommun', 'Göteborgs Stad', 'Region Dalarna'."""
    found = _issuers(text)
    return max(found, key=lambda issuer: found[issuer]) if found else None


def dominant_issuer(text: str) -> Issuer | None:
    """The issuer a whole document names far more often than any other (the others are what it is about)."""
    found = sorted(_issuers(text).items(), key=lambda item: item[1], reverse=True)
    if not found or found[0][1] < 3 or (len(found) > 1 and found[0][1] < 2 * found[1][1]):
        return None
    return found[0][0]


def _issuers(text: str) -> dict[Issuer, int]:
    found: dict[Issuer, int] = {}
    clauses = _naming_clauses(text)
    for match in (match for clause in clauses for match in _municipality_issuer().finditer(clause)):
        issuer = issuer_of_municipality(_official()[_inflected(match.group(0))])
        found[issuer] = found.get(issuer, 0) + 1
    for match in (match for clause in clauses for match in REGION_ISSUER.finditer(clause)):
        issuer = issuer_of_region(match.group(1))
        found[issuer] = found.get(issuer, 0) + 1
    return found


ISSUER_WORDS = ("kommun", "stad", "reg")  # every issuer's name holds one ('Region Gotland' too), casefolded
_ISSUER_WORD = re.compile("|".join(ISSUER_WORDS))
CLAUSE_BREAK = re.compile(r"[.,;:()\n]")  # in no issuer's name, and neither a letter nor '-'


def _naming_clauses(text: str) -> list[str]:
    """The clauses of a text that hold a word of an issuer's name. The issuer patterns are tried at every
    position of what they search (1 ms for a 14 kB document) and no name crosses a clause break, so they
    find the same names in these clauses as in the whole text, in the same order, at a fifth of the cost."""
    # casefold: what ignoring case matches to the letters of the issuer words folds to those letters
    return [clause for clause in CLAUSE_BREAK.split(text) if _ISSUER_WORD.search(clause.casefold())]


@functools.lru_cache(maxsize=4096)
def issuer_of_word(word: str, fuzzy: bool = False) -> Issuer | None:
    """The issuer a single word names: a file name's 'lomma', a letterhead's 'NACKA' (or, fuzzy, OCR's 'MACKA')."""
    word = word.strip(" ,.:()").replace("_", " ")
    if not word:
        return None
    lowered = word.lower()
    if lowered in _CANONICAL:
        return issuer_of_municipality(lowered)
    if (folded := _fold(word)) in _FOLDED_NAMES:
        return issuer_of_municipality(_FOLDED_NAMES[folded])
    if lowered in SHORT_ISSUERS:
        short = SHORT_ISSUERS[lowered]
        return Issuer(ISSUER_NAMES[short], short)
    if fuzzy and len(word) >= 5:
        close = difflib.get_close_matches(lowered, list(_CANONICAL), n=1, cutoff=0.8)
        if close:
            return issuer_of_municipality(close[0])
    return None


_ASCII = str.maketrans("åäöéü", "aaoeu")


def _fold(text: str) -> str:
    """'Göteborg' -> 'goteborg': how file names spell Swedish words."""
    return text.lower().translate(_ASCII)


_FOLDED_NAMES = {_fold(name): name for name in MUNICIPALITY_COUNTY}  # 'goteborg' -> 'Göteborg'


@functools.lru_cache(maxsize=4096)
def match_municipality(word: str) -> str | None:
    """The home county's municipality a word names, allowing for one slip of the pen ('Ålvdalen' -> 'Älvdalen')."""
    word = word.strip(" ,.:")
    if word in MUNICIPALITIES:
        return word
    close = difflib.get_close_matches(word, MUNICIPALITIES, n=1, cutoff=0.85)
    return close[0] if close else None


@functools.cache
def _official() -> dict[str, str]:
    """'leksands kommun', 'leksand kommun', 'göteborgs stad' … -> the municipality's name."""
    names: dict[str, str] = {}
    for name in MUNICIPALITY_COUNTY:
        official = municipality_name(name)
        for form in (official, f"{name} kommun", f"{name}s kommun", f"{name} stad", f"{name}s stad"):
            names[form.lower()] = name
        if official.endswith(" kommun"):
            names[official.lower().removesuffix(" kommun") + " stad"] = name
    return names


@functools.cache
def _municipality_issuer() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{rules.prefix_alternation(_official())})(?:s|en)?\b", re.IGNORECASE)


def _inflected(text: str) -> str:
    """'Göteborgs Stads' -> 'göteborgs stad', 'Lomma kommuns' -> 'lomma kommun'."""
    text = " ".join(text.lower().split())
    if text in _official():
        return text
    for ending in ("s", "en"):
        if text.endswith(ending) and text[: -len(ending)] in _official():
            return text[: -len(ending)]
    return text
