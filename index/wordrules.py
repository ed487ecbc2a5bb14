"""The Swedish word rules kept as data (index/rules/*.tsv, one concern a file, a why per entry)."""

from __future__ import annotations

import functools
from pathlib import Path

RULES = Path(__file__).with_name("rules")


def entries(name: str) -> list[list[str]]:
    """The entries of one rules file: each line's tab-separated fields but the last (the why)."""
    rows = []
    for number, line in enumerate((RULES / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not all(f.strip() for f in fields):
            raise ValueError(f"index/rules/{name}:{number}: expected 'word<TAB>…<TAB>why', got {line!r}")
        rows.append([f.strip() for f in fields[:-1]])
    return rows


def words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in entries(name))


def mapping(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in entries(name)}


@functools.cache
def never_split() -> frozenset[str]:
    return words("never_split.tsv")


@functools.cache
def short_parts() -> frozenset[str]:
    return words("short_parts.tsv")


@functools.cache
def particles() -> frozenset[str]:
    return words("particles.tsv")


@functools.cache
def suffix_heads() -> frozenset[str]:
    return words("suffix_heads.tsv")


@functools.cache
def name_endings() -> tuple[str, ...]:
    return tuple(sorted(words("name_endings.tsv"), key=len, reverse=True))


@functools.cache
def combining_forms() -> dict[str, str]:
    return mapping("combining_forms.tsv")


@functools.cache
def procedural_titles() -> tuple[str, ...]:
    return tuple(row[0] for row in entries("procedural_items.tsv"))


def is_procedural(title: str) -> bool:
    """An agenda item of every meeting ('Godkännande av dagordning', 'Övriga frågor')."""
    return " ".join(title.lower().split()).startswith(procedural_titles())


@functools.cache
def synonyms() -> dict[str, str]:
    return mapping("synonyms.tsv")


@functools.cache
def irregular_forms() -> dict[str, str]:
    return mapping("irregular_forms.tsv")
