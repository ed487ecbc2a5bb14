"""What a long-running server answers from: one commit of the live index at a time, never a mixture.

A View is one commit of the live generation, opened: a searcher, the Snapshot of everything derived
from it (scored postings, columns, facet values), and the answers already given. It never changes.
When a build commits, or a rebuild moves CURRENT, LiveIndex opens a new view from scratch and
retires the old one, which closes when the last call still using it is done.

Whoosh's Searcher.refresh() is not used: it reuses the reader of every segment whose identity did
not change, with the deleted documents it had when it was opened, so that an edited meeting's old
items stayed searchable beside its new ones until the server restarted (issue 16).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .snapshot import Snapshot
from .store import POINTER, live_generation, open_live

CACHE_SIZE = 256  # answers kept per view; the least recently used go first
SETTLED_NS = 1_000_000_000


class View:
    """One commit of the live index: its searcher and Snapshot, the lock that serialises work on them
    (Whoosh's readers are not thread-safe), and the answers already computed, given without waiting."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._stamp = _stamp(self.index_dir, live_generation(self.index_dir))  # before opening: a commit
        self.index = open_live(self.index_dir)  # in between makes the stamp differ, never hides
        self.generation = Path(self.index.storage.folder).name
        self._searcher = self.index.searcher()
        self.revision = f"{self.generation}/{self._searcher.reader().generation()}"  # 'g3/7': folder and commit
        self.snapshot = Snapshot(self._searcher)
        self.lock = threading.Lock()
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        self._answers_guard = threading.Lock()
        self._users = 0
        self._retired = self._closed = False
        self._state = threading.Lock()

    def is_live(self) -> bool:
        """Whether this is still the latest commit of the live generation: two stat calls when nothing
        has changed for a second (see _stamp), else a full check (CURRENT read, the folder listed)."""
        try:
            stamp = _stamp(self.index_dir, self.index_dir / self.generation)
            if stamp is not None and stamp == self._stamp:
                return True
            live = live_generation(self.index_dir)
            if live is None or live.name != self.generation or not self._searcher.up_to_date():
                return False
        except OSError:  # the generation's folder is gone: a newer one is live
            return False
        self._stamp = stamp
        return True

    def remembered(self, key: Hashable, compute: Callable[[], object]):
        """compute(), under the lock, once per key for this view; a remembered answer never waits."""
        if (found := self._remembered(key)) is not None:
            return found
        with self.lock:
            if (found := self._remembered(key)) is not None:  # computed while this call waited
                return found
            answer = compute()
        with self._answers_guard:
            self._answers[key] = answer
            if len(self._answers) > CACHE_SIZE:
                self._answers.popitem(last=False)
        return answer

    def _remembered(self, key: Hashable):
        with self._answers_guard:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    # --- lifetime: used by LiveIndex ---------------------------------------------------------

    def acquire(self) -> bool:
        """Count one more call using this snapshot; False once it is closed."""
        with self._state:
            if self._closed:
                return False
            self._users += 1
            return True

    def release(self) -> None:
        with self._state:
            self._users -= 1
        self._close_if_unused()

    def retire(self) -> None:
        """A newer view replaces this one: close it as soon as no call uses it."""
        with self._state:
            self._retired = True
        self._close_if_unused()

    def _close_if_unused(self) -> None:
        with self._state:
            if not self._retired or self._users or self._closed:
                return
            self._closed = True
        self._searcher.close()


def _stamp(index_dir: Path, folder: Path | None) -> tuple | None:
    """What a build changes: CURRENT (replaced by a rebuild) and the generation's folder (a commit adds
    files). None when either changed within the last SETTLED_NS: file times are coarse (a few ms), so
    a later change could carry the same time and go unseen."""
    try:
        current = (index_dir / POINTER).stat()
        folder_time = folder.stat().st_mtime_ns if folder else 0
    except OSError:
        return None
    if time.time_ns() - max(current.st_mtime_ns, folder_time) < SETTLED_NS:
        return None
    return current.st_ino, current.st_mtime_ns, folder_time


class LiveIndex:
    """The latest view of an index folder, reopened whenever a build has changed the index."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._switching = threading.Lock()
        self._view = View(self.index_dir)

    @contextmanager
    def current(self) -> Iterator[View]:
        """The latest view, kept open for the duration of the block."""
        view = self._acquire()
        try:
            yield view
        finally:
            view.release()

    def _acquire(self) -> View:
        while True:
            view = self._view
            if not view.is_live():
                view = self._switch(view)
            if view.acquire():
                return view
            # retired and closed between reading it and acquiring it: take the newer one

    def _switch(self, seen: View) -> View:
        with self._switching:
            if self._view is seen:  # no other thread switched in the meantime
                self._view = View(self.index_dir)
                seen.retire()
            return self._view
