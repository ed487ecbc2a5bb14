"""The web archive's pages through Flask's test client over a real index of the samples."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from urllib.parse import unquote

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
DEC_2021 = "lanschefsnatverket-2021-12-dagordning"
COUNCIL = "valfardsradet-2026-04-09-minnesanteckningar"


class Page(HTMLParser):
    """What a reader (and a screen reader) gets from a page: headings, links, labelled controls, ids."""

    def __init__(self, html: str):
        super().__init__()
        self.lang, self.h1, self.links, self.ids, self.labels, self.controls = None, [], [], set(), set(), []
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


def page(client, url, status=200) -> tuple[Page, str]:
    response = client.get(url)
    assert response.status_code == status, url
    html = response.get_data(as_text=True)
    return Page(html), html


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


PAGES = ["/", "/sok", "/sok?q=samsjuklighet", "/sok?q=xyzzyqqq", "/moten", f"/moten/{NOV}", "/finns-inte"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_swedish_with_one_h1_and_labelled_controls(client, url):
    status = 404 if url == "/finns-inte" else 200
    parsed, _html = page(client, url, status)
    assert parsed.lang == "sv"
    assert len(parsed.h1) == 1 and parsed.h1[0].strip()
    assert all(control in parsed.labels for control in parsed.controls), parsed.controls


def test_start_page_has_search_latest_meetings_per_organ_and_help(client):
    parsed, html = page(client, "/")
    assert 'role="search"' in html and 'name="q"' in html
    assert f"/moten/{COUNCIL}" in parsed.links and f"/moten/{JAN}" in parsed.links
    assert "Välfärdsrådet" in html and "Länschefsnätverket" in html
    assert "Så söker du" in html and "ELLER" in html


def test_search_lists_items_with_their_meeting_highlight_and_decisions(client):
    parsed, html = page(client, "/sok?q=samsjuklighet")
    assert "11 träffar för ”samsjuklighet”" in text(html)
    assert f"/moten/{JAN}#punkt-6a" in parsed.links
    assert "<mark>Samsjuklighetsdelegationen</mark>" in html
    assert "Beslut" in html and "att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet" in html
    assert "Sökte även" in html and "samsjuklighetsreformen" in html


def test_year_chart_has_a_link_per_year_with_hits_and_every_year_between(client):
    parsed, html = page(client, "/sok?q=samsjuklighet")
    year_links = {parse_qs(urlsplit(link).query).get("from", [None])[0] for link in parsed.links if "from=" in link}
    assert year_links == {"2020", "2021", "2025", "2026"}
    chart = html[html.index('<svg class="chart__svg"'):html.index("</svg>")]
    assert 'aria-label="2020: 1 träff"' in chart and 'aria-label="2026: 7 träffar"' in chart
    assert ">2022</text>" in chart and "2022:" not in chart  # a year without hits is shown, not linked


def test_year_link_narrows_to_that_year(client):
    _parsed, html = page(client, "/sok?q=samsjuklighet&from=2020&to=2020")
    assert "1 träff för ”samsjuklighet”" in text(html)
    assert "År: 2020" in text(html)


def test_filters_show_counts_and_keep_the_query(client):
    _parsed, html = page(client, "/sok?q=samsjuklighet&organ=Välfärdsrådet")
    assert "3 träffar" in text(html)
    assert re.search(r'<option value="Välfärdsrådet" selected>Välfärdsrådet \(3\)</option>', html)
    assert '<input type="hidden" name="q" value="samsjuklighet">' in html
    assert "Organ: Välfärdsrådet" in text(html)


def test_sorting_newest_first(client):
    _parsed, html = page(client, "/sok?q=samsjuklighet&sort=newest")
    dates = re.findall(r'<time datetime="([\d-]+)"', html)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-04-09"


def test_pagination_links_pages(client):
    parsed, html = page(client, "/sok?q=samsjuklighet&limit=5")
    assert "Sida 1 av 3" in html
    assert any("page=2" in link for link in parsed.links)
    _parsed, html = page(client, "/sok?q=samsjuklighet&limit=5&page=3")
    assert html.count('class="hit"') == 1


def test_a_page_past_the_last_explains_itself(client):
    _parsed, html = page(client, "/sok?q=samsjuklighet&page=99")
    assert "Sidan 99 finns inte" in html


def test_empty_query_shows_how_to_search(client):
    _parsed, html = page(client, "/sok?q=")
    assert "Så söker du" in html


def test_no_hits_offers_a_correction_and_advice(client):
    _parsed, html = page(client, "/sok?q=samsjuklihet")
    assert "Visar träffar för <strong>samsjuklighet</strong>" in html and "exakt=1" in html
    _parsed, html = page(client, "/sok?q=samsjuklihet&exakt=1")
    assert "Inga träffar för ”samsjuklihet”" in text(html) and "Menade du" in html
    _parsed, html = page(client, "/sok?q=xyzzyqqq")
    assert "Inga träffar för ”xyzzyqqq”" in text(html) and "Kontrollera stavningen" in html


def test_malformed_query_is_a_page_not_an_error(client):
    _parsed, html = page(client, '/sok?q=%22unclosed (ELLER -')
    assert "Sök" in html


def test_meeting_list_groups_by_organ_and_year(client):
    parsed, html = page(client, "/moten")
    assert "5 möten" in html
    for meeting in (NOV, JAN, DEC_2021, COUNCIL):
        assert f"/moten/{meeting}" in parsed.links
    assert html.index("Länschefsnätverket</h2>") < html.index(">2026</h3>") < html.index(">2021</h3>")


def test_meeting_page_shows_the_document(client):
    parsed, html = page(client, f"/moten/{NOV}")
    assert parsed.h1 == ["Minnesanteckningar Länschefsnätverket 2025-11-21"]
    assert "Digitalt via Teams" in html and "21 november 2025" in html
    assert "Beat Axå" in html  # an attendee
    assert {"punkt-4a", "punkt-5c", "punkt-8b"} <= parsed.ids
    assert "att utse Beat Axå till ordförande för Länschefsnätverket under 2026" in html
    assert "Föredragande:" in html and "Ulrika Gärdsback" in html
    assert f"/moten/{NOV}/original" in parsed.links


def test_meeting_page_links_previous_and_next_meeting_of_the_organ(client):
    parsed, _html = page(client, f"/moten/{NOV}")
    assert f"/moten/{DEC_2021}" in parsed.links and f"/moten/{JAN}" in parsed.links
    assert f"/moten/{COUNCIL}" not in parsed.links


def test_archived_references_are_links(client):
    _parsed, html = page(client, f"/moten/{JAN}")
    assert f'<a href="/moten/{NOV}">Föregående minnesanteckningar 251121</a>' in html


def test_agenda_shows_proposals_apart_from_decisions(client):
    _parsed, html = page(client, f"/moten/{DEC_2021}")
    assert "Förslag till beslut" in html


def test_item_url_redirects_to_its_anchor(client):
    response = client.get(f"/punkt/{NOV}-punkt-5c")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/moten/{NOV}#punkt-5c"


@pytest.mark.parametrize("url", [f"/punkt/{NOV}-punkt-99", "/moten/okant-mote", "/moten/okant-mote/original"])
def test_unknown_ids_are_404_pages(client, url):
    _parsed, html = page(client, url, 404)
    assert "finns inte" in html


def test_original_file_downloads(client):
    response = client.get(f"/moten/{NOV}/original")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"] == (  # the meeting's name, RFC 6266 for the å and ä
        'attachment; filename="Lanschefsnatverket 2025-11-21 minnesanteckningar.txt"; '
        "filename*=UTF-8''L%C3%A4nschefsn%C3%A4tverket%202025-11-21%20minnesanteckningar.txt")
    assert "MiniMaria" in response.get_data(as_text=True)


UNDATED = "Något dokument\n\n1. En punkt\n\nText här.\n"
PAGES_OF_AN_ARCHIVE = ["/", "/sok?q=punkt", "/moten", "/beslut", "/amne", "/tidslinje?q=punkt&by=quarter",
                       "/api/search?q=punkt", "/sok.csv?q=punkt", "/sok.atom?q=punkt"]


@pytest.mark.parametrize("documents", [{}, {"odaterat.txt": UNDATED}], ids=["empty", "undated-without-organ"])
@pytest.mark.parametrize("url", PAGES_OF_AN_ARCHIVE)
def test_an_empty_or_undated_archive_answers_every_page(tmp_path, documents, url):
    """Regression: the start page was a 500 when no meeting had a date (min() of nothing)."""
    from index.build import build
    from webapp import create_app

    (tmp_path / "arkiv").mkdir()
    for name, text in documents.items():
        (tmp_path / "arkiv" / name).write_text(text, encoding="utf-8")
    build(tmp_path / "arkiv", tmp_path / "index")
    client = create_app({"ARCHIVE_DIR": tmp_path / "arkiv", "INDEX_DIR": tmp_path / "index"}).test_client()
    assert client.get(url).status_code == 200
    for meeting in client.get("/api/meetings").get_json():
        assert client.get(f"/moten/{meeting['id']}").status_code == 200
