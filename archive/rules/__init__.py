"""Swedish protocol knowledge as data: one TOML file per concern, each entry with a one-line why.

`load(name)` reads `archive/rules/<name>.toml` once. A rule file that cannot be read, or a pattern
that is not a valid regular expression, is an ArchiveError naming the file and the rule.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from ..errors import ArchiveError

FOLDER = Path(__file__).parent


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
