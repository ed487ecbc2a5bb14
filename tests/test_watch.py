"""An archive that updates itself: a real `arkiv serve` finds a file added to its archive folder
within seconds, without a restart, and loses its hits when it is removed; a burst is one update."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import SAMPLES
from tests.test_browser import arkiv_serve

WITHIN = 20.0  # seconds: the watcher waits for a quiet moment, then an incremental build commits


def _found(server: str, query: str) -> int:
    with urllib.request.urlopen(f"{server}/api/search?q={quote(query)}", timeout=10) as answer:
        return json.load(answer)["total"]


def _eventually(check, seconds: float = WITHIN) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


def _document(word: str, day: int) -> str:
    return (f"Minnesanteckningar Länschefsnätverket\nDatum: 2030-05-{day:02d}\n\n1. Mötets öppnande\n\n"
            f"2. Information om {word}\n\nGenomgång av läget för {word} i länet.\n")


@pytest.fixture
def served(tmp_path):
    archive = tmp_path / "arkiv"
    archive.mkdir()
    shutil.copy(SAMPLES["004"], archive / SAMPLES["004"].name)
    output: list[str] = []
    for address in arkiv_serve("--archive", str(archive), "--index", str(tmp_path / "index"), output=output):
        yield address, archive, output


def test_a_file_added_to_a_served_archive_is_found_and_removing_it_removes_its_hits(served):
    server, archive, _output = served
    assert _found(server, "kvastfenomen") == 0
    (archive / "nytt.txt").write_text(_document("kvastfenomen", 2), encoding="utf-8")
    assert _eventually(lambda: _found(server, "kvastfenomen") == 1), "the new file was not found"
    assert _found(server, "samsjuklighet") > 0  # the rest still answers
    start = urllib.request.urlopen(f"{server}/", timeout=10).read().decode()
    assert "Arkivet uppdaterades senast" in start
    (archive / "nytt.txt").unlink()
    assert _eventually(lambda: _found(server, "kvastfenomen") == 0), "the removed file's hits stayed"


def test_a_burst_of_copied_files_is_one_update(served, tmp_path):
    server, archive, output = served
    staging = tmp_path / "kopior"
    staging.mkdir()
    for day in range(1, 9):
        (staging / f"lchnv-{day}.txt").write_text(_document(f"burstord{day}", day), encoding="utf-8")
    before = sum("Arkivet uppdaterat" in line for line in output)
    for path in sorted(staging.iterdir()):  # as a file manager copies a selection: one after another
        shutil.copy(path, archive / path.name)
        time.sleep(0.05)
    assert _eventually(lambda: all(_found(server, f"burstord{day}") == 1 for day in range(1, 9)))
    time.sleep(1)
    updates = [line for line in output if "Arkivet uppdaterat" in line][before:]
    assert len(updates) == 1 and "8 nya" in updates[0], updates
