"""`arkiv serve` as it is run: while a build runs, over a read-only index folder, with and without a
public address. A real server process on loopback each time."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from index.build import build
from tests.server import ROOT, ArkivServer

STALE = "Indexet kan vara inaktuellt"
ITEM = "valfardsradet-2026-04-09-minnesanteckningar-punkt-1"
HOLD_BUILD_LOCK = """
import sys, time
from index.store import build_lock
with build_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def serve_options(archive, index_dir, *more: str) -> list[str]:
    return ["--archive", str(archive), "--index", str(index_dir), *more]


def add_meeting(archive) -> None:
    source = (archive / "002_b4eaa3d42f7e7c54.txt").read_text(encoding="utf-8")
    (archive / "ny.txt").write_text(source.replace("260409", "260514") + "\n12. Information: Kvinnofridsveckan\n",
                                    encoding="utf-8")


def hit_dates(server, query: str) -> set[str]:
    return {hit["meeting"]["date"] for hit in server.json(f"/api/search?q={query}")["hits"]}


def test_serve_while_a_build_runs_serves_the_index_there_is_and_says_it_may_be_stale(archive_copy, tmp_path):
    """Issue 16: `arkiv serve` refused to start while a build ran. It serves the existing index, says so
    in its log and on the start page, and the note goes once a build has changed the index."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    add_meeting(archive_copy)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_BUILD_LOCK, str(index_dir)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with ArkivServer(*serve_options(archive_copy, index_dir)) as server:
            assert "sökindexet kunde inte uppdateras" in server.stderr()
            assert "arbetar redan" in server.stderr() and "kan vara inaktuellt" in server.stderr()
            status, start = server.get("/")
            assert status == 200 and f"{STALE}: det kunde inte uppdateras när tjänsten startade" in start
            assert server.json("/api/search?q=samsjuklighet")["total"] > 0
            assert "2026-05-14" not in hit_dates(server, "kvinnofridsveckan")  # not indexed yet
            holder.communicate("", timeout=30)  # the other build ends
            build(archive_copy, index_dir)
            assert "2026-05-14" in hit_dates(server, "kvinnofridsveckan")
            assert STALE not in server.get("/")[1]
    finally:
        holder.kill()
        holder.wait()


def test_serve_over_a_read_only_index_folder_serves_it_and_says_it_may_be_stale(archive_copy, tmp_path):
    """Issue 16: `arkiv serve` refused to start when the index folder was read-only (a bind mount made
    read-only in a private mount namespace, through `unshare`)."""
    assert shutil.which("unshare"), "util-linux's unshare is needed to mount a read-only folder"
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    add_meeting(archive_copy)
    folder = shlex.quote(str(index_dir))
    serve = shlex.join([sys.executable, "-m", "scripts.cli", "serve", "--port", "0",
                        *serve_options(archive_copy, index_dir)])
    namespace = ["unshare", "--mount", "--propagation", "private"] if os.geteuid() == 0 else \
        ["unshare", "--mount", "--map-root-user"]
    script = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && exec {serve}"
    with ArkivServer(command=[*namespace, "sh", "-c", script]) as server:
        assert "skrivskyddad" in server.stderr() and "kan vara inaktuellt" in server.stderr()
        status, start = server.get("/")
        assert status == 200 and f"{STALE}: det kunde inte uppdateras när tjänsten startade (indexmappen är " \
                                  "skrivskyddad)." in start
        assert server.json("/api/search?q=samsjuklighet")["total"] > 0
        assert server.json(f"/api/items/{ITEM}/citation")


def test_serve_with_a_public_url_gives_permalinks_on_it_whatever_the_host_header(archive_copy, tmp_path):
    """Issue 16: permalinks followed the Host header of each request unless a public URL was configured."""
    options = serve_options(archive_copy, tmp_path / "index", "--public-url", "https://arkiv.region.se/")
    with ArkivServer(*options) as server:
        assert "Varning" not in server.stderr()
        status, csv = server.get("/sok.csv?q=samsjuklighet", headers={"Host": "angripare.example"})
        assert status == 200 and "https://arkiv.region.se/moten/" in csv and "angripare" not in csv


def test_the_public_url_can_come_from_the_environment(archive_copy, tmp_path):
    env = {**os.environ, "ARKIV_PUBLIC_URL": "https://arkiv.region.se"}
    with ArkivServer(*serve_options(archive_copy, tmp_path / "index"), env=env) as server:
        citation = server.json(f"/api/items/{ITEM}/citation")
        assert "https://arkiv.region.se/moten/valfardsradet-2026-04-09-minnesanteckningar#punkt-1" in str(citation)


def test_serve_without_a_public_url_warns_that_permalinks_follow_the_host_header(archive_copy, tmp_path):
    with ArkivServer(*serve_options(archive_copy, tmp_path / "index")) as server:
        assert "Varning: ingen publik adress" in server.stderr()
        assert "Host-huvudet" in server.stderr()


@pytest.mark.parametrize("address", ["ftp://arkiv.region.se", "arkiv.region.se", "https://", "https://x.se/?a=1",
                                     "https://user:pw@x.se", "https://x.se:99999", "javascript:alert(1)"])
def test_a_public_url_that_is_no_web_address_is_refused(archive_copy, tmp_path, address):
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "serve", "--port", "0", "--public-url", address,
                           *serve_options(archive_copy, tmp_path / "index")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "--public-url" in done.stderr and "https://" in done.stderr


def test_a_nightly_build_waits_for_a_running_build_and_then_runs(archive_copy, tmp_path):
    """A server watching its archive folder builds when files change: a nightly `arkiv build` starting
    meanwhile waits for that build (it failed at once), and `--wait 0` keeps the old refusal."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    add_meeting(archive_copy)
    command = [sys.executable, "-m", "scripts.cli", "build", "-q", *serve_options(archive_copy, index_dir)]
    holder = subprocess.Popen([sys.executable, "-c", HOLD_BUILD_LOCK, str(index_dir)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        refused = subprocess.run([*command, "--wait", "0"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1 and "arbetar redan" in refused.stderr
        nightly = subprocess.Popen([*command, "--wait", "120"], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        said = nightly.stderr.readline()  # before the other build ends: it waits
        holder.communicate("", timeout=30)  # the other build ends
        out, err = nightly.communicate(timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert "Väntar på en annan `arkiv build` (process" in said
    assert nightly.returncode == 0 and "1 nya" in out, err
