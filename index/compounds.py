"""Compound splitting, chosen by score rather than first found.

A compound is read as first parts (each a form that may begin a compound or stand inside one:
'hem', 'sjukvårds') and a last part (an inflected form of a word that may end a compound:
'avtalet'), each at least four letters unless index/rules/short_parts.tsv lists it. Of every way to
cut a word so, the one whose parts are the most common words wins (the mean of their Zipf
frequencies: the geometric mean of how often they occur), and only if it beats the word itself:
'sjukvårds|lagen' over 'sjukvård|slagen', 'vård|valet' over 'vår|dvalet', and 'handling' stays
whole.

Never cut: inside a lexicalised word (index/rules/never_split.tsv: 'dagordning', and so
'dagordnings|punkt'), after a particle ('redo|visa', 'samman|träde'), before a derivational suffix
('följ|ande'), a name the dictionary knows ('Hedemora'), or a capitalised compound ending like a name
('Sjöstrand', 'Ältavägen').
"""

from __future__ import annotations

import functools

from archive.limits import MAX_WORD_CHARS

from . import wordrules
from .lexicon import lexicon

MIN_COMPOUND = 6  # letters: 'bygglov', 'delmål'
MAX_COMPOUND = MAX_WORD_CHARS  # longer runs of letters are no words (archive/limits.py): never split
MAX_PARTS = 4  # the dictionary's COMPOUNDWORDMAX
INFLECTED_HEAD = 0.5  # Zipf units a last part's base form counts less than the form as written


def compound_parts(written: str) -> tuple[str, ...]:
    """A word as written inside a sentence, cut into its parts as written: ('hem', 'sjuk', 'vårds',
    'avtalet'); (word,) when it is no compound."""
    folded = written.lower()
    if written[:1].isupper() and not written.isupper() and _is_name(folded):
        return (folded,)
    return split(folded)


def _is_name(folded: str) -> bool:
    return folded in lexicon().names or folded.endswith(wordrules.name_endings())


@functools.lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """The best cut of a lower-case word into its parts as written, or (word,)."""
    if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND or not word.isalpha():
        return (word,)
    words = lexicon()
    if any(base in wordrules.never_split() for base in words.base_forms(word)):
        return (word,)
    forbidden = _inside_lexicalised(word)
    best, best_score = (word,), _whole_score(word)
    for parts in _cuts(word, 0, forbidden, MAX_PARTS):
        score = _score(parts)
        if score > best_score or score == best_score and len(best) > 1 and len(parts) < len(best):
            best, best_score = parts, score
    return best


def _cuts(word: str, start: int, forbidden: frozenset[int], parts_left: int):
    """Every way to cut word[start:] into first parts and a last part: tuples of parts as written."""
    words = lexicon()
    rest = word[start:]
    if start and words.head(rest):
        yield (rest,)
    if parts_left < 2:
        return
    for end in range(start + 2, len(word) - 2):
        if end in forbidden:
            continue
        part = word[start:end]
        if words.modifier(part) is None:
            continue
        for tail in _cuts(word, end, forbidden, parts_left - 1):
            yield (part, *tail)


def _inside_lexicalised(word: str) -> frozenset[int]:
    """Positions inside a lexicalised word ('dagordning' in 'dagordningspunkt'): no cut there."""
    inside = set()
    for unit in wordrules.never_split():
        written = unit[:-1] if unit[-1] in "ae" and len(unit) > 5 else unit  # 'grundskol|e|nämnden'
        at = word.find(written)
        while at >= 0:
            inside.update(range(at + 1, at + len(written)))
            at = word.find(written, at + 1)
    return frozenset(inside)


def _score(parts: tuple[str, ...]) -> float:
    """The mean Zipf frequency of the parts' words. The last part counts as written when that is more
    telling than its base form: 'sjukvårds|lagen' (lagen 5.0) beats 'sjukvård|slagen' (slagen 3.9,
    though slå is 5.1)."""
    words = lexicon()
    *firsts, last = parts
    frequencies = [words.frequency(words.modifier(p)) for p in firsts]
    frequencies.append(max(words.zipf.get(last, 0.0), words.frequency(words.head(last)) - INFLECTED_HEAD))
    return sum(frequencies) / len(frequencies)


def _whole_score(word: str) -> float:
    """How common the word is as a whole: a split must beat it."""
    words = lexicon()
    bases = words.base_forms(word)
    return max([words.frequency(word) if word in words.zipf else 0.0] + [words.frequency(b) for b in bases])
