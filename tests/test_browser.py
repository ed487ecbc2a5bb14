"""The web archive in a real Chromium (Debian's chromium, driven by Playwright) against a real `arkiv serve`.

Screenshots of every main page at laptop and phone size, the first screen and the whole page (-hel), go to
test-artifacts/screenshots/ (not committed; set ARKIV_SCREENSHOTS to put them elsewhere), to be looked at. Accessibility is checked with the axe-core in
tests/vendor/axe-core (every rule, the experimental ones too).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from playwright.sync_api import expect, sync_playwright
from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags, Chromium's calls home are refused by a closed network, many at a time.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(os.environ.get("ARKIV_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")
AXE = (Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SIZES = {"dator": {"width": 1366, "height": 768}, "mobil": {"width": 390, "height": 844}}
DESKTOP = SIZES["dator"]

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
ITEM_5C, ITEM_4A = f"{NOV}-punkt-5c", f"{NOV}-punkt-4a"
A_BASKET = [{"id": ITEM_5C, "label": "punkt 5c", "note": "Läget inför beslutet i maj."}, {"id": f"{ITEM_4A}~1", "label": "4a", "note": ""}]
MAIN_PAGES = {
    "start": "/",
    "sok": "/sok?q=samsjuklighet",
    "sok-ett-ar": "/sok?q=samsjuklighet&from=2021&to=2021",
    "fraga": "/sok?q=vad beslutade vi om hjälpmedel",
    "inga-traffar": "/sok?q=samsjuklihet",
    "moten": "/moten",
    "mote": f"/moten/{NOV}",
    "saknas": "/moten/finns-inte",
    "amnen": "/amne",
    "amne": "/amne/samsjuklighet",
    "tidslinje": "/tidslinje?q=hjälpmedel&by=quarter",
    "beslut": "/beslut",
    "uppdrag": "/uppdrag",
    "ett-uppdrag": f"/uppdrag/{NOV}-punkt-5a-uppdrag-1",
    "fraga-om-beslut": "/sok?q=vad+beslutade+vi+om+hj%C3%A4lpmedel",
    "mote-med-arendets-gang": "/moten/valfardsradet-2026-04-09-minnesanteckningar",
    "underlag-tomt": "/underlag",
    "underlag": "/underlag",
    "delat-underlag": f"/underlag?p={ITEM_5C}&p={ITEM_4A}~1&n=Läget inför beslutet i maj.&n=&t=Till styrgruppen",
    "bevaka": "/amne/minimaria.atom",
    "hjalp": "/hjalp",
    "personer": "/personer",
    "person": "/personer/ulrika-gardsback",
    "person-med-uppdrag": "/personer/beat-axa",
    "beslut-forslag": "/beslut?visa=forslag",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`arkiv serve` on a free port of loopback, over the bundled archive and an index it builds itself."""
    yield from arkiv_serve("--index", str(tmp_path_factory.mktemp("index")))


def _collect(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


def arkiv_serve(*arguments: str, output: list[str] | None = None):
    """A real `arkiv serve` on a free loopback port: yields its address, stops it afterwards. What it
    prints after that is appended to output, when given."""
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--port", "0", *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        for line in process.stdout:
            if match := re.search(r"(http://127\.0\.0\.1:\d+)/", line):
                if output is not None:
                    threading.Thread(target=_collect, args=(process.stdout, output), daemon=True).start()
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


def new_page(browser, server, viewport=DESKTOP, basket=None):
    """A page in a fresh browser profile (its own localStorage), optionally with a basket already collected."""
    context = browser.new_context(viewport=viewport, base_url=server, locale="sv-SE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    if basket is not None:
        context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
                                f" localStorage.setItem('motesarkivet.underlag', {json.dumps(json.dumps(basket))}); }}")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return page


@pytest.fixture
def page(browser, server):
    page = new_page(browser, server)
    yield page
    page.context.close()


def hit_dates(page) -> list[str]:
    return page.locator(".hit time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")


def year_rows(page):
    return page.locator("svg.chart__svg a")


def test_search_samsjuklighet_shows_items_from_2020_to_2026_and_the_year_chart(page):
    page.goto("/")
    page.get_by_label("Vad letar du efter?").fill("samsjuklighet")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("11 träffar för ”samsjuklighet”")
    dates = hit_dates(page)
    assert min(dates) == "2020-09-25" and max(dates) == "2026-04-09"
    labels = year_rows(page).evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")
    assert labels == ["2020: 1 träff", "2021: 2 träffar", "2025: 1 träff", "2026: 7 träffar"]
    expect(page.locator(".hit mark").first).to_be_visible()
    assert page.locator(".hit").first.bounding_box()["y"] < 400, "the first hit is below the fold's first half"
    assert page.console_errors == []


def test_choosing_a_year_keeps_the_other_years_in_view_with_the_chosen_one_marked(page):
    page.goto("/sok?q=samsjuklighet")
    year_rows(page).filter(has_text="2021").click()
    expect(page.locator("h1")).to_have_text("2 träffar för ”samsjuklighet”")
    assert "from=2021" in page.url and "to=2021" in page.url
    assert set(hit_dates(page)) == {"2021-12"}
    expect(year_rows(page)).to_have_count(4)  # every year with hits is still there
    chosen = page.locator('svg.chart__svg a[aria-current="true"]')
    expect(chosen).to_have_count(1)
    expect(chosen).to_have_attribute("aria-label", re.compile(r"^2021: 2 träffar, valt år"))
    year_rows(page).filter(has_text="2025").click()  # another year, straight from the chart
    expect(page.locator("h1")).to_have_text("1 träff för ”samsjuklighet”")
    page.locator('svg.chart__svg a[aria-current="true"]').click()  # the chosen year again: every year
    expect(page.locator("h1")).to_have_text("11 träffar för ”samsjuklighet”")
    expect(page.locator('svg.chart__svg a[aria-current="true"]')).to_have_count(0)


def test_skip_to_the_hits(page):
    page.goto("/sok?q=samsjuklighet")
    page.get_by_role("link", name="Hoppa till träffarna").click()
    expect(page.locator(".hit").first).to_be_in_viewport()
    page.keyboard.press("Tab")  # the next stop is among the hits, not in the chart or the filters
    assert page.evaluate("document.activeElement.closest('#traffar') !== null")


def test_opening_a_meeting_from_a_hit_lands_on_the_item(page):
    page.goto("/sok?q=samsjuklighetsdelegationen")
    page.locator(f'.hit__title a[href="/moten/{JAN}#punkt-6a"]').click()
    page.wait_for_url(f"**/moten/{JAN}#punkt-6a")
    target = page.locator(":target")
    expect(target).to_have_id("punkt-6a")
    expect(target.locator("h3").first).to_be_in_viewport()
    expect(target).to_contain_text("Samsjuklighetsdelegationen")


def test_item_permalink_redirects_to_the_item(page):
    page.goto(f"/punkt/{ITEM_5C}")
    assert page.url.endswith(f"/moten/{NOV}#punkt-5c")
    expect(page.locator(":target h3").first).to_have_text(re.compile("Aktuellt läge MiniMaria"))


def tab_to(page, selector: str, presses: int = 80) -> None:
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


def test_a_question_says_its_order_and_can_be_sorted_by_date(page):
    page.goto("/sok?q=vad beslutade vi om hjälpmedel")
    expect(page.locator(".sort-note")).to_contain_text("beslut i sak om det du frågar om visas först")
    expect(page.get_by_label("Sortering")).to_have_value("relevance")
    page.get_by_label("Sortering").select_option(label="Nyast först")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    expect(page.get_by_label("Sortering")).to_have_value("newest")
    dates = hit_dates(page)
    assert dates == sorted(dates, reverse=True)
    expect(page.locator(".sort-note")).to_have_count(0)


def test_skip_link_is_the_first_stop(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    expect(page.locator(".skip-link")).to_be_in_viewport()


def axe_violations(page) -> list[tuple[str, list]]:
    """Every axe-core rule, the experimental ones included, on the page as it is now."""
    page.evaluate(AXE)
    return page.evaluate("""async () => {
        const rules = Object.fromEntries(axe.getRules().map(rule => [rule.ruleId, {enabled: true}]));
        const result = await axe.run(document, {rules, resultTypes: ['violations']});
        return result.violations.map(v => [v.id, v.nodes.map(node => node.target)]);
    }""")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_pages_are_accessible_and_fit_the_screen(browser, server, name, size):
    page = new_page(browser, server, SIZES[size], basket=A_BASKET if name == "underlag" else None)
    page.goto(MAIN_PAGES[name])
    if name == "underlag":
        expect(page.locator("#basket-list > li")).to_have_count(2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png")  # what the screen shows first
    page.screenshot(path=SCREENSHOTS / f"{name}-{size}-hel.png", full_page=True)
    violations = axe_violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    errors = page.console_errors
    page.context.close()
    assert axe_version() >= (4, 14)
    assert violations == []
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
    assert [e for e in errors if "404" not in e] == []  # the 404 page's own status is logged as an error


def axe_version() -> tuple[int, ...]:
    return tuple(int(n) for n in re.search(r"axe v(\d+)\.(\d+)", AXE[:200]).groups())


def test_follow_the_samsjuklighet_topic_from_the_start_page(page):
    page.goto("/")
    page.get_by_role("link", name="Samsjuklighet", exact=True).click()
    expect(page.locator("h1")).to_have_text("Samsjuklighet")
    first = page.locator(".callout").filter(has_text="Först nämnt")
    expect(first).to_contain_text("25 september 2020")
    expect(first).to_contain_text("LAG samsjuklighet")
    latest = page.locator(".callout").filter(has_text="Senaste beslut")
    expect(latest).to_contain_text("29 januari 2026")  # in substance; Välfärdsrådet's 9 april only filed information
    first.get_by_role("link").click()
    expect(page.locator(":target")).to_have_id("punkt-10.4")


def test_the_citera_panel_shows_the_citation_and_copies_it(page):
    page.goto(f"/moten/{NOV}#punkt-5c")
    tools = page.locator("#punkt-5c > .tools")
    tools.get_by_text("Citera punkten").click()
    panel = tools.locator(".cite__body")
    expect(panel.locator(".cite__text")).to_have_text(re.compile(r"^Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”\. "))
    expect(panel.locator("code")).to_be_hidden()  # the other forms only on request
    panel.get_by_role("button", name="Kopiera citeringen").click()
    expect(panel.locator("[role=status]").first).to_have_text("Kopierat!")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. "
        f"{page.url.split('/moten/')[0]}/moten/{NOV}#punkt-5c")
    panel.get_by_role("button", name="Kopiera länken").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{page.url.split('/moten/')[0]}/moten/{NOV}#punkt-5c"
    panel.get_by_text("Andra format").click()
    expect(panel.locator("code")).to_contain_text("[punkt 5c ”Aktuellt läge MiniMaria”](")


def test_a_hit_with_a_decision_shows_two_visibly_different_citation_rows(page):
    page.goto("/sok?q=vårdhygien")
    hit = page.locator(".hit").filter(has_text="Samarbetsavtal mellan kommunerna").first
    expect(hit.locator(".decision").get_by_text("Citera beslutet")).to_be_visible()
    expect(hit.locator("> .tools").get_by_text("Citera punkten")).to_be_visible()
    expect(hit.get_by_role("button", name=re.compile("^Lägg beslutet i underlag"))).to_be_visible()
    expect(hit.get_by_role("button", name=re.compile("^Lägg punkten i underlag"))).to_be_visible()


def test_an_empty_basket_says_how_to_fill_it_and_offers_no_download(page):
    page.goto("/underlag")
    empty = page.locator("#basket-empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Lägg punkten i underlag")
    expect(page.get_by_role("link", name=re.compile("Ladda ner"))).to_have_count(0)
    expect(page.get_by_role("button", name="Töm underlaget")).to_have_count(0)


def basket_entries(page):
    return page.locator("#basket-list > li")


def test_collect_write_notes_reorder_and_download_a_word_file_in_a4_and_swedish(page):
    page.goto(f"/moten/{NOV}")
    page.locator("#punkt-5c > .tools .basket-add").click()
    page.locator("#punkt-4a .decision .basket-add").first.click()
    expect(page.locator("#punkt-4a .decision .basket-add").first).to_contain_text("I underlaget ✓")
    expect(page.locator("[data-basket-count]")).to_have_text(" (2)")
    page.get_by_role("link", name=re.compile("^Underlag")).click()
    expect(basket_entries(page)).to_have_count(2)
    first = basket_entries(page).first
    expect(first.locator(".basket__source")).to_have_text("Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c")
    expect(first.locator(".basket__quote")).to_contain_text("Vid mötet gavs en kort uppdatering")  # the preview
    first.get_by_label(re.compile("^Anteckning")).fill("Läget inför beslutet i maj.")
    page.get_by_label("Rubrik på underlaget").fill("Underlag om MiniMaria")

    move = first.get_by_role("button", name=re.compile("^Ner"))
    move.focus()
    page.keyboard.press("Enter")  # the decision first; focus stays on the moved entry
    expect(basket_entries(page).first).to_contain_text("Beslut: Samarbetsavtal")
    moved = basket_entries(page).nth(1)
    assert page.evaluate("document.activeElement.closest('li')?.dataset.key") == ITEM_5C
    assert page.evaluate("document.activeElement.textContent").startswith("Upp")  # Ner is off at the bottom
    expect(page.locator("#basket-status")).to_contain_text("plats 2 av 2")
    page.keyboard.press("Enter")  # and back up, still from the keyboard
    assert page.evaluate("document.activeElement.closest('li')?.dataset.key") == ITEM_5C
    assert page.evaluate("document.activeElement.textContent").startswith("Ner")
    expect(moved).to_contain_text("Beslut: Samarbetsavtal")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word").click()
    assert re.fullmatch(r"Underlag om MiniMaria \d{4}-\d\d-\d\d\.docx", download.value.suggested_filename)
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and {run.rPr.find(qn("w:lang")).get(qn("w:val")) for run in runs} == {"sv-SE"}
    assert document.core_properties.title == "Underlag om MiniMaria" and document.core_properties.author == "Mötesarkivet"
    texts = [p.text for p in document.paragraphs]
    assert "1. Aktuellt läge MiniMaria" in texts and "Anteckning: Läget inför beslutet i maj." in texts
    assert any(t.startswith("Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”.") for t in texts)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som text").click()
    assert "*Anteckning:* Läget inför beslutet i maj." in Path(download.value.path()).read_text(encoding="utf-8")

    page.reload()  # the basket, its notes and title live in the browser
    expect(basket_entries(page)).to_have_count(2)
    expect(basket_entries(page).first.get_by_label(re.compile("^Anteckning"))).to_have_value("Läget inför beslutet i maj.")
    expect(page.get_by_label("Rubrik på underlaget")).to_have_value("Underlag om MiniMaria")


def test_removing_and_emptying_the_basket_can_be_undone(browser, server):
    page = new_page(browser, server, basket=A_BASKET)
    page.goto("/underlag")
    expect(basket_entries(page)).to_have_count(2)
    basket_entries(page).first.get_by_role("button", name=re.compile("^Ta bort")).click()
    expect(basket_entries(page)).to_have_count(1)
    undo = page.get_by_role("button", name="Ångra")
    expect(undo).to_be_focused()
    undo.click()
    expect(basket_entries(page)).to_have_count(2)
    page.get_by_role("button", name="Töm underlaget").click()
    expect(page.locator("#basket-empty")).to_be_visible()
    expect(page.locator("#basket-status")).to_have_text("Underlaget är tömt.")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(basket_entries(page)).to_have_count(2)
    expect(basket_entries(page).first.get_by_label(re.compile("^Anteckning"))).to_have_value("Läget inför beslutet i maj.")
    page.context.close()


def test_a_basket_shared_as_a_link_opens_in_another_browser(browser, server):
    page = new_page(browser, server, basket=A_BASKET)
    page.goto("/underlag")
    page.get_by_label("Rubrik på underlaget").fill("Till styrgruppen")
    expect(basket_entries(page)).to_have_count(2)
    page.get_by_role("button", name="Kopiera länken").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(server + "/underlag?p=")
    page.context.close()

    other = new_page(browser, server)  # another browser: its own, empty storage
    other.goto(link)
    expect(other.locator("h1")).to_have_text("Delat underlag: Till styrgruppen")
    shared = other.locator("[data-shared-list] > li")
    expect(shared).to_have_count(2)
    expect(shared.first).to_contain_text("Anteckning: Läget inför beslutet i maj.")
    expect(shared.nth(1)).to_contain_text("Beslut: Samarbetsavtal")
    other.get_by_role("button", name="Spara som mitt underlag").click()
    other.wait_for_url("**/underlag")
    expect(basket_entries(other)).to_have_count(2)
    expect(other.get_by_label("Rubrik på underlaget")).to_have_value("Till styrgruppen")
    expect(other.locator("[data-basket-count]").first).to_have_text(" (2)")
    other.context.close()


def test_bevaka_opens_a_swedish_page_that_explains_how_to_subscribe(page):
    page.goto("/amne/minimaria")
    page.get_by_role("link", name="Bevaka ämnet").click()
    page.wait_for_url("**/amne/minimaria.atom")
    expect(page.locator("h1")).to_have_text("MiniMaria")
    expect(page.get_by_role("heading", name="Så bevakar du")).to_be_visible()
    expect(page.locator(".feed-entries > li")).to_have_count(4)
    expect(page.locator(".feed-entries time").first).to_have_text("9 april 2026")  # dates as the site writes them
    page.get_by_role("button", name="Kopiera adressen").click()
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert page.console_errors == []  # the page keeps the site's Content-Security-Policy
    reader = page.request.get(page.url, headers={"Accept": "application/atom+xml"})
    assert reader.headers["content-type"].startswith("application/atom+xml") and reader.text().count("<entry>") == 4


def test_help_is_linked_from_every_page(page):
    for url in ("/", f"/moten/{NOV}", "/underlag", "/beslut"):
        page.goto(url)
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Hjälp").click()
        expect(page.locator("h1")).to_have_text("Hjälp")
    page.get_by_role("navigation", name="Innehåll").get_by_role("link", name="Citera").click()
    expect(page.locator("#citera")).to_be_in_viewport()
    expect(page.locator("#citera + p")).to_contain_text("Citera beslutet")


def test_a_presenter_leads_to_their_page(page):
    page.goto(f"/moten/{NOV}#punkt-4a")
    page.locator("#punkt-4a .item__presenters").get_by_role("link", name="Ulrika Gärdsback").click()
    expect(page.locator("h1")).to_have_text("Ulrika Gärdsback")
    expect(page.locator("#presented-title + .thread > li")).to_have_count(13)


def test_the_original_downloads_under_the_meetings_name(page):
    page.goto(f"/moten/{NOV}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Länschefsnätverket 2025-11-21 minnesanteckningar.txt").click()
    assert download.value.suggested_filename == "Länschefsnätverket 2025-11-21 minnesanteckningar.txt"


@pytest.mark.parametrize("url, expected", [
    (f"/moten/{NOV}", "Aktuellt läge MiniMaria"),
    ("/amne/samsjuklighet", "25 september 2020"),
])
def test_a_meeting_and_a_timeline_print_on_a4_without_menus_or_buttons(page, url, expected):
    page.goto(url)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    printed = " ".join(p.extract_text() for p in pdf.pages)
    assert expected in printed and page.url in printed.replace("\n", "")
    for screen_only in ("Hoppa till innehållet", "Citera punkten", "Lägg punkten i underlag", "Ladda ner listan",
                        "Mötesarkivet samlar"):
        assert screen_only not in printed


def test_a_meetings_facts_read_as_label_and_value_rows_on_a_phone(browser, server):
    page = new_page(browser, server, SIZES["mobil"])
    page.goto("/moten/valfardsradet-2026-04-09-minnesanteckningar")
    rows = page.locator(".facts > div")
    expect(rows).to_have_count(6)
    for row in rows.all():
        label, value = row.locator("dt").bounding_box(), row.locator("dd").bounding_box()
        assert abs(label["y"] - value["y"]) < 8 and value["x"] > label["x"] + label["width"], row.inner_text()
    assert page.locator(".facts").bounding_box()["height"] < SIZES["mobil"]["height"] / 3
    page.context.close()


def test_a_meetings_title_keeps_its_date_whole_on_a_phone(browser, server):
    page = new_page(browser, server, SIZES["mobil"])
    page.goto("/moten/valfardsradet-2026-04-09-minnesanteckningar")
    expect(page.locator("h1")).to_have_text("Minnesanteckningar Välfärdsrådet 2026-04-09")
    assert page.locator("h1 .nowrap").evaluate("el => el.getClientRects().length") == 1  # not '2026-04-' / '09'
    page.context.close()
