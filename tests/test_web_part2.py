"""Topics, timelines, the decision register, citations, the underlag exports, feeds and CSV/JSON, via the test client."""

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import docx
import pytest

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
ITEM_5C, ITEM_4A = f"{NOV}-punkt-5c", f"{NOV}-punkt-4a"
ATOM = "{http://www.w3.org/2005/Atom}"


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_topics_are_listed_on_the_start_page_and_their_own(client):
    for url in ("/", "/amne"):
        page = html(client, url)
        for slug in ("samsjuklighet", "minimaria", "god-och-nara-vard", "halso-och-sjukvard-i-hemmet",
                     "psykisk-halsa-och-suicidprevention", "vard-och-omsorgscollege", "forsta-veckans-hjalpmedel"):
            assert f'href="/amne/{slug}"' in page


def test_topic_timeline_from_first_mention_to_latest_decision(client):
    page = html(client, "/amne/samsjuklighet")
    assert "<h1>Samsjuklighet</h1>" in page and "<strong>samsjuklighet</strong>" in page  # the Markdown intro
    first = page[page.index("Först nämnt"):page.index("Senaste beslut")]
    assert "25 september 2020" in first and "LAG samsjuklighet" in first
    latest = page[page.index("Senaste beslut"):page.index("Träffar per år")]
    # the latest decision in substance on an item about samsjuklighet (Välfärdsrådet's later item only filed information)
    assert "29 januari 2026" in latest and "regional processgrupp inom samsjuklighet" in latest
    assert "Länschefsnätverket <span class=\"muted\">(8)</span>" in page and "Välfärdsrådet <span class=\"muted\">(3)</span>" in page
    dates = re.findall(r'thread__date"><time datetime="([\d-]+)"', page)
    assert len(dates) == 11 and dates[:8] == sorted(dates[:8])  # each organ's thread in order
    assert '<link rel="alternate" type="application/atom+xml"' in page


def test_one_organ_is_one_thread(client):
    page = html(client, "/tidslinje?q=MiniMaria&organ=LCHNV")
    assert "Från första omnämnande till i dag" in page


def test_timeline_by_quarter_links_each_quarter_to_its_months(client):
    page = html(client, "/amne/minimaria?by=quarter")
    assert "Träffar per kvartal" in page
    assert re.search(r'href="/sok\?q=MiniMaria&amp;from=2025-10&amp;to=2025-12"', page)


def test_timeline_without_a_query_asks_for_one(client):
    page = html(client, "/tidslinje")
    assert "Följ ett ämne över tid" in page


def test_a_thread_without_a_decision_says_so(client):
    assert "Inget beslut i arkivet ännu" in html(client, '/tidslinje?q="Aktuellt läge MiniMaria"')


def test_decision_register_newest_first_with_proposals_apart(client):
    page = html(client, "/beslut")
    dates = re.findall(r'thread__date"><time datetime="([\d-]+)"', page)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-01-29"  # 2026-04-09 only filed information
    assert "Förslag till beslut" not in page.split('class="thread"')[1]  # decisions taken only
    every = re.findall(r'thread__date"><time datetime="([\d-]+)"', html(client, "/beslut?beslutstyp=alla"))
    assert every[0] == "2026-04-09"
    proposals = html(client, "/beslut?visa=forslag")
    assert "Förslag till beslut</p>" in proposals and 'class="decision"' not in proposals


def test_decision_register_filters(client):
    page = html(client, "/beslut?q=hjälpmedel&organ=Länschefsnätverket&year=2025")
    assert "att arbetet kring första veckans hjälpmedel ska beredas vidare" in page
    assert set(re.findall(r'thread__date"><time datetime="([\d-]+)"', page)) == {"2025-11-21"}


def test_citation_api_for_an_item_and_a_decision(client):
    data = client.get(f"/api/items/{ITEM_5C}/citation").get_json()
    url = f"http://localhost/moten/{NOV}#punkt-5c"
    assert data == {
        "text": f'Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. {url}',
        "markdown": f'Länschefsnätverket, minnesanteckningar 2025-11-21, [punkt 5c ”Aktuellt läge MiniMaria”]({url}).',
        "html": f'Länschefsnätverket, minnesanteckningar 2025-11-21, <a href="{url}">punkt 5c ”Aktuellt läge MiniMaria”</a>.',
        "url": url,
    }
    decision = client.get(f"/api/items/{ITEM_4A}/citation?beslut=1").get_json()
    assert 'beslut ”att anta det reviderade samverkansavtalet' in decision["text"]


def test_permalinks_use_the_public_address(sample_index):
    from webapp import create_app

    client = create_app({"INDEX_DIR": sample_index, "PUBLIC_URL": "https://arkiv.example.se/"}).test_client()
    assert client.get(f"/api/items/{ITEM_5C}/citation").get_json()["url"] == f"https://arkiv.example.se/moten/{NOV}#punkt-5c"


@pytest.mark.parametrize("url", [f"/api/items/{ITEM_5C}/citation?beslut=1", f"/api/items/{ITEM_4A}/citation?beslut=x",
                                 "/api/items/okand/citation"])
def test_citation_of_what_does_not_exist_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "error" in response.get_json()


def test_pages_offer_citations(client):
    page = html(client, f"/moten/{NOV}")
    assert f'Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. http://localhost/moten/{NOV}#punkt-5c' in page.replace("&#34;", '"')
    assert 'data-basket-id="' + ITEM_4A + '~1"' in page


def test_underlag_markdown_quotes_and_lists_sources(client):
    response = client.get(f"/underlag.md?p={ITEM_5C}&p={ITEM_4A}~1&p=finns-inte")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.index("## 1. Aktuellt läge MiniMaria") < text.index("## 2. Beslut: Samarbetsavtal")
    assert "> Vid mötet gavs en kort uppdatering om det fortsatta arbetet." in text
    assert "> att anta det reviderade samverkansavtalet" in text
    assert "*1 valda poster finns inte längre i arkivet och är utelämnade.*" in text
    sources = text.split("## Källförteckning")[1]
    assert f'1. Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. <http://localhost/moten/{NOV}#punkt-5c>' in sources


def test_underlag_docx_has_quotes_and_clickable_sources(client):
    response = client.get(f"/underlag.docx?p={ITEM_4A}~1&p={ITEM_5C}")
    document = docx.Document(io.BytesIO(response.data))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 2", "1. Beslut: Samarbetsavtal mellan kommunerna och Region Dalarna inom vårdhygien") in texts
    assert any(style == "Quote" and text.startswith("att anta det reviderade") for style, text in texts)
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == [f"http://localhost/moten/{NOV}#punkt-4a", f"http://localhost/moten/{NOV}#punkt-5c"]
    assert zipfile.is_zipfile(io.BytesIO(response.data))


@pytest.mark.parametrize("query", ["", "?p=" + "&p=".join(["x"] * 201)])
def test_underlag_without_entries_or_with_too_many_is_400(client, query):
    assert client.get("/underlag.md" + query).status_code == 400


def test_atom_feed_of_a_search_newest_first(client):
    response = client.get("/sok.atom?q=MiniMaria")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    updated = [e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")]
    assert len(updated) == 4 and updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}entry/{ATOM}id").text.startswith("http://localhost/moten/valfardsradet-2026-04-09")


def test_atom_feed_of_a_topic_is_linked_and_valid(client):
    page = html(client, "/amne/minimaria")
    assert 'href="/amne/minimaria.atom"' in page
    feed = ET.fromstring(client.get("/amne/minimaria.atom").data)
    assert feed.find(f"{ATOM}title").text == "MiniMaria – Mötesarkivet"


def test_csv_export_opens_in_excel(client):
    response = client.get("/sok.csv?q=samsjuklighet")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff") and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == ["datum", "organ", "dokumenttyp", "punkt", "rubrik"] and len(rows) == 12


def test_json_export_has_every_hit(client):
    data = client.get("/beslut.json?beslutstyp=alla").get_json()
    assert data["total"] == data["exported"] == len(data["hits"]) > 20  # more than one page


HOSTILE = ['"><script>alert(1)</script>', "../../etc/passwd", "a" * 600, "\x00", "-1", "2020-13", "ELLER"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("route", ["/amne/samsjuklighet", "/tidslinje", "/beslut", "/sok.csv", "/beslut.json",
                                   "/tidslinje.atom", "/underlag.md", "/underlag.docx"])
def test_hostile_parameters_never_give_a_500(client, route, value):
    for name in ("q", "from", "organ", "year", "by", "visa", "page", "p", "sort"):
        response = client.get(route, query_string={name: value})
        assert response.status_code in (200, 400), (route, name, value, response.status_code)
        if response.mimetype in ("text/html", "application/atom+xml"):  # JSON and CSV are data, not markup
            assert b"<script>alert" not in response.data


@pytest.mark.parametrize("url", ["/amne/finns-inte", "/amne/finns-inte.atom", "/amne/..%2f..%2fetc"])
def test_unknown_topics_are_404(client, url):
    assert client.get(url).status_code == 404
