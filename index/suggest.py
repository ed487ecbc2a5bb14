"""'Menade du …?': a misspelt query corrected against the archive's own words.

- A misspelt word becomes the closest word of the archive by Damerau distance (a swapped pair of
  letters is one edit: 'hälas' -> 'hälsa'), the most common of the closest (symspellpy);
- never a stop word: they are not among the candidates ('Mini Maria' never becomes 'sina Maria');
- neighbouring words that the archive writes as one are joined ('Mini Maria' -> 'minimaria'), and
  a word the archive has only as two is split ('psykiskhälsa' -> 'psykisk hälsa');
- a word that finds only a rare form ('hjälpmedl' finds 'hjälpmedlen' once) is corrected when a
  word one edit away is far more common ('hjälpmedel').

A correction is offered only when it finds something; SearchIndex shows its results at once when
the query as written finds nothing or far less (Results.showing).
"""

from __future__ import annotations

import re

from symspellpy import SymSpell, Verbosity

from .analysis import EXACT, STOP_WORDS, WORD, fold, stem

TOKEN_WORDS = re.compile(r"\S+")
MIN_LENGTH = 4  # shorter words are not corrected: too many neighbours
RARE_FORM = 2  # a word found only through forms in at most this many items …
FAR_MORE = 4  # … is corrected to a word one edit away in this many times as many items


class Speller:
    """The words of one view of the index with the number of items that use each."""

    def __init__(self, searcher, variants: dict[str, set[str]]):
        self.counts = {
            term.decode()[1:] if isinstance(term, bytes) else term[1:]: info.doc_frequency()
            for term, info in searcher.reader().iter_prefix("text", EXACT)
        }
        self.variants = variants  # stem or part -> the archive's words with it
        self._symspell: SymSpell | None = None

    def suggestion(self, query: str) -> str | None:
        """The query with its misspelt words corrected, or None when nothing needed correcting."""
        tokens = TOKEN_WORDS.findall(query)
        corrected = self._joined(tokens)
        corrected = [self._corrected(token) for token in corrected]
        return " ".join(corrected) if corrected != tokens else None

    def _joined(self, tokens: list[str]) -> list[str]:
        """Neighbouring words that the archive writes as one word, joined."""
        out: list[str] = []
        for token in tokens:
            if out and _plain(out[-1]) and _plain(token):
                joined = fold(out[-1] + token)
                if self.counts.get(joined, 0) > max(self.counts.get(fold(out[-1]), 0), self.counts.get(fold(token), 0)):
                    out[-1] = joined
                    continue
            out.append(token)
        return out

    def _corrected(self, token: str) -> str:
        folded = fold(token)
        if not _plain(token) or folded in STOP_WORDS or len(folded) < MIN_LENGTH or self.counts.get(folded):
            return token
        family = sum(self.counts.get(word, 0) for word in self.variants.get(stem(folded), ()))
        if family == 0:
            return self._closest(folded, 2 if len(folded) > 5 else 1) or self._split(folded) or token
        if family <= RARE_FORM:
            better = self._closest(folded, 1)
            if better and self.counts[better] >= FAR_MORE * family:
                return better
        return token

    def _closest(self, word: str, distance: int) -> str | None:
        found = self.symspell().lookup(word, Verbosity.CLOSEST, max_edit_distance=distance)
        found = [s for s in found if s.term != word]
        return max(found, key=lambda s: (-s.distance, s.count)).term if found else None

    def _split(self, word: str) -> str | None:
        """Two archive words written together: 'psykiskhälsa' -> 'psykisk hälsa'."""
        cuts = [(word[:i], word[i:]) for i in range(MIN_LENGTH - 1, len(word) - MIN_LENGTH + 2)]
        known = [(a, b) for a, b in cuts if self.counts.get(a) and self.counts.get(b) and not {a, b} & STOP_WORDS]
        best = max(known, key=lambda ab: min(self.counts[ab[0]], self.counts[ab[1]]), default=None)
        return " ".join(best) if best else None

    def symspell(self) -> SymSpell:
        if self._symspell is None:
            self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for word, count in self.counts.items():
                if word not in STOP_WORDS and len(word) >= MIN_LENGTH - 1 and word.isalpha():
                    self._symspell.create_dictionary_entry(word, count)
        return self._symspell


def _plain(token: str) -> bool:
    """A word to correct: no filter (organ:), operator or phrase."""
    return ":" not in token and bool(WORD.fullmatch(token)) and token.upper() not in ("OR", "ELLER", "NOT", "INTE")
