"""The archive's words as the build analysed them: which written words a query's stems found
('Sökte även'), and what each word of a stored text matches (for highlighting)."""

from __future__ import annotations

import re

from .analysis import EXACT, analyse, fold, stem
from .evaluate import joined
from .query import ParsedQuery
from .schema import META


class Vocabulary:
    """The words of one searcher's view of the index, read when first needed."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._archive_words: list[str] | None = None
        self._data: dict | None = None
        self._variants: dict[str, set[str]] | None = None
        self._keys: dict[str, tuple[str, frozenset[str]]] = {}

    def archive_words(self) -> list[str]:
        """Every word of the archive as written (folded), sorted: the index terms marked EXACT."""
        if self._archive_words is None:
            marker = EXACT.encode()
            self._archive_words = [t.decode()[1:] for t in self.searcher.lexicon("text") if t.startswith(marker)]
        return self._archive_words

    def word_analysis(self) -> dict[str, list[str]]:
        """Each word of the archive -> its stem, base form and compound parts, as the build analysed it."""
        return self._meta().get("words", {})

    def base_stems(self) -> dict[str, list[str]]:
        """An archive word -> the stems of its base form and verb, where they differ from its own stem."""
        return self._meta().get("bases", {})

    def _meta(self) -> dict:
        """What the build stored about the archive's words (build._meta)."""
        if self._data is None:
            meta = self.searcher.document(id=META)
            self._data = meta["data"] if meta else {}
        return self._data

    def variants(self) -> dict[str, set[str]]:
        """stem or compound part -> the words of the archive that contain it (from the build's analysis)."""
        if self._variants is None:
            present = set(self.archive_words())
            variants: dict[str, set[str]] = {}
            for word, tokens in self.word_analysis().items():
                if word in present:
                    for token in tokens:
                        variants.setdefault(token, set()).add(word)
            self._variants = variants
        return self._variants

    def searched(self, parsed: ParsedQuery) -> list[str]:
        """The words of the archive that the query found through stems and compounds ('Sökte även')."""
        variants = self.variants()
        found: list[str] = []
        for term in (t for group in parsed.groups for t in group if not t.phrase and not t.prefix):
            folded = fold(joined(term.text))
            for query_stem in analyse(folded, mode="query") + self.base_stems().get(folded, []):
                found.extend(sorted(variants.get(query_stem, ())))
        return list(dict.fromkeys(found))

    def word_keys(self, word: str) -> tuple[str, frozenset[str]]:
        """A word of a stored text, folded, with everything it matches: itself, stem, compound parts, hyphen parts."""
        if (keys := self._keys.get(word)) is None:
            folded = fold(joined(word))
            analysis = self.word_analysis()
            parts = [folded] + [fold(p) for p in re.split(r"[-‐]", word) if p and p != word]
            found = {k for p in parts for k in (p, stem(p), *analysis.get(p, ()))}
            keys = self._keys[word] = (folded, frozenset(found))
        return keys
