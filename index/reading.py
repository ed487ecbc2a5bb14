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
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from archive.collection import load_document
from archive.errors import ArchiveError
from archive.model import Meeting
from archive.ocr import Ocr

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


def read_documents(paths: list[Path], ocr_cache: Path | None, workers: int | None = None) -> Iterator[tuple[Path, Outcome]]:
    """(path, (meeting, None) or (None, reason)) for each path, in the order given."""
    processes = workers_for(len(paths), workers)
    if processes == 1:
        ocr = Ocr(ocr_cache)
        for path in paths:
            yield path, _outcome(path, ocr)
        return
    done = 0
    pool = _pool(processes)
    try:
        futures = [pool.submit(read_one, path, ocr_cache) for path in paths]
        for path, future in zip(paths, futures):
            yield path, future.result()
            done += 1
    except BrokenProcessPool:
        yield from _isolated(paths[done:], ocr_cache)
    finally:  # a build that stops early (an error, a full disk) does not wait for the reading it no longer needs
        pool.shutdown(wait=done == len(paths), cancel_futures=True)


def read_one(path: Path, ocr_cache: Path | None) -> Outcome:
    """In a worker: one document read and parsed."""
    return _outcome(path, Ocr(ocr_cache))


def _outcome(path: Path, ocr: Ocr) -> Outcome:
    try:
        return load_document(path, ocr), None
    except ArchiveError as error:
        return None, str(error)


def _isolated(paths: list[Path], ocr_cache: Path | None) -> Iterator[tuple[Path, Outcome]]:
    """After a worker crashed: each remaining document in a process of its own, to find the one."""
    for path in paths:
        try:
            with _pool(1) as pool:
                yield path, pool.submit(read_one, path, ocr_cache).result()
        except BrokenProcessPool:
            yield path, (None, f"{path.name}: {CRASHED}")


def _pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(),))


def _start_worker(parent: int) -> None:
    from .build import _die_with_parent

    _die_with_parent(parent)
