"""Building the index: incremental by content hash, failures reported, versions checked, one build at a time."""

import os
import shutil
import time

import pytest

from index.build import build
from index.errors import IndexMissing, IndexOutdated, IndexWriteError
from index.search import SearchIndex, SearchRequest
from index.store import build_lock, live_generation


def hits(index_dir, query):
    return {hit.id for hit in SearchIndex(index_dir).search(SearchRequest(query, limit=100)).hits}


@pytest.fixture
def built(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    report = build(archive_copy, index_dir)
    return archive_copy, index_dir, report


def test_first_build(built):
    _archive, index_dir, report = built
    assert report.rebuilt == "inget index fanns"
    assert len(report.added) == 5 and report.items == 85 and report.ok
    assert live_generation(index_dir).name == "g1"
    assert len(SearchIndex(index_dir).meetings()) == 5


def test_nothing_changed_nothing_done(built):
    archive, index_dir, _report = built
    again = build(archive, index_dir)
    assert (again.added, again.updated, again.removed, again.rebuilt) == ([], [], [], None)
    assert len(again.unchanged) == 5 and again.items == 0


def test_a_changed_file_is_reindexed(built):
    archive, index_dir, _report = built
    path = archive / "002_b4eaa3d42f7e7c54.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n12. Information: Kvinnofridsveckan\n", encoding="utf-8")
    report = build(archive, index_dir)
    assert report.updated == ["002_b4eaa3d42f7e7c54.txt"] and report.items == 16
    assert hits(index_dir, "kvinnofridsveckan") == {"valfardsradet-2026-04-09-minnesanteckningar-punkt-12"}


def test_a_word_the_archive_never_had_is_found_in_its_inflections_and_marked_after_an_update(built):
    """An update analyses the words it has not seen before (stems, base forms, compound parts) as a
    rebuild would: 'trygghetsboendeutredningen' is found in another inflection and by its parts, and marked."""
    archive, index_dir, _report = built
    assert not hits(index_dir, "trygghetsboendeutredningar")
    path = archive / "002_b4eaa3d42f7e7c54.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n12. Information: Trygghetsboendeutredningen\n", encoding="utf-8")
    assert build(archive, index_dir).updated == ["002_b4eaa3d42f7e7c54.txt"]
    found = "valfardsradet-2026-04-09-minnesanteckningar-punkt-12"
    assert hits(index_dir, "trygghetsboendeutredningar") == {found} and found in hits(index_dir, "trygghetsboende")
    hit = next(h for h in SearchIndex(index_dir).search(SearchRequest("trygghetsboendeutredningar")).hits if h.id == found)
    assert "<mark>Trygghetsboendeutredningen</mark>" in hit.title_html


def test_an_edit_that_keeps_the_size_is_a_change(archive_copy, tmp_path):
    """A file whose size and time are unchanged is not read again; an edit of the same length is seen by
    its time, and one made in the same instant as the build before it is read again all the same."""
    archive, index_dir = archive_copy, tmp_path / "index"
    path = archive / "002_b4eaa3d42f7e7c54.txt"
    tick = time.time_ns() + 60 * 10**9  # as if written in the instant the builds run in, however long they take
    os.utime(path, ns=(tick, tick))
    build(archive, index_dir)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "Arbetsgrupp" in text
    path.write_text(text.replace("Arbetsgrupp", "Sjukskrivna", 1), encoding="utf-8")  # as long
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as if written in the same tick
    assert build(archive, index_dir).updated == ["002_b4eaa3d42f7e7c54.txt"]
    assert hits(index_dir, "sjukskrivna")

    later = path.stat().st_mtime_ns + 10**9
    path.write_text(path.read_text(encoding="utf-8").replace("Sjukskrivna", "Arbetsgrupp", 1), encoding="utf-8")
    os.utime(path, ns=(later, later))
    assert build(archive, index_dir).updated == ["002_b4eaa3d42f7e7c54.txt"]
    assert not hits(index_dir, "sjukskrivna")


def test_a_changed_sidecar_is_a_change(built):
    archive, index_dir, _report = built
    sidecar = archive / "001_5579be9212fe8716.meta.toml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('"2021-12"', '"2021-12-10"'), encoding="utf-8")
    report = build(archive, index_dir)
    assert report.updated == ["001_5579be9212fe8716.txt"]
    ids = {m["id"] for m in SearchIndex(index_dir).meetings()}
    assert "lanschefsnatverket-2021-12-10-dagordning" in ids and "lanschefsnatverket-2021-12-dagordning" not in ids


def test_a_removed_file_leaves_the_index(built):
    archive, index_dir, _report = built
    (archive / "004_98f4b8687cf94c5b.txt").unlink()
    report = build(archive, index_dir)
    assert report.removed == ["004_98f4b8687cf94c5b.txt"]
    assert not any(h.startswith("lanschefsnatverket-2020") for h in hits(index_dir, "samsjuklighet"))
    assert len(SearchIndex(index_dir).meetings()) == 4


def test_bad_files_are_reported_on_every_build_until_fixed(built):
    archive, index_dir, _report = built
    (archive / "tom.pdf").write_bytes(b"")
    shutil.copy(archive / "000_5a5c8d5fa5cb1465.txt", archive / "zz-kopia.txt")
    report = build(archive, index_dir)
    assert report.failures == {
        "tom.pdf": "tom.pdf: filen är tom",
        "zz-kopia.txt": "zz-kopia.txt: samma möte (lanschefsnatverket-2025-11-21-minnesanteckningar) som "
        "000_5a5c8d5fa5cb1465.txt: rätta organ eller datum i en sidofil",
    }
    assert build(archive, index_dir).failures == report.failures  # unchanged, still not indexed
    (archive / "tom.pdf").unlink()
    (archive / "zz-kopia.txt").unlink()
    assert build(archive, index_dir).ok


def test_rebuild_writes_a_new_generation_and_keeps_only_the_previous(built):
    """The generation just replaced stays for readers that still use it; older ones go."""
    archive, index_dir, _report = built
    report = build(archive, index_dir, rebuild=True)
    assert report.rebuilt == "--rebuild" and len(report.added) == 5
    assert live_generation(index_dir).name == "g2" and (index_dir / "g1").exists()
    assert hits(index_dir, "MiniMaria")
    build(archive, index_dir, rebuild=True)
    assert sorted(p.name for p in index_dir.glob("g*")) == ["g2", "g3"] and live_generation(index_dir).name == "g3"


def test_an_index_of_another_version_is_never_read_and_is_rebuilt(built):
    from whoosh import index as whoosh_index

    archive, index_dir, _report = built
    old = whoosh_index.open_dir(str(live_generation(index_dir)))  # as an older program would have left it
    with old.writer() as writer:
        writer.update_document(id="meta", doctype="meta", data={"version": "schema-0/sv-0"})
    with pytest.raises(IndexOutdated, match="byggt med schema-0/sv-0.*kör `arkiv build`"):
        SearchIndex(index_dir)
    report = build(archive, index_dir)
    assert report.rebuilt.startswith("sökindexet i") and len(report.added) == 5
    assert hits(index_dir, "samsjuklighet")


def test_a_change_in_how_documents_are_read_makes_the_index_another_version(tmp_path):
    """An update re-reads changed files only: after an upgrade of the parser or its rules, an index of
    the old reading would keep serving it for every unchanged file. The reading's digest is part of the
    index version, so such an index is rebuilt (as in the test above)."""
    from archive.version import PACKAGE, READING_VERSION, reading_digest
    from index.schema import VERSION

    copy = tmp_path / "archive"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "minutes"))
    assert reading_digest(copy) == READING_VERSION and VERSION.endswith(f"/reading-{READING_VERSION}")
    rules = sorted((copy / "rules").glob("*.toml"))[0]
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# one more rule\n", encoding="utf-8")
    assert reading_digest(copy) != READING_VERSION


def test_no_index_yet(tmp_path):
    with pytest.raises(IndexMissing, match="kör `arkiv build`"):
        SearchIndex(tmp_path / "inget")


def test_one_build_at_a_time(built):
    archive, index_dir, _report = built
    with build_lock(index_dir):
        with pytest.raises(IndexWriteError, match="en annan `arkiv build` arbetar redan"):
            build(archive, index_dir)


@pytest.mark.parametrize("rebuild", [True, False], ids=["killed-rebuild", "killed-update"])
def test_a_build_killed_at_random_points_leaves_the_previous_index_answering(built, rebuild):
    """SIGKILL twice during a build, at random moments: the previous index still answers, and the
    next build recovers without --rebuild."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from scripts.bench import generate_archive

    archive, index_dir, _report = built
    before = hits(index_dir, "samsjuklighet")
    generate_archive(archive / "genererat", 1500)  # enough work for the build to be caught in the middle
    command = [sys.executable, "-m", "scripts.cli", "build", "-q", "--archive", str(archive), "--index", str(index_dir)]
    seed = int(os.environ.get("ARKIV_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    moments = [rng.uniform(0.2, 1.8) for _ in range(2)]
    for moment in moments:
        process = subprocess.Popen(command + (["--rebuild"] if rebuild else []), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(moment)
        assert process.poll() is None, f"the build finished before {moment:.2f} s (ARKIV_KILL_SEED={seed})"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert hits(index_dir, "samsjuklighet") == before, f"killed at {moment:.2f} s (ARKIV_KILL_SEED={seed})"

    report = build(archive, index_dir)
    assert report.ok and len(report.added) == len(list((archive / "genererat").iterdir()))
    assert [p.name for p in index_dir.iterdir() if p.name.startswith("g")] == [live_generation(index_dir).name]
    assert SearchIndex(index_dir).search(SearchRequest("samsjuklighet")).total > len(before)
