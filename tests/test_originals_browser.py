"""The original document in a real Chromium against a real `arkiv serve`: a sample archived as PDF,
its meeting page with the page of every item, and "Öppna originalet på sidan N" followed to the PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import sync_playwright

from scripts.formats import write_pdf
from tests.conftest import SAMPLES
from tests.test_browser import CHROMIUM, CHROMIUM_FLAGS, arkiv_serve

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
SCREENS = Path("/work/notes/screens/originals")


@pytest.fixture(scope="module")
def pdf_server(tmp_path_factory):
    """`arkiv serve` over an archive whose November minutes are a PDF, and the page each line landed on."""
    archive = tmp_path_factory.mktemp("arkiv")
    line_pages: list[int] = []
    write_pdf(SAMPLES["000"].read_text(encoding="utf-8"), archive / "LCHNV 251121.pdf", line_pages)
    write_pdf("Innovationsprojekt vård i hemmet: tidig hemgång\n\nProjektplan och budget.\n",
              archive / "LCHNV 251121 Bilaga 3 B.pdf")
    shutil.copy(SAMPLES["004"], archive / SAMPLES["004"].name)
    for address in arkiv_serve("--archive", str(archive), "--index", str(tmp_path_factory.mktemp("index"))):
        yield address, line_pages


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def test_follow_open_the_original_on_its_page(browser, pdf_server, samples):
    server, line_pages = pdf_server
    expected = line_pages[next(i for i in samples["000"].all_items() if i.number == "5c").line - 1]
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=server, locale="sv-SE")
    page = context.new_page()
    page.goto(f"/moten/{NOV}#punkt-5c")
    item = page.locator("#punkt-5c")
    assert item.locator(".item__page").inner_text() == f"s. {expected}"
    link = item.get_by_role("link", name=f"Öppna originalet på sidan {expected}")
    assert link.get_attribute("href") == f"/moten/{NOV}/original#page={expected}"
    assert f"s. {expected}" in item.locator(".cite__text").first.text_content()
    with page.expect_response(re.compile(r"/original$")) as answer:
        link.click()
    response = answer.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    disposition = unquote(response.headers["content-disposition"])
    assert disposition.startswith("inline") and "Länschefsnätverket 2025-11-21 minnesanteckningar.pdf" in disposition
    page.wait_for_url(f"**/moten/{NOV}/original#page={expected}")  # Chromium's PDF viewer, at that page
    pdf = pdfium.PdfDocument(context.request.get(f"/moten/{NOV}/original").body())
    assert "Aktuellt läge MiniMaria" in pdf[expected - 1].get_textpage().get_text_range()
    context.close()


def test_the_item_that_mentions_an_attachment_opens_it(browser, pdf_server):
    server, _ = pdf_server
    context = browser.new_context(base_url=server, locale="sv-SE")
    page = context.new_page()
    page.goto(f"/moten/{NOV}")
    assert page.locator("#bilaga-3-b").get_by_role("link", name="Bilaga 3 B").count() == 1
    with page.expect_response(re.compile(r"/bilagor/bilaga-3-b$")) as answer:
        page.locator("#punkt-7a").get_by_role("link", name="Bilaga 3 B").click()
    assert answer.value.status == 200 and answer.value.headers["content-type"] == "application/pdf"
    context.close()


@pytest.mark.parametrize("name, size", [("dator", (1366, 768)), ("telefon", (390, 844))])
def test_screenshot_meeting_page_with_pages_and_attachments(browser, pdf_server, name, size):
    server, _ = pdf_server
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=server, locale="sv-SE")
    page = context.new_page()
    for where in ("", "#punkt-7a"):
        page.goto(f"/moten/{NOV}{where}")
        assert page.locator(".item__page").count() > 10 and page.locator(".attachments li").count() == 1
        if SCREENS.parent.is_dir():  # the team's notes folder, where it exists
            SCREENS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENS / f"mote{where.replace('#', '-') or '-overst'}-{name}.png"))
    context.close()
