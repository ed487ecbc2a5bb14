"""Reading the changed documents of a build over the machine's cores.

Reading and parsing (above all PDF text and OCR) is most of a build's time for PDFs, and every
document is read on its own, so a pool of worker processes reads them while the build writes the
index in order. The workers are spawned (not forked: `arkiv serve` builds from a thread beside its
server threads), each dies with the build (PR_SET_PDEATHSIG), and one file that crashes a worker is
reported as unreadable while the others are read again, one process each, so that it never stops
the build.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tqdm import tqdm

from archive.collection import load_document
from archive.errors import ArchiveError
from archive.model import Meeting
from archive.ocr import Ocr, Progress

# Fewer documents than this are read in the build's own process: spawning a worker (its imports) costs
# about a second, in which one process reads some 30 PDFs.
PARALLEL_FROM = 32
CRASHED = "läsaren kraschade på filen (trasig eller ovanlig fil?): den hoppades över"

Outcome = tuple[Meeting | None, str | None]  # the meeting, or why the document could not be read


def workers_for(count: int, workers: int | None = None) -> int:
    """How many processes read count documents: as many as asked, else one per core from PARALLEL_FROM
    documents on (never more than one per document)."""
    if workers is None:
        workers = (os.cpu_count() or 1) if count >= PARALLEL_FROM else 1
    return max(1, min(workers, count))


def read_documents(paths: list[Path], ocr_cache: Path | None, workers: int | None = None,
                   progress: bool = False) -> Iterator[tuple[Path, Outcome]]:
    """(path, (meeting, None) or (None, reason)) for each path, in the order given; with progress, the
    pages read by OCR are counted in a bar of their own on stderr (a scanned page takes seconds)."""
    processes = workers_for(len(paths), workers)
    pages = OcrPages(progress)
    try:
        if processes == 1:
            ocr = Ocr(ocr_cache, pages.count)
            for path in paths:
                yield path, _outcome(path, ocr)
            return
        yield from _in_pool(paths, ocr_cache, processes, pages)
    finally:
        pages.close()


def _in_pool(paths: list[Path], ocr_cache: Path | None, processes: int, pages: "OcrPages") -> Iterator[tuple[Path, Outcome]]:
    done = 0
    pool = _pool(processes, pages)
    try:
        futures = [pool.submit(read_one, path, ocr_cache) for path in paths]
        for path, future in zip(paths, futures):
            yield path, future.result()
            done += 1
    except BrokenProcessPool:
        yield from _isolated(paths[done:], ocr_cache, pages)
    finally:  # a build that stops early (an error, a full disk) does not wait for the reading it no longer needs
        pool.shutdown(wait=done == len(paths), cancel_futures=True)


def read_one(path: Path, ocr_cache: Path | None) -> Outcome:
    """In a worker: one document read and parsed."""
    return _outcome(path, Ocr(ocr_cache, _worker_progress))


def _outcome(path: Path, ocr: Ocr) -> Outcome:
    try:
        return load_document(path, ocr), None
    except ArchiveError as error:
        return None, str(error)


def _isolated(paths: list[Path], ocr_cache: Path | None, pages: "OcrPages") -> Iterator[tuple[Path, Outcome]]:
    """After a worker crashed: each remaining document in a process of its own, to find the one."""
    for path in paths:
        try:
            with _pool(1, pages) as pool:
                yield path, pool.submit(read_one, path, ocr_cache).result()
        except BrokenProcessPool:
            yield path, (None, f"{path.name}: {CRASHED}")


def _pool(processes: int, pages: "OcrPages") -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(), pages.queue()))


_worker_progress: Progress | None = None  # in a worker: sends its OCR counts to the build's process


def _start_worker(parent: int, progress_queue) -> None:
    from .writer import die_with_parent

    global _worker_progress
    die_with_parent(parent)
    if progress_queue is not None:
        _worker_progress = lambda queued, read: progress_queue.put((queued, read))  # noqa: E731


class OcrPages:
    """The pages read by OCR during a build, as a progress bar below the build's own, shown from the
    first such page on (a build without scanned pages, or with them cached, shows none). Workers send
    their counts through a queue that a thread of the build's process reads."""

    def __init__(self, shown: bool):
        self.shown = shown
        self._bar: tqdm | None = None
        self._queue = None
        self._listener: threading.Thread | None = None

    def count(self, queued: int, read: int) -> None:
        if not self.shown:
            return
        if self._bar is None:
            self._bar = tqdm(total=0, desc="OCR, skannade sidor", unit="sid", file=sys.stderr)
        if queued:
            self._bar.total += queued
            self._bar.refresh()
        self._bar.update(read)

    def queue(self):
        """The queue a pool's workers send their counts to (None when nothing is shown)."""
        if self.shown and self._queue is None:
            self._queue = multiprocessing.get_context("spawn").SimpleQueue()
            self._listener = threading.Thread(target=self._listen, daemon=True)
            self._listener.start()
        return self._queue

    def _listen(self) -> None:
        for queued, read in iter(self._queue.get, None):
            self.count(queued, read)

    def close(self) -> None:
        if self._listener is not None:
            self._queue.put(None)  # after every worker's counts: the pool has ended or been shut down
            self._listener.join()
        if self._bar is not None:
            self._bar.close()
