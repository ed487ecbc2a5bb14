"""Compare a parsed document with its expectation file (tests/corpus/expected/*.json, written by a person who
read the document; format in the corpus README). Returns the differences as sentences, none when it passes.
Shared by tests/test_corpus.py and `python -m tests.corpus_check` (a report of every document)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from archive.collection import load_document
from archive.model import Item, Meeting

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = CORPUS / "expected"


def expectations() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def document_of(expected: dict) -> Path:
    return CORPUS / expected["file"]


def differences(meeting: Meeting, expected: dict) -> list[str]:
    found: list[str] = []
    for field, value in (
        ("organ", getattr(meeting, "organ_name", None) or meeting.organ), ("issuer", meeting.issuer),
        ("date", meeting.date.iso() if meeting.date else None), ("doc_type", meeting.doc_type.value),
    ):
        if value != expected[field]:
            found.append(f"{field}: {value!r}, expected {expected[field]!r}")
    found += _items(list(meeting.items), expected["items"], "")
    everything = [item for item in meeting.all_items()]
    titles = {item.title for item in everything}
    for heading in expected.get("not_items", []):
        if heading in titles or heading.rstrip(":") in titles:
            found.append(f"not an item, but read as one: {heading!r}")
    if "attendance" in expected:
        found += _attendance(meeting, expected["attendance"])
    return found


def _items(items: list[Item], expected: list[dict], parent: str) -> list[str]:
    found: list[str] = []
    numbers = [i.number for i in items]
    wanted = [e["number"] for e in expected]
    if numbers != wanted:
        found.append(f"items{' of ' + parent if parent else ''}: {numbers}, expected {wanted}")
    by_number = {i.number: i for i in items}
    for entry in expected:
        item = by_number.get(entry["number"])
        if item is None:
            continue
        found += _item(item, entry)
    return found


def _item(item: Item, entry: dict) -> list[str]:
    found: list[str] = []
    where = f"§/punkt {entry['number']}"
    if item.title != entry["title"]:
        found.append(f"{where} title: {item.title!r}, expected {entry['title']!r}")
    if item.case_number != entry.get("case_number"):
        found.append(f"{where} case number: {item.case_number!r}, expected {entry.get('case_number')!r}")
    if bool(item.decisions) != entry["decisions"]:
        found.append(f"{where} decisions: {[d.text[:60] for d in item.decisions]}, expected {'some' if entry['decisions'] else 'none'}")
    if bool(item.proposals) != entry["proposals"]:
        found.append(f"{where} proposals: {[d.text[:60] for d in item.proposals]}, expected {'some' if entry['proposals'] else 'none'}")
    decided = _flat("\n".join(d.text for d in item.decisions))
    for text in entry.get("decision_text", []):
        if _flat(text) not in decided:
            found.append(f"{where} decision text lacks {text!r}")
    for text in entry.get("not_in_decisions", []):
        if _flat(text) in decided:
            found.append(f"{where} decision text has {text!r}")
    body = _flat(item.title + "\n" + item.text)
    for text in entry.get("not_in_text", []):
        if _flat(text) in body:
            found.append(f"{where} text has {text!r}")
    found += _items(list(item.items), entry.get("items", []), entry["number"])
    return found


def _attendance(meeting: Meeting, expected: dict) -> list[str]:
    found: list[str] = []
    groups = {"beslutande": "beslutande", "ersattare": "ersättare", "ovriga": "övriga"}
    for key, group in groups.items():
        if key not in expected:
            continue
        people = [_printed(p) for p in meeting.attendees if getattr(p, "group", None) == group]
        if people != expected[key]:
            found.append(f"attendance {key}: {people}, expected {expected[key]}")
    called = getattr(getattr(meeting, "attendance", None), "value", "present") == "called"
    if "called_only" in expected and called != expected["called_only"]:
        found.append(f"attendance called_only: {called}, expected {expected['called_only']}")
    return found


def _printed(person) -> str:
    party = getattr(person, "party", None)
    return f"{person.name} ({party})" if party else person.name


def _flat(text: str) -> str:
    """Line breaks and runs of space as one space: expectations quote printed lines."""
    return " ".join(text.split())


def item_scores(meeting: Meeting, expected: dict) -> Counter:
    """Per expected item: found by its number, with the right title, case number and decisions."""
    found = {item.number: item for item in meeting.all_items()}
    score: Counter = Counter()
    for entry in _walk(expected["items"]):
        item = found.get(entry["number"])
        score["items"] += 1
        score["found"] += item is not None
        score["title"] += item is not None and item.title == entry["title"]
        score["case_number"] += item is not None and item.case_number == entry.get("case_number")
        score["decisions"] += item is not None and bool(item.decisions) == entry["decisions"]
        if entry["decisions"]:
            score["decided"] += 1
            score["decided_found"] += item is not None and bool(item.decisions)
    return score


def _walk(entries: list[dict]):
    for entry in entries:
        yield entry
        yield from _walk(entry.get("items", []))


def report() -> int:
    """Every document against its expectation; the totals: `python -m tests.corpus_check [N]`."""
    passed, totals = 0, Counter()
    for path in expectations():
        expected = load(path)
        meeting = load_document(document_of(expected))
        found = differences(meeting, expected)
        totals += item_scores(meeting, expected)
        totals["organ"] += (getattr(meeting, "organ_name", None) or meeting.organ) == expected["organ"]
        totals["date"] += (meeting.date.iso() if meeting.date else None) == expected["date"]
        passed += not found
        print(f"{'OK  ' if not found else 'FAIL'} {expected['file']}: {len(found)} difference(s)")
        for line in found[: int(sys.argv[1]) if len(sys.argv) > 1 else 8]:
            print(f"       {line}")
    n = len(expectations())
    print(f"\n{passed} of {n} documents pass completely; organ right in {totals['organ']}, date right in {totals['date']}")
    print(
        f"{totals['items']} items expected: {totals['found']} found by number, {totals['title']} with the right title, "
        f"{totals['case_number']} with the right case number, {totals['decisions']} right about decisions; "
        f"{totals['decided_found']} of the {totals['decided']} decided items have their decision"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(report())
