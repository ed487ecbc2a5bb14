"""What a user notices on the pages of assignments, topics and answers (the leftovers of issues 10, 12 and 14):
a protocol's paragraphs named '§ 40' wherever they are linked, dates written the Swedish way, and answers that
show what the archive has."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from index.build import build
from webapp import create_app

DATA = Path(__file__).parent / "data"
NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
SN_MARCH, SN_SEPT = "mora-socialnamnden-2024-03-01-protokoll", "mora-socialnamnden-2024-09-01-protokoll"
REMISS = f"{SN_MARCH}-punkt-12-uppdrag-1"  # 'att remittera motionen … till förvaltningen'; answered by § 40 (same Dnr)
DEADLINE_PROTOCOL = """Protokoll Socialnämnden, Mora kommun
Sammanträdesdatum: 2024-10-15

§ 50 Dnr SN 2024/31
Handlingsplan mot ensamhet bland äldre
Beslut
Socialnämnden beslutar
att uppdra åt förvaltningen att ta fram en handlingsplan mot ensamhet bland äldre senast 2025-03-31.
"""


def text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", markup).split())


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.fixture(scope="module")
def protocols(tmp_path_factory):
    """Two protocols of a socialnämnd that share a case number (tests/data), and one with a dated assignment."""
    folder = tmp_path_factory.mktemp("protokoll")
    for path in DATA.glob("sn-*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "sn-2024-10-15.txt").write_text(DEADLINE_PROTOCOL, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("protokoll-index")
    build(folder, index_dir)
    return create_app({"ARCHIVE_DIR": folder, "INDEX_DIR": index_dir, "TESTING": True}).test_client()


# --- a protocol's paragraphs are '§ 40', never 'punkt 40' ---------------------------------------------

def test_the_report_back_on_a_protocol_links_its_paragraph(protocols):
    """The remit of § 12 is answered by § 40 of the September meeting: the link and its evidence say '§ 40'."""
    listed = text(page(protocols, "/uppdrag"))
    assert "Socialnämnden, Mora kommun 1 september 2024, § 40 Svar på motion om fritidskort för unga" in listed
    assert "punkt 40" not in listed and "punkt 12" not in listed
    one = text(page(protocols, f"/uppdrag/{REMISS}"))
    assert "§ 40 Svar på motion om fritidskort" in one and "punkt 40" not in one
    data = protocols.get(f"/api/assignments/{REMISS}").get_json()
    assert data["status"] == "reported"
    assert data["evidence"] == "Socialnämnden, Mora kommun 1 september 2024, § 40: samma diarienummer SN 2024/15"
    assert data["followup"]["doc_type"] == "protocol"


def test_the_command_line_names_a_protocol_paragraph_too(protocols, tmp_path):
    from click.testing import CliRunner

    from scripts.cli import main

    index_dir = protocols.application.config["INDEX_DIR"]
    result = CliRunner().invoke(main, ["uppdrag", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "2024-03-01  Socialnämnden, Mora kommun  § 12  [ÅTERRAPPORTERAT]" in result.output
    assert "Socialnämnden, Mora kommun 1 september 2024, § 40: samma diarienummer" in result.output


# --- an assignment's dates as the pages write dates ---------------------------------------------------

def test_an_open_assignment_says_when_the_archive_last_looked_in_swedish(client):
    """'Region Dalarna tar hem frågan …' (2025-11-21 6b): open; the later meeting looked at is written out."""
    for url in ("/uppdrag", f"/uppdrag/{NOV}-punkt-6b-uppdrag-1", f"/moten/{NOV}", "/personer/beat-axa"):
        shown = text(page(client, url))
        assert "det senaste 29 januari 2026" in shown, url
        assert not re.search(r"det senaste \d{4}-", shown), url


def test_a_deadline_written_as_an_iso_date_is_shown_the_swedish_way(protocols):
    assignment = f"{'mora-socialnamnden-2024-10-15-protokoll'}-punkt-50-uppdrag-1"
    listed = text(page(protocols, "/uppdrag"))
    assert "återrapportering framgår inte · senast 31 mars 2025" in listed
    one = page(protocols, f"/uppdrag/{assignment}")
    assert re.search(r"<dt>När</dt><dd>senast 31 mars 2025</dd>", one)
    assert "Givet 15 oktober 2024 av Socialnämnden, Mora kommun" in text(page(protocols, "/uppdrag.atom"))
    assert "När: senast 31 mars 2025." in page(protocols, "/uppdrag.atom")


def test_a_deadline_in_words_gets_the_date_it_allows(client):
    """'under hösten 2020' (2020-09-25, 11): the pages add the last day it allows."""
    listed = text(page(client, "/uppdrag"))
    assert "under hösten 2020 (senast 31 december 2020)" in listed


# --- a topic's 'Först nämnt' is where its thread begins ------------------------------------------------

def first_mentioned(markup: str) -> str:
    return re.search(r'Först nämnt</span>\s*<time class="callout__date" datetime="([^"]+)"', markup).group(1)


def test_first_mentioned_is_the_earliest_item_of_every_topic(client):
    """The callout's date is the date the thread below it begins, for every curated topic."""
    slugs = sorted(set(re.findall(r'href="/amne/([a-z0-9-]+)"', page(client, "/amne"))))
    assert len(slugs) >= 5
    for slug in slugs:
        markup = page(client, f"/amne/{slug}")
        thread = markup[markup.index('class="thread-section"'):]
        earliest = min(re.findall(r'<time[^>]*datetime="([\d-]+)"', thread))
        assert first_mentioned(markup) == earliest, slug


def test_a_mention_in_passing_first_and_the_first_item_about_the_topic_beside_it(client):
    """Psykisk hälsa: LCHNV 2020-09-25 10.4 (LAG samsjuklighet) names it in passing; the first item about it is
    2026-01-29 5a, the remittance of the state's funds for psykisk hälsa och suicidprevention."""
    markup = page(client, "/amne/psykisk-halsa-och-suicidprevention")
    assert first_mentioned(markup) == "2020-09-25"
    callout = text(markup[markup.index('id="first-title"'):markup.index('id="latest-title"')])
    assert "Länschefsnätverket: punkt 10.4. LAG samsjuklighet (i förbigående)" in callout
    assert "Första punkten om ämnet: 29 januari 2026, Länschefsnätverket: punkt 5a. Rekvirering" in callout
    samsjuklighet = page(client, "/amne/samsjuklighet")  # about it from the start: no second line
    assert "Första punkten om ämnet" not in samsjuklighet and "i förbigående" not in samsjuklighet


# --- the answer to a question about decisions shows the mentions too, told apart ----------------------

def answer_card(markup: str) -> str:
    start = markup.index('class="answer"')
    return markup[start:markup.index("</section>", start)]


def test_the_answer_lists_decisions_on_items_that_mention_the_matter_apart(client):
    """'vad beslutade vi om hjälpmedel': 4b is the answer (first week's aids); 5a (the steering group for care in
    the home: 'kompetens inom hjälpmedelsområdet'), 7a ('tidig hemgång': aids must be at hand quickly) and
    LCHNV 2020-09-25 11 decide other matters and name aids in passing: listed under their own heading, with
    where the word stands, never among the decisions on the matter."""
    card = answer_card(page(client, "/sok?q=vad+beslutade+vi+om+hjälpmedel"))
    decided, mentioned = card.split("Nämns i förbigående i punkter om annat")
    assert "Punkt 4b. Vidare beredning av samarbetsavtalet" in decided and "punkt 5a" not in decided
    shown = text(mentioned)
    assert shown.index("punkt 5a. Tillsätta styrgrupp") < shown.index("punkt 7a. Innovationsprojekt") \
        < shown.index("25 september 2020 · Länschefsnätverket: punkt 11.")  # newest first
    assert "<mark>hjälpmedelsområdet</mark>" in mentioned


def test_with_no_decision_on_the_matter_the_mentions_are_still_shown(client):
    """MiniMaria: only noted (Välfärdsrådet 6d); the remit for samsjuklighet (2026-01-29 6b) names it in two
    bullets: shown as a mention, not as the answer."""
    card = answer_card(page(client, "/sok?q=vad+beslutade+vi+om+MiniMaria"))
    assert "Inget beslut i sak" in card and "punkt 6d. MiniMaria-verksamheten" in card
    assert "Nämns i förbigående i punkter om annat" in card
    assert "29 januari 2026 · Länschefsnätverket: punkt 6b." in text(card)


# --- the page's notes -----------------------------------------------------------------------------------

def test_a_question_about_decisions_tells_its_order_once_and_keeps_the_other_notes(client):
    """The index notes the order of a question about decisions; the page says it with a link to sort by date,
    and not a second time as a note. The query's other notes stay."""
    markup = page(client, "/sok?q=vad+beslutade+vi+om+hjälpmedel")
    assert markup.count("beslut i sak om det du frågar om visas först") == 1
    assert 'class="sort-note"' in markup and "Obs: frågan gäller beslut" not in markup
    split = text(page(client, "/sok?q=vad+beslutade+vi+om+hemsjukvårdsfrågor"))
    assert "Obs: ”hemsjukvårdsfrågor” finns inte i arkivet: sökte på hemsjukvård (och frågor först)." in split
    assert split.count("beslut i sak om det du frågar om visas först") == 1
    plain = page(client, "/sok?q=hjälpmedel+beslut:ja&sort=newest")  # not ranked as decisions: no note to hide
    assert 'class="sort-note"' not in plain


def test_the_words_a_search_leaves_out_are_not_marked(client):
    """'vad beslutade vi om MiniMaria' searches MiniMaria: 'om' was marked in every snippet ('informerades
    <mark>om</mark> aktuellt läge'). A phrase keeps its small words marked: they are part of what it matches."""
    markup = page(client, "/sok?q=vad+beslutade+vi+om+MiniMaria")
    assert "<mark>om</mark>" not in markup and "<mark>MiniMaria-verksamheten</mark>" in markup
    plain = client.get("/api/search?q=hälso+och+sjukvård").get_json()["hits"]
    assert plain and not any("<mark>och</mark>" in hit["snippet"] for hit in plain)
    phrase = client.get('/api/search?q="hälso-+och+sjukvård"').get_json()["hits"]
    assert any("<mark>och</mark>" in hit["snippet"] for hit in phrase)
