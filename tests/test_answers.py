"""Answers that fit the question: "vad beslutade vi om X", topic cards and the decision register.

The expected answers were chosen by reading the five samples, item by item:

- MiniMaria: no meeting took a decision in substance about MiniMaria. LCHNV 2025-11-21 5c ("Aktuellt
  läge MiniMaria") only *proposed* to file the information; the 2021 agenda only proposes. The latest
  item about MiniMaria is Välfärdsrådet 2026-04-09 6d "MiniMaria-verksamheten" (all municipalities but
  Smedjebacken have signed, start 1 September 2026), covered by the collective decision after 6d "att lägga
  informationen till handlingarna". A reader names that item, and says that nothing was decided in
  substance. LCHNV 2026-01-29 6b adopts a remit for samsjuklighet in which MiniMaria is two bullets:
  it is no answer (the issue's complaint).
- hjälpmedel: LCHNV 2025-11-21 4b, "Vidare beredning av samarbetsavtalet för 1a veckans hjälpmedel":
  the work on första veckans hjälpmedel is to be prepared further in LPO rehab, reporting back to the
  steering group. Välfärdsrådet's later 6c (2026-04-09) only filed information.
- hemsjukvård: LCHNV 2025-11-21 5a, the decisions on the long-term agreement on hälso- och sjukvård
  i hemmet (the same thing: the agreements renamed hemsjukvård so): the steering group is to draft a
  remit, and a nomination procedure is to appoint representatives. The items titled with the word
  itself (5b, the short-term hemsjukvårdsavtal; Välfärdsrådet 6a) only filed information.
- samsjuklighet: LCHNV 2026-01-29 6b adopted the remit for a regional process group on samsjuklighet.
  Välfärdsrådet's later item 5 (2026-04-09) is written information, filed.
"""

from __future__ import annotations

import re

import pytest

from index.search import SearchIndex, SearchRequest

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
VR = "valfardsradet-2026-04-09-minnesanteckningar"


@pytest.fixture(scope="module")
def index(sample_index):
    return SearchIndex(sample_index)


def ask(index, question: str):
    return index.search(SearchRequest(question))


@pytest.mark.parametrize(("question", "item", "decision"), [
    ("vad beslutade vi om hjälpmedel", f"{NOV}-punkt-4b", "att arbetet kring första veckans hjälpmedel ska beredas vidare"),
    ("vad beslutade vi om hemsjukvård", f"{NOV}-punkt-5a", "att styrgruppen för Länschefsnätverket uppdras att ta fram"),
    ("vad beslutade vi om samsjuklighet", f"{JAN}-punkt-6b", "att anta uppdragsbeskrivningen för regional processgrupp"),
])
def test_the_decision_a_reader_would_name(index, question, item, decision):
    results = ask(index, question)
    latest = results.answer.latest
    assert latest is not None and latest.id == item
    assert results.hits[0].id == item
    assert any(text.startswith(decision) for text in latest.decisions)


def test_minimaria_has_no_decision_in_substance_and_says_so(index):
    results = ask(index, "vad beslutade vi om MiniMaria")
    assert results.answer.latest is None
    assert results.answer.formal.id == f"{VR}-punkt-6d"
    assert results.hits[0].id == f"{VR}-punkt-6d"
    assert results.hits[0].decisions == ["att lägga informationen till handlingarna"]  # the collective decision
    remit = next(hit for hit in results.hits if hit.id == f"{JAN}-punkt-6b")
    assert remit.about == "mention"  # MiniMaria is two bullets in a remit for samsjuklighet
    assert "Smedjebacken" in results.answer.formal.why or "MiniMaria" in results.answer.formal.why


def test_decisions_in_substance_come_before_formalities_and_mentions(index):
    hits = ask(index, "vad beslutade vi om samsjuklighet").hits
    tiers = [(hit.about != "mention", any(d["kind"] != "formality" for d in hit.decision_details)) for hit in hits]
    order = [{(True, True): 0, (True, False): 1, (False, True): 2, (False, False): 3}[t] for t in tiers]
    assert order == sorted(order)
    about_formal = [hit.meeting.date for hit, tier in zip(hits, order) if tier == 1]
    assert about_formal == sorted(about_formal, reverse=True)  # the latest first within a tier


def test_beslut_ja_ranks_the_same_way(index):
    assert ask(index, "samsjuklighet beslut:ja").hits[0].id == f"{JAN}-punkt-6b"
    newest = index.search(SearchRequest("samsjuklighet beslut:ja", sort="newest")).hits[0]
    assert newest.meeting.date == "2026-04-09"  # asked for the newest, the newest it is


def test_every_hit_says_why_it_was_found(index):
    hits = index.search(SearchRequest("MiniMaria", explain=True)).hits
    by_id = {hit.id: hit for hit in hits}
    assert by_id[f"{VR}-punkt-6d"].about == "title"
    assert "<mark>MiniMaria" in by_id[f"{JAN}-punkt-6b"].why and len(re.sub("<[^>]+>", "", by_id[f"{JAN}-punkt-6b"].why)) < 160


def test_the_answer_in_the_api(client):
    data = client.get("/api/search?q=vad+beslutade+vi+om+hjälpmedel").get_json()
    assert data["answer"] == {"latest": f"{NOV}-punkt-4b", "earlier": [], "formal": None, "mentioned": [
        f"{NOV}-punkt-5a", f"{NOV}-punkt-7a", "lanschefsnatverket-2020-09-25-minnesanteckningar-punkt-11"]}
    assert data["hits"][0]["about"] == "title"
    assert client.get("/api/search?q=MiniMaria").get_json()["answer"] is None  # not a question about decisions


def test_the_answer_card_on_the_search_page(client):
    page = client.get("/sok?q=vad+beslutade+vi+om+hjälpmedel").get_data(as_text=True)
    card = page[page.index('class="answer"'):page.index("</section>", page.index('class="answer"'))]
    assert "Senaste beslut i sak" in card and "21 november 2025" in card and "Länschefsnätverket" in card
    assert "att arbetet kring första veckans hjälpmedel ska beredas vidare" in card
    none = client.get("/sok?q=vad+beslutade+vi+om+MiniMaria").get_data(as_text=True)
    assert "Inget beslut i sak" in none and "punkt 6d. MiniMaria-verksamheten" in none


# --- topic cards -------------------------------------------------------------------------------

def callout(page: str, label: str) -> str:
    start = page.index(label)
    return page[start:page.index("</section>", start)]


def test_topic_latest_decision_is_in_substance_and_about_the_topic(client):
    minimaria = client.get("/amne/minimaria").get_data(as_text=True)
    latest = callout(minimaria, "Senaste beslut")
    assert "Inget beslut i sak" in latest and "MiniMaria-verksamheten" in latest
    home = client.get("/amne/halso-och-sjukvard-i-hemmet").get_data(as_text=True)
    assert "Tillsätta styrgrupp för arbetet kring en långsiktig överenskommelse" in callout(home, "Senaste beslut")


def test_topic_first_mentioned_in_any_other_business_says_so_and_names_the_first_item_about_it(client):
    """Hälso- och sjukvård i hemmet: the first hit is Övriga frågor of 2020 (hemsjukvården in passing). 'Först
    nämnt' is where the thread begins, told as a passing mention; the first item about it (2025-11-21 5a) beneath."""
    page = client.get("/amne/halso-och-sjukvard-i-hemmet").get_data(as_text=True)
    first = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", callout(page, "Först nämnt")))
    assert "25 september 2020" in first and "Övriga frågor (i förbigående)" in first
    assert "Första punkten om ämnet: 21 november 2025, Länschefsnätverket: punkt 5a. Tillsätta styrgrupp" in first


def test_each_thread_entry_says_why_it_is_listed(client):
    page = client.get("/amne/minimaria").get_data(as_text=True)
    whys = re.findall(r'<p class="thread__why">(.*?)</p>', page)
    assert whys and all("<mark>" in why for why in whys)


# --- the register ----------------------------------------------------------------------------

def counts_line(page: str) -> str:
    start = page.index(">", page.index('class="meta-line register-count"')) + 1
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", page[start:page.index("</p>", start)])).strip()


def test_the_register_shows_decisions_in_substance_by_default(client):
    page = client.get("/beslut").get_data(as_text=True)
    thread = page.split('class="thread"')[1]
    assert "att öppna mötet" not in thread and "att godkänna dagordningen" not in thread
    assert "att lägga informationen till handlingarna" not in thread  # also inside items with other decisions (7a)
    assert "att fortsatt dialog om hur arbetet kan tas vidare kommer att föras i styrgruppen" in thread
    # 53 decisions taken in the samples: 30 formalities, 14 in substance, 9 assignments
    assert "23 beslut i 18 punkter" in counts_line(page) and "Visa även formalia (30)" in counts_line(page)
    assert "Beslut som tagits (23)" in page


def test_formalities_are_one_click_away_and_counts_agree(client):
    page = client.get("/beslut?beslutstyp=alla").get_data(as_text=True)
    assert "53 beslut i" in counts_line(page) and "Beslut som tagits (53)" in page
    assert "att öppna mötet" in page and "Dölj formalia" in page
    # a collective decision is listed once, where it stands (item 6 of Välfärdsrådet, not 6a–6d)
    shown = re.sub(r"<[^>]+>", "", page).replace("\u00a0", " ")  # 'punkt 6a–6d' is kept whole on a phone
    assert shown.count("Beslut (gemensamt för punkt 6a–6d)") == 1


@pytest.mark.parametrize(("kind", "count", "shown", "hidden"), [
    ("uppdrag", "9 uppdrag i 8 punkter", "att uppdra Johanna Munters", "att en risk- och konsekvensanalys"),
    ("sak", "14 beslut i sak i 12 punkter", "att en risk- och konsekvensanalys", "att uppdra Johanna Munters"),
    ("formalia", "30 formella beslut i 30 punkter", "att öppna mötet", "att uppdra Johanna Munters"),
])
def test_the_register_filters_by_kind(client, kind, count, shown, hidden):
    page = client.get(f"/beslut?beslutstyp={kind}").get_data(as_text=True)
    assert counts_line(page).startswith(count)
    thread = page.split('class="thread"')[1]
    assert shown in thread and hidden not in thread


def test_a_search_in_the_register_finds_sub_items_by_their_collective_decision(client):
    page = client.get("/beslut?q=MiniMaria&beslutstyp=alla").get_data(as_text=True)
    shown = re.sub(r"<[^>]+>", "", page).replace("\u00a0", " ")
    assert "MiniMaria-verksamheten" in page and "Beslut (gemensamt för punkt 6a–6d)" in shown


def test_bad_kinds_are_400(client):
    assert client.get("/beslut?beslutstyp=allt").status_code == 400
    assert client.get("/api/search?q=x&decision_kind=viktigt").status_code == 400


def test_decision_kinds_in_the_api(client):
    data = client.get("/api/search?decision=taken&decision_kind=assignment&limit=100").get_json()
    assert data["total"] == 9 and data["facets"]["decision_kind"]["assignment"] >= 9
    assert all(any(d["kind"] == "assignment" for d in hit["decision_details"]) for hit in data["hits"])
