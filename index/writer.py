"""The index's writer: Whoosh's segment writer, made to write a large build's segments in memory on
both cores, in order, with processes that never outlive the build."""

from __future__ import annotations

import ctypes
import itertools
import operator
import os
import re
import signal
import sys
from array import array

from whoosh.analysis import IDTokenizer, KeywordAnalyzer
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.formats import Existence
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

from .schema import PackedPositions

# Postings per block on disk (Whoosh: 128). Search reads a term's postings whole (evaluate.py), and
# each block costs two unpicklings and a decompression: larger blocks read about 3x faster.
BLOCK_POSTINGS = 1024
# Memory for postings before a writer sorts them into temporary run files, as Whoosh estimates it
# (about half the real size). Spilling and merging runs cost a third of a 20,000-item build.
WRITER_MB = 768
# A writer process closes its segment and begins another once its postings fill this share of
# WRITER_MB, so it never spills runs: segments of at most some 12,000 items each, written in memory
# and sorted once, make a build's cost per item the same at 20,000 items as at 200,000 (issue 15).
SEGMENT_FULL = 0.85
# More changed files than this are written by two processes (both cores).
TWO_WRITERS_FROM = 200
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Codec(W3Codec):
    """Whoosh's codec without per-block length statistics (they serve Whoosh's block-skipping scorer,
    which evaluate.py does not use, and gathering them, a length lookup per posting, cost a sixth of
    the build), writing a segment's postings a term at a time (TermPool)."""

    length_stats = False

    def field_writer(self, storage, segment):
        return TermFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return TermPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                  compression=self._compression, inlinelimit=self._inlinelimit)


class TermPool(PostingPool):
    """A segment's postings, gathered under their field and term as they are added: the groups in order
    are Whoosh's sorted postings, since a term's postings come in document order (a document's postings
    all at once, the documents numbered as added). Whoosh sorts every posting of a segment as a tuple
    and writes them one by one; here each term is written whole (TermFieldWriter), the same postings in
    a third of the time. A pool that outgrows its memory spills sorted runs, merged as Whoosh does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms: dict[str, dict[bytes, list]] = {}  # field -> term -> [docnum, weight, value, docnum, …]

    def add(self, item):
        """One posting (Whoosh adds the postings of segments it merges so)."""
        fieldname, text, docnum, weight, value = item
        self.add_field(fieldname, docnum, [(text, 1, weight, value)])

    def add_field(self, fieldname: str, docnum: int, postings: list[tuple[bytes, int, float, bytes | None]]) -> None:
        """A document's (term, frequency, weight, value) postings in one field."""
        if (terms := self.terms.get(fieldname)) is None:
            self.fieldnames.add(fieldname)
            terms = self.terms[fieldname] = {}
        for text, _frequency, weight, value in postings:
            if (flat := terms.get(text)) is None:
                terms[text] = [docnum, weight, value]
            else:
                flat.extend((docnum, weight, value))
        self.currentsize += len(postings) * (POSTING_BYTES + len(fieldname))
        if self.currentsize > self.limit:
            self.save()

    def save(self):
        self.current = list(self._sorted())
        super().save()
        self.terms = {}

    def items(self, maxfiles=128):
        return super().items(maxfiles) if self.runs else self._in_order()  # Whoosh's saves what is left first

    def _in_order(self) -> "TermPostings":
        return TermPostings((name, text, self.terms[name][text])
                            for name in sorted(self.terms) for text in sorted(self.terms[name]))

    def _sorted(self):
        """Whoosh's postings, (field name, term, docnum, weight, value) in order."""
        for name, text, flat in self._in_order():
            for at in range(0, len(flat), 3):
                yield name, text, *flat[at:at + 3]


# Whoosh's estimate of a posting's size without its field name (a tuple, a number, a weight, a term of
# some 10 letters counted twice and a value of some 8 bytes): a pool's size is counted in postings.
POSTING_BYTES = 180


class TermPostings(list):
    """A pool's postings in order, as (field name, term, [docnum, weight, value, docnum, …])."""


class TermFieldWriter(W3FieldWriter):
    """Whoosh's field writer, given a TermPool's postings, writes each term's postings in one call."""

    def add_postings(self, schema, lengths, items):
        if not isinstance(items, TermPostings) or lengths is not None:
            return super().add_postings(schema, lengths, items)
        fieldname = None
        for name, text, flat in items:
            if name != fieldname:
                if fieldname is not None:
                    self.finish_field()
                self.start_field(name, schema[name])
                fieldname = name
            self.start_term(text)
            self._postwriter.add_term_postings(flat[0::3], flat[1::3], flat[2::3])
            self.finish_term()
        if fieldname is not None:
            self.finish_field()


class TermPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, filled a block at a time instead of a posting at a time; each block
    encoded as Whoosh encodes it."""

    def add_term_postings(self, docnums: list[int], weights: list[float], values: list[bytes | None]) -> None:
        for start in range(0, len(docnums), self._blocklimit):
            if self._ids:  # a full block: as add_posting does when the next posting comes
                self._write_block()
            end = start + self._blocklimit
            self._ids = array("I", docnums[start:end])
            block = weights[start:end]
            self._weights = array("f", block)
            self._maxweight = max(0, max(block))
            self._values = [value for value in values[start:end] if value]

    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        return tuple(map(operator.sub, self._ids, itertools.chain((0,), self._ids)))  # delta_encode, in C

    def _mini_weights(self):
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        return tuple(weights)


class TermSegmentWriter(SegmentWriter):
    """Whoosh's segment writer, giving a document's postings to its TermPool a field at a time, and the
    text field's without Whoosh's generators (PackedPositions.postings). The build gives no boosts and
    no stored values apart from the indexed ones (Whoosh's _boost and _stored_ arguments), and the
    schema has no vector or spelling fields."""

    def add_document(self, **fields):
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdocwriter.start_doc(docnum)
        try:
            for name in names:
                if (value := fields[name]) is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    postings = _postings(field, value)
                    self.pool.add_field(name, docnum, postings)
                    length = sum(posting[1] for posting in postings) if field.scorable else 0
                perdocwriter.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdocwriter.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def bulk_added(self) -> None:
        """The bulk of the documents is added; what comes now is few (see TwoProcessWriter)."""


def _postings(field, value) -> list[tuple[bytes, int, float, bytes]]:
    """What field.index(value) gives, as a list; for the text field, ID fields and KEYWORD fields of
    space-separated words without Whoosh's analyzer and format generators (a Token object per value)."""
    if isinstance(value, str):
        if isinstance(field.format, PackedPositions):
            return field.format.postings(value, field.analyzer)
        if type(field.format) is Existence:
            boost = field.format.field_boost
            if type(field.analyzer) is IDTokenizer:
                return [(value.encode(), 1, boost, b"")]
            if field.analyzer == SPACE_SEPARATED:
                return [(word.encode(), 1, boost, b"") for word in set(SPACE_SEPARATED_WORD.findall(value))]
    return list(field.index(value))


SPACE_SEPARATED = KeywordAnalyzer()
SPACE_SEPARATED_WORD = re.compile(r"[^ \t\r\n]+")  # Whoosh's SpaceSeparatedTokenizer


def _with_term_pool(writer: SegmentWriter) -> SegmentWriter:
    writer.pool = TermPool(writer._tempstorage, writer.newsegment, limitmb=writer.pool.limit // (1024 * 1024))
    return writer


class WriterProcess(SubWriterTask):
    """One of Whoosh's writer processes, tied to the build that forked it: it dies with the build.

    Unlike Whoosh's, it writes as many segments as its share of the documents fills (SEGMENT_FULL):
    Whoosh's writes one, and past some 12,000 items spills sorted runs to disk and merges them,
    which made a build at 100,000 items cost 8.7 times the build at 20,000."""

    def run(self):
        die_with_parent(self.parent)
        index = self.storage.open_index(self.indexname)
        self.writer = _with_term_pool(TermSegmentWriter(index, _lk=False, **self.kwargs))
        segments = []
        while self.running and (job := self.jobqueue.get()) is not None:
            self._process_file(*job)
            if self.writer.pool.currentsize > SEGMENT_FULL * self.writer.pool.limit:
                segments.append(self.writer._finalize_segment())
                self.writer = _with_term_pool(TermSegmentWriter(index, _lk=False, **self.kwargs))
        if not self.running:
            self.writer.cancel()
            return
        if self.writer.docnum or not segments:
            segments.append(self.writer._finalize_segment())
        else:  # nothing came after the last segment: its files go at the commit (cancel() would also
            self.writer._close_segment()  # remove the job files the processes share)
        self.resultqueue.put(segments, timeout=5)


class TwoProcessWriter(MpWriter, TermSegmentWriter):
    """Whoosh's multi-process writer whose processes never outlive the build. Whoosh's own are left
    waiting for work forever when the build is killed or cancelled, holding the files the build had
    open (issue 16). Here each one asks the kernel to kill it when the build ends, and cancel() ends them.

    Once the bulk of the documents is added (bulk_added), the processes close their segments while
    this process goes on (the relations step, a serial tenth of a large build) and writes what it adds
    after into its own segment."""

    _bulk_added = False

    def _new_task(self):
        task = WriterProcess(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                             self.multisegment)
        task.parent = os.getpid()
        task.daemon = True  # ended, not awaited, when the build's interpreter exits
        self.tasks.append(task)
        task.start()
        return task

    def add_document(self, **fields):
        if self._bulk_added:
            TermSegmentWriter.add_document(self, **fields)
        else:
            MpWriter.add_document(self, **fields)

    def bulk_added(self) -> None:
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        self._bulk_added = True

    def _commit(self, mergetype, optimize, merge):
        """Whoosh's multi-segment commit, each writer process giving a list of segments."""
        if not self._bulk_added:
            self.bulk_added()
        segments = self._merge_segments(mergetype, optimize, merge)
        for task in self.tasks:
            task.join()
        for _task in self.tasks:
            segments += self.resultqueue.get(timeout=5)
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()

    def cancel(self):
        try:
            for task in self.tasks:
                task.kill()
                task.join()
        finally:
            SegmentWriter.cancel(self)


def die_with_parent(parent: int) -> None:
    """In a forked process: be killed when the process (strictly, the thread) that forked it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def open_writer(index, documents: int):
    """A writer for a build that writes `documents` files: two processes for a large one."""
    settings = {"limitmb": WRITER_MB, "codec": Codec(blocklimit=BLOCK_POSTINGS), "compound": False}
    if documents > TWO_WRITERS_FROM:
        return _with_term_pool(TwoProcessWriter(index, procs=2, multisegment=True, **settings))
    return _with_term_pool(TermSegmentWriter(index, **settings))
