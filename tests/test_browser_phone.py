"""The web archive on a phone (390×844) in a real Chromium against a real `arkiv serve`: what breaks a line
where a reader would not, and what fills the first screen before what the reader came for.

The fixtures (server, browser) are those of tests/test_browser.py.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.test_browser import SIZES, browser, new_page, server  # noqa: F401  (fixtures)

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

