"""Decisions with meaning in a real Chromium against a real `arkiv serve`: the register without formalities,
an assignment's page, an item's 'Ärendets gång' and the answer to a question (their accessibility is tested
with the other main pages in tests/test_browser.py).

The fixtures (server, browser, page) are those of tests/test_browser.py.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.test_browser import browser, page, server  # noqa: F401  (fixtures)

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
