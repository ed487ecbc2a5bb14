"""Faults and concurrency: searches during rebuilds and updates, a full disk, a read-only index folder,
a file replaced while the build runs, broken files among good ones, a killed build's processes and locks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.build import build
from index.writer import TWO_WRITERS_FROM
from index.errors import IndexWriteError
from index.search import SearchIndex, SearchRequest
from index.store import live_generation
from scripts.bench import generate_archive

ROOT = Path(__file__).resolve().parent.parent


def arkiv_build(archive: Path, index_dir: Path, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "scripts.cli", "build", "-q", "--archive", str(archive), "--index", str(index_dir)]
    return subprocess.Popen([*command, *options], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_searches_during_rebuilds_and_updates_always_see_a_whole_index(archive_copy, tmp_path):
    """Three threads search while `arkiv build --rebuild` and then an update run in another process:
    no error, and every total is that of the index before or after a build, never of one half-written."""
    index_dir = tmp_path / "index"
    generate_archive(archive_copy / "genererat", 900)
    build(archive_copy, index_dir)
    before = SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total
    shared = SearchIndex(index_dir)  # as the web app keeps one
    seen: set[int] = set()
    errors: list[BaseException] = []
    searches = [0]
    stop = threading.Event()

    def search_in_a_loop(index_of):
        while not stop.is_set():
            try:
                seen.add(index_of().search(SearchRequest("samsjuklighet", page=1 + searches[0] % 3)).total)
                searches[0] += 1
            except BaseException as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)

    threads = [threading.Thread(target=search_in_a_loop, args=(lambda: shared,)),
               threading.Thread(target=search_in_a_loop, args=(lambda: shared,)),
               threading.Thread(target=search_in_a_loop, args=(lambda: SearchIndex(index_dir),))]
    for thread in threads:
        thread.start()
    try:
        rebuilt = arkiv_build(archive_copy, index_dir, "--rebuild")
        assert rebuilt.wait(timeout=300) == 0, rebuilt.stderr.read()
        generate_archive(archive_copy / "nytt", 300, seed=7, start=50_000)
        updated = arkiv_build(archive_copy, index_dir)
        assert updated.wait(timeout=300) == 0, updated.stderr.read()
        time.sleep(0.3)  # let every thread search the final index at least once
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    after = SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total
    assert errors == []
    assert after > before and seen <= {before, after} and after in seen
    assert searches[0] > 50


def test_a_file_replaced_while_the_build_runs_is_indexed_whole_next_time(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    generate_archive(archive_copy / "genererat", 1500)
    process = arkiv_build(archive_copy, index_dir)
    time.sleep(1.0)
    target = archive_copy / "002_b4eaa3d42f7e7c54.txt"
    replacement = target.read_text(encoding="utf-8") + "\n12. Information: Kvinnofridsveckan\n"
    target.with_suffix(".tmp").write_text(replacement, encoding="utf-8")
    target.with_suffix(".tmp").replace(target)  # as an editor or a sync client saves: a new file in its place
    assert process.wait(timeout=300) == 0, process.stderr.read()
    report = build(archive_copy, index_dir)  # the content hash read at the start no longer matches
    assert report.ok
    hits = SearchIndex(index_dir).search(SearchRequest("kvinnofridsveckan")).hits
    assert [hit.id for hit in hits] == ["valfardsradet-2026-04-09-minnesanteckningar-punkt-12"]


BROKEN = {
    "tom.txt": b"",
    "binar.pdf": bytes(range(256)) * 40,
    "trasig.docx": b"PK\x03\x04 not really a zip",
    "avklippt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog",
    "bara-mellanslag.txt": b" \n\t\n  \n",
    "nollbyte.txt": b"\x00" * 5000,
    "latin1.txt": "Minnesanteckningar Välfärdsrådet\nDatum: 240301\n\n1. Öppnande\n".encode("latin-1"),
}


def test_broken_files_among_good_ones(archive_copy, tmp_path):
    """Each broken file is named in the report with its reason; every good one is indexed."""
    for name, content in BROKEN.items():
        (archive_copy / name).write_bytes(content)
    report = build(archive_copy, tmp_path / "index")
    failed = set(report.failures)
    assert failed == set(BROKEN) - {"latin1.txt"}  # a mis-encoded file is still read
    assert all(reason.startswith(name) for name, reason in report.failures.items())
    assert len(report.added) == 5 + len(BROKEN)
    assert SearchIndex(tmp_path / "index").search(SearchRequest("öppnande", organ="Välfärdsrådet")).total == 2


# --- a full disk and a read-only folder, in a private mount namespace -----------------------------

IN_A_SMALL_DISK = """
import json, os, shutil, subprocess, sys
from pathlib import Path
from index.build import build
from index.errors import IndexWriteError
from index.search import SearchIndex, SearchRequest

archive, disk = Path(sys.argv[1]), Path(sys.argv[2])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], check=True)
index_dir = disk / "index"
build(archive, index_dir)
before = SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total
(archive / "extra.txt").write_text((archive / "000_5a5c8d5fa5cb1465.txt").read_text().replace("251121", "251212"))
outcome = {}
if sys.argv[3] == "full":
    with open(disk / "fyllnad", "wb", buffering=0) as filler:  # unbuffered: nothing left to flush on close
        try:
            while True:
                filler.write(b"x" * 65536)
        except OSError:
            pass
else:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
try:
    build(archive, index_dir)
    outcome["error"] = None
except IndexWriteError as error:
    outcome["error"] = str(error)
outcome["before"] = before
outcome["after"] = SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total
print(json.dumps(outcome))
"""


@pytest.mark.parametrize("fault, message", [("full", "disken är full"), ("readonly", "skrivskyddad")])
def test_a_full_disk_or_read_only_folder_is_a_clear_error_and_the_index_stays(archive_copy, tmp_path, fault, message):
    """The index lives on its own small tmpfs (mounted in a private mount namespace by `unshare`)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run([*_namespace(), sys.executable, "-c", IN_A_SMALL_DISK, str(archive_copy), str(disk), fault],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert message in outcome["error"]
    assert outcome["after"] == outcome["before"] > 0  # the previous index answers, whole


BEFORE_ANY_INDEX = """
import json, subprocess, sys
from pathlib import Path
from index.build import build
from index.errors import IndexWriteError
from index.search import SearchIndex, SearchRequest

archive, disk = Path(sys.argv[1]), Path(sys.argv[2])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(disk)], check=True)
outcome = {}
with open(disk / "fyllnad", "wb", buffering=0) as filler:
    try:
        while True:
            filler.write(b"x" * 65536)
    except OSError:
        pass
try:
    build(archive, disk / "index")
except IndexWriteError as error:
    outcome["full"] = str(error)
outcome["left"] = sorted(p.name for p in (disk / "index").iterdir())
(disk / "fyllnad").unlink()
report = build(archive, disk / "index")
outcome["added"] = len(report.added)
outcome["found"] = SearchIndex(disk / "index").search(SearchRequest("samsjuklighet")).total
outcome["files"] = sorted(p.name for p in (disk / "index").iterdir())
print(json.dumps(outcome))
"""


def test_a_small_disk_without_an_index_holds_the_index_not_the_lexicon(archive_copy, tmp_path):
    """Issue 16: the prepared lexicon (about 5 MB, written beside the index to speed up builds) filled a
    small disk before any index existed, and the message then said the previous index still applied
    when there was none. The lexicon is now kept in the user's cache folder (index/lexicon.py). On a
    5 MB disk: first full, then empty."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run([*_namespace(), sys.executable, "-c", BEFORE_ANY_INDEX, str(archive_copy), str(disk)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert "disken är full" in outcome["full"] and "inget sökindex finns ännu" in outcome["full"]
    assert "förra" not in outcome["full"]
    assert not any(name.startswith("g") for name in outcome["left"])  # no unfinished generation holds the space
    assert outcome["added"] == 5 and outcome["found"] > 0
    assert not any(name.startswith("lexicon") for name in outcome["files"])


def _namespace() -> list[str]:
    assert shutil.which("unshare"), "util-linux's unshare is needed to mount a private tmpfs"
    return ["unshare", "--mount", "--propagation", "private"] if _root() else ["unshare", "--mount", "--map-root-user"]


def _root() -> bool:
    import os

    return os.geteuid() == 0


# --- a killed build: no process and no lock left behind -----------------------------------------


def processes_of(parent: int) -> list[int]:
    """The live processes whose parent is `parent` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def end(pids) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_two_process_build_takes_its_writer_processes_and_lock_with_it(archive_copy, tmp_path):
    """Issue 16, defect 3: a build of more than 200 changed files writes with two processes. Killed
    (SIGKILL) while they ran, they outlived it, waited for work forever and kept build.lock, so that
    neither `arkiv build` nor `arkiv serve` could start again."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    before = SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total
    generate_archive(archive_copy / "genererat", 15 * (TWO_WRITERS_FROM + 20))
    process = arkiv_build(archive_copy, index_dir)
    writers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while not writers and process.poll() is None and time.monotonic() < deadline:
            writers = processes_of(process.pid)
            time.sleep(0.02)
        assert writers and process.poll() is None, "the build wrote without child processes"
        process.kill()
        process.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in writers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in writers), "writer processes outlived the killed build"
    finally:
        end(writers)
    assert SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total == before
    shutil.rmtree(archive_copy / "genererat")  # the next build starts, and has only to find nothing changed
    again = arkiv_build(archive_copy, index_dir)
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total == before


HOLD_LOCKS = """
import fcntl, sys, time
from pathlib import Path
held = [open(path, "a") for path in sys.argv[1:]]
for handle in held:
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("held", flush=True)
time.sleep(600)
"""


def test_locks_kept_by_writer_processes_that_outlived_a_killed_build_are_taken_over(archive_copy, tmp_path):
    """Issue 16, defect 3: a process left by a killed build (as the old writer processes were) still
    holds the locks it inherited, Whoosh's write lock and the old flock on build.lock: its build is
    gone, so the next build takes the locks over instead of refusing to start."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    locks = [index_dir / "build.lock", live_generation(index_dir) / "MAIN_WRITELOCK"]
    orphan = subprocess.Popen([sys.executable, "-c", HOLD_LOCKS, *map(str, locks)], stdout=subprocess.PIPE, text=True)
    try:
        assert orphan.stdout.readline().strip() == "held"
        target = archive_copy / "002_b4eaa3d42f7e7c54.txt"
        target.write_text(target.read_text(encoding="utf-8") + "\n12. Information: Kvinnofridsveckan\n", encoding="utf-8")
        assert build(archive_copy, index_dir).updated == ["002_b4eaa3d42f7e7c54.txt"]
    finally:
        orphan.kill()
        orphan.wait()
    assert SearchIndex(index_dir).search(SearchRequest("kvinnofridsveckan")).total == 1


HOLD_BUILD_LOCK = """
import sys, time
from index.store import build_lock
with build_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_running_build_in_another_process_is_named_and_its_end_frees_the_lock(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_BUILD_LOCK, str(index_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexWriteError, match=f"en annan `arkiv build` \\(process {holder.pid}\\) arbetar redan"):
            build(archive_copy, index_dir)
    finally:
        holder.kill()
        holder.wait()
    assert build(archive_copy, index_dir).ok  # killed, its lock went with it
