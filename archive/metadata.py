"""The optional sidecar: a small TOML file beside a document for what its text does not say.

For `protokoll.pdf` the sidecar is `protokoll.meta.toml`:

    date = "2021-12"            # YYYY-MM-DD, YYYY-MM or YYYY
    organ = "Länschefsnätverket"
    doc_type = "agenda"         # minutes, agenda or protocol
    title = "…"
    place = "…"
    source_url = "https://…"
    note = "why these values are known"

A sidecar overrides what the parser found, and the meeting reports the sidecar as the source of each field.
"""

from __future__ import annotations

import errno
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .clean import without_controls
from .dates import parse_date
from .errors import MetadataError
from .model import DocType, PartialDate

SUFFIX = ".meta.toml"
FIELDS = {"date", "organ", "doc_type", "title", "place", "source_url", "note", "attachments"}


@dataclass(frozen=True)
class Metadata:
    path: Path
    date: PartialDate | None = None
    organ: str | None = None
    doc_type: DocType | None = None
    title: str | None = None
    place: str | None = None
    source_url: str | None = None
    note: str | None = None
    attachments: tuple[str, ...] = ()  # files of the meeting besides the document, relative to its folder

    def given(self) -> dict[str, object]:
        """The fields this sidecar sets."""
        return {
            name: getattr(self, name)
            for name in ("date", "organ", "doc_type", "title", "place", "source_url")
            if getattr(self, name) is not None
        }


def sidecar_path(document: Path) -> Path:
    return document.with_name(document.stem + SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def existing_sidecar(document: Path) -> Path | None:
    """The sidecar of a document if it has one."""
    path = sidecar_path(document)
    try:
        return path if path.exists() else None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # the document's name is too long for a sidecar beside it
            return None
        raise MetadataError(path, None, f"sidofilen kan inte läsas: {error.strerror or error}") from error


def load_sidecar(document: Path) -> Metadata | None:
    """The sidecar of a document, or None if it has none. A broken sidecar raises MetadataError."""
    path = existing_sidecar(document)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise MetadataError(path, None, "sidofilen är inte UTF-8") from error
    except OSError as error:
        raise MetadataError(path, None, f"sidofilen kan inte läsas: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        # Python < 3.14 puts the position only in the message: 'Illegal character (at line 1, column 16)'.
        where = re.search(r"\(at line (\d+), column \d+\)", str(error))
        reason = str(error)[: where.start()].strip() if where else str(error)
        raise MetadataError(path, int(where.group(1)) if where else None, f"ogiltig TOML: {reason}") from error
    return _validate(path, text, data)


def _validate(path: Path, text: str, data: dict) -> Metadata:
    def fail(key: str, message: str):
        raise MetadataError(path, _line_of(text, key), message)

    for key in data:
        if key not in FIELDS:
            fail(key, f"okänt fält '{key}' (kända: {', '.join(sorted(FIELDS))})")
    listed = data.pop("attachments", [])
    if not isinstance(listed, list) or not all(isinstance(name, str) and name.strip() for name in listed):
        fail("attachments", "'attachments' ska vara en lista av filnamn: attachments = [\"Bilaga 1.pdf\"]")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            fail(key, f"'{key}' ska vara en icke-tom textsträng")
    values: dict[str, object] = {k: without_controls(v).strip() for k, v in data.items()}
    values["attachments"] = tuple(name.strip() for name in listed)
    if "date" in values:
        date = parse_date(values["date"])
        if date is None:
            fail("date", f"ogiltigt datum '{values['date']}' (skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)")
        values["date"] = date
    if "doc_type" in values:
        try:
            values["doc_type"] = DocType(values["doc_type"])
        except ValueError:
            fail("doc_type", f"okänd dokumenttyp '{values['doc_type']}' (minutes, agenda eller protocol)")
    return Metadata(path=path, **values)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return None
