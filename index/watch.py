"""An archive that updates itself: watch the archive folder and bring the index up to date.

watchdog reports changes as the file system announces them (inotify on Linux); where it cannot
(a network share, a system out of inotify watches) the folder is polled instead. Changes are
gathered until the folder has been quiet for a moment, so that a burst of copied files is one
update, not one per file. The update is an ordinary incremental build: searches keep answering
from the previous commit until it commits (SearchIndex follows commits by itself).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from archive.metadata import is_sidecar
from archive.readers import SUPPORTED

from .build import BuildReport, build

log = logging.getLogger(__name__)

QUIET = 1.5  # seconds without a change before an update starts: a copy of many files is one update
POLL = 2.0  # seconds between scans where the file system does not report changes
RETRY = 10.0  # seconds before an update that failed (a build lock held by another build) is tried again


class ArchiveWatcher:
    """Calls build(archive_dir, index_dir) after changes to the archive's documents settle."""

    def __init__(self, archive_dir: Path, index_dir: Path, on_update: Callable[[BuildReport], None] | None = None,
                 on_error: Callable[[Exception], None] | None = None, quiet: float = QUIET):
        self.archive_dir = Path(archive_dir).resolve()
        self.index_dir = Path(index_dir).resolve()
        self.on_update = on_update or (lambda report: None)
        self.on_error = on_error or (lambda error: log.warning("arkivet kunde inte uppdateras: %s", error))
        self.quiet = quiet
        self.polling = False  # whether the folder is polled (no change notification)
        self._changed = threading.Event()
        self._stopped = threading.Event()
        self._last_change = 0.0
        self._observer = None
        self._worker = threading.Thread(target=self._run, name="arkiv-watch", daemon=True)

    def start(self) -> ArchiveWatcher:
        self._observer = self._observe()
        self._worker.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._changed.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        self._worker.join(timeout=30)

    def notice(self, path: str) -> None:
        """A file system event for path: an update is due if it is a document, a sidecar or a folder."""
        if self._concerns(Path(path)):
            self._last_change = time.monotonic()
            self._changed.set()

    def _concerns(self, path: Path) -> bool:
        try:
            relative = path.resolve().relative_to(self.archive_dir)
        except ValueError:
            return False
        if path.resolve().is_relative_to(self.index_dir):
            return False  # an index kept inside the archive folder must not wake its own builds
        if any(part.startswith((".", "_")) for part in relative.parts):
            return False
        return path.suffix.lower() in SUPPORTED or is_sidecar(path) or not path.suffix or path.is_dir()

    def _observe(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                watcher.notice(event.src_path)
                if getattr(event, "dest_path", ""):
                    watcher.notice(event.dest_path)

        for make in (Observer, lambda: PollingObserver(timeout=POLL)):
            observer = make()
            try:
                observer.schedule(Handler(), str(self.archive_dir), recursive=True)
                observer.start()
            except OSError as error:  # no inotify here (or its limits reached): poll instead
                log.info("arkivmappen kan inte bevakas med ändringsnotiser (%s): söker igenom den var %s s", error, POLL)
                continue
            self.polling = isinstance(observer, PollingObserver)
            return observer
        raise OSError(f"arkivmappen {self.archive_dir} kan inte bevakas")

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._changed.wait()
            if self._stopped.is_set():
                return
            while (wait := self._last_change + self.quiet - time.monotonic()) > 0:  # until the burst is over
                if self._stopped.wait(wait):
                    return
            self._changed.clear()
            try:
                report = build(self.archive_dir, self.index_dir)
            except Exception as error:  # noqa: BLE001  (a failed update must not end the watching)
                self.on_error(error)
                self._last_change = time.monotonic() + RETRY - self.quiet
                self._changed.set()
                continue
            if report.added or report.updated or report.removed:
                self.on_update(report)
