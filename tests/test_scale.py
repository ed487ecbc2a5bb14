"""Large builds: a writer process that fills its memory begins a new segment instead of spilling runs
(issue 15), and the index it writes answers exactly as one written in fewer, larger segments."""

from __future__ import annotations

from pathlib import Path

import pytest

import index.writer
from index.build import build
from index.writer import TWO_WRITERS_FROM
from index.search import SearchIndex, SearchRequest
from index.store import live_generation
from scripts.bench import QUERIES, generate_archive

ITEMS = 15 * (TWO_WRITERS_FROM + 5)  # enough meetings for the two writer processes


def _segments(index_dir: Path) -> int:
    """How many segments the live index has (each a terms file, or a compound file)."""
    return len([*live_generation(index_dir).glob("*.trm"), *live_generation(index_dir).glob("*.seg")])


def _answers(index_dir: Path, queries: list[str]) -> list[tuple]:
    """Each query's total, facets and hits in order. Hits that tie (the same score, or the same date)
    come in index order, which depends on which writer process took which meeting: a tie is compared
    as the set of its items, and the page's last tie, cut by the page's end, by its key alone."""
    searched = SearchIndex(index_dir)
    answers = []
    for query in queries:
        for sort in ("relevance", "newest"):
            found = searched.search(SearchRequest(query, sort=sort, limit=50))
            key = (lambda h: round(h.score, 9)) if sort == "relevance" else (lambda h: h.meeting.date)
            ties: dict = {}
            for hit in found.hits:
                ties.setdefault(key(hit), set()).add(hit.id)
            if ties:
                ties[list(ties)[-1]] = None
            answers.append((query, sort, found.total, list(ties.items()), found.facets))
    return answers


@pytest.fixture(scope="module")
def two_layouts(tmp_path_factory) -> tuple[Path, Path]:
    """The same generated archive built with the writers' usual memory and with a sliver of it."""
    root = tmp_path_factory.mktemp("scale")
    archive = root / "arkiv"
    generate_archive(archive, ITEMS)
    build(archive, root / "few")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index.writer, "WRITER_MB", 4)
        build(archive, root / "many")
    return root / "few", root / "many"


def test_a_writer_whose_memory_fills_begins_a_new_segment(two_layouts):
    few, many = two_layouts
    assert _segments(few) <= 3  # two writer processes and the build's own documents
    assert _segments(many) >= 6


def test_many_segments_answer_as_few_do(two_layouts):
    few, many = two_layouts
    queries = [*QUERIES, "beslut 2011", "hjälpmedel -vård", "organ:Välfärdsrådet avtal"]
    assert _answers(many, queries) == _answers(few, queries)
