"""The archive's exception family: every error names the file, and the line where there is one."""

from __future__ import annotations

from pathlib import Path


class ArchiveError(Exception):
    """Something in the archive could not be read. str() is one line for people."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path.name}:{self.line}" if self.line else self.path.name
        return f"{where}: {self.message}"


class ReadError(ArchiveError):
    """A document whose text cannot be got out: empty, garbage, encrypted, truncated, unknown type."""


class MetadataError(ArchiveError):
    """A sidecar file that is not valid."""
