"""The search box at the desktop app's level: keystroke to updated table model, offscreen.

What the stakeholder page does when typing pauses (`StakeholderPage.apply_filters`):
`StakeholderTableModel.search` runs the query on the GUI thread in a directory of up to
`INLINE_SEARCH_LIMIT` people (office and large size); above that (stress) it does so only for
a keystroke that narrows a quick search, and sends the others (the first letters of a name) to
the reader thread through the app's TaskManager, which answers with the ids; either way the model
resets to them on the GUI thread and emits `rows_changed`. Timed here: from the call to
`search` to `rows_changed`, for the same successive prefixes as the core keystroke benchmark,
with the same floor (the bare FTS5 MATCH).
The typing pause before the search starts is not work and is not counted; painting the first
screen of rows is in the cold-start figure.
"""

from __future__ import annotations

import atexit
import itertools
import os

from benchmarks.bench_directory import KEYSTROKE_GOAL, bare_fts_match, typed_prefixes
from benchmarks.harness import Context, Operation, benchmark
from convener.storage import StakeholderFilter


@benchmark("search keystroke, table model", floor=bare_fts_match, goal=KEYSTROKE_GOAL, repeats=60)
def search_keystroke_model(ctx: Context) -> Operation:
    """One keystroke as the stakeholder page runs it: the query, then the model reset."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QObject, Slot
    from PySide6.QtWidgets import QApplication

    from ui.stakeholder_model import StakeholderTableModel
    from ui.tasks import TaskManager

    class Answered(QObject):
        """Ends the wait when the model has the answer, or keeps the error if it failed.

        An inline search answers before `search` returns, so the loop only runs when the
        answer is still on its way from the reader thread.
        """

        def __init__(self) -> None:
            super().__init__()
            self.loop = QEventLoop()
            self.done = False
            self.error: str | None = None

        @Slot(int)
        def rows(self, _count: int) -> None:
            self.done = True
            self.loop.quit()

        @Slot(str)
        def failed(self, message: str) -> None:
            self.done = True
            self.error = message
            self.loop.quit()

    # One application for the whole run (and for the test session, which pytest-qt shares),
    # shut down before the interpreter's own teardown, which PySide6 does not survive.
    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        atexit.register(app.shutdown)
    ctx.on_cleanup(app.processEvents)
    tasks = TaskManager(ctx.dataset.path)
    model = StakeholderTableModel(ctx.store, tasks=tasks)
    answered = Answered()
    model.rows_changed.connect(answered.rows)
    model.search_failed.connect(answered.failed)
    prefixes = itertools.cycle(typed_prefixes(ctx))

    def run() -> int:
        answered.done = False
        model.search(StakeholderFilter(search=next(prefixes)))
        if not answered.done:
            answered.loop.exec()
        if answered.error is not None:
            raise RuntimeError(answered.error)
        return model.rowCount()

    return run
