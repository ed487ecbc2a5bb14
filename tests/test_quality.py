"""Search quality over the written-down judgement lists (tests/quality/): the issue's targets.

The lists were judged by reading the items; scripts/bench.py quality prints the same measures beside
SQLite FTS5's."""

import pytest

from scripts.quality import judged_queries, judged_words, run_quality, split_report


@pytest.fixture(scope="module")
def quality():
    return run_quality()


def test_the_lists_are_big_enough():
    words, queries = judged_words(), judged_queries()
    assert len(words) >= 300 and sum(bool(w.cuts) for w in words) >= 150 and sum(not w.cuts for w in words) >= 100
    assert len(queries) >= 40 and any(q.archive == "all" for q in queries)


def test_compounds_are_split_right():
    report = split_report()
    assert report.accuracy >= 0.95, report.wrong


def test_plain_words_are_not_split():
    report = split_report()
    assert report.false_split_rate < 0.03, report.wrong


def test_no_relevant_item_is_missing(quality):
    assert quality["ours"]["missing"] == {}


def test_precision_at_five(quality):
    assert quality["ours"]["p_at_5"] >= 0.6


def test_every_typo_is_corrected(quality):
    assert quality["ours"]["typos"] == {}


def test_ours_beats_fts5(quality):
    assert quality["ours"]["recall"] > quality["fts5"]["recall"]
    assert quality["ours"]["p_at_5"] > quality["fts5"]["p_at_5"]
