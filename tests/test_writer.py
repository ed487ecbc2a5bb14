"""The index's writer (index/writer.py) writes what Whoosh's own writer writes: the same postings with
the same weights and positions, the same term statistics, stored fields and columns, whether its
postings stay in memory or spill to disk. Search reads what it reads, so answers cannot change."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from archive.collection import BUNDLED, load_document
from index.build import _add_meeting
from index.store import new_generation
from index.writer import BLOCK_POSTINGS, open_writer
from scripts.bench import generate_archive


class Recorded:
    """The documents a build gives its writer, kept to be given to two writers."""

    def __init__(self):
        self.documents: list[dict] = []

    def add_document(self, **fields):
        self.documents.append(fields)


class WhooshCodec(W3Codec):
    length_stats = False  # as ours: no per-block length statistics


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("arkiv")
    generated = generate_archive(folder, 15 * 80, seed=3)  # 1,200 items: terms with more than one block
    recorded = Recorded()
    for path in [*sorted(BUNDLED.glob("*.txt")), *generated]:
        _add_meeting(recorded, path.name, load_document(path), set())
    return recorded.documents


def _written(folder: Path, documents: list[dict], writer_for) -> dict:
    index = new_generation(folder)
    writer = writer_for(index)
    for fields in documents:
        writer.add_document(**fields)
    writer.commit()
    with index.reader() as reader:
        postings = {}
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            statistics = (info.weight(), info.doc_frequency(), info.max_weight(), info.min_id(), info.max_id())
            postings[field, term] = (list(reader.postings(field, term).all_items()), statistics)
        stored = [reader.stored_fields(docnum) for docnum in range(reader.doc_count_all())]
        columns = {name: list(reader.column_reader(name)) for name in reader.schema.names() if reader.has_column(name)}
        lengths = reader.field_length("text"), [reader.doc_field_length(d, "text") for d in range(reader.doc_count_all())]
    return {"postings": postings, "stored": stored, "columns": columns, "lengths": lengths}


def _whoosh(index):
    return SegmentWriter(index, codec=WhooshCodec(blocklimit=BLOCK_POSTINGS), compound=False)


def test_our_writer_writes_what_whoosh_writes(documents, tmp_path):
    ours = _written(tmp_path / "ours", documents, lambda index: open_writer(index, 1))
    whoosh = _written(tmp_path / "whoosh", documents, _whoosh)
    assert max(len(ids) for ids, _statistics in ours["postings"].values()) > BLOCK_POSTINGS
    assert ours == whoosh


def test_a_writer_whose_postings_outgrow_its_memory_writes_the_same(documents, tmp_path, monkeypatch):
    monkeypatch.setattr("index.writer.WRITER_MB", 1)  # spills sorted runs to disk several times
    spilled = _written(tmp_path / "spilled", documents, lambda index: open_writer(index, 1))
    assert spilled == _written(tmp_path / "whoosh", documents, _whoosh)
