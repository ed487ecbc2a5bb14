"""A SearchIndex kept open across builds, as `arkiv serve` keeps one: every answer comes from the whole
current index; a build with nothing to do changes nothing; an index at odds with itself is never served."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from index.build import build
from index.errors import IndexDamaged
from index.schema import ITEM, META
from index.search import SearchIndex, SearchRequest
from index.store import live_generation

EDITED = "002_b4eaa3d42f7e7c54.txt"  # Välfärdsrådet 2026-04-09
REMOVED = "004_98f4b8687cf94c5b.txt"  # Länschefsnätverket 2020
REQUESTS = [
    SearchRequest("samsjuklighet", limit=100),
    SearchRequest("", kind="beslut", limit=100, sort="newest"),
    SearchRequest("", date_from="2026", date_to="2026", limit=100, sort="oldest"),
    SearchRequest("information", timeline_by="month", limit=100),
    SearchRequest("", decision="any", limit=100, sort="newest"),
]


def answers(index: SearchIndex) -> list[dict]:
    return [index.search(request).as_json() for request in REQUESTS]


def found(index: SearchIndex) -> list[tuple]:
    """What answers show, scores aside (they differ between an updated index and a rebuilt one): totals,
    facets, timelines, and the hits, in order where the order is by date."""
    out = []
    for request, answer in zip(REQUESTS, answers(index)):
        ids = [hit["id"] for hit in answer["hits"]]
        out.append((answer["total"], answer["facets"], answer["timeline"], ids if request.sort not in (None, "relevance") else sorted(ids)))
    return out


def each_item_once(found: list[dict]) -> bool:
    return all(len({hit["id"] for hit in answer["hits"]}) == len(answer["hits"]) for answer in found)


def edit(path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_server_kept_open_across_incremental_builds_answers_from_the_whole_current_index(archive_copy, tmp_path):
    """Issue 16, defect 1: after each incremental build, a SearchIndex kept open gave an edited meeting's
    items once more (totals grew, item ids twice) and kept a removed meeting searchable, until it was
    reopened: Whoosh's refresh() kept the old segment reader with its old set of deleted documents."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    served = SearchIndex(index_dir)
    before = answers(served)
    for number in (12, 13, 14):
        edit(archive_copy / EDITED, f"{number}. Information: Samsjuklighet och boendestöd {number}")
        assert build(archive_copy, index_dir).updated == [EDITED]
        assert answers(served) == answers(SearchIndex(index_dir))
        assert each_item_once(answers(served))
    assert served.search(REQUESTS[0]).total == before[0]["total"] + 3

    removed_meeting = next(m["id"] for m in served.meetings() if m["source"] == REMOVED)
    (archive_copy / REMOVED).unlink()
    assert build(archive_copy, index_dir).removed == [REMOVED]
    assert answers(served) == answers(SearchIndex(index_dir))
    assert removed_meeting not in {m["id"] for m in served.meetings()}
    assert served.meeting(removed_meeting) is None and served.item(f"{removed_meeting}-punkt-1") is None
    assert not any(hit.meeting.id == removed_meeting for hit in served.search(REQUESTS[0]).hits)


def test_a_server_kept_open_across_a_rebuild_answers_from_the_new_generation(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    served = SearchIndex(index_dir)
    answers(served)
    (archive_copy / REMOVED).unlink()
    build(archive_copy, index_dir, rebuild=True)
    assert live_generation(index_dir).name == "g2"
    assert answers(served) == answers(SearchIndex(index_dir))


def whoosh_generation(index_dir) -> tuple[int, list[str]]:
    folder = live_generation(index_dir)
    return whoosh_index.open_dir(str(folder)).latest_generation(), sorted(p.name for p in folder.iterdir())


def test_a_build_with_nothing_changed_writes_nothing(archive_copy, tmp_path):
    """Issue 16, defect 2: a build with nothing to do committed a segment holding only the meta document."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    before = whoosh_generation(index_dir)
    for _ in range(3):
        report = build(archive_copy, index_dir)
        assert len(report.unchanged) == 5 and not (report.added or report.updated or report.removed)
    assert whoosh_generation(index_dir) == before


def add_meta_only_segment(index_dir) -> None:
    """What every build with nothing to do did before the fix: commit a segment of the meta document alone."""
    index = whoosh_index.open_dir(str(live_generation(index_dir)))
    with index.searcher() as searcher:
        meta = searcher.document(id=META)
    with index.writer() as writer:
        writer.update_document(id=META, doctype=META, data=meta["data"])


def edited_after_meta_only_segments(archive_copy, index_dir) -> None:
    """A meeting updated after three builds with nothing to do, as the old builds left the index: three
    one-document segments without columns before the segment of the updated meeting."""
    build(archive_copy, index_dir)
    for _ in range(3):
        add_meta_only_segment(index_dir)
    edit(archive_copy / EDITED, "12. Information: Samsjuklighet och boendestöd")
    build(archive_copy, index_dir)


def test_segments_without_columns_leave_every_item_in_its_year_facets_and_order(archive_copy, tmp_path):
    """Issue 16, defect 2: segments lacking the facet, date and order columns (a meta document alone)
    shifted those columns by one document each: an edited meeting's last item dropped out of year
    filters and facets, and after a few such builds searches, /beslut and /tidslinje answered 500."""
    index_dir = tmp_path / "index"
    edited_after_meta_only_segments(archive_copy, index_dir)
    build(archive_copy, tmp_path / "rebuilt", rebuild=True)
    assert found(SearchIndex(index_dir)) == found(SearchIndex(tmp_path / "rebuilt"))
    last = "valfardsradet-2026-04-09-minnesanteckningar-punkt-12"
    in_2026 = SearchIndex(index_dir).search(SearchRequest("boendestöd", date_from="2026", date_to="2026"))
    assert last in {hit.id for hit in in_2026.hits} and in_2026.facets["year"] == {"2026": 1}


def test_pages_over_segments_without_columns_answer(archive_copy, tmp_path):
    """Issue 16, defect 2, as a user met it: /beslut, /tidslinje and /sok answered 500."""
    from webapp import create_app

    index_dir = tmp_path / "index"
    edited_after_meta_only_segments(archive_copy, index_dir)
    client = create_app({"ARCHIVE_DIR": archive_copy, "INDEX_DIR": index_dir, "TESTING": True}).test_client()
    for path in ("/beslut", "/tidslinje?q=boendestöd", "/sok?q=boendestöd&sort=newest", "/sok?q=boendestöd&from=2026"):
        assert client.get(path).status_code == 200, path


def add_item_whose_date_column_is_corrupt(index_dir) -> None:
    """A segment of one item whose date column, on disk, says 2031 while the stored item says 2030."""
    folder = live_generation(index_dir)
    before = set(folder.glob("*.seg"))
    with whoosh_index.open_dir(str(folder)).writer() as writer:
        writer.add_document(
            id="trasig-punkt-1", doctype=ITEM, meeting_id="trasig", number="1", title="Trasig", order=0,
            organ="Välfärdsrådet", date="2030-07-15", year="2030", month="2030-07", doc_type="minutes",
            meeting_title="Trasig", source="trasig.txt",
        )
    (segment,) = set(folder.glob("*.seg")) - before
    original = segment.read_bytes()
    for place in (i for i in range(len(original)) if original.startswith(b"2030-07-15", i)):
        segment.write_bytes(original[:place] + b"2031" + original[place + 4:])  # the term, the column or the stored value
        with whoosh_index.open_dir(str(folder)).reader() as reader:
            leaf, _offset = list(reader.leaf_readers())[-1]
            if list(leaf.column_reader("date")) == ["2031-07-15"] and leaf.stored_fields(0)["date"] == "2030-07-15":
                return
    raise AssertionError("the date column was not found in the segment")


def test_an_index_whose_columns_disagree_with_its_documents_is_never_served_and_is_rebuilt(archive_copy, tmp_path):
    """Issue 16, defect 2: an index whose columns do not match its documents must be detected and rebuilt."""
    from webapp import create_app

    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    add_item_whose_date_column_is_corrupt(index_dir)
    with pytest.raises(IndexDamaged, match="skadat.*kör `arkiv build`"):
        SearchIndex(index_dir).search(SearchRequest("samsjuklighet"))
    client = create_app({"ARCHIVE_DIR": archive_copy, "INDEX_DIR": index_dir, "TESTING": True}).test_client()
    answer = client.get("/api/search?q=samsjuklighet")
    assert answer.status_code == 503 and "arkiv build" in answer.get_json()["error"]

    report = build(archive_copy, index_dir)
    assert "skadat" in report.rebuilt and len(report.added) == 5
    assert SearchIndex(index_dir).search(SearchRequest("trasig")).total == 0
    assert client.get("/api/search?q=samsjuklighet").status_code == 200
