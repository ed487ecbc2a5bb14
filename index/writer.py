"""The index's writer: Whoosh's segment writer, made to write a large build's segments in memory on
both cores, in order, with processes that never outlive the build."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from whoosh.codec.whoosh3 import W3Codec
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

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
    """Whoosh's codec without per-block length statistics. They serve Whoosh's block-skipping
    scorer, which evaluate.py does not use, and gathering them (a length lookup per posting)
    cost a sixth of the build."""

    length_stats = False


class GroupingPool(PostingPool):
    """Whoosh's pool of a segment's postings, put in order by grouping them under their term instead of
    sorting them all (3 times as fast; the sort was a sixth of a writer's time). A term's postings are
    added in document order (a document's postings all at once, the documents numbered as added), so
    the groups in term order are the sorted postings. Runs spilled to disk are merged as Whoosh does."""

    def add(self, item):
        self.fieldnames.add(item[0])
        self.currentsize += POSTING_BYTES + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")  # as Whoosh counts
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def items(self, maxfiles=128):
        if self.runs:
            return super().items(maxfiles)
        groups: dict[tuple, list] = {}
        for item in self.current:
            if (group := groups.get(item[:2])) is None:
                groups[item[:2]] = [item]
            else:
                group.append(item)
        return [item for term in sorted(groups) for item in groups[term]]


POSTING_BYTES = 150  # Whoosh's estimate of a posting's tuple, field name, text, number, weight and value, without their lengths


def _grouping(writer: SegmentWriter) -> SegmentWriter:
    writer.pool = GroupingPool(writer._tempstorage, writer.newsegment, limitmb=writer.pool.limit // (1024 * 1024))
    return writer


class WriterProcess(SubWriterTask):
    """One of Whoosh's writer processes, tied to the build that forked it: it dies with the build.

    Unlike Whoosh's, it writes as many segments as its share of the documents fills (SEGMENT_FULL):
    Whoosh's writes one, and past some 12,000 items spills sorted runs to disk and merges them,
    which made a build at 100,000 items cost 8.7 times the build at 20,000."""

    def run(self):
        die_with_parent(self.parent)
        index = self.storage.open_index(self.indexname)
        self.writer = _grouping(SegmentWriter(index, _lk=False, **self.kwargs))
        segments = []
        while self.running and (job := self.jobqueue.get()) is not None:
            self._process_file(*job)
            if self.writer.pool.currentsize > SEGMENT_FULL * self.writer.pool.limit:
                segments.append(self.writer._finalize_segment())
                self.writer = _grouping(SegmentWriter(index, _lk=False, **self.kwargs))
        if not self.running:
            self.writer.cancel()
            return
        if self.writer.docnum or not segments:
            segments.append(self.writer._finalize_segment())
        else:  # nothing came after the last segment: its files go at the commit (cancel() would also
            self.writer._close_segment()  # remove the job files the processes share)
        self.resultqueue.put(segments, timeout=5)


class TwoProcessWriter(MpWriter):
    """Whoosh's multi-process writer whose processes never outlive the build. Whoosh's own are left
    waiting for work forever when the build is killed or cancelled, holding the files the build had
    open (issue 16). Here each one asks the kernel to kill it when the build ends, and cancel() ends them."""

    def _new_task(self):
        task = WriterProcess(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                             self.multisegment)
        task.parent = os.getpid()
        task.daemon = True  # ended, not awaited, when the build's interpreter exits
        self.tasks.append(task)
        task.start()
        return task

    def _commit(self, mergetype, optimize, merge):
        """Whoosh's multi-segment commit, each writer process giving a list of segments."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
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
        return _grouping(TwoProcessWriter(index, procs=2, multisegment=True, **settings))
    return _grouping(index.writer(**settings))
