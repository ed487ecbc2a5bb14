"""The query language, parsed without ever failing: words, "phrases", OR/ELLER, -word/INTE, prefix*,
the filters organ:, år: (2020, 2020..2022, 2020-2022), typ: (a kind or a document type), beslut:
(ja, förslag, alla), and questions about decisions ("vad beslutade vi om MiniMaria").

Anything it cannot use becomes a note for the user, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
OR_WORDS = {"or", "eller"}
NOT_WORDS = {"not", "inte"}
AND_WORDS = {"and", "och"}
FILTER = re.compile(r"^(organ|år|ar|year|typ|type|kind|beslut|decision):(.*)$", re.IGNORECASE)
DECISION_VALUES = {"ja": "taken", "tagna": "taken", "förslag": "proposed", "forslag": "proposed", "alla": "any",
                   "taken": "taken", "proposed": "proposed", "any": "any"}
QUESTION_WORDS = {"vad", "när", "hur", "vilka", "vilket", "vilken"}
DECISION_VERB = re.compile(r"(beslut(ade|at|ades|ats|a|s)?|beslöts?|bestämde|bestämt|bestämdes)[?.!]?", re.IGNORECASE)
YEAR_RANGE = re.compile(r"^(\d{4})(?:\s*(?:\.\.|-|–)\s*(\d{4}))?$")
MAX_TERMS = 32


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False
    weight: float = 1.0  # a synonym counts as one word, however many words it has


@dataclass
class ParsedQuery:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    boosts: list[Term] = field(default_factory=list)  # rank the items that have them first, select nothing
    organ: str | None = None
    year_from: str | None = None
    year_to: str | None = None
    types: list[str] = field(default_factory=list)
    decisions: str | None = None  # "taken", "proposed" or "any": only items with such decisions
    asks_for_decisions: bool = False  # "vad beslutade vi om …": the latest decision first
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    text = _decision_question(text or "", parsed)
    negate_next = or_next = False
    for match in TOKEN.finditer(text):
        minus, phrase, word = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            term = Term(" ".join(phrase.split()), phrase=True) if phrase.strip() else None
            negate = bool(minus) or negate_next
        else:
            lowered = word.lower()
            if lowered in OR_WORDS and parsed.groups:
                or_next = True
                continue
            if lowered in NOT_WORDS:
                negate_next = True
                continue
            if lowered in AND_WORDS:
                continue
            if filter_match := FILTER.match(word):
                _apply_filter(parsed, filter_match.group(1).lower(), filter_match.group(2))
                continue
            negate = negate_next or (word.startswith("-") and len(word) > 1)
            term = _word_term(word.lstrip("-") if word.startswith("-") else word)
        negate_next = False
        if term is None:
            continue
        if negate:
            parsed.excluded.append(term)
        elif or_next and parsed.groups:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        or_next = False
        if sum(len(g) for g in parsed.groups) + len(parsed.excluded) >= MAX_TERMS:
            parsed.notes.append(f"frågan är lång: bara de {MAX_TERMS} första orden används")
            break
    return parsed


def _decision_question(text: str, parsed: ParsedQuery) -> str:
    """'vad beslutade vi om MiniMaria' asks for decisions: the question word and the verb leave the
    query, and only decisions taken are searched ('vi', 'om' are stop words and drop out anyway)."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in QUESTION_WORDS or '"' in text:
        return text
    verbs = [w for w in words[1:4] if DECISION_VERB.fullmatch(w)]
    if not verbs:
        return text
    parsed.decisions, parsed.asks_for_decisions = "taken", True
    return " ".join(w for w in words[1:] if w not in verbs[:1])


def _word_term(word: str) -> Term | None:
    prefix = word.endswith("*")
    cleaned = re.sub(r"[^\w\-‐]", "", word)  # punctuation and stray operators carry no meaning here
    cleaned = cleaned.strip("-‐")
    if not cleaned:
        return None
    return Term(cleaned, prefix=prefix and len(cleaned) >= 2)


def _apply_filter(parsed: ParsedQuery, name: str, value: str) -> None:
    value = value.strip().strip('"')
    if not value:
        parsed.notes.append(f"filtret {name}: saknar värde och används inte")
    elif name == "organ":
        parsed.organ = value
    elif name in ("år", "ar", "year"):
        match = YEAR_RANGE.match(value)
        if match:
            parsed.year_from, parsed.year_to = match.group(1), match.group(2) or match.group(1)
        else:
            parsed.notes.append(f"år:{value} är inget år (skriv år:2020 eller år:2020..2022)")
    elif name in ("beslut", "decision"):
        if value.lower() in DECISION_VALUES:
            parsed.decisions = DECISION_VALUES[value.lower()]
        else:
            parsed.notes.append(f"beslut:{value} används inte (skriv beslut:ja, beslut:förslag eller beslut:alla)")
    else:
        parsed.types.append(value.lower())
