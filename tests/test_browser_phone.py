"""The web archive on a phone (390×844) in a real Chromium against a real `arkiv serve`: what breaks a line
where a reader would not, and what fills the first screen before what the reader came for.

The fixtures (server, browser) are those of tests/test_browser.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser import DESKTOP, SIZES, browser, new_page, server  # noqa: F401  (fixtures)

PHONE = SIZES["mobil"]
VR = "valfardsradet-2026-04-09-minnesanteckningar"

LINES_OF = """([selector, pattern]) => {
    // For each match of pattern in the text of the elements: on how many lines it is laid out.
    const found = [];
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(new RegExp(pattern, 'g'))) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                found.push([match[0], tops.size]);
            }
        }
    }
    return found;
}"""


def test_a_range_of_sub_items_never_breaks_at_its_dash(browser, server):
    """'Beslut (gemensamt för punkt 6a–6d)' on Välfärdsrådet's item 6 and each of its sub-items: on a phone
    the label wraps, but '6a–6d' stays on one line (it broke as '6a–' / '6d)')."""
    page = new_page(browser, server, PHONE)
    page.goto(f"/moten/{VR}")
    ranges = page.evaluate(LINES_OF, [".decision__label", r"\w+[–-]\w+\)?"])
    page.context.close()
    assert len(ranges) >= 5, ranges  # item 6 and its four sub-items
    assert all(lines == 1 for _text, lines in ranges), ranges


def test_the_register_folds_its_filters_on_a_phone_so_the_first_decisions_show(browser, server):
    """/beslut on a phone: the four filters took the whole first screen; folded behind 'Filtrera', the first
    decision's title is on it. Opened and used, the filters stay open on the filtered page."""
    page = new_page(browser, server, PHONE)
    page.goto("/beslut")
    filters = page.get_by_label("Organ")
    expect(filters).to_be_hidden()
    first = page.locator(".thread__entry .hit__title").first
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= PHONE["height"]
    page.get_by_text("Filtrera", exact=True).click()
    expect(filters).to_be_visible()
    page.get_by_label("Typ av beslut").select_option("uppdrag")
    page.get_by_role("button", name="Visa").click()
    expect(page.locator(".register-count")).to_contain_text("9 uppdrag i 8 punkter")
    expect(page.get_by_label("Typ av beslut")).to_be_visible()  # a filter in use: open
    page.context.close()


def test_the_assignments_fold_their_filters_on_a_phone_too(browser, server):
    page = new_page(browser, server, PHONE)
    page.goto("/uppdrag")
    expect(page.get_by_label("Vem")).to_be_hidden()
    first = page.locator(".assignment__title").first.bounding_box()
    assert first["y"] < PHONE["height"]
    page.goto("/uppdrag?person=Beat+Axå")
    expect(page.get_by_label("Vem")).to_have_value("Beat Axå")  # a filter in use: open
    expect(page.get_by_label("Vem")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("url, field", [("/beslut", "Organ"), ("/uppdrag", "Vem")])
def test_the_registers_show_their_filters_on_a_wide_screen_without_a_click(browser, server, url, field):
    page = new_page(browser, server, DESKTOP)
    page.goto(url)
    expect(page.get_by_label(field)).to_be_visible()
    expect(page.get_by_text("Filtrera", exact=True)).to_be_hidden()
    page.context.close()


def test_the_main_menu_leads_to_the_people_and_fits_a_phone_in_two_rows(browser, server):
    """Personer is in the main menu; on a phone all eight entries show, in two rows under the name, and work."""
    page = new_page(browser, server, PHONE)
    page.goto("/uppdrag")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    links = menu.get_by_role("link")
    expect(links).to_have_text(["Sök", "Ämnen", "Beslut", "Uppdrag", "Alla möten", "Personer", "Underlag", "Hjälp"])
    boxes = [link.bounding_box() for link in links.all()]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    assert len({round(box["y"]) for box in boxes}) == 2, boxes
    menu.get_by_role("link", name="Personer").click()
    expect(page.locator("h1")).to_have_text("Personer")
    expect(menu.get_by_role("link", name="Personer")).to_have_attribute("aria-current", "page")
    page.locator(".people-list a").first.click()
    expect(menu.get_by_role("link", name="Personer")).to_have_attribute("aria-current", "page")  # a person's page too
    page.context.close()


def overlapping(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] \
        and b["y"] < a["y"] + a["height"]


def test_an_assignments_facts_never_run_their_label_into_the_value(browser, server):
    """'ÅTERRAPPORTERAS TILL' is wider than the label column of a meeting's facts: on an assignment's page each
    value stands under its label, and no label overlaps its value."""
    page = new_page(browser, server, PHONE)
    page.goto("/uppdrag/lanschefsnatverket-2020-09-25-minnesanteckningar-punkt-11-uppdrag-3")
    rows = page.locator(".facts > div")
    expect(rows).to_have_count(5)
    for row in rows.all():
        label, value = row.locator("dt").bounding_box(), row.locator("dd").bounding_box()
        assert not overlapping(label, value), row.inner_text()
        assert page.evaluate("el => el.scrollWidth <= el.clientWidth", row.locator("dt").element_handle()), row.inner_text()
    expect(page.locator(".facts")).to_contain_text("under hösten 2020 (senast 31 december 2020)")
    page.context.close()
