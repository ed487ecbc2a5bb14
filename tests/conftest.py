"""Shared fixtures: the bundled sample archive and a fresh copy of it in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.collection import BUNDLED, load_document

SAMPLES = {path.name[:3]: path for path in sorted(BUNDLED.glob("*.txt"))}


@pytest.fixture(scope="session")
def samples():
    """The five sample meetings, parsed once: {'000': Meeting, …}."""
    return {key: load_document(path) for key, path in SAMPLES.items()}


@pytest.fixture
def archive_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled archive: the documents and their sidecars."""
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for path in BUNDLED.iterdir():
        if path.suffix in (".txt", ".toml"):
            shutil.copy(path, folder / path.name)
    return folder
