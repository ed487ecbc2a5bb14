"""Files a records folder nobody curated can hold (issue 16, defects 4 and 6): links that lead out of the
archive, names of 250 bytes, a newline or bytes that are not UTF-8 in a name. Each is read, or reported
by name; the rest of the archive is indexed, listed and served."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from archive.collection import load_archive
from index.build import build
from index.search import SearchIndex, SearchRequest
from scripts.cli import main
from webapp import create_app

SECRET = "Hemligtord"
OUTSIDE_MEETING = f"""Minnesanteckningar Välfärdsrådet
Datum: 2023-05-04

1. {SECRET} i en fil utanför arkivet
Texten här får aldrig bli sökbar: {SECRET}.
"""


def meeting_text(day: int, word: str = "Ordinarie") -> str:
    """A small meeting of its own (a date no sample has), so that it never duplicates one."""
    return f"Minnesanteckningar Välfärdsrådet\nDatum: 2022-03-{day:02d}\n\n1. {word} ärende\nText om {word.lower()}.\n"


def client_for(archive: Path, index_dir: Path):
    return create_app({"ARCHIVE_DIR": archive, "INDEX_DIR": index_dir, "TESTING": True}).test_client()


def hits(index_dir: Path, query: str) -> int:
    return SearchIndex(index_dir).search(SearchRequest(query=query)).total


# --- defect 4: files outside the archive -------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "hemlig.txt").write_text(OUTSIDE_MEETING, encoding="utf-8")
    return folder


def test_a_link_to_a_file_outside_the_archive_is_never_read_and_is_reported(archive_copy, outside, tmp_path):
    """Issue 16 defect 4: a link to /etc/passwd (here a meeting outside) was indexed and served."""
    (archive_copy / "lösen.txt").symlink_to("/etc/passwd")
    (archive_copy / "hemlig.txt").symlink_to(outside / "hemlig.txt")
    report = build(archive_copy, tmp_path / "index")
    refused = {reason for reason in report.failures.values() if "utanför arkivmappen" in reason}
    assert refused == {"lösen.txt: filen är en länk till en fil utanför arkivmappen och läses inte",
                       "hemlig.txt: filen är en länk till en fil utanför arkivmappen och läses inte"}
    assert len(report.added) == 5 and hits(tmp_path / "index", SECRET) == 0 and hits(tmp_path / "index", "root") == 0
    assert sorted(f.path.name for f in load_archive(archive_copy).failures) == ["hemlig.txt", "lösen.txt"]


def test_arkiv_check_names_the_links_that_lead_out(archive_copy, outside):
    (archive_copy / "hemlig.txt").symlink_to(outside / "hemlig.txt")
    (archive_copy / "utanför").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(main, ["check", str(archive_copy)])
    assert result.exit_code == 1 and SECRET not in result.output
    assert "hemlig.txt: filen är en länk till en fil utanför arkivmappen och läses inte" in result.output
    assert "utanför: länken leder till en mapp utanför arkivmappen och följs inte" in result.output
    assert "5 dokument lästa, 2 kunde inte läsas" in result.output


def test_a_sidecar_that_leads_out_of_the_archive_is_refused(archive_copy, tmp_path):
    (tmp_path / "hemlig.meta.toml").write_text('title = "Hemlig titel"\n', encoding="utf-8")
    (archive_copy / "ny.txt").write_text(meeting_text(1), encoding="utf-8")
    (archive_copy / "ny.meta.toml").symlink_to(tmp_path / "hemlig.meta.toml")
    archive = load_archive(archive_copy)
    assert [str(f) for f in archive.failures] == ["ny.txt: sidofilen är en länk till en fil utanför arkivmappen och läses inte"]
    assert all(m.title != "Hemlig titel" for m in archive.meetings)


def test_links_inside_the_archive_are_read_once(archive_copy):
    """A link to a document the archive holds anyway is that document (no duplicate); a link to a file in
    a folder that is not read ('_bilagor') is read under the link's name; a broken link is reported."""
    (archive_copy / "kopia.txt").symlink_to(archive_copy / "000_5a5c8d5fa5cb1465.txt")
    (archive_copy / "_bilagor").mkdir()
    (archive_copy / "_bilagor" / "extra.txt").write_text(meeting_text(2), encoding="utf-8")
    (archive_copy / "extra.txt").symlink_to(archive_copy / "_bilagor" / "extra.txt")
    (archive_copy / "borta.txt").symlink_to(archive_copy / "finns-inte.txt")
    archive = load_archive(archive_copy)
    assert [str(f) for f in archive.failures] == ["borta.txt: länken leder ingenstans (eller i en slinga)"]
    assert sorted(m.source for m in archive.meetings) == sorted(
        ["000_5a5c8d5fa5cb1465.txt", "001_5579be9212fe8716.txt", "002_b4eaa3d42f7e7c54.txt",
         "003_2ff47652e9b2ceb7.txt", "004_98f4b8687cf94c5b.txt", "extra.txt"])


def test_the_download_checks_at_serve_time_that_the_file_is_inside_the_archive(archive_copy, outside, tmp_path):
    """A file indexed while it was inside, then replaced by a link out, is not served (404), nor
    is one that has gone; the others still are."""
    index_dir = tmp_path / "index"
    (archive_copy / "ny.txt").write_text(meeting_text(3), encoding="utf-8")
    build(archive_copy, index_dir)
    client = client_for(archive_copy, index_dir)
    assert client.get("/moten/valfardsradet-2022-03-03-minnesanteckningar/original").status_code == 200
    (archive_copy / "ny.txt").unlink()
    (archive_copy / "ny.txt").symlink_to(outside / "hemlig.txt")
    response = client.get("/moten/valfardsradet-2022-03-03-minnesanteckningar/original")
    assert response.status_code == 404 and SECRET.encode() not in response.data
    (archive_copy / "ny.txt").unlink()
    assert client.get("/moten/valfardsradet-2022-03-03-minnesanteckningar/original").status_code == 404
    assert client.get("/moten/lanschefsnatverket-2025-11-21-minnesanteckningar/original").status_code == 200


# --- defect 6: odd file names ------------------------------------------------------------------


LONG_NAME = "protokoll-" + "a" * 236 + ".txt"  # 250 bytes: its sidecar's name would be 256, too long for the disk
NEWLINE_NAME = "möte\nrad två.txt"


def test_a_file_name_of_250_bytes_is_indexed_and_listed(archive_copy, tmp_path):
    """Issue 16 defect 6: the sidecar lookup beside such a file failed the whole build with a
    misleading message about the index, and `arkiv meetings` printed a traceback."""
    assert len(LONG_NAME.encode()) == 250
    (archive_copy / LONG_NAME).write_text(meeting_text(4), encoding="utf-8")
    runner = CliRunner()
    built = runner.invoke(main, ["build", "-q", "--archive", str(archive_copy), "--index", str(tmp_path / "index")])
    assert built.exit_code == 0, built.output
    assert "6 nya" in built.output
    listed = runner.invoke(main, ["meetings", "--archive", str(archive_copy)])
    assert listed.exit_code == 0 and listed.exception is None and LONG_NAME in listed.output
    response = client_for(archive_copy, tmp_path / "index").get("/moten/valfardsradet-2022-03-04-minnesanteckningar/original")
    assert response.status_code == 200 and response.data == meeting_text(4).encode()


def test_a_newline_in_a_file_name_gives_a_safe_download(archive_copy, tmp_path):
    """Issue 16 defect 6: the name went raw into Content-Disposition, and the server answered 500."""
    (archive_copy / NEWLINE_NAME).write_text(meeting_text(5), encoding="utf-8")
    report = build(archive_copy, tmp_path / "index")
    assert report.ok and NEWLINE_NAME in report.added
    response = client_for(archive_copy, tmp_path / "index").get("/moten/valfardsradet-2022-03-05-minnesanteckningar/original")
    assert response.status_code == 200 and response.data == meeting_text(5).encode()
    disposition = response.headers["Content-Disposition"]
    assert "\n" not in disposition and "\r" not in disposition
    # the download is named after the meeting, not the file (issue 13): the odd name never reaches the header
    assert disposition.startswith('attachment; filename="Valfardsradet 2022-03-05 minnesanteckningar.txt"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Välfärdsrådet 2022-03-05 minnesanteckningar.txt"


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_indexed(archive_copy, tmp_path):
    """A file's or folder's name in Latin-1 ('möte' as b'm\\xf6te'), as old file shares have them, cannot
    be shown or linked: it is named in the report (its byte escaped), the rest is indexed, listed and served."""
    with open(os.path.join(os.fsencode(archive_copy), b"m\xf6te.txt"), "wb") as file:
        file.write(meeting_text(6).encode())
    os.mkdir(os.path.join(os.fsencode(archive_copy), b"m\xf6ten"))
    with open(os.path.join(os.fsencode(archive_copy), b"m\xf6ten", b"protokoll.txt"), "wb") as file:
        file.write(meeting_text(7).encode())
    report = build(archive_copy, tmp_path / "index")
    assert sorted(report.failures.values()) == [
        "m\\xf6te.txt: filnamnet är inte giltig UTF-8 och kan inte visas eller länkas: byt namn",
        "m\\xf6ten: mappnamnet är inte giltig UTF-8 och kan inte visas eller länkas: byt namn"]
    assert len(report.added) == 5
    listed = CliRunner().invoke(main, ["meetings", "--archive", str(archive_copy)])
    assert listed.exit_code == 0 and listed.exception is None and "m\\xf6te.txt" in listed.output
    client = client_for(archive_copy, tmp_path / "index")
    assert client.get("/moten").status_code == 200
    assert client.get("/moten/lanschefsnatverket-2025-11-21-minnesanteckningar/original").status_code == 200
