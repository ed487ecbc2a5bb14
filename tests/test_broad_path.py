"""Broad queries are evaluated over whole-index arrays (index/broad.py), narrow ones as dicts
(index/evaluate.py): both must give the same answer, hit for hit, score for score, count for count.
And the page and facets taken from the matches (shared by both) agree with a slow, plain computation."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from archive.collection import BUNDLED
from index.broad import Matches
from index.build import build
from index.facets import FACETS, count
from index.search import SearchIndex, SearchRequest
from scripts.bench import ORGANS, generate_archive

QUERIES = 300
KINDS = ["beslut", "information", "dialog", "minnesanteckningar", "protokoll"]


@pytest.fixture(scope="module")
def archive_index(tmp_path_factory) -> tuple[Path, Path]:
    """A generated archive with the samples, built, then changed and built again (deleted documents in its segments)."""
    root = tmp_path_factory.mktemp("broad")
    archive = root / "arkiv"
    generated = generate_archive(archive, 900, seed=7)
    for path in BUNDLED.iterdir():
        if path.suffix in (".txt", ".toml"):
            shutil.copy(path, archive / path.name)
    build(archive, root / "index")
    generated[3].unlink()
    changed = generated[10].read_text(encoding="utf-8")
    generated[10].write_text(changed + "\nEtt tillägg om hemtjänst och MiniMaria.\n", encoding="utf-8")
    assert build(archive, root / "index").ok
    return archive, root / "index"


def _vocabulary(archive: Path) -> tuple[list[str], list[str]]:
    """Every word of the archive as often as it is written (common words come up often), and each once."""
    words = [w for path in sorted(archive.glob("*.txt")) for w in re.findall(r"[^\W\d_]{2,}", path.read_text(encoding="utf-8"))]
    return words, sorted(set(words))


def _random_request(rng: random.Random, words: list[str], distinct: list[str]) -> SearchRequest:
    chosen = [rng.choice(words if rng.random() < 0.7 else distinct) for _ in range(rng.randint(1, 3))]
    shapes = [lambda w: w, lambda w: w[:4] + "*", lambda w: f"-{w}", lambda w: w.upper()]
    query = " ".join(rng.choice(shapes)(w) if i else w for i, w in enumerate(chosen))
    if rng.random() < 0.15:  # a phrase: two words that follow each other in the archive
        at = rng.randrange(len(words) - 1)
        query += f' "{words[at]} {words[at + 1]}"'
    options = {}
    if rng.random() < 0.3:
        options["organ"] = rng.choice(ORGANS)
    if rng.random() < 0.2:
        options["date_from"] = str(rng.randint(2009, 2012))
    if rng.random() < 0.2:
        options["date_to"] = str(rng.randint(2011, 2016))
    if rng.random() < 0.2:
        options["kind"] = rng.choice(KINDS)
    if rng.random() < 0.2:
        options["decision"] = rng.choice(["taken", "proposed", "any"])
    if rng.random() < 0.1:
        options["include_shared"] = False
    return SearchRequest(
        query, sort=rng.choice([None, "relevance", "newest", "oldest"]), page=rng.choice([1, 1, 1, 2, 3]),
        limit=rng.choice([5, 20, 50]), timeline_by=rng.choice(["year", "quarter", "month"]), **options,
    )


def _answer(results) -> dict:
    """Everything a user sees of an answer, the scores left out (compared on their own, to float tolerance)."""
    data = results.as_json()
    for hit in data["hits"]:
        hit.pop("score")
    return data


def test_broad_and_narrow_paths_answer_alike_on_random_queries(archive_index):
    archive, index_dir = archive_index
    over_arrays, as_dicts = SearchIndex(index_dir, broad_share=0.0), SearchIndex(index_dir, broad_share=99.0)
    words, distinct = _vocabulary(archive)
    rng = random.Random(15)
    broad = 0
    for _ in range(QUERIES):
        request = _random_request(rng, words, distinct)
        cheap, plain = over_arrays.search(request), as_dicts.search(request)
        assert _answer(cheap) == _answer(plain), request
        assert [h.score for h in cheap.hits] == pytest.approx([h.score for h in plain.hits], rel=1e-12), request
        broad += cheap.total > 100
    assert broad > QUERIES // 10  # the comparison covered broad queries, not only narrow ones


def test_a_page_is_the_best_scores_with_ties_in_index_order():
    rng = np.random.default_rng(3)
    for size in (0, 1, 7, 60, 500):
        docnums = np.sort(rng.choice(10_000, size=size, replace=False)).astype(np.int64)
        scores = rng.choice([0.5, 1.25, 2.0, 3.75], size=size) + rng.choice([0.0, 1e-9], size=size)  # many ties
        matches = Matches(docnums, scores)
        for wanted in (1, 5, 20, 600):
            plain = sorted(zip(docnums.tolist(), scores.tolist()), key=lambda ds: (-ds[1], ds[0]))[:wanted]
            best = matches.best(wanted)
            assert list(zip(docnums[best].tolist(), scores[best].tolist())) == plain
            rank = rng.permutation(10_000).astype(np.int32)
            first = matches.first(rank, wanted)
            assert docnums[first].tolist() == sorted(docnums.tolist(), key=rank.__getitem__)[:wanted]


def test_facets_are_counted_as_a_counter_over_the_values_would(archive_index):
    _archive, index_dir = archive_index
    searched = SearchIndex(index_dir)
    searched.warm()
    with searched._live.current() as view:
        snapshot = view.snapshot
        columns, codes = snapshot.facet_columns(), snapshot.facet_codes()
        rng = random.Random(5)
        for share in (0.0, 0.001, 0.1, 0.6, 1.0):
            docnums = sorted(d for d in range(len(columns[0])) if rng.random() < share)
            counted = count(codes, np.array(docnums, dtype=np.int64))
            for name, column in zip(FACETS, columns):
                assert counted[name] == Counter(column[d] for d in docnums), name
