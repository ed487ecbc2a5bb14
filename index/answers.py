"""Answers that fit a question about decisions: how well an item is about the query, and the order of decisions.

"vad beslutade vi om MiniMaria" (and `beslut:ja` sorted by relevance) ranks a decision by how well its own
item is about the matter: its title, one of its decisions, or its text as a whole names it (`about`);
an item that only mentions it in passing comes after. Decisions in substance (substantive decisions,
assignments, proposals to another organ) come before formalities, and within each tier the latest first:

    1. items about X with a decision in substance     (the answer: the latest of them, and the earlier ones)
    2. items about X whose decisions are formalities  ("informationen lades till handlingarna")
    3. items mentioning X with a decision in substance
    4. items mentioning X with formalities only

Every hit also says why it was found (`about`, and `why`: a short snippet of where the query matched).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from operator import itemgetter

from .analysis import STOP_WORDS, WORD, analyse, fold
from .evaluate import is_stop_word, joined
from .highlight import highlight
from .query import ParsedQuery, Term
from .results import Answer, Hit

ABOUT_TITLE, ABOUT_DECISION, ABOUT_TEXT, MENTION = "title", "decision", "text", "mention"
JUDGED = 400  # candidates judged for aboutness, the best-scoring first; the rest follow them by score
TEXT_MENTIONS = 3  # a text names the matter at least this often to be about it ...
TEXT_DENSITY = 100  # ... and once per this many words
WHY_LENGTH = 140
DECISION_SUBJECT = 25  # words: a decision is about what it names this early, not about a list further on
FORMALITY = "formality"


@dataclass(frozen=True)
class Alternative:
    """One way to match a group: every word's keys found in the text (a phrase), or a prefix."""

    words: tuple[frozenset[str], ...] = ()
    prefix: str | None = None


class Matcher:
    """What a text must contain to be about the query: each of its (meaningful) groups."""

    def __init__(self, parsed: ParsedQuery, keys_of):
        meaningful = [g for g in parsed.groups if not all(is_stop_word(t) for t in g)]
        self.groups = [tuple(_alternative(term) for term in group) for group in meaningful]
        self.keys_of = keys_of

    def counts(self, text: str) -> list[int]:
        """How often each group is matched in text (a phrase counts where all its words are present)."""
        keys = [self.keys_of(m.group()) for m in WORD.finditer(text or "")]
        found = set().union(*(k[1] for k in keys)) if keys else set()
        return [sum(self._count(alternative, keys, found) for alternative in group) for group in self.groups]

    def names_all(self, text: str) -> bool:
        return bool(self.groups) and all(self.counts(text))

    def _count(self, alternative: Alternative, keys, found: set[str]) -> int:
        if alternative.prefix:
            return sum(folded.startswith(alternative.prefix) for folded, _k in keys)
        if not alternative.words or not all(word & found for word in alternative.words):
            return 0
        first = alternative.words[0]
        return sum(1 for _folded, k in keys if not first.isdisjoint(k))

    def about(self, stored: dict) -> str:
        """How an item is about the query: by its title, a decision, its text as a whole, or only in passing."""
        if self.names_all(stored.get("title") or ""):
            return ABOUT_TITLE
        if any(self.names_all(_opening(text)) for text in _decision_texts(stored)):
            return ABOUT_DECISION
        body = stored.get("body") or ""
        counts = self.counts(body)
        if counts and min(counts) >= max(TEXT_MENTIONS, len(body.split()) / TEXT_DENSITY):
            return ABOUT_TEXT
        return MENTION

    def why(self, stored: dict, stems: set[str], prefixes: tuple[str, ...]) -> str:
        """A short HTML snippet of where the query matched: the text, else the decision that names it."""
        body = stored.get("body") or ""
        if body and any(self.counts(body)):
            return highlight(body, stems, prefixes, self.keys_of, length=WHY_LENGTH)
        for text in _decision_texts(stored):
            if any(self.counts(text)):
                return highlight(text, stems, prefixes, self.keys_of, length=WHY_LENGTH)
        return ""


def _alternative(term: Term) -> Alternative:
    if term.prefix:
        return Alternative(prefix=fold(term.text))
    words = WORD.findall(term.text)
    content = [w for w in words if fold(w) not in STOP_WORDS] or words
    return Alternative(words=tuple(_keys(w) for w in (content if term.phrase else [term.text])))


def _keys(word: str) -> frozenset[str]:
    folded = fold(joined(word))
    return frozenset((folded, *analyse(folded, mode="query")))


def _opening(decision: str) -> str:
    """What a decision is about: its first line, at most DECISION_SUBJECT words (not the lists it goes on to)."""
    return " ".join(decision.split("\n", 1)[0].split()[:DECISION_SUBJECT])


def _decision_texts(stored: dict) -> list[str]:
    return (stored.get("decision_list") or []) + (stored.get("proposal_list") or [])


def explained(hit: Hit, stored: dict, matcher: Matcher | None, stems: set[str], prefixes: tuple[str, ...]) -> Hit:
    """The hit with why it was found: about (title, decision, text, mention) and a short snippet."""
    if matcher is None or not matcher.groups:
        return hit
    return replace(hit, about=matcher.about(stored), why=matcher.why(stored, stems, prefixes))


def in_substance(details: list[dict]) -> bool:
    """Whether any of the decisions is more than a formality."""
    return any(d.get("kind") != FORMALITY for d in details)


def tier(about: str, details: list[dict]) -> int:
    """0 about X with a decision in substance, 1 about X with formalities, 2 and 3 the same for a mention."""
    return (0 if about != MENTION else 2) + (0 if in_substance(details) else 1)


def ranked(snapshot, matched: dict[int, float], matcher: Matcher, decision: str, page: int,
           limit: int) -> list[tuple[int, float]]:
    """One page of decision answers, in the order of the tiers above, newest first within each."""
    judged = heapq.nlargest(JUDGED, matched.items(), key=itemgetter(1))
    newest = snapshot.date_rank(newest=True)
    keys = {}
    for docnum, _score in judged:
        stored = snapshot.searcher.stored_fields(docnum)
        keys[docnum] = (tier(matcher.about(stored), _details(stored, decision)), newest[docnum])
    rest = len(keys)
    order = sorted(keys, key=keys.__getitem__)
    if len(matched) > rest:  # beyond the judged: by score
        order += [d for d, _s in sorted(matched.items(), key=itemgetter(1), reverse=True) if d not in keys]
    chosen = order[(page - 1) * limit: page * limit]
    return [(d, matched[d]) for d in chosen]


def _details(stored: dict, decision: str) -> list[dict]:
    if decision == "proposed":
        return stored.get("proposal_details") or []
    if decision == "any":
        return (stored.get("decision_details") or []) + (stored.get("proposal_details") or [])
    return stored.get("decision_details") or []


def answer(hits: list[Hit]) -> Answer:
    """The answer card: the latest decision in substance on an item about the matter and the earlier
    ones; when there is none, the latest item about it whose decisions were formalities. Beneath either,
    the decisions in substance on items that only mention the matter: a reader asking what was decided
    wants to see those too, told apart (they are never the answer)."""
    about = [h for h in hits if h.about and h.about != MENTION]
    substance = [h for h in about if in_substance(h.decision_details)]
    mentioned = [h for h in hits if h.about == MENTION and in_substance(h.decision_details)]
    if substance:
        return Answer(latest=substance[0], earlier=substance[1:], formal=None, mentioned=mentioned)
    return Answer(latest=None, earlier=[], formal=about[0] if about else None, mentioned=mentioned)
