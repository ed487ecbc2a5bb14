"""The corpus ground truth (tests/corpus/expected/*.json) has the documented shape.

The expectations are written by hand, by reading the documents; this test catches the typos a
person makes (a missing key, a wrong type, a file that does not exist, a quoted passage that is
not in the document, a § left out of the stated range), not what the parser makes of them.
"""

import datetime
import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = CORPUS / "expected"
EXPECTATIONS = sorted(EXPECTED.glob("*.json"))

DOCUMENT_KEYS = ("file", "organ", "issuer", "date", "doc_type", "time", "place", "paragraphs",
                 "items", "attendance", "not_items", "notes")
REQUIRED_DOCUMENT_KEYS = {"file", "organ", "issuer", "date", "doc_type", "items", "notes"}
ITEM_KEYS = ("number", "title", "case_number", "decisions", "proposals", "decision_text",
             "not_in_decisions", "not_in_text", "items")
REQUIRED_ITEM_KEYS = {"number", "title", "case_number", "decisions", "proposals", "items"}
ATTENDANCE_LISTS = {"beslutande", "ersattare", "ovriga"}
DOC_TYPES = {"protocol", "agenda", "minutes"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def in_key_order(keys, order) -> bool:
    positions = [order.index(key) for key in keys]
    return positions == sorted(positions)


def check_strings(value, where: str) -> None:
    assert isinstance(value, list) and value, f"{where}: a non-empty list of strings"
    assert all(isinstance(s, str) and s.strip() for s in value), f"{where}: only non-empty strings"


def check_item(item: dict, where: str) -> None:
    assert isinstance(item, dict), f"{where}: an item is an object"
    assert REQUIRED_ITEM_KEYS <= item.keys(), f"{where}: missing {REQUIRED_ITEM_KEYS - item.keys()}"
    assert set(item) <= set(ITEM_KEYS), f"{where}: unknown keys {set(item) - set(ITEM_KEYS)}"
    assert in_key_order(item, ITEM_KEYS), f"{where}: keys out of the documented order"
    where = f"{where} item {item['number']!r}"
    assert isinstance(item["number"], str) and re.fullmatch(r"[0-9A-Za-zÅÄÖåäö.]+", item["number"]), where
    assert isinstance(item["title"], str) and item["title"] == collapse(item["title"]) != "", f"{where}: title"
    assert item["case_number"] is None or (isinstance(item["case_number"], str) and item["case_number"].strip())
    assert isinstance(item["decisions"], bool) and isinstance(item["proposals"], bool), f"{where}: flags"
    if "decision_text" in item:
        check_strings(item["decision_text"], f"{where} decision_text")
        assert item["decisions"] or item["proposals"], f"{where}: decision_text on an item without decisions"
    for key in ("not_in_decisions", "not_in_text"):
        if key in item:
            check_strings(item[key], f"{where} {key}")
    assert isinstance(item["items"], list), f"{where}: items is a list"
    check_items(item["items"], where)


def check_items(items: list, where: str) -> None:
    numbers = [item.get("number") for item in items]
    assert len(numbers) == len(set(numbers)), f"{where}: item numbers repeat: {numbers}"
    for item in items:
        check_item(item, where)


def walk(items):
    for item in items:
        yield item
        yield from walk(item["items"])


def document_text(expectation: dict) -> str | None:
    """The text a quoted passage must come from; None for a PDF (read only by the parser's tests)."""
    if expectation["file"].endswith(".pdf"):
        return None
    return (CORPUS / expectation["file"]).read_text(encoding="utf-8")


def test_every_corpus_document_has_an_expectation():
    """A document added to the corpus without its ground truth would silently test nothing."""
    documents = sorted(p.name for p in CORPUS.iterdir()
                       if p.suffix in (".txt", ".md") and p.name not in ("README.md", "SOURCES.md"))
    assert documents
    missing = [name for name in documents if not (EXPECTED / (Path(name).stem + ".json")).is_file()]
    assert not missing, f"no expected/<name>.json for {missing}"


@pytest.mark.parametrize("path", EXPECTATIONS, ids=lambda p: p.name)
def test_expectation_has_the_documented_shape(path):
    expectation = load(path)
    assert isinstance(expectation, dict)
    assert REQUIRED_DOCUMENT_KEYS <= expectation.keys(), f"missing {REQUIRED_DOCUMENT_KEYS - expectation.keys()}"
    assert set(expectation) <= set(DOCUMENT_KEYS), f"unknown keys {set(expectation) - set(DOCUMENT_KEYS)}"
    assert in_key_order(expectation, DOCUMENT_KEYS), "keys out of the documented order"

    source = CORPUS / expectation["file"]
    assert source.is_file() and CORPUS in source.resolve().parents, f"{expectation['file']} is not in tests/corpus"
    own_name = source.name + ".json" if source.suffix == ".pdf" else source.stem + ".json"
    assert path.name == own_name, f"the expectation of {source.name} is named {own_name}"

    for key in ("organ", "issuer", "notes"):
        assert isinstance(expectation[key], str) and expectation[key].strip(), key
    date = expectation["date"]
    assert isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date), date
    datetime.date.fromisoformat(date if len(date) == 10 else date + "-01")
    assert expectation["doc_type"] in DOC_TYPES
    for key in ("time", "place"):
        assert key not in expectation or (isinstance(expectation[key], str) and expectation[key].strip())
    assert isinstance(expectation["items"], list)
    check_items(expectation["items"], path.name)
    if "not_items" in expectation:
        check_strings(expectation["not_items"], "not_items")
        titles = {collapse(item["title"]).casefold() for item in walk(expectation["items"])}
        clashes = [text for text in expectation["not_items"] if collapse(text).casefold() in titles]
        assert not clashes, f"both an item and not an item: {clashes}"


@pytest.mark.parametrize("path", [p for p in EXPECTATIONS if "paragraphs" in load(p)], ids=lambda p: p.name)
def test_stated_paragraph_range_matches_the_items(path):
    """A front page's 'Paragrafer §§ 67-71' lists every § once: a left-out § is a typo."""
    expectation = load(path)
    first, last = map(int, re.fullmatch(r"(\d+)-(\d+)", expectation["paragraphs"]).groups())
    assert [item["number"] for item in expectation["items"]] == [str(n) for n in range(first, last + 1)]


@pytest.mark.parametrize("path", [p for p in EXPECTATIONS if "attendance" in load(p)], ids=lambda p: p.name)
def test_attendance_has_the_documented_shape(path):
    attendance = load(path)["attendance"]
    assert isinstance(attendance, dict) and set(attendance) <= ATTENDANCE_LISTS | {"called_only"}
    assert set(attendance) & ATTENDANCE_LISTS, "attendance lists nobody"
    for key in set(attendance) & ATTENDANCE_LISTS:
        check_strings(attendance[key], key)
        assert len(attendance[key]) == len(set(attendance[key])), f"{key}: a name twice"
    assert isinstance(attendance.get("called_only", False), bool)


@pytest.mark.parametrize("path", [p for p in EXPECTATIONS if document_text(load(p)) is not None],
                         ids=lambda p: p.name)
def test_quoted_passages_are_in_the_document(path):
    """decision_text, not_in_decisions and not_in_text are copied from the document: one that is
    not there is a typo (and a negative one that is nowhere in the document would assert nothing)."""
    expectation = load(path)
    text = collapse(document_text(expectation))
    for item in walk(expectation["items"]):
        passages = item.get("decision_text", []) + item.get("not_in_decisions", []) + item.get("not_in_text", [])
        for passage in passages:
            assert collapse(passage) in text, f"§/punkt {item['number']}: {passage!r} is not in {expectation['file']}"
