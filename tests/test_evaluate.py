"""Query evaluation over postings read whole (index/evaluate.py): the same answers as the words and the
index say, across segments, after deletions, cold or preloaded."""

import pytest

from index.build import build
from index.search import SearchIndex, SearchRequest

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
COUNCIL = "valfardsradet-2026-04-09-minnesanteckningar"


def found(index, query, **options):
    return {hit.id for hit in index.search(SearchRequest(query, limit=100, **options)).hits}


@pytest.fixture(scope="module")
def index(sample_index):
    return SearchIndex(sample_index)


def test_a_phrase_needs_its_words_in_order(index):
    assert found(index, '"första veckans hjälpmedel"') == {f"{NOV}-punkt-4b", f"{COUNCIL}-punkt-6c"}
    assert found(index, '"veckans första hjälpmedel"') == set()
    assert found(index, '"hjälpmedel första veckans"') == set()


def test_a_phrase_across_a_hyphenated_name(index):
    """Regression: the phrase looked for '=minimaria-verksamheten', a token the index never has."""
    assert f"{COUNCIL}-punkt-6d" in found(index, '"MiniMaria-verksamheten"')


def test_preloading_changes_no_answer(sample_index):
    queries = ["samsjuklighet", "vård", '"god och nära vård"', "samsj*", "avtal -hemsjukvård", "organ:LCHNV år:2025"]
    cold = SearchIndex(sample_index)
    before = [cold.search(SearchRequest(q, limit=100)).as_json() for q in queries]
    warm = SearchIndex(sample_index)
    warm.warm()
    assert [warm.search(SearchRequest(q, limit=100)).as_json() for q in queries] == before


def test_documents_in_a_second_segment_and_deleted_ones(archive_copy, tmp_path):
    """An update writes a new segment (docnums offset) and deletes the old version of a changed file."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    path = archive_copy / "002_b4eaa3d42f7e7c54.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("MiniMaria", "Ungdomsmottagningen")
                    + "\n12. Information: Kvinnofridsveckan\n", encoding="utf-8")
    build(archive_copy, index_dir)
    index = SearchIndex(index_dir)
    index.warm()
    assert found(index, "kvinnofridsveckan") == {f"{COUNCIL}-punkt-12"}
    assert not any(hit.startswith(COUNCIL) for hit in found(index, "MiniMaria"))  # the old version is deleted
    assert f"{COUNCIL}-punkt-6d" in found(index, "ungdomsmottagningen")
    assert found(index, "MiniMaria") == found(index, "minimaria")  # the other documents still answer
    total = index.search(SearchRequest("", organ="Välfärdsrådet", limit=100)).total
    assert total == 16  # 15 items and the new one, none twice


def test_searching_an_archive_without_items(tmp_path):
    """Regression: 'Menade du' on an empty word list raised IndexError inside Whoosh's ListCorrector,
    so every search of a new, empty archive was a 500."""
    (tmp_path / "arkiv").mkdir()
    build(tmp_path / "arkiv", tmp_path / "index")
    results = SearchIndex(tmp_path / "index").search(SearchRequest("samsjuklighet"))
    assert (results.total, results.suggestion, results.hits) == (0, None, [])
