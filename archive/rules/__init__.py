"""Swedish protocol knowledge as data: one file per concern, each entry with a one-line why.

Two forms. A rules file (`NAME.rules`) holds simple entries, one a line:

    value                 # why this entry is here
    key = value           # why (in files that map one thing to another)

The `#` that starts the reason follows two spaces or a tab, so a value may hold a single `#`; lines
that begin with `#` describe the file; every entry must give its reason. A TOML file (`NAME.toml`,
read with `load`) holds rules with several fields each (the decision kinds). Files are read once and
applied by small general code elsewhere.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArchiveError

FOLDER = Path(__file__).parent
REASON = re.compile(r"(?:\s{2,}|\t)#\s?(?P<why>.*)$")


# --- TOML rules -----------------------------------------------------------------------------------


@functools.cache
def load(name: str) -> dict:
    path = FOLDER / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ArchiveError(path, None, f"regelfilen kunde inte läsas: {error}") from error


def compile_pattern(name: str, number: int, pattern: str) -> re.Pattern:
    """A rule's pattern as whole words, case-insensitive, ^ at the start of any line."""
    try:
        return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise ArchiveError(FOLDER / f"{name}.toml", None, f"regel {number}: ogiltigt mönster {pattern!r}: {error}") from error


# --- line rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    value: str
    why: str
    line: int

    @property
    def key(self) -> str:
        """For `key = value` entries: the part before ' = '."""
        return self.value.partition(" = ")[0].strip()

    @property
    def mapped(self) -> str:
        """For `key = value` entries: the part after ' = ' (the value itself when there is none)."""
        key, sep, mapped = self.value.partition(" = ")
        return mapped.strip() if sep else key.strip()


class RulesError(ValueError):
    """A rules file that does not follow the format: named with its line."""


@functools.cache
def entries(name: str) -> tuple[Entry, ...]:
    """The entries of `NAME.rules`, in file order."""
    path = FOLDER / f"{name}.rules"
    found: list[Entry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = REASON.search(raw)
        if not match or not match.group("why").strip():
            raise RulesError(f"{path.name}:{number}: an entry needs its reason after '  # '")
        found.append(Entry(raw[: match.start()].strip(), match.group("why").strip(), number))
    return tuple(found)


def values(name: str) -> tuple[str, ...]:
    return tuple(entry.value for entry in entries(name))


def mapping(name: str) -> dict[str, str]:
    """`key = value` entries as a dict (keys as written)."""
    return {entry.key: entry.mapped for entry in entries(name)}


def names() -> list[str]:
    """Every line-rules file in this folder."""
    return sorted(path.stem for path in FOLDER.glob("*.rules"))


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 'Beslutande ledamöter' wins over 'Beslutande')."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def prefix_alternation(words) -> str:
    """The alternation of words factored by their common beginnings ('ale kommun|ale stad' becomes
    'ale (?:kommun|stad)', escaped), the longer word preferred as in alternation. Python's re tries every
    branch of a plain alternation at every position: the 1,500 names of municipalities cost some 30 s
    a megabyte of text, factored 0.5 s. Written for words that differ in more than case (a pattern
    ignoring case could prefer a shorter word of another case)."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: dict) -> str:
    branches = [re.escape(character) + _branches(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer word first


@functools.cache
def regex(name: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """The entries of a file of regular expressions as one pattern (use fullmatch for whole lines)."""
    return re.compile("|".join(f"(?:{value})" for value in values(name)), flags)
