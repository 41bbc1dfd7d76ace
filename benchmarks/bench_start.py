"""Cold start of the desktop app, offscreen, to the first screen of stakeholder rows.

Measured: from just before the parent starts a new Python process to the moment the child has
finished the first paint of a table view that has rows. The child runs the app's own entry
point (`ui.app.launch`, what `convener gui` runs) on the generated database; an application-
wide event filter notices the first paint of an item view's viewport whose model has rows (that
paint is what fetches the first page of people), and a zero-delay timer, which fires once the
paint is done, prints `time.time_ns()` and quits. The wall clock is shared by both processes.

Floor: the same, for a new process that imports PySide6.QtWidgets, creates the QApplication
and paints an empty main window: what any Qt app pays before it has done anything of its own.

A second variant first drops the database file from the operating system's cache
(`posix_fadvise(DONTNEED)`, Linux), as when the laptop has not read it since it booted: the
health check at open then reads the whole file from disk. Python and Qt stay cached, so a start
just after a reboot is slower still.

Peak memory is the child's peak RSS (from os.wait4), so it includes the interpreter, Qt and
SQLite's page cache; where there is no os.wait4 (Windows) it is not reported.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.harness import Context, Goal, Measured, Operation, benchmark
from benchmarks.processes import reported, run_python

_WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView, QApplication


class FirstPaint(QObject):
    def __init__(self, app, rows_needed):
        super().__init__()
        self.app = app
        self.rows_needed = rows_needed
        self.seen = False
        # A window that never shows rows must fail the run, not hang it.
        QTimer.singleShot(60_000, self.give_up)

    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint and self.ready(watched):
            self.seen = True
            QTimer.singleShot(0, self.finish)
        return False

    def ready(self, watched):
        if not self.rows_needed:
            return watched.isWindow()
        view = watched.parent()
        return (
            isinstance(view, QAbstractItemView)
            and watched is view.viewport()
            and view.model() is not None
            and view.model().rowCount() > 0
        )

    @Slot()
    def give_up(self):
        print("NO ROWS AFTER 60 s", flush=True)
        self.app.exit(3)

    @Slot()
    def finish(self):
        print("READY", time.time_ns(), flush=True)
        self.app.quit()
"""

_APP = (
    _WATCH
    + """
from pathlib import Path
from ui.app import launch

app = QApplication(sys.argv[:1])
watcher = FirstPaint(app, rows_needed=True)
app.installEventFilter(watcher)
launch(Path(sys.argv[1]))
"""
)

_BARE_QT = (
    _WATCH
    + """
from PySide6.QtWidgets import QMainWindow

app = QApplication(sys.argv[:1])
watcher = FirstPaint(app, rows_needed=False)
app.installEventFilter(watcher)
window = QMainWindow()
window.resize(1100, 700)
window.show()
app.exec()
"""
)


def _launch(script: str, *args: str) -> Measured:
    """Seconds from just before the process starts to the READY time it printed."""
    started = time.time_ns()
    text, peak_rss = run_python(script, *args)
    return Measured((int(reported(text, "READY")) - started) / 1e9, peak_rss)


def bare_qt_window(ctx: Context) -> Operation:
    """new process: import Qt, paint an empty window"""

    def run() -> Measured:
        return _launch(_BARE_QT)

    return run


@benchmark(
    "cold start to first rows",
    floor=bare_qt_window,
    goal=Goal(median=1.0, sizes=frozenset({"stress"})),
    repeats=7,
    warmup=1,
)
def cold_start(ctx: Context) -> Operation:
    """A new process opens the database and shows the directory with its first rows painted."""
    path = str(ctx.dataset.path)

    def run() -> Measured:
        return _launch(_APP, path)

    return run


def _evict(path: Path) -> None:
    """Drop the database file's pages from the OS cache (its -shm is mapped, so it stays)."""
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def cold_file_start(ctx: Context) -> Operation:
    """The same start, with the database file first dropped from the OS cache."""
    path = ctx.dataset.path

    def run() -> Measured:
        _evict(path)
        return _launch(_APP, str(path))

    return run


if hasattr(os, "posix_fadvise"):
    benchmark(
        "cold start, database not in OS cache",
        floor=bare_qt_window,
        goal=Goal(median=1.0, sizes=frozenset({"stress"})),
        repeats=7,
        warmup=1,
    )(cold_file_start)
