"""The rules files: each parses, each entry gives its reason, no key is defined twice."""

from collections import Counter

import pytest

from archive import rules


@pytest.mark.parametrize("name", rules.names())
def test_every_entry_gives_its_reason(name):
    found = rules.entries(name)
    assert found, f"{name}.rules is empty"
    assert all(entry.why for entry in found)


@pytest.mark.parametrize("name", rules.names())
def test_no_entry_twice(name):
    twice = [key for key, count in Counter(e.key.lower() for e in rules.entries(name)).items() if count > 1]
    assert twice == []


def test_an_entry_without_a_reason_is_refused(tmp_path, monkeypatch):
    (tmp_path / "bad.rules").write_text("# a file\nBeslut = decision\n", encoding="utf-8")
    monkeypatch.setattr(rules, "FOLDER", tmp_path)
    rules.entries.cache_clear()
    try:
        with pytest.raises(rules.RulesError, match="bad.rules:2"):
            rules.entries("bad")
    finally:
        rules.entries.cache_clear()


def test_all_290_municipalities_and_21_regions():
    assert len(rules.mapping("municipalities")) == 290
    assert len(rules.values("regions")) == 21
