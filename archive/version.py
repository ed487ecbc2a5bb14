"""The version of how the archive package reads documents: a digest of its code and its rules.

An index holds the meetings as this code read them, and an update re-reads only the files that
changed: after an upgrade of the reading, an index built before would go on serving the old reading
of every unchanged file. index/schema.py puts this digest into the index's version, so the next
`arkiv build` (or `arkiv serve`) rebuilds such an index, as after a change of the analyzer."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent


def reading_digest(package: Path = PACKAGE) -> str:
    """The first 12 hex digits of a SHA-256 over the package's modules and rule files, by name."""
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("rules/*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


READING_VERSION = reading_digest()
