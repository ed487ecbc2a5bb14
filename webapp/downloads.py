"""File names for downloads: readable Swedish names, safe on any system (exports.attachment sends them)."""

from __future__ import annotations

import re

from archive.model import DocType

UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')  # not allowed in a file name on Windows, macOS or Linux
LONGEST = 120  # characters before the extension


def file_name(stem: str, extension: str) -> str:
    """'Sökning: a/b' + '.csv' -> 'Sökning- a-b.csv'; never empty, never a path."""
    cleaned = " ".join(UNSAFE.sub("-", stem).split()).strip(" .-")[:LONGEST].rstrip(" .") or "export"
    return cleaned + extension


def meeting_file_name(meeting: dict, extension: str, part: str | None = None) -> str:
    """'Länschefsnätverket 2025-11-21 minnesanteckningar.txt' (or, for an attachment, '… Bilaga 3 B.pdf'):
    the name the meeting is known by."""
    label = part or DocType(meeting["doc_type"]).label
    return file_name(f"{meeting['organ'] or 'Okänt organ'} {meeting['date'] or 'odaterad'} {label}", extension)
