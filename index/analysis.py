"""The Swedish analyzer: words compared the way a Swedish reader would.

- lower case, with å, ä and ö kept as letters of their own; other accents fold (é -> e);
- Snowball Swedish from snowballstemmer (PyStemmer's C stemmer when installed, see STEMMER);
- base forms beside stems, from the Swedish Hunspell dictionary (index/lexicon.py): 'insatser' and
  'insats', 'strategin' and 'strategi' meet although Snowball stems them apart;
- compounds split at index time, the cut chosen by score (index/compounds.py): the whole word is
  kept and its parts, runs of parts and base form are added at the same position;
- hyphenated names are one name: 'Mini-Maria' and 'MiniMaria-verksamheten' give 'minimaria' too;
- an elided first part stands for its compound: 'ut- och inskrivning' gives 'utskrivning'.

Two analyzers: STEMMED (stems and compound parts, for finding) and EXACT (whole words as written,
lower-cased, for ranking exact forms first).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from pathlib import Path

import snowballstemmer
from whoosh.analysis import Tokenizer
from whoosh.analysis.acore import Token

from archive.limits import MAX_WORD_CHARS

from . import wordrules
from .compounds import compound_parts
from .lexicon import lexicon

ANALYZER_VERSION = "sv-2"  # base forms, scored compound splits, elided coordinations

STEMMER = snowballstemmer.stemmer("swedish")
WORD = re.compile(r"\w+(?:[-‐]\w+)*", re.UNICODE)
KEEP = set("åäöÅÄÖ")
STOP_WORDS = frozenset((Path(__file__).with_name("stopwords_sv.txt")).read_text(encoding="utf-8").split())
MAX_WORD = MAX_WORD_CHARS  # letters (archive/limits.py): a longer run is no word, and is neither split nor looked up
MIN_VERB = 4  # letters of a verb that a noun in -ning is read as made from
NOUN_ONLY = frozenset("ABCDEFGHXYUZvfs")  # flags of nouns: a word with only these is no verb


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


def stem(word: str) -> str:
    """The Snowball stem; a run of letters longer than any word is its own stem, and is not cached."""
    return _cached_stem(word) if len(word) <= MAX_WORD else word


@functools.lru_cache(maxsize=200_000)
def _cached_stem(word: str) -> str:
    return STEMMER.stemWord(word)


# --- a word's tokens ---------------------------------------------------------------------------


def word_tokens(written: str) -> tuple[str, ...]:
    """What a word stands for in the index, stem first: its stem, the stems of its base forms
    ('insatser' -> insats, insat), and for a compound the stems of its parts, of the runs of parts
    ('hem|sjuk|vårds|avtalet': sjukvård, hemsjukvård, sjukvårdsavtal …) and of the whole word in its
    base form. Base forms count only as stems, so that a query needs no dictionary: the stem of
    'insats' finds the 'insat' of 'insatser'."""
    folded = fold(written)
    tokens = dict.fromkeys([stem(folded), *_base_stems(folded)])
    parts = compound_parts(written) if folded.isalpha() and len(folded) <= MAX_WORD else (folded,)
    if len(parts) > 1:
        for run in _runs(parts):
            tokens.update(dict.fromkeys([stem(run), *_base_stems(run)]))
    return tuple(tokens)


def _base_stems(folded: str) -> list[str]:
    """The stem of the word's base form, and for a noun made from a verb the verb's stem
    ('upphandlingen' -> upphandling, upphandl: it meets 'upphandla', 'upphandlad')."""
    if not folded.isalpha() or len(folded) > MAX_WORD:
        return []
    words = lexicon()
    bases = words.base_forms(folded)
    base = next((b for b in bases if b != folded), None)
    stems = [stem(base)] if base else []
    noun = base or folded if folded in bases or base else None
    if noun and noun.endswith("ing") and (verb := _verb_of(noun)):
        stems.append(stem(verb))
    return stems


def _verb_of(noun: str) -> str | None:
    """The verb a noun in -ing/-ning is made from: 'förlängning' -> 'förlänga', 'planering' -> 'planera'."""
    words = lexicon()
    for verb in (noun[:-4] + "a", noun[:-3] + "a") if noun.endswith("ning") else (noun[:-3] + "a",):
        if len(verb) > MIN_VERB and verb in words.flags and not NOUN_ONLY.issuperset(words.flags[verb]):
            return verb
    return None


def _runs(parts: tuple[str, ...]):
    """Each part, the first parts together ('hem|sjuk|vårds' -> 'hemsjukvård'), and each other run of
    neighbouring parts that is a word of the dictionary ('sjukvård'), as a word: a run that ends
    before the last part ends in that part's base form; the whole word is left out."""
    words = lexicon()
    for first in range(len(parts)):
        for last in range(first, len(parts)):
            if last - first == len(parts) - 1:
                continue
            written = "".join(parts[first:last + 1])
            if last < len(parts) - 1:
                base = words.modifier(parts[last]) or parts[last]
                written = "".join(parts[first:last]) + base
            whole_modifier = first == 0 and last == len(parts) - 2
            if first == last or whole_modifier or written in words.flags:
                yield written
    *firsts, head = parts
    if (base := words.head(head)) and base != head:
        yield "".join(firsts) + base  # the whole compound in its base form: 'demensstrategin' -> 'demensstrategi'


# --- Whoosh components ------------------------------------------------------------------------


def _words(value: str):
    """(word, start, end, position) of each word; a hyphenated name gives its parts and, at the first
    part's position, the joined form: 'Mini-Maria' -> Mini, MiniMaria, Maria. An elided first part
    gives, at its position, the compound it stands for: 'ut- och inskrivning' -> ut, utskrivning,
    och, inskrivning; 'hälso- och sjukvård' -> hälso, hälsovård, …"""
    position = 0
    matches = list(WORD.finditer(value))
    elided = {m.start() for m in ELIDED.finditer(value)} if "-" in value or "‐" in value or "–" in value else ()
    for index, match in enumerate(matches):
        word = match.group()
        if "-" not in word and "‐" not in word:
            yield word, match.start(), match.end(), position
            if match.end() in elided and (completed := _completed(value, matches, index)):
                yield completed, match.start(), match.end(), position
            position += 1
            continue
        parts = list(re.finditer(r"\w+", word))
        for number, part in enumerate(parts):
            yield part.group(), match.start() + part.start(), match.start() + part.end(), position
            if number == 0 and parts[-1].group().lower() in COORDINATORS:  # 'hälso-och sjukvård'
                if completed := _completion(part.group(), matches[index + 1: index + 1 + ELISION_REACH], value):
                    yield completed, match.start(), match.end(), position
            elif number == 0:
                yield "".join(p.group() for p in parts), match.start(), match.end(), position
            position += 1


COORDINATORS = frozenset({"och", "eller", "samt", "respektive", "resp", "som"})
ELIDED = re.compile(r"[-‐](?=[\s,])|\s[-‐–](?=och\b|eller\b)")  # 'ut- och', 'bas-, fördjupnings-', 'hälso –och'
ELISION_REACH = 6  # words between an elided first part and the compound that completes it
ELISION_SPAN = 120  # characters after an elided first part that hold the compound completing it


def _completed(value: str, matches: list, index: int) -> str | None:
    """The compound an elided first part stands for ('ut-' in 'ut- och inskrivning' -> 'utskrivning')."""
    match = matches[index]
    if not ELIDED.match(value, match.end()):
        return None
    return _completion(match.group(), matches[index + 1: index + 1 + ELISION_REACH], value)


def _completion(elided: str, following: list, value: str) -> str | None:
    for match in following:
        word = match.group()
        if word.lower() in COORDINATORS or ELIDED.match(value, match.end()):
            continue
        tail = _without_first_part(word)
        return elided + tail if tail else None
    return None


def _without_first_part(word: str) -> str | None:
    """'sjukvård' -> 'vård', 'regionnivå' -> 'nivå', 'inskrivning' -> 'skrivning' (a particle first)."""
    folded = fold(word)
    if not folded.isalpha() or len(folded) > MAX_WORD:
        return None
    parts = compound_parts(word)
    if len(parts) > 1:
        return "".join(parts[1:])
    particle = max((p for p in wordrules.particles() if folded.startswith(p) and len(folded) - len(p) >= 4),
                   key=len, default=None)
    return folded[len(particle):] if particle else None


EXACT = "="  # marks a word as written, beside its stem: '=samsjuklighetsdelegationen'
# Sections of a field value that weigh more: build.py wraps a title in TITLE ... END.
TITLE, DECISION, END = "\x01", "\x02", "\x03"
SECTION_BOOST = {TITLE: 3.0, DECISION: 2.0}
TITLE_PART = 0.7  # a compound's part in a title, as a share of the same word written on its own there
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
        boost, in_title = 1.0, False
        for piece in SECTION.split(value):
            if piece in SECTION_BOOST or piece == END:
                boost = SECTION_BOOST.get(piece, 1.0)
                in_title = piece == TITLE and mode == "index"
                continue
            last = position
            for word, start, end, at in _words(piece):
                parts = _title_exact(word) if in_title else ()
                for text in (*texts_of(word), *parts):
                    token.text, token.stopped = text, False
                    token.boost = boost * TITLE_PART if parts and text in parts else boost
                    if positions:
                        token.pos = position + at
                    if chars:
                        token.startchar, token.endchar = offset + start, offset + end
                    yield token
                last = position + at + 1
            position, offset = last, offset + len(piece)

    def postings(self, value: str) -> tuple[dict[str, list[int]], dict[str, float]]:
        """What indexing a value gives, each token's positions and summed boosts, as __call__ would give
        them in index mode, without a Token object for each (the index's hottest loop: see PackedPositions)."""
        places: dict[str, list[int]] = {}
        weights: dict[str, float] = {}
        position, boost, tokens_of = 0, 1.0, _body_tokens
        for piece in SECTION.split(value):
            if piece in SECTION_BOOST or piece == END:
                boost, tokens_of = SECTION_BOOST.get(piece, 1.0), _title_tokens if piece == TITLE else _body_tokens
                continue
            last = position
            for word, at in _positions(piece):
                at += position
                for text, share in tokens_of(word):
                    if text in places:
                        places[text].append(at)
                        weights[text] += boost * share
                    else:
                        places[text] = [at]
                        weights[text] = boost * share
                last = at + 1
            position = last
        return places, weights


@functools.lru_cache(maxsize=300_000)
def _body_tokens(word: str) -> tuple[tuple[str, float], ...]:
    return tuple((text, 1.0) for text in _indexed(word))


@functools.lru_cache(maxsize=100_000)
def _title_tokens(word: str) -> tuple[tuple[str, float], ...]:
    return _body_tokens(word) + tuple((text, TITLE_PART) for text in _title_exact(word))


def _positions(piece: str):
    """(word, position) of each word: a piece without hyphenated words or elided first parts is only its
    words, in order."""
    if "-" in piece or "‐" in piece or ("–" in piece and ELIDED.search(piece)):
        return [(word, at) for word, _start, _end, at in _words(piece)]
    return zip(WORD.findall(piece), itertools.count())


@functools.lru_cache(maxsize=100_000)
def _title_exact(word: str) -> tuple[str, ...]:
    """In a title, a compound's parts count nearly as written words (TITLE_PART): a title naming the
    matter inside a compound ('det kortsiktiga hemsjukvårdsavtalet') ranks close to one naming it
    as a word of its own."""
    return tuple(EXACT + part for part in title_parts(word))


def title_parts(written: str) -> tuple[str, ...]:
    """The words a compound is made of, in their base forms, and its first parts together:
    'hemsjukvårdsavtalet' -> hem, sjuk, vård, avtal, hemsjukvård."""
    folded = fold(written)
    if folded in STOP_WORDS or not folded.isalpha() or len(folded) > MAX_WORD:
        return ()
    parts = compound_parts(written)
    if len(parts) < 2:
        return ()
    words = lexicon()
    *firsts, head = parts
    bases = [words.modifier(p) or p for p in firsts]
    found = [*bases, words.head(head) or head]
    if len(firsts) > 1:
        found.append("".join(firsts[:-1]) + bases[-1])
    return tuple(dict.fromkeys(w for w in found if w != folded))


@functools.lru_cache(maxsize=300_000)
def _indexed(word: str) -> tuple[str, ...]:
    """What the index holds for a word as written: its tokens (none for a stop word), then the word
    itself marked EXACT. Cached: most words of an archive recur."""
    folded = fold(word)
    texts = () if folded in STOP_WORDS else word_tokens(word)
    return (*texts, EXACT + folded)


@functools.lru_cache(maxsize=100_000)
def _queried(word: str) -> tuple[str, ...]:
    """What a query looks up for a word: its stem, and the stem of an irregular base form
    ('ledamöter' -> ledamot); a stop word: nothing. The serving process needs no dictionary: the
    archive's own words come with their analysis (SearchIndex looks them up)."""
    folded = fold(word)
    if folded in STOP_WORDS:
        return ()
    irregular = wordrules.irregular_forms().get(folded)
    return tuple(dict.fromkeys([stem(folded)] + ([stem(irregular)] if irregular else [])))


def swedish_analyzer() -> SwedishAnalyzer:
    return SwedishAnalyzer()


def exact_words(text: str) -> set[str]:
    """The words of a text as written, folded (hyphenated names: parts and joined form; elided first
    parts: the compounds they stand for)."""
    text = SECTION.sub(" ", text)
    folded = fold(text)  # once, not word by word
    words = set(WORD.findall(folded))
    if "-" not in folded and "‐" not in folded and "–" not in folded:
        return words
    hyphenated = {word for word in words if "-" in word or "‐" in word}
    words -= hyphenated
    words.update(w for w, _start, _end, _position in _words(" ".join(hyphenated)))
    for elision in ELIDED.finditer(text):  # the compound an elided first part stands for, from the text around it
        start = text.rfind(" ", 0, elision.start()) + 1
        words.update(fold(w) for w, _start, _end, _position in _words(text[start:elision.end() + ELISION_SPAN]))
    return words


def base_stems(word: str) -> list[str]:
    """The stems of a word's base form and its verb that are not the word's own stem ('insats' for
    'insatser'): kept with the index, so that a query for an archive word finds them without a dictionary."""
    folded = fold(word)
    own = stem(folded)
    return [s for s in _base_stems(folded) if s != own] if folded not in STOP_WORDS else []


def analyse(text: str, mode: str = "index") -> list[str]:
    """The stems and compound parts of a text, as the index sees them (the 'searched' list, each
    matter's terms): the analyzer's tokens without the words as written, and without its Token objects."""
    stems_of = word_stems if mode == "index" else _queried
    return [stem for word in words(text) for stem in stems_of(word)]


def words(text: str) -> list[str]:
    """The words of a text as the analyzer reads them: hyphenated names with their joined form, elided
    first parts with the compounds they stand for."""
    return [word for piece in SECTION.split(text) if piece not in SECTION_BOOST and piece != END
            for word, _position in _positions(piece)]


@functools.lru_cache(maxsize=300_000)
def word_stems(word: str) -> tuple[str, ...]:
    """What the index holds for a word, without the word as written: its stems and compound parts."""
    return tuple(t for t in _indexed(word) if not t.startswith(EXACT))
