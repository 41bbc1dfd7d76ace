"""The one way the app runs work off the GUI thread.

A `Task` runs a plain function on the global QThreadPool. The function gets a `Progress` to
report through and returns a result; it must not touch widgets and must open its own database
connection (a sqlite connection belongs to one thread), which is why `TaskManager.run_on_store`
hands it a fresh `Store` for the same file. Results, progress and errors come back as signals
that are delivered, queued, to slots on the GUI thread, and from there to the callbacks the
caller gave. A user error (`ConvenerError`) reaches the `failed` callback with its message; any
other exception is logged with its traceback and reaches it as a short, plain sentence.

Queries a person repeats while typing go through `run_on_reader` instead: one thread of their
own and one read-only connection kept open for the window's life, so each keystroke reuses the
connection's parsed schema and cached display order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from convener.errors import ConvenerError
from convener.storage import Store
from convener.storage.readers import open_reader

log = logging.getLogger(__name__)

Work = Callable[["Progress"], Any]
Done = Callable[[Any], None]
Failed = Callable[[str], None]
Progressed = Callable[[int, int, str], None]


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    progressed = Signal(int, int, int, str)


class Progress:
    """Handed to the work function: report how far it got (safe from any thread)."""

    def __init__(self, task_id: int, signals: _Signals) -> None:
        self._task_id = task_id
        self._signals = signals

    def __call__(self, done: int, total: int, message: str = "") -> None:
        self._signals.progressed.emit(self._task_id, done, total, message)


class _Runner(QRunnable):
    def __init__(self, task_id: int, work: Work, signals: _Signals) -> None:
        super().__init__()
        self._task_id = task_id
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(Progress(self._task_id, self._signals))
        except ConvenerError as exc:
            self._signals.failed.emit(self._task_id, str(exc))
        except Exception:
            log.exception("background task failed")
            self._signals.failed.emit(
                self._task_id,
                "Something went wrong that Convener did not expect. Nothing was changed by "
                "the step that failed; the details are in the log.",
            )
        else:
            self._signals.finished.emit(self._task_id, result)


class TaskManager(QObject):
    """Lives on the GUI thread; owns the signal plumbing for every background task."""

    all_finished = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.progressed.connect(self._on_progressed)
        self._callbacks: dict[int, tuple[Done, Failed | None, Progressed | None]] = {}
        self._next_id = 0
        self._pool = QThreadPool.globalInstance()
        # One thread, so the shared reader is used by one thread at a time, in request order.
        self._reader_pool = QThreadPool(self)
        self._reader_pool.setMaxThreadCount(1)
        self._reader: Store | None = None

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(
        self,
        work: Work,
        done: Done,
        failed: Failed | None = None,
        progressed: Progressed | None = None,
    ) -> int:
        return self._start(self._pool, work, done, failed, progressed)

    def _start(
        self,
        pool: QThreadPool,
        work: Work,
        done: Done,
        failed: Failed | None,
        progressed: Progressed | None,
    ) -> int:
        self._next_id += 1
        task_id = self._next_id
        self._callbacks[task_id] = (done, failed, progressed)
        pool.start(_Runner(task_id, work, self._signals))
        return task_id

    def run_on_store(
        self,
        work: Callable[[Store, Progress], Any],
        done: Done,
        failed: Failed | None = None,
        progressed: Progressed | None = None,
    ) -> int:
        """Run `work` with its own connection to the app's database, closed afterwards.

        The connection skips the full health check: the app runs it once per session
        (ui/health.py), and each task repeating it would read the whole file again.
        """
        path = self._db_path

        def with_own_store(progress: Progress) -> Any:
            with Store.open(path, check=False) as store:
                return work(store, progress)

        return self.run(with_own_store, done, failed, progressed)

    def run_on_reader(
        self, work: Callable[[Store, Progress], Any], done: Done, failed: Failed | None = None
    ) -> int:
        """Run a read-only query through the long-lived reader, after those already asked.

        A connection opened per query parses the schema again and starts with an empty
        display-order cache (convener/storage/ordering.py): at 100k people that made a search
        keystroke cost ten times the full-text search itself (docs/performance.md). These
        queries never wait behind an import or a report on the shared pool either.
        """

        def with_reader(progress: Progress) -> Any:
            if self._reader is None:
                self._reader = open_reader(self._db_path)
            return work(self._reader, progress)

        return self._start(self._reader_pool, with_reader, done, failed, None)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until no task is running (used when the app closes)."""
        return self._reader_pool.waitForDone(msecs) and self._pool.waitForDone(msecs)

    def close(self) -> None:
        """Wait for the running tasks, then close the long-lived reader."""
        self.wait()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks:
            callbacks[0](result)
        self._maybe_idle()

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks and callbacks[1]:
            callbacks[1](message)
        self._maybe_idle()

    @Slot(int, int, int, str)
    def _on_progressed(self, task_id: int, done: int, total: int, message: str) -> None:
        callbacks = self._callbacks.get(task_id)
        if callbacks and callbacks[2]:
            callbacks[2](done, total, message)

    def _maybe_idle(self) -> None:
        if not self._callbacks:
            self.all_finished.emit()
