"""Shared fixtures: the bundled sample archive and a fresh copy of it in a temp folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from archive.collection import BUNDLED, load_document

SAMPLES = {path.name[:3]: path for path in sorted(BUNDLED.glob("*.txt"))}
FUZZ_SCALE = 20 if os.environ.get("ARKIV_FUZZ") == "long" else 1


def examples(bounded: int) -> int:
    """Hypothesis examples for a fuzz test: bounded in the normal suite, 20 times more with ARKIV_FUZZ=long."""
    return bounded * FUZZ_SCALE


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


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """The bundled archive built once into a real index, for tests that only read it."""
    from index.build import build

    index_dir = tmp_path_factory.mktemp("sample-index")
    build(BUNDLED, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def app(sample_index):
    from webapp import create_app

    return create_app({"ARCHIVE_DIR": BUNDLED, "INDEX_DIR": sample_index, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()
