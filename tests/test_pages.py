"""Pages: the page of the original on which each item and decision starts."""

import re

import pytest

from archive.clean import clean
from archive.collection import load_document
from archive.pages import Pages, paginate
from archive.parse import parse
from scripts.formats import write_pdf
from tests.conftest import SAMPLES


def _opening(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:4]


def _expected_decision_page(source_lines: list[str], line_pages: list[int], from_line: int, text: str) -> int:
    """The page of the first source line from the item's heading on that holds the decision's opening."""
    opening = _opening(text)
    for index in range(from_line - 1, len(source_lines)):
        words = re.findall(r"\w+", source_lines[index].lower())
        if any(words[i:i + len(opening)] == opening for i in range(len(words))):
            return line_pages[index]
    raise AssertionError(f"decision not found in the source: {text[:40]}")


@pytest.mark.parametrize("key", SAMPLES)
def test_a_sample_rendered_to_pdf_gives_each_item_and_decision_its_page(tmp_path, samples, key):
    source = SAMPLES[key]
    text = source.read_text(encoding="utf-8")
    line_pages: list[int] = []
    path = write_pdf(text, tmp_path / f"{source.stem}.pdf", line_pages)
    meeting = load_document(path)
    original = samples[key]  # the text version: its items know their line in the source
    source_lines = text.splitlines()
    assert max(line_pages) >= 3
    items = list(meeting.all_items())
    assert [i.number for i in items] == [i.number for i in original.all_items()]
    for item, source_item in zip(items, original.all_items()):
        assert item.page == line_pages[source_item.line - 1], f"punkt {item.number}"
        for decision in item.decisions + item.proposals:
            expected = _expected_decision_page(source_lines, line_pages, source_item.line, decision.text)
            assert decision.page == expected, f"punkt {item.number}: {decision.text[:40]}"


def test_text_without_pages_has_no_page_numbers(samples):
    assert all(item.page is None for m in samples.values() for item in m.all_items())


def test_a_page_break_inside_a_line_and_empty_pages_count():
    text = "rad ett\n\frad två på sida 2\n\f\n\f\nrad på sida 4\f"
    pages = Pages(text)
    assert [pages.of_line(n) for n in (1, 2, 5)] == [1, 2, 4]


def test_a_decision_on_the_page_after_its_item():
    text = (
        "Minnesanteckningar Länschefsnätverket\nDatum: 251121\n\n1. Avtal om hjälpmedel\n"
        "Bakgrund om avtalet.\n\f\nLänschefsnätverket beslutade\natt godkänna avtalet om hjälpmedel\n"
        "att ge styrgruppen i uppdrag att följa upp\n\f\n2. Övriga frågor\nInga.\n"
    )
    meeting = parse(text)
    first, second = meeting.items
    assert (first.page, [d.page for d in first.decisions]) == (1, [2, 2])
    assert second.page == 3
    assert paginate(meeting.items, clean(text), Pages("no pages")) == meeting.items
