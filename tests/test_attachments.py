"""Attachments: files that belong to a meeting are read and indexed with it, never as meetings."""

import re
from urllib.parse import unquote

import pytest

from archive.collection import document_paths, load_document
from archive.serialize import meeting_detail
from index.build import build
from index.search import SearchIndex, SearchRequest
from scripts.formats import write_docx, write_pdf
from tests.conftest import SAMPLES

VR = "valfardsradet-2026-04-09-minnesanteckningar"


@pytest.fixture
def archive(tmp_path):
    """Välfärdsrådet's minutes as a PDF with a 'Bilaga 3' beside it, a folder of its own and a sidecar's list."""
    folder = tmp_path / "arkiv"
    folder.mkdir()
    write_pdf(SAMPLES["002"].read_text(encoding="utf-8"), folder / "VR 260409.pdf")
    write_pdf("Aktivitetskravet\n\nRegeringens lagförslag om zebrafinkar och aktivitetskrav.\n", folder / "VR 260409 Bilaga 3.pdf")
    (folder / "VR 260409").mkdir()
    write_docx("Presentation\n\nBilder om kvastfenor i länet.\n", folder / "VR 260409" / "Presentation.docx")
    (folder / "Övrigt underlag.txt").write_text("Underlag om snöleoparder.\n", encoding="utf-8")
    (folder / "VR 260409.meta.toml").write_text('attachments = ["Övrigt underlag.txt"]\n', encoding="utf-8")
    return folder


def test_attachments_belong_to_their_meeting(archive):
    assert [p.name for p in document_paths(archive)] == ["VR 260409.pdf"]
    meeting = load_document(archive / "VR 260409.pdf")
    assert [(a.label, a.source) for a in meeting.attachments] == [
        ("Presentation", "VR 260409/Presentation.docx"), ("Bilaga 3", "VR 260409 Bilaga 3.pdf"),
        ("Övrigt underlag", "Övrigt underlag.txt"),
    ]
    assert "zebrafinkar" in meeting.attachments[1].text
    detail = meeting_detail(meeting)
    item = next(i for i in detail["items"] if i["title"].startswith("Aktivitetskravet"))
    assert item["attachments"] == [{"label": "Bilaga 3", "anchor": "bilaga-3"}]


def test_an_attachment_added_or_removed_later_is_seen(archive):
    """The folder's names are listed once while it is unchanged (a build listed them for every document)."""
    document = archive / "VR 260409.pdf"
    before = {a.label for a in load_document(document).attachments}
    (archive / "VR 260409 Bilaga 4.txt").write_text("Bilaga om tjäderspel.\n", encoding="utf-8")
    added = {a.label for a in load_document(document).attachments}
    (archive / "VR 260409 Bilaga 3.pdf").unlink()
    removed = {a.label for a in load_document(document).attachments}
    assert added == before | {"Bilaga 4"} and removed == added - {"Bilaga 3"}


def test_arkiv_check_names_the_attachments_and_the_pages(archive):
    from click.testing import CliRunner

    from scripts.cli import main

    output = CliRunner().invoke(main, ["check", str(archive / "VR 260409.pdf")]).output
    assert "Bilagor: Presentation (VR 260409/Presentation.docx); Bilaga 3 (VR 260409 Bilaga 3.pdf);" in output
    assert re.search(r"^11\. \[Information\] Aktivitetskravet \(Bilaga 3\)  \(s\. \d+\)$", output, re.MULTILINE)


def test_a_hit_in_an_attachment_is_labelled_with_it_and_the_meeting_page_links_it(archive, tmp_path):
    from webapp import create_app

    index_dir = tmp_path / "index"
    assert build(archive, index_dir).ok
    hits = SearchIndex(index_dir).search(SearchRequest(query="zebrafinkar")).hits
    assert [(h.kind, h.title, h.url) for h in hits] == [
        ("Bilaga", "Bilaga 3: VR 260409 Bilaga 3.pdf", f"/moten/{VR}#bilaga-3")
    ]
    assert SearchIndex(index_dir).search(SearchRequest(query="snöleoparder")).total == 1

    client = create_app({"ARCHIVE_DIR": archive, "INDEX_DIR": index_dir, "TESTING": True}).test_client()
    page = client.get(f"/moten/{VR}").get_data(as_text=True)
    assert 'id="bilaga-3"' in page and "Bilagor (3)" in page
    assert page.count(f'href="/moten/{VR}/bilagor/bilaga-3"') == 2  # in the list and at the item that mentions it
    answer = client.get(f"/moten/{VR}/bilagor/bilaga-3")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert "inline" in answer.headers["Content-Disposition"]
    assert "Välfärdsrådet 2026-04-09 Bilaga 3.pdf" in unquote(answer.headers["Content-Disposition"])
    assert client.get(f"/moten/{VR}/bilagor/bilaga-9").status_code == 404

    # a changed attachment updates its meeting
    write_pdf("Aktivitetskravet\n\nNu om pelikaner.\n", archive / "VR 260409 Bilaga 3.pdf")
    assert build(archive, index_dir).updated == ["VR 260409.pdf"]
    assert SearchIndex(index_dir).search(SearchRequest(query="pelikaner")).total == 1
    assert SearchIndex(index_dir).search(SearchRequest(query="zebrafinkar")).total == 0
