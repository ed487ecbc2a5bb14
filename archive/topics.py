"""Curated topics: Markdown files with a small header, kept in the archive folder under `_amnen/`.

    ---
    title: Samsjuklighet
    query: samsjuklighet
    description: One sentence for the start page.
    ---
    Markdown: what the topic is and why it is followed.

The slug is the file name (`samsjuklighet.md` -> /amne/samsjuklighet). The body stays Markdown:
rendering it is the web app's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ArchiveError

FOLDER = "_amnen"
FIELDS = ("title", "query", "description")
HEADER_LINE = re.compile(r"^([a-z_]+):\s*(.*?)\s*$")


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    query: str
    description: str
    body: str  # Markdown
    source: str


def load_topics(archive_dir: Path) -> tuple[list[Topic], list[ArchiveError]]:
    """Every topic of an archive folder, by title; a broken file is reported, never fatal."""
    topics, failures = [], []
    for path in sorted((Path(archive_dir) / FOLDER).glob("*.md")):
        try:
            topics.append(load_topic(path))
        except ArchiveError as error:
            failures.append(error)
        except (OSError, UnicodeDecodeError) as error:
            failures.append(ArchiveError(path, None, f"kunde inte läsas: {error}"))
    return sorted(topics, key=lambda t: t.title.lower()), failures


def load_topic(path: Path) -> Topic:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if not lines or lines[0].strip() != "---":
        raise ArchiveError(path, 1, "ett ämne börjar med en rubrikdel mellan två rader '---'")
    header: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if not line.strip():
            continue
        match = HEADER_LINE.match(line)
        if not match or match.group(1) not in FIELDS:
            raise ArchiveError(path, number, f"okänd rubrikrad {line.strip()!r} (tillåtna: {', '.join(FIELDS)})")
        header[match.group(1)] = match.group(2)
    else:
        raise ArchiveError(path, 1, "rubrikdelen avslutas aldrig med '---'")
    for name in ("title", "query"):
        if not header.get(name):
            raise ArchiveError(path, 1, f"rubrikdelen saknar {name}")
    return Topic(
        slug=path.stem, title=header["title"], query=header["query"], description=header.get("description", ""),
        body="\n".join(lines[number:]).strip(), source=path.name,
    )
