"""Decisions with meaning in a real Chromium against a real `arkiv serve`: the register without formalities,
an assignment's page, an item's 'Ärendets gång' and the answer to a question (their accessibility is tested
with the other main pages in tests/test_browser.py).

The fixtures (server, browser, page) are those of tests/test_browser.py.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.test_browser import SIZES, browser, new_page, page, server  # noqa: F401  (fixtures)

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
VR = "valfardsradet-2026-04-09-minnesanteckningar"


def test_the_register_without_formalities_and_one_click_to_them(page):
    page.goto("/beslut")
    count = page.locator(".register-count")
    expect(count).to_contain_text("23 beslut i 18 punkter")
    thread = page.locator(".thread")
    expect(thread).not_to_contain_text("att öppna mötet")
    expect(thread).to_contain_text("att uppdra Johanna Munters")
    page.get_by_role("link", name="Visa även formalia (30)").click()
    expect(count).to_contain_text("53 beslut i")
    expect(page.locator(".thread")).to_contain_text("att godkänna dagordningen")
    page.get_by_label("Typ av beslut").select_option("uppdrag")
    page.get_by_role("button", name="Visa").click()
    expect(count).to_contain_text("9 uppdrag i 8 punkter")
    assert "beslutstyp=uppdrag" in page.url


def test_from_the_assignments_to_one_assignment_and_its_item(page):
    page.goto("/uppdrag")
    expect(page.locator("h1")).to_have_text("Uppdrag")
    entry = page.locator(".assignment").filter(has_text="ta hem frågan om ny regional systemledningsrepresentant")
    expect(entry.locator(".status")).to_have_text("Öppet")
    entry.get_by_role("link", name=re.compile("^Region Dalarna: ta hem frågan")).click()
    expect(page.locator("h1")).to_contain_text("Region Dalarna: ta hem frågan")
    expect(page.locator(".assignment__status")).to_contain_text("Ingen senare punkt om samma sak i Länschefsnätverket")
    expect(page.locator(".facts")).to_contain_text("Region Dalarna")
    page.get_by_role("link", name=re.compile("punkt 6b. Ersättare för Emelie Forslund")).click()
    expect(page.locator(":target")).to_have_id("punkt-6b")
    expect(page.locator("#punkt-6b .item-assignments")).to_contain_text("Öppet")


def test_filtering_assignments_by_person(page):
    page.goto("/uppdrag")
    page.get_by_label("Vem").select_option("Johanna Munters")
    page.get_by_role("button", name="Visa").click()
    expect(page.locator(".assignment")).to_have_count(1)
    expect(page.locator(".assignment")).to_contain_text("koordinera arbetet kring framtagandet av gruppering samt RKA")


def test_an_items_history_leads_to_the_earlier_treatment(page):
    page.goto(f"/moten/{VR}#punkt-6a")
    history = page.locator("#punkt-6a .history")
    expect(history.get_by_text("Tidigare behandlat")).to_be_visible()
    expect(history).to_contain_text("21 november 2025 · Länschefsnätverket")
    history.get_by_role("link", name=re.compile("punkt 5a. Tillsätta styrgrupp")).click()
    page.wait_for_url(f"**/moten/{NOV}#punkt-5a")
    expect(page.locator(":target")).to_have_id("punkt-5a")
    later = page.locator("#punkt-5a .history")
    expect(later.get_by_text("Senare behandlat")).to_be_visible()
    expect(later).to_contain_text("9 april 2026 · Välfärdsrådet")


def test_the_answer_to_a_question_comes_before_the_hits(page):
    page.goto("/")
    page.get_by_label("Vad letar du efter?").fill("vad beslutade vi om samsjuklighet")
    page.keyboard.press("Enter")
    card = page.locator(".answer")
    expect(card).to_contain_text("Senaste beslut i sak")
    expect(card).to_contain_text("29 januari 2026 · Länschefsnätverket")
    expect(card).to_contain_text("att anta uppdragsbeskrivningen för regional processgrupp inom samsjuklighet")
    assert card.bounding_box()["y"] < page.locator(".hits").bounding_box()["y"]


def boxes(page, *selectors: str) -> list[dict]:
    return [page.locator(selector).first.bounding_box() for selector in selectors]


def test_the_answer_heads_the_hits_beside_the_chart_and_is_read_before_the_filters(page):
    page.goto("/sok?q=vad beslutade vi om hjälpmedel")
    card, sidebar, hits = boxes(page, ".answer", ".sidebar", ".hits")
    assert card["x"] >= sidebar["x"] + sidebar["width"], "the answer stands beside the chart, in the hits' column"
    assert abs(card["y"] - sidebar["y"]) < 2 and card["y"] + card["height"] <= hits["y"]
    expect(page.locator("#f-sort option:checked")).to_have_text("Beslut i sak först")  # the order, said in the control
    page.get_by_role("link", name="Avgränsa och sortera").focus()
    page.keyboard.press("Tab")  # the next stop is the answer, not the chart or the filters
    assert page.evaluate("document.activeElement.closest('.answer') !== null")


def test_on_a_phone_the_answer_comes_first_then_the_hits_then_the_chart(browser, server):
    page = new_page(browser, server, SIZES["mobil"])
    page.goto("/sok?q=vad beslutade vi om hjälpmedel")
    card, hits, sidebar = boxes(page, ".answer", ".hits", ".sidebar")
    assert card["y"] + card["height"] <= hits["y"] < sidebar["y"]
    assert card["x"] >= 0 and card["x"] + card["width"] <= SIZES["mobil"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES["mobil"]["width"]
    page.context.close()


def test_the_registers_two_tabs_read_as_two_buttons_on_a_phone(browser, server):
    page = new_page(browser, server, SIZES["mobil"])
    page.goto("/beslut")
    tabs = page.locator(".tabs a")
    expect(tabs).to_have_count(2)
    for box in (tabs.nth(0).bounding_box(), tabs.nth(1).bounding_box()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES["mobil"]["width"]
    edges = tabs.evaluate_all("""tabs => tabs.map(t => { const s = getComputedStyle(t);
        return [s.borderBottomStyle, s.borderBottomColor, s.borderTopColor]; })""")
    white, transparent = "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"
    for style, bottom, top in edges:  # each tab is a whole box, the chosen one no open-ended tab on a wrapped line
        assert style == "solid" and bottom not in (white, transparent) and bottom == top
    assert edges[0][1] != edges[1][1], "the chosen tab is marked apart from the other"
    page.context.close()


def test_a_threads_dates_stand_on_one_line_on_a_laptop(page):
    page.goto("/beslut")
    date = page.locator(".thread__date time").filter(has_text="25 september 2020").first
    lines = date.evaluate("el => el.getClientRects().length")  # an inline element has a box per line
    assert lines == 1, f"'25 september 2020' breaks over {lines} lines"


def test_a_persons_page_shows_the_assignments_they_carry(page):
    page.goto("/personer/beat-axa")
    section = page.locator("section").filter(has=page.get_by_role("heading", name="Uppdrag till Beat Axå"))
    entry = section.locator(".assignment")
    expect(entry).to_have_count(1)
    expect(entry.locator(".status")).to_have_text("Öppet")
    entry.get_by_role("link", name=re.compile("^Beat Axå: ta hem ärendet")).click()
    expect(page.locator("h1")).to_contain_text("Beat Axå: ta hem ärendet till Region Dalarna")


def test_the_feed_of_assignments_opened_in_a_browser_speaks_of_assignments(page):
    """The feed page (feed.xsl) was written for a topic's items: 'nya punkter och beslut om Nya uppdrag'."""
    page.goto("/uppdrag.atom")
    expect(page.locator("h1")).to_have_text("Nya uppdrag")
    expect(page.locator(".lead")).to_contain_text("så ser du nya uppdrag när de kommer in i arkivet")
    expect(page.locator(".feed-subscribe")).to_contain_text("de senaste 50 uppdragen, det nyaste först")
    first = page.locator(".feed-entries > li").first
    expect(first).to_contain_text("Givet 29 januari 2026 av Länschefsnätverket, punkt 5a")
    page.goto("/amne/minimaria.atom")
    expect(page.locator(".lead")).to_contain_text("nya punkter och beslut om MiniMaria")
