"""Exports of a document written to attack them (issue 16, defects 7 and 8): control characters in the
text, and titles that hold HTML, Markdown links and javascript: URLs. Every feed parses as XML, the Word
file opens, and no export carries live markup: rendered Markdown has no script, image or foreign link."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import docx
import markdown
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE

from archive.clean import CONTROL_CHARACTERS
from archive.collection import load_document
from index.build import build
from webapp import create_app
from webapp.exports import xml_text

MEETING = "lanschefsnatverket-2024-03-14-minnesanteckningar"
SCRIPT = "<script>alert(1)</script>"
LINK = "[klicka](javascript:alert(document.cookie))"
IMAGE = "![bild](javascript:alert(2)) <img src=x onerror=alert(3)>"
# Text from a real extraction: a few control characters among ordinary sentences (many would make the
# reader call it a binary file). \x0b is Word's line break in exported text.
HOSTILE = f"""Minnesanteckningar Länschefsnätverket
Datum: 2024-03-14
Tid: 09.00-12.00
Plats: Digitalt via Teams

1. Styrkort {SCRIPT}\x01
Text med styrtecken\x07 och\x1b färg.\x0bEn rad efter en radbrytning ur Word.
Arbetet med styrkortet har pågått under hösten och redovisas nu för nätverket i sin helhet.
Länschefsnätverket beslutade
att anta {LINK} som\x02 plan.

2. {IMAGE}
Text med <a href="javascript:alert(4)">en länk</a>, [ref]: javascript:alert(5) och &lt;script&gt; skrivet ut.
Nätverket diskuterade hur uppföljningen ska göras och vem som ansvarar för den framöver.

3. =HYPERLINK("http://example.com")
Vanlig text om uppföljning.
"""
TOPIC = "---\ntitle: Styrkort\nquery: styrkort\ndescription: Styrkort i nätverket.\n---\nOm styrkort.\n"
ITEMS = [f"{MEETING}-punkt-1", f"{MEETING}-punkt-2", f"{MEETING}-punkt-3"]
FEEDS = ["/sok.atom?q=styrkort", "/sok.atom?q=text", "/beslut.atom", "/tidslinje.atom?q=styrkort", "/amne/styrkort.atom"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fientlig")
    (folder / "fientlig.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "_amnen").mkdir()
    (folder / "_amnen" / "styrkort.md").write_text(TOPIC, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client(archive, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("fientligt-index")
    assert build(archive, index_dir).ok
    return create_app({"ARCHIVE_DIR": archive, "INDEX_DIR": index_dir, "TESTING": True}).test_client()


class Rendered(HTMLParser):
    """The elements with their attributes, and the text, of rendered HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.pieces: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.pieces.append(data)

    @property
    def text(self) -> str:
        return "".join(self.pieces)


def assert_inert(html: str) -> None:
    """No script, image, frame or event handler, and every link one of the archive's permalinks."""
    for tag, attrs in Rendered(html).tags:
        assert tag not in ("script", "img", "iframe", "object", "embed"), html
        assert not any(name.startswith("on") for name in attrs), html
        if tag == "a":
            assert attrs["href"].startswith(f"http://localhost/moten/{MEETING}#punkt-"), html


# --- defect 7: control characters --------------------------------------------------------------


def test_control_characters_are_stripped_at_reading(archive):
    meeting = load_document(archive / "fientlig.txt")
    texts = [meeting.title] + [t for item in meeting.all_items()
                               for t in (item.title, item.text, *(d.text for d in item.decisions))]
    assert not any(CONTROL_CHARACTERS.search(text) for text in texts)
    first = meeting.items[0]
    assert first.title == f"Styrkort {SCRIPT}"
    assert "styrtecken och färg." in first.text and "En rad efter en radbrytning ur Word." in first.text
    assert [d.text for d in first.decisions] == [f"att anta {LINK} som plan."]


def test_the_word_export_of_items_with_control_characters_opens(client):
    """Issue 16 defect 7: /underlag.docx answered 500 (python-docx refuses what XML cannot hold)."""
    response = client.get("/underlag.docx?" + "&".join(f"p={item}" for item in ITEMS + [ITEMS[0] + "~1"]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"1. Styrkort {SCRIPT}" in text and "Text med styrtecken och färg." in text
    links = [rel.target_ref for rel in document.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    assert links and all(link.startswith(f"http://localhost/moten/{MEETING}#punkt-") for link in links)


@pytest.mark.parametrize("feed", FEEDS)
def test_every_feed_is_well_formed_xml(client, feed):
    """Issue 16 defect 7: a control character made the Atom feeds ill-formed. Parsed by a real XML
    parser; the hostile titles are text of the feed, never elements."""
    response = client.get(feed)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert entries, feed
    assert not root.findall(".//script") and not root.findall(".//{http://www.w3.org/1999/xhtml}script")
    titles = " ".join(entry.find(f"{atom}title").text for entry in entries)
    assert SCRIPT in titles or "Beslut" in feed or "beslut" in feed


def test_xml_text_makes_any_text_fit_for_xml():
    """The export's own guard, for an index built before control characters were stripped at reading."""
    every_character = "".join(map(chr, range(0x20))) + "\x7f\x85\ud800\ufffe\uffff" + "åäö <&>"
    root = ET.fromstring(f"<a>{xml_text(every_character).replace('&', '&amp;').replace('<', '&lt;')}</a>")
    assert root.text.endswith("åäö <&>") and "\t" in root.text and "\n" in root.text


# --- defect 8: markup in citation text -----------------------------------------------------------


def test_the_markdown_export_renders_without_live_markup(client):
    """Issue 16 defect 8: the source list of /underlag.md held citation text raw, so a title with
    <script> or [x](javascript:…) became live markup wherever the file was rendered."""
    response = client.get("/underlag.md?" + "&".join(f"p={item}" for item in ITEMS + [ITEMS[0] + "~1"]))
    text = response.get_data(as_text=True)
    sources = text.split("## Källförteckning")[1]
    assert SCRIPT not in sources
    html = markdown.markdown(text)
    assert_inert(html)
    assert html.count("<a href=") == 4  # the four permalinks of the source list
    shown = Rendered(html).text
    for written in (SCRIPT, LINK, "<img src=x onerror=alert(3)>", '=HYPERLINK("http://example.com")'):
        assert written in shown  # every title is there to read, as text


def test_the_citation_api_gives_inert_markdown_and_html(client):
    for item in ITEMS:
        citation = client.get(f"/api/items/{item}/citation").get_json()
        assert_inert(markdown.markdown(citation["markdown"]))
        assert_inert(citation["html"])


def test_json_and_csv_exports_carry_titles_as_data(client):
    hits = client.get("/sok.json?q=text").get_json()["hits"]
    assert IMAGE in {hit["title"] for hit in hits}  # JSON is data: the title exactly as written
    rows = list(csv.reader(io.StringIO(client.get("/sok.csv?q=hyperlink").get_data(as_text=True)), delimiter=";"))
    assert rows[1][4] == '\'=HYPERLINK("http://example.com")'  # never a formula


def test_the_meeting_page_shows_hostile_titles_as_text(client):
    page = client.get(f"/moten/{MEETING}").get_data(as_text=True)
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_json_export_is_valid_json_with_control_characters_gone(client):
    data = json.loads(client.get("/sok.json?q=styrkort").data)
    assert data["hits"] and not any(CONTROL_CHARACTERS.search(json.dumps(hit, ensure_ascii=False)) for hit in data["hits"])
