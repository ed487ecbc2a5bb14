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


def test_a_prefix_alternation_matches_as_the_plain_one():
    """Issue 16 defect 5: the issuer named most often in a whole document was looked for with a plain
    alternation of the 1,500 municipality names, some 30 s a megabyte of text (numbering nested 2,000
    deep: 179 s). Factored by common beginnings it finds the same names, the longer first."""
    import re
    from pathlib import Path

    from archive.organs import _official

    words = list(_official()) + ["ab", "abcd", "abce", "b", "a.b", "a+b"]
    plain = re.compile(rf"(?<![\w-])(?:{rules.alternation(words)})(?:s|en)?\b", re.IGNORECASE)
    factored = re.compile(rf"(?<![\w-])(?:{rules.prefix_alternation(words)})(?:s|en)?\b", re.IGNORECASE)
    corpus = Path(__file__).parent / "corpus"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    text += " abcd abce abc ab a.b axb a+b Göteborgs Stads Upplands Väsby kommun Lilla Edets kommuns Ale stad"
    found = [m.group(0) for m in factored.finditer(text)]
    assert found == [m.group(0) for m in plain.finditer(text)]
    assert {"abcd", "abce", "ab", "a.b", "a+b", "Göteborgs Stads", "Upplands Väsby kommun", "Lilla Edets kommuns"} <= set(found)
