"""Matched words marked in titles and snippets, HTML-safe."""

from __future__ import annotations

import html

from .analysis import WORD, analyse, fold, stem
from .evaluate import is_stop_word, joined
from .query import ParsedQuery

SNIPPET_LENGTH = 240


def query_stems(parsed: ParsedQuery) -> set[str]:
    """What a stored word must match to be marked: each query word folded, and its stems; not a stop word the
    search leaves out ('om' in 'vad beslutade vi om MiniMaria'), unless a phrase holds it."""
    stems: set[str] = set()
    for term in (t for group in parsed.groups for t in group if not is_stop_word(t)):
        for word in WORD.findall(term.text):
            folded = fold(joined(word))
            stems.add(folded)
            stems.update(analyse(folded, mode="query"))
    return stems


def query_prefixes(parsed: ParsedQuery) -> tuple[str, ...]:
    return tuple(fold(t.text) for group in parsed.groups for t in group if t.prefix)


def highlight(text: str, stems: set[str], prefixes: tuple[str, ...] = (), keys_of=None,
              length: int | None = SNIPPET_LENGTH) -> str:
    """An HTML-safe snippet of text around its first matched word (the whole text if length is None),
    each matched word in <mark>.

    A word matches when it, its stem or one of its compound parts is among the query's stems:
    'Samsjuklighetsdelegationen' is marked for 'samsjuklighet'.
    """
    keys_of = keys_of or _plain_keys
    matches = [m for m in WORD.finditer(text) if _matches(keys_of(m.group()), stems, prefixes)]
    start = max(0, matches[0].start() - length // 3) if matches and length else 0
    end = min(len(text), start + length) if length else len(text)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for match in (m for m in matches if start <= m.start() and m.end() <= end):
        out.append(html.escape(text[cursor:match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    out.append(html.escape(text[cursor:end]))
    return ("… " if start > 0 else "") + "".join(out).replace("\n", " ") + (" …" if end < len(text) else "")


def _matches(keys: tuple[str, frozenset[str]], stems: set[str], prefixes: tuple[str, ...]) -> bool:
    folded, found = keys
    return not found.isdisjoint(stems) or bool(prefixes) and folded.startswith(prefixes)


def _plain_keys(word: str) -> tuple[str, frozenset[str]]:
    """A word's keys without the archive's analysis: itself and its stem."""
    folded = fold(joined(word))
    return folded, frozenset((folded, stem(folded)))
