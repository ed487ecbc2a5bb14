"""Soak: `arkiv serve` answers a loop of searches while `arkiv build` runs again and again, with files
added, edited, removed and left unchanged in between. Zero errors, and after every build the served
answers are those of a fresh SearchIndex on the same index.

Twenty builds in the normal run; ARKIV_FUZZ=long runs 200 over a larger archive, some of them large
enough (more than 200 changed files) to be written by two processes. ARKIV_SOAK_BUILDS=N sets the
number of builds.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from index.writer import TWO_WRITERS_FROM
from index.search import SearchIndex
from scripts.bench import generate_archive
from tests.conftest import FUZZ_SCALE
from tests.server import ROOT, ArkivServer
from webapp.params import search_request

BUILDS = int(os.environ.get("ARKIV_SOAK_BUILDS", 20 * (10 if FUZZ_SCALE > 1 else 1)))
SEARCHES = [
    {"q": "samsjuklighet", "limit": "100"},
    {"q": "information", "sort": "newest", "limit": "50"},
    {"kind": "beslut", "sort": "oldest", "limit": "100"},
    {"q": "kvinnofridsveckan OR boendestöd", "by": "month"},
    {"from": "2026", "to": "2026", "sort": "newest", "limit": "100"},
    {"q": "uppdrag", "decision": "any", "page": "2", "limit": "5"},
]
PAGES = ["/", "/sok?q=samsjuklighet&sort=newest", "/beslut", "/tidslinje?q=samsjuklighet", "/moten"]


def served(server: ArkivServer) -> list:
    return [server.json("/api/search?" + urlencode(params)) for params in SEARCHES] + [server.json("/api/meetings")]


def fresh(index_dir) -> list:
    index = SearchIndex(index_dir)
    answers = [index.search(search_request(MultiDict(params))).as_json() for params in SEARCHES]
    return json.loads(json.dumps([*answers, index.meetings()], ensure_ascii=False))


class Archive:
    """The archive folder, changed between builds as a records folder is: meetings added, edited, removed."""

    def __init__(self, folder, rng: random.Random):
        self.folder, self.rng = folder, rng
        self.template = (folder / "002_b4eaa3d42f7e7c54.txt").read_text(encoding="utf-8")
        self.added: list = []
        self.day = 0

    def add(self) -> None:
        self.day += 1
        date = f"27{1 + self.day // 28 % 12:02d}{1 + self.day % 28:02d}"  # a new meeting each time
        path = self.folder / f"soak-{self.day:04d}.txt"
        path.write_text(self.template.replace("260409", date) + f"\n12. Information: Boendestöd {self.day}\n",
                        encoding="utf-8")
        self.added.append(path)

    def edit(self) -> None:
        path = self.rng.choice(self.added or [self.folder / "002_b4eaa3d42f7e7c54.txt"])
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Boendestöd", "Kvinnofridsveckan", 1) if "Boendestöd" in text
                        else text.replace("Kvinnofridsveckan", "Boendestöd", 1), encoding="utf-8")

    def remove(self) -> None:
        if self.added:
            self.added.pop(self.rng.randrange(len(self.added))).unlink()

    def change(self, round_number: int) -> str:
        """Round 0, 5, 10, …: nothing; else one or more of add, edit, remove."""
        if round_number % 5 == 0:
            return "oförändrat"
        done = self.rng.sample(["add", "edit", "remove"], self.rng.randint(1, 3))
        for action in done:
            getattr(self, action)()
        return "+".join(done)


def searching(server: ArkivServer, stop: threading.Event, errors: list, count: list) -> None:
    paths = ["/api/search?" + urlencode(params) for params in SEARCHES] + PAGES
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        try:
            with urllib.request.urlopen(server.url + path, timeout=120) as answer:
                body = answer.read()
            if path.startswith("/api/search"):
                hits = [hit["id"] for hit in json.loads(body)["hits"]]
                if len(hits) != len(set(hits)):
                    errors.append(f"{path}: an item twice")
        except (OSError, urllib.error.URLError, ValueError) as error:
            errors.append(f"{path}: {error}")
        count[0] += 1
        stop.wait(0.05)  # a steady loop, not a load test: the builds need the cores too


def test_serve_through_many_builds_answers_every_search_and_agrees_with_a_fresh_index(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    if FUZZ_SCALE > 1:
        generate_archive(archive_copy / "genererat", 600)
    archive = Archive(archive_copy, random.Random(16))
    build = [sys.executable, "-m", "scripts.cli", "build", "-q", "--archive", str(archive_copy), "--index", str(index_dir)]
    errors: list[str] = []
    count = [0]
    stop = threading.Event()
    with ArkivServer("--archive", str(archive_copy), "--index", str(index_dir)) as server:
        readers = [threading.Thread(target=searching, args=(server, stop, errors, count)) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            for round_number in range(BUILDS):
                change = archive.change(round_number)
                if FUZZ_SCALE > 1 and round_number % 50 == 25:  # a large build: two writer processes
                    generate_archive(archive_copy / f"stor-{round_number}", 15 * (TWO_WRITERS_FROM + 10),
                                     seed=round_number, start=100_000 * (round_number + 1))
                    change += "+stor"
                started = time.perf_counter()
                done = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, timeout=600)
                print(f"build {round_number + 1}: {change}, {time.perf_counter() - started:.1f} s")
                assert done.returncode == 0, (round_number, change, done.stderr)
                if change == "oförändrat":
                    assert "0 nya, 0 ändrade, 0 borttagna" in done.stdout, done.stdout
                assert served(server) == fresh(index_dir), f"build {round_number + 1} ({change})"
                if FUZZ_SCALE > 1 and round_number % 50 == 26:
                    shutil.rmtree(next(archive_copy.glob("stor-*")))
        finally:
            stop.set()
            for reader in readers:
                reader.join()
        assert "Traceback" not in server.stderr()
    print(f"{BUILDS} builds, {count[0]} searches and pages answered, {len(errors)} errors")  # the README's figures (-s)
    assert errors == [] and count[0] > BUILDS
