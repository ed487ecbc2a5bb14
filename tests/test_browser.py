"""The web archive in a real Chromium (Debian's chromium, driven by Playwright) against a real `arkiv serve`.

Screenshots of the main pages go to test-artifacts/screenshots/ (not committed), to be looked at.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags, Chromium's calls home are refused by a closed network, many at a time.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
MAIN_PAGES = {
    "start": "/",
    "sok": "/sok?q=samsjuklighet",
    "inga-traffar": "/sok?q=samsjuklihet",
    "moten": "/moten",
    "mote": f"/moten/{NOV}",
    "saknas": "/moten/finns-inte",
    "amnen": "/amne",
    "amne": "/amne/samsjuklighet",
    "beslut": "/beslut",
    "underlag": "/underlag",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`arkiv serve` on a free port of loopback, over the bundled archive and an index it builds itself."""
    index_dir = tmp_path_factory.mktemp("index")
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--port", "0", "--index", str(index_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        for line in process.stdout:
            if match := re.search(r"(http://127\.0\.0\.1:\d+)/", line):
                yield match.group(1)
                break
        else:
            pytest.fail(f"arkiv serve stopped with status {process.wait()} before it served")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: scripts/test installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=DESKTOP, base_url=server, locale="sv-SE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


def test_search_samsjuklighet_shows_items_from_2020_to_2026_and_the_year_chart(page):
    page.goto("/")
    page.get_by_label("Vad letar du efter?").fill("samsjuklighet")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("11 träffar för ”samsjuklighet”")
    dates = page.locator(".hit time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert min(dates) == "2020-09-25" and max(dates) == "2026-04-09"
    bars = page.locator("svg.chart__svg a")
    assert [label[:4] for label in bars.evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")] == [
        "2020", "2021", "2025", "2026"]
    expect(page.locator(".hit mark").first).to_be_visible()
    assert page.console_errors == []


def test_clicking_a_year_bar_narrows_to_that_year(page):
    page.goto("/sok?q=samsjuklighet")
    page.locator('svg.chart__svg a[aria-label^="2021"]').click()
    expect(page.locator("h1")).to_have_text("2 träffar för ”samsjuklighet”")
    assert "from=2021" in page.url and "to=2021" in page.url
    assert set(page.locator(".hit time").evaluate_all("ns => ns.map(n => n.getAttribute('datetime'))")) == {"2021-12"}


def test_opening_a_meeting_from_a_hit_lands_on_the_item(page):
    page.goto("/sok?q=samsjuklighetsdelegationen")
    page.locator(f'.hit__title a[href="/moten/{JAN}#punkt-6a"]').click()
    page.wait_for_url(f"**/moten/{JAN}#punkt-6a")
    target = page.locator(":target")
    expect(target).to_have_id("punkt-6a")
    expect(target.locator("h3").first).to_be_in_viewport()
    expect(target).to_contain_text("Samsjuklighetsdelegationen")


def test_item_permalink_redirects_to_the_item(page):
    page.goto(f"/punkt/{NOV}-punkt-5c")
    assert page.url.endswith(f"/moten/{NOV}#punkt-5c")
    expect(page.locator(":target h3").first).to_have_text(re.compile("Aktuellt läge MiniMaria"))


def tab_to(page, selector: str, presses: int = 60) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_filters_work_with_the_keyboard_only(page):
    page.goto("/sok?q=samsjuklighet")
    tab_to(page, "#f-organ")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control shows no focus"
    page.keyboard.press("ArrowDown")  # Alla -> the first organ, Länschefsnätverket (8)
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("8 träffar för ”samsjuklighet”")
    assert "organ=L%C3%A4nschefsn%C3%A4tverket" in page.url
    tab_to(page, ".chip")  # the active filter can be removed from the keyboard too
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("11 träffar för ”samsjuklighet”")


def test_skip_link_is_the_first_stop(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    expect(page.locator(".skip-link")).to_be_in_viewport()


@pytest.mark.parametrize("size", ["dator", "mobil"])
@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_pages_are_accessible_and_fit_the_screen(browser, server, name, size):
    context = browser.new_context(viewport=DESKTOP if size == "dator" else PHONE, base_url=server)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(MAIN_PAGES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png", full_page=True)
    violations = Axe().run(page).response["violations"]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
    assert [e for e in errors if "404" not in e] == []  # the 404 page's own status is logged as an error


def test_follow_the_samsjuklighet_topic_from_the_start_page(page):
    page.goto("/")
    page.get_by_role("link", name="Samsjuklighet", exact=True).click()
    expect(page.locator("h1")).to_have_text("Samsjuklighet")
    first = page.locator(".callout").filter(has_text="Först nämnt")
    expect(first).to_contain_text("25 september 2020")
    expect(first).to_contain_text("LAG samsjuklighet")
    latest = page.locator(".callout").filter(has_text="Senaste beslut")
    expect(latest).to_contain_text("9 april 2026")
    first.get_by_role("link").click()
    expect(page.locator(":target")).to_have_id("punkt-10.4")


def test_copy_a_citation(page):
    page.goto(f"/moten/{NOV}#punkt-5c")
    item = page.locator("#punkt-5c")
    item.locator("> .tools .cite summary").click()
    item.locator("> .tools .cite").get_by_role("button", name="Kopiera", exact=True).click()
    expect(item.locator("> .tools .cite [role=status]")).to_have_text("Kopierat!")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (f'Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. '
                      f"{page.url.split('/moten/')[0]}/moten/{NOV}#punkt-5c")


def test_underlag_basket_collect_reorder_and_export(page):
    page.goto(f"/moten/{NOV}")
    page.locator("#punkt-5c > .tools .basket-add").click()
    page.locator("#punkt-4a .decision .basket-add").first.click()
    expect(page.locator("#punkt-4a .decision .basket-add").first).to_have_text("I underlaget ✓")
    expect(page.locator("[data-basket-count]")).to_have_text(" (2)")
    page.get_by_role("link", name=re.compile("^Underlag")).click()
    entries = page.locator("#basket-list > li > a")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("punkt 5c")
    page.get_by_role("button", name=re.compile("^Flytta ner: .*punkt 5c")).click()  # the decision first
    expect(entries.first).to_contain_text("punkt 4a: att anta")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.index("## 1. Beslut: Samarbetsavtal") < markdown.index("## 2. Aktuellt läge MiniMaria")
    assert "> att anta det reviderade samverkansavtalet" in markdown and "## Källförteckning" in markdown
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word").click()
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. Beslut: Samarbetsavtal mellan kommunerna och Region Dalarna inom vårdhygien",
                        "2. Aktuellt läge MiniMaria", "Källförteckning"]
    page.get_by_role("button", name=re.compile("^Ta bort: .*punkt 4a")).click()
    expect(entries).to_have_count(1)
    page.reload()  # the basket lives in the browser
    expect(entries).to_have_count(1)


def test_open_the_atom_feed_of_a_topic(page):
    page.goto("/amne/minimaria")
    feed_url = page.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(feed_url)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    body = response.text()
    assert body.count("<entry>") == 4 and "MiniMaria-verksamheten" in body
