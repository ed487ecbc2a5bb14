"""The findings of the first-use review (issue 14) that the test client can see: exports a region can use, the
basket in a URL, the feed page, help, people, the footer and the meeting page's neighbours."""

import csv
import datetime
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
DEC_2021 = "lanschefsnatverket-2021-12-dagordning"
ITEM_5C = f"{NOV}-punkt-5c"
ITEM_4A = f"{NOV}-punkt-4a"
ASSIGNMENT_5A = f"{NOV}-punkt-5a-uppdrag-1"


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def word(client, query: str) -> tuple[docx.document.Document, dict]:
    response = client.get("/underlag.docx?" + query)
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.data)), response.headers


# --- the Word export ---------------------------------------------------------------------------------------

def test_word_export_is_a4_with_swedish_proofing_on_every_run_and_style(client):
    document, _headers = word(client, f"p={ITEM_5C}&p={ITEM_4A}~1&n=Kolla+med+regionen&n=&t=Hemsjukvård")
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 (11906 x 16838 twips)
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    runs += [r for r in document.element.body.iter(qn("w:r"))]  # hyperlinks' runs too
    languages = {(r._r if hasattr(r, "_r") else r).rPr.find(qn("w:lang")).get(qn("w:val")) for r in runs}
    assert languages == {"sv-SE"}
    defaults = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == "sv-SE"
    style_languages = {lang.get(qn("w:val")) for lang in document.styles.element.iter(qn("w:lang"))}
    assert style_languages == {"sv-SE"}


def test_word_export_properties_name_the_underlag_not_the_library(client):
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    document, headers = word(client, f"p={ITEM_5C}&t=Underlag+om+MiniMaria")
    properties = document.core_properties
    assert properties.title == "Underlag om MiniMaria" and properties.language == "sv-SE"
    assert properties.author == properties.last_modified_by == "Mötesarkivet"
    assert before <= properties.created.replace(tzinfo=datetime.timezone.utc) <= before + datetime.timedelta(minutes=1)
    assert properties.modified == properties.created
    assert document.paragraphs[0].text == "Underlag om MiniMaria"
    today = datetime.date.today().isoformat()
    assert headers["Content-Disposition"].startswith(f'attachment; filename="Underlag om MiniMaria {today}.docx"')


def test_word_export_cites_as_the_site_writes_with_swedish_quotes_and_the_notes(client):
    document, _headers = word(client, f"p={ITEM_5C}&p={ITEM_4A}~1&n=Kolla+med+regionen&n=")
    texts = [p.text for p in document.paragraphs]
    assert "Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c [1]" in texts
    assert "Anteckning: Kolla med regionen" in texts
    assert sum(t.startswith("Anteckning:") for t in texts) == 1  # the second entry has none
    sources = texts[texts.index("Källförteckning") + 1:]
    assert sources[0].startswith("Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. ")
    assert "punkt 4a ”Samarbetsavtal" in sources[1] and ", beslut ”att anta" in sources[1]
    assert not any(re.search(r"punkt \d+ [a-z]\b", t) or '"' in t for t in texts)


def test_markdown_export_has_the_title_and_notes(client):
    response = client.get(f"/underlag.md?p={ITEM_5C}&n=Viktig+bakgrund&t=Om+MiniMaria")
    markdown = response.get_data(as_text=True)
    assert markdown.startswith("# Om MiniMaria\n") and "*Anteckning:* Viktig bakgrund" in markdown
    assert re.match(r'attachment; filename="Om MiniMaria \d{4}-\d\d-\d\d\.md"', response.headers["Content-Disposition"])


@pytest.mark.parametrize("query, problem", [
    (f"p={ITEM_5C}&p={ITEM_4A}&n=bara+en", "lika många"),
    (f"p={ITEM_5C}&n=" + "x" * 1001, "högst 1000"),
    (f"p={ITEM_5C}&t=" + "x" * 201, "högst 200"),
])
def test_a_basket_url_that_does_not_add_up_is_a_400_that_says_why(client, query, problem):
    response = client.get("/underlag.docx?" + query)
    assert response.status_code == 400 and problem in response.get_data(as_text=True)


# --- CSV ---------------------------------------------------------------------------------------------------

def test_csv_has_swedish_labels_as_on_the_page(client):
    response = client.get("/beslut.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True)[1:]), delimiter=";"))
    types = {row[2] for row in rows[1:]}
    assert types <= {"Minnesanteckningar", "Dagordning", "Protokoll"} and "Minnesanteckningar" in types
    assert not {"minutes", "agenda", "protocol"} & {cell for row in rows for cell in row}
    assert response.headers["Content-Disposition"].startswith('attachment; filename="Beslut.csv"')


def test_csv_of_a_search_is_named_after_it(client):
    disposition = client.get("/sok.csv?q=hjälpmedel").headers["Content-Disposition"]
    assert disposition.endswith("filename*=UTF-8''S%C3%B6kning%20hj%C3%A4lpmedel.csv")


# --- the basket as a link --------------------------------------------------------------------------------

def test_a_shared_basket_opens_as_a_page_with_its_notes_and_downloads(client):
    query = f"p={ITEM_5C}&p={ITEM_4A}~1&p=finns-inte&n=Se+punkt+5c&n=&n=&t=Till+styrgruppen"
    page = html(client, "/underlag?" + query)
    assert "Delat underlag: Till styrgruppen" in page
    assert "Aktuellt läge MiniMaria" in page and "Vid mötet gavs en kort uppdatering" in page  # a preview of the quote
    assert "<strong>Anteckning:</strong> Se punkt 5c" in page
    assert "finns inte längre i arkivet" in page
    assert f'href="/underlag.docx?{query}"' in page.replace("&amp;", "&")


def test_the_entries_of_a_basket_render_with_notes_and_buttons(client):
    fragment = html(client, f"/underlag/poster?p={ITEM_5C}&p={ITEM_4A}~1&n=Min+anteckning&n=")
    assert fragment.count("<li") == 2 and "Min anteckning</textarea>" in fragment
    assert fragment.count('data-action="up" disabled') == 1 and fragment.count('data-action="down" disabled') == 1
    assert "Beslut: Samarbetsavtal" in fragment


# --- pages -------------------------------------------------------------------------------------------------

def test_feed_is_atom_for_readers_and_a_page_for_browsers(client):
    reader = client.get("/amne/minimaria.atom", headers={"Accept": "application/atom+xml, application/xml;q=0.9"})
    assert reader.mimetype == "application/atom+xml" and "Accept" in reader.headers["Vary"]
    browser = client.get("/amne/minimaria.atom", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert browser.mimetype == "application/xml" and browser.data == reader.data
    assert b'<?xml-stylesheet type="text/xsl" href="/flode.xsl"?>' in reader.data
    stylesheet = client.get("/flode.xsl")
    assert stylesheet.mimetype == "text/xsl"
    ET.fromstring(stylesheet.data)  # well-formed, with the site's header in it
    assert "Så bevakar du" in stylesheet.get_data(as_text=True)


def test_labels_say_bevaka_and_no_format_names(client):
    for url in ("/amne/minimaria", "/sok?q=MiniMaria", "/beslut", f"/moten/{NOV}", "/uppdrag", f"/uppdrag/{ASSIGNMENT_5A}",
                "/personer/beat-axa"):
        page = text(html(client, url))
        assert not re.search(r"\b(Atom|JSON|Markdown)\b", page), url
    assert "Bevaka ämnet" in text(html(client, "/amne/minimaria"))
    assert "Bevaka nya uppdrag" in text(html(client, "/uppdrag"))
    assert "Uppdraget som data för utvecklare" in text(html(client, f"/uppdrag/{ASSIGNMENT_5A}"))


def test_help_page_explains_searching_citing_the_basket_and_feeds(client):
    page = html(client, "/hjalp")
    for anchor in ("sok", "avgransa", "fragor", "citera", "underlag", "bevaka", "ladda-ner", "api"):
        assert f'id="{anchor}"' in page
    assert "Markdown" in page and "Atom" in page and "CSV" in page and "JSON" in page


def test_help_page_explains_what_the_decisions_assignments_history_and_originals_show(client):
    page = html(client, "/hjalp")
    for anchor in ("beslut", "original"):
        assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
    words = text(page)
    for term in ("Visa även formalia", "gemensamt för punkt 6a–6d", "Troligen återrapporterat", "Ärendets gång",
                 "Liknande punkter", "§ 185", "Kallade", "Öppna originalet på sidan 7", "OCR", "/api/assignments"):
        assert term in words, term
    asking = text(page.split('id="fragor"')[1].split("</section>")[0])
    assert "Nyast först" in asking and "formalia" in asking  # how a question orders its hits today


@pytest.mark.parametrize("url", ["/", "/sok?q=x", "/moten", f"/moten/{NOV}", "/amne", "/beslut", "/underlag",
                                 "/personer", "/moten/finns-inte"])
def test_every_page_links_the_help_page(client, url):
    response = client.get(url)
    assert 'href="/hjalp"' in response.get_data(as_text=True)


def test_footer_names_only_organs_with_meetings(client):
    footer = text(html(client, "/").split('<footer class="site-footer">')[1])
    assert "minnesanteckningar och dagordningar från Länschefsnätverket och Välfärdsrådet" in footer
    assert "RSS Dalarna" not in footer and "protokoll" not in footer


def test_a_previous_meeting_years_back_says_so(client):
    page = text(html(client, f"/moten/{NOV}"))
    assert "← Nästa äldre möte i arkivet december 2021" in page
    assert "Nästa möte → 29 januari 2026" in page
    assert "Nästa nyare möte i arkivet → 21 november 2025" in text(html(client, f"/moten/{DEC_2021}"))


def test_a_hit_with_a_decision_tells_its_two_citations_apart(client):
    page = text(html(client, "/sok?q=vårdhygien"))
    assert "Citera beslutet" in page and "Citera punkten" in page
    assert "Lägg beslutet i underlag" in page and "Lägg punkten i underlag" in page


def test_a_question_about_decisions_says_its_order_and_can_be_sorted_by_date(client):
    page = html(client, "/sok?q=vad beslutade vi om hjälpmedel")
    assert "beslut i sak om det du frågar om visas först, det senaste först" in text(page)
    assert '<option value="relevance" selected>Beslut i sak först</option>' in page  # what the order is, in the control
    assert '<option value="relevance" selected>Relevans</option>' in html(client, "/sok?q=hjälpmedel")
    by_date = html(client, "/sok?q=vad beslutade vi om hjälpmedel&sort=newest")
    assert '<option value="newest" selected>' in by_date and "visas först" not in text(by_date)


def test_people_list_and_a_persons_page(client):
    people = html(client, "/personer")
    assert '<a href="/personer/ulrika-gardsback">Ulrika Gärdsback</a>' in people
    page = text(html(client, "/personer/caroline-mork"))
    assert "Föredragande för 3 punkter" in page and "Beslut som nämner Caroline Mörk" in page
    assert "Uppdrag till Caroline Mörk Inget beslut i arkivet ger Caroline Mörk ett uppdrag." in page
    assert html(client, "/personer/ingen-alls", 404)


def test_presenters_link_to_their_page_and_filter_the_search(client):
    assert '<a href="/personer/ulrika-gardsback">Ulrika Gärdsback</a>' in html(client, f"/moten/{NOV}")
    page = html(client, "/sok?q=samsjuklighet&presenter=Caroline Mörk")
    assert "3 träffar" in text(page) and "Föredragande: Caroline Mörk" in text(page)
    assert re.search(r'<option value="Caroline Mörk" selected>Caroline Mörk \(3\)</option>', page)


HOSTILE = ['"><script>alert(1)</script>', "../../etc/passwd", "a" * 1200, "\x00", "~", "x~0", f"{ITEM_4A}~99", "%"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("route", ["/underlag", "/underlag/poster", "/underlag.docx", "/underlag.md", "/personer/x",
                                   "/sok", "/amne/minimaria.atom"])
def test_hostile_basket_and_people_parameters_never_give_a_500(client, route, value):
    for query in ({"p": value}, {"p": ITEM_5C, "n": value}, {"p": ITEM_5C, "t": value}, {"presenter": value}):
        response = client.get(route, query_string=query)
        assert response.status_code in (200, 400, 404), (route, query, response.status_code)
        assert b"<script>alert" not in response.data
    assert client.get("/personer/" + value.replace("/", "")).status_code in (404, 308)


def test_a_persons_page_lists_the_assignments_given_to_them_with_their_status(client):
    page = html(client, "/personer/beat-axa")
    assert "Föredragna punkter (2) Uppdrag (1) Beslut som nämner Beat Axå (1)" in text(page)  # the page's parts, linked
    given = text(page.split('id="assignments-title"')[1].split("</section>")[0])
    assert "Uppdrag till Beat Axå" in given
    assert "Beat Axå: ta hem ärendet till Region Dalarna för vidare dialog" in given and "Öppet" in given
    assert f'href="/uppdrag/{NOV}-punkt-8a-uppdrag-1"' in page


def test_a_meetings_contents_count_its_items_and_sub_items(client):
    page = text(html(client, "/moten/valfardsradet-2026-04-09-minnesanteckningar"))
    assert "Innehåll (11 punkter, 4 underpunkter)" in page  # 15 in all, as the list of meetings says
    assert "Innehåll (13 punkter, 1 underpunkt)" in text(html(client, f"/moten/{DEC_2021}"))


def test_a_missing_page_names_what_is_missing_in_swedish_quotes(client):
    page = text(html(client, "/moten/finns-inte", 404))
    assert "Det finns inget möte ”finns-inte” i arkivet." in page and "med id" not in page
    assert 'aria-current="page"' not in html(client, "/moten/finns-inte", 404)  # no menu entry is where the user is


@pytest.fixture(scope="module")
def protocol_client(tmp_path_factory):
    """The site over one municipal §-protocol of the corpus (Nacka kommunstyrelse 2018-06-04)."""
    from index.build import build
    from webapp import create_app

    archive = tmp_path_factory.mktemp("protocol")
    shutil.copy(Path(__file__).parent / "corpus" / "nacka_ks_2018-06-04.txt", archive)
    index_dir = tmp_path_factory.mktemp("protocol-index")
    build(archive, index_dir)
    return create_app({"ARCHIVE_DIR": archive, "INDEX_DIR": index_dir, "TESTING": True}).test_client()


def test_a_protocol_names_its_paragraphs_with_the_section_sign_as_its_citations_do(protocol_client):
    meeting = html(protocol_client, "/moten/nacka-kommunstyrelsen-2018-06-04-protokoll")
    words = text(meeting)
    assert re.search(r"Innehåll \(\d+ paragrafer\)", words)
    assert "§ 182 Avtal med Fastighets AB Orminge för del av Nybackakvarteret, Orminge" in words  # contents and heading
    assert '<span class="item__number">§ 182</span>' in meeting
    assert 'data-basket-label="Kommunstyrelsen, Nacka kommun 2018-06-04, § 182 Avtal med Fastighets AB' in meeting
    assert not re.search(r"\b182\.", words) and "punkt 182" not in words
    hits = text(html(protocol_client, "/sok?q=Nybackakvarteret"))
    assert "§ 182 Avtal med Fastighets AB Orminge" in hits and "Punkt 182" not in hits
    register = text(html(protocol_client, "/beslut"))
    assert "§ 182 Avtal med Fastighets AB Orminge" in register and "Punkt 18" not in register


def test_an_empty_or_fruitless_timeline_says_what_to_do(client):
    empty = text(html(client, "/tidslinje"))
    assert "Skriv ett ämne eller några ord, så visar tidslinjen alla punkter om det" in empty and "Ämnen" in empty
    fruitless = html(client, "/tidslinje?q=zzzqqq")
    assert "Inga punkter i arkivet för" in fruitless and 'href="/sok?q=zzzqqq"' in fruitless
    assert 'href="/amne"' in fruitless.split("Inga punkter i arkivet")[1]


def test_an_archive_without_the_curated_topics_says_so_offers_no_samples_words_and_counts_one_item_as_one(tmp_path):
    from index.build import build
    from webapp import create_app

    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(Path(__file__).parent / "corpus" / "digg_ena_2024-09-16.md", archive)
    shutil.copy(Path(__file__).parent / "corpus" / "digg_ena_2024-09-16.meta.toml", archive)
    build(archive, tmp_path / "index")
    client = create_app({"ARCHIVE_DIR": archive, "INDEX_DIR": tmp_path / "index", "TESTING": True}).test_client()
    assert "Inga utvalda ämnen i det här arkivet" in text(html(client, "/amne"))
    assert "· 1 punkt" in text(html(client, "/")) and "1 punkter" not in text(html(client, "/moten"))
    hint = text(html(client, "/").split('id="q-hint"')[1].split("</p>")[0])
    assert "Skriv ett ämne, ett namn eller ett diarienummer." in hint and "MiniMaria" not in hint  # no sample's words


def test_the_search_box_offers_the_archives_own_topics_as_examples(client):
    assert 'Till exempel <em>MiniMaria</em>, <em>samsjuklighet</em> eller <em>&#34;första veckans hjälpmedel&#34;</em>.' in html(client, "/")


def test_a_topic_and_a_question_name_the_latest_decision_alike(client):
    assert "Senaste beslut i sak" in text(html(client, "/amne/samsjuklighet"))
    assert "Senaste beslut i sak" in text(html(client, "/sok?q=vad beslutade vi om samsjuklighet"))
