"""The Swedish analyzer: words compared the way a Swedish reader would.

- lower case, with å, ä and ö kept as letters of their own; other accents fold (é -> e);
- Snowball Swedish from snowballstemmer (PyStemmer's C stemmer when installed, see STEMMER);
- compounds split at index time against the Swedish Hunspell word list (hunspell-sv), with the
  linking -s- ('samsjuklighets|delegationen') and a dropped -e ('samarbete' -> 'samarbets|avtalet');
  the whole word is kept and its parts are added at the same position;
- hyphenated names are one name: 'Mini-Maria' and 'MiniMaria-verksamheten' give 'minimaria' too.

Two analyzers: STEMMED (stems and compound parts, for finding) and EXACT (whole words as written,
lower-cased, for ranking exact forms first).
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import unicodedata
from importlib import metadata
from pathlib import Path

import snowballstemmer
from whoosh.analysis import Tokenizer
from whoosh.analysis.acore import Token

ANALYZER_VERSION = "sv-1"

STEMMER = snowballstemmer.stemmer("swedish")
WORD = re.compile(r"\w+(?:[-‐]\w+)*", re.UNICODE)
KEEP = set("åäöÅÄÖ")
STOP_WORDS = frozenset((Path(__file__).with_name("stopwords_sv.txt")).read_text(encoding="utf-8").split())
# Derivational prefixes, not compound modifiers: 'för|slaget', 'över|enskommelse' are no compounds.
PARTICLES = frozenset(
    "för före över under till upp av in ut om på mot efter fram bort ner sam an be miss åter vid genom kring "
    "med bi när fri all gen".split()
)
MIN_PART = 3
MIN_MODIFIER = 4  # a modifier the dictionary does not mark as one must be this long
MIN_HEAD = 4
MIN_COMPOUND = 8


class _FoldTable(dict):
    """str.translate table that learns each character's folded form the first time it meets it."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char if char in KEEP else "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        self[code] = folded
        return folded


FOLD_TABLE = _FoldTable()
NEEDS_FOLDING = re.compile(r"[^\x00-\x7fåäö]")


def fold(text: str) -> str:
    """Lower-case, fold accents except on å, ä, ö: 'Café Hälsa' -> 'cafe hälsa'."""
    lowered = text.lower()
    return lowered.translate(FOLD_TABLE) if NEEDS_FOLDING.search(lowered) else lowered


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return STEMMER.stemWord(word)


# --- the lexicon for compound splitting -------------------------------------------------------


_lexicon_cache_dir: Path | None = None


def cache_lexicon_in(folder: Path) -> None:
    """Keep the prepared lexicon as a pickle in folder: loading it is several times faster than
    preparing it from the dictionary (which matters to a build that adds one meeting)."""
    global _lexicon_cache_dir
    _lexicon_cache_dir = Path(folder)


@functools.lru_cache(maxsize=1)
def lexicon() -> "Lexicon":
    source = _dictionary_path()
    if _lexicon_cache_dir is None:
        return Lexicon.load(source)
    stat = source.stat()
    cached = _lexicon_cache_dir / f"lexicon-{ANALYZER_VERSION}-{stat.st_size}-{int(stat.st_mtime)}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        prepared = Lexicon.load(source)
    try:
        temporary = cached.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cached)
    except OSError:
        pass  # no cache, only slower
    return prepared


def _dictionary_path() -> Path:
    for file in metadata.files("hunspell-sv") or ():
        if file.name == "sv_SE.dic":
            return Path(file.locate()).resolve()
    raise RuntimeError("the Swedish Hunspell dictionary (package hunspell-sv) is not installed")


class Lexicon:
    """The words of the Swedish Hunspell dictionary and their compounding flags.

    sv_SE.aff marks words that may begin a compound (X) and end one (Y); a word of its own that
    may also carry the linking -s- ('samsjuklighet' -> 'samsjuklighets') is a modifier too.
    """

    def __init__(self, words: set[str], begins: set[str], ends: set[str]):
        self.words = frozenset(words)
        self.begins = frozenset(begins)
        self.end_stems = frozenset(STEMMER.stemWords(sorted(ends)))  # one call into the C stemmer

    @classmethod
    def load(cls, path: Path) -> "Lexicon":
        words, begins, ends = set(), set(), set()
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            word, _, flags = line.partition("/")
            word = fold(word.strip())
            if len(word) < MIN_PART or not word.isalpha():
                continue
            if "Z" not in flags:  # Z: only inside compounds, never a word of its own
                words.add(word)
            if "X" in flags:
                begins.add(word)
            if "Y" in flags:
                ends.add(word)
        return cls(words, begins, ends)

    def is_head(self, part: str) -> bool:
        return len(part) >= MIN_HEAD and stem(part) in self.end_stems

    def modifier(self, part: str) -> str | None:
        """The word a compound's first part stands for: 'samsjuklighets' -> 'samsjuklighet'."""
        if part in PARTICLES or part.endswith("s") and part[:-1] in PARTICLES:
            return None
        if part in self.begins:
            return part
        if part.endswith("s"):
            for base in (part[:-1], part[:-1] + "e"):  # samverkans -> samverkan; samarbets -> samarbete
                long_enough = len(base) >= (MIN_MODIFIER if base == part[:-1] else 2 * MIN_MODIFIER - 2)
                if long_enough and base in self.words and base not in PARTICLES:
                    return base
        if len(part) >= MIN_MODIFIER and part in self.words:
            return part
        return None


@functools.lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound: its modifier as a word, and its head as written.

    'hemsjukvårdsavtalet' -> ('hemsjukvård', 'hem', 'sjukvård', 'avtalet'); () when no split holds.
    The longest head that the dictionary allows to end a compound wins.
    """
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    words = lexicon()
    for cut in range(MIN_PART, len(word) - MIN_HEAD + 1):
        head = word[cut:]
        if not words.is_head(head):
            continue
        modifier = words.modifier(word[:cut])
        if modifier is not None:
            return (modifier, *split_compound(modifier), head)
    return ()


# --- Whoosh components ------------------------------------------------------------------------


def _words(value: str):
    """(word, start, end, position) of each word; a hyphenated name gives its parts and, at the first
    part's position, the joined form: 'Mini-Maria' -> Mini, MiniMaria, Maria."""
    position = 0
    for match in WORD.finditer(value):
        word = match.group()
        if "-" not in word and "‐" not in word:
            yield word, match.start(), match.end(), position
            position += 1
            continue
        parts = list(re.finditer(r"\w+", word))
        for index, part in enumerate(parts):
            yield part.group(), match.start() + part.start(), match.start() + part.end(), position
            if index == 0:
                yield "".join(p.group() for p in parts), match.start(), match.end(), position
            position += 1


@functools.lru_cache(maxsize=200_000)
def _index_tokens(folded: str) -> tuple[str, ...]:
    """A word's stem, then the stems of its compound parts."""
    stemmed = stem(folded)
    parts = dict.fromkeys(stem(p) for p in split_compound(folded))
    return (stemmed, *(p for p in parts if p != stemmed))


EXACT = "="  # marks a word as written, beside its stem: '=samsjuklighetsdelegationen'
# Sections of a field value that weigh more: build.py wraps a title in TITLE ... END.
TITLE, DECISION, END = "\x01", "\x02", "\x03"
SECTION_BOOST = {TITLE: 3.0, DECISION: 2.0}
SECTION = re.compile("([\x01\x02\x03])")


def weighted(title: str, decisions: list[str], body: list[str]) -> str:
    """The value of the one indexed field: a title and decisions marked to weigh more than the body."""
    return "\n".join([f"{TITLE}{title}{END}", *(f"{DECISION}{d}{END}" for d in decisions), *body])


class SwedishAnalyzer(Tokenizer):
    """The whole analysis in one pass (Whoosh's tokenizer | filter chain costs a generator per stage per token).

    For each word: its stem (stop words have none), at index time its compound parts, and the word as
    written, marked with EXACT, all at the word's position. Words in a marked title or decision carry
    that section's boost into the postings, so titles rank above bodies and decisions count.
    In queries, words are given one at a time and only stems are made.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        texts_of = _indexed if mode == "index" else _queried
        position, offset = start_pos, start_char
        boost = 1.0
        for piece in SECTION.split(value):
            if piece in SECTION_BOOST or piece == END:
                boost = SECTION_BOOST.get(piece, 1.0)
                continue
            last = position
            for word, start, end, at in _words(piece):
                for text in texts_of(word):
                    token.text, token.boost, token.stopped = text, boost, False
                    if positions:
                        token.pos = position + at
                    if chars:
                        token.startchar, token.endchar = offset + start, offset + end
                    yield token
                last = position + at + 1
            position, offset = last, offset + len(piece)


@functools.lru_cache(maxsize=300_000)
def _indexed(word: str) -> tuple[str, ...]:
    """What the index holds for a word as written: its stem and compound parts (none for a stop
    word), then the word itself marked EXACT. Cached: most words of an archive recur."""
    folded = fold(word)
    texts = () if folded in STOP_WORDS else _index_tokens(folded)
    return (*texts, EXACT + folded)


@functools.lru_cache(maxsize=100_000)
def _queried(word: str) -> tuple[str, ...]:
    """What a query looks up for a word: its stem (a stop word: nothing)."""
    folded = fold(word)
    return () if folded in STOP_WORDS else (stem(folded),)


def swedish_analyzer() -> SwedishAnalyzer:
    return SwedishAnalyzer()


def exact_words(text: str) -> set[str]:
    """The words of a text as written, folded (hyphenated names: parts and joined form)."""
    written = set(WORD.findall(SECTION.sub(" ", text)))
    plain = {word for word in written if "-" not in word and "‐" not in word}
    hyphenated = " ".join(written - plain)
    return {fold(word) for word in plain} | {fold(w) for w, _start, _end, _position in _words(hyphenated)}


def analyse(text: str, mode: str = "index") -> list[str]:
    """The stems and compound parts of a text, as the index sees them (for tests and the 'searched' list)."""
    return [t.text for t in SwedishAnalyzer()(text, mode=mode) if not t.text.startswith(EXACT)]
