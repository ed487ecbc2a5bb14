"""Query words rewritten before matching.

Synonyms (index/rules/synonyms.tsv): 'hemsjukvård' also finds "hälso- och sjukvård i hemmet".

Query words that the archive does not have, read as compounds: 'utskrivningsrutin' finds nothing
whole, so its parts are searched together. The first part (the matter: utskrivning) is required;
the last (rutin) ranks the items that have it first. The cut is chosen among the archive's own
words, so the serving process needs no dictionary."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .evaluate import Postings, joined, query_stems
from . import wordrules
from .analysis import STOP_WORDS, fold, stem
from .query import ParsedQuery, Term

MIN_PART = 3
MIN_WORD = 7  # letters: shorter words are not compounds worth splitting


@dataclass(frozen=True)
class Split:
    word: str
    first: str
    last: str


def split_unknown(postings: Postings, parsed: ParsedQuery) -> list[Split]:
    """Replace each plain query word that finds nothing by its first part, and add its last part as
    a ranking term (ParsedQuery.boosts). Returns the splits made, for a note to the user."""
    splits = []
    for group in parsed.groups:
        for index, term in enumerate(group):
            if term.phrase or term.prefix or _finds_something(postings, term.text):
                continue
            if split := _best_cut(postings, fold(joined(term.text))):
                group[index] = Term(split.first)
                parsed.boosts.append(Term(split.last))
                splits.append(split)
    return splits


def add_synonyms(parsed: ParsedQuery) -> None:
    """Each word or phrase with a synonym also finds the synonym (an OR within its group)."""
    by_stem = {stem(fold(word)): other for word, other in wordrules.synonyms().items() if " " not in word}
    phrases = {fold(word): other for word, other in wordrules.synonyms().items() if " " in word}
    for group in parsed.groups:
        for term in list(group):
            folded = fold(term.text)
            other = phrases.get(folded) if term.phrase else None if term.prefix else by_stem.get(stem(folded))
            if other:
                group.append(Term(other, phrase=" " in other, weight=1 / len(other.split())))


def names_procedure(parsed: ParsedQuery) -> bool:
    """Whether the query asks for an item of every meeting ('dagordning', 'övriga frågor')."""
    asked = {stem(fold(word)) for group in parsed.groups for term in group for word in term.text.split()}
    return not asked.isdisjoint(_procedure_stems())


@functools.cache
def _procedure_stems() -> frozenset[str]:
    return frozenset(stem(word) for title in wordrules.procedural_titles() for word in title.split()
                     if word not in STOP_WORDS)


def _finds_something(postings: Postings, text: str) -> bool:
    folded = fold(joined(text))
    return len(folded) < MIN_WORD or not folded.isalpha() or any(postings.doc_frequency(s) for s in query_stems(postings, folded))


def _best_cut(postings: Postings, word: str) -> Split | None:
    """The cut whose two parts the archive has together most often (then: the longer last part)."""
    best, best_key = None, None
    for at in range(MIN_PART, len(word) - MIN_PART + 1):
        first, last = word[:at], word[at:]
        for base in (first[:-1], first) if first.endswith("s") else (first,):  # the linking -s-
            firsts, lasts = _docs(postings, base), _docs(postings, last)
            if firsts and lasts:
                key = (len(firsts & lasts), len(last))
                if best_key is None or key > best_key:
                    best, best_key = Split(word, base, last), key
    return best


def _docs(postings: Postings, word: str) -> set[int]:
    if len(word) < MIN_PART:
        return set()
    found: set[int] = set()
    for stem in query_stems(postings, word):
        found.update(postings.scores(stem))
    return found
