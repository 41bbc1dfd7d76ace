"""The database's full health check, run in the background once the window is up.

SQLite's quick check reads every page of the file: over a second for 100k people when the file
is not in the OS cache, which is the whole start-up budget (docs/performance.md). So the app
opens the file with the cheap checks only, shows the directory, and runs the full check on its
own connection. If it finds damage, a dialog says so and closing it closes the window: the
same refusal as before, a second later, and the app then offers the latest good backup.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from convener.storage import Store
from ui.tasks import Progress, TaskManager


def _check(store: Store, _progress: Progress) -> None:
    store.check_health()


class HealthCheck(QObject):
    passed = Signal()
    damaged = Signal(str)

    def __init__(self, tasks: TaskManager, window: QWidget) -> None:
        super().__init__(window)
        self._tasks = tasks
        self._window = window
        self.dialog: QMessageBox | None = None
        self.damage: str | None = None

    @Slot()
    def start(self) -> None:
        self._tasks.run_on_store(_check, self._on_passed, self._on_damaged)

    def _on_passed(self, _result: object) -> None:
        self.passed.emit()

    def _on_damaged(self, message: str) -> None:
        self.damage = message
        dialog = QMessageBox(
            QMessageBox.Icon.Critical,
            "Convener cannot use the database",
            message,
            QMessageBox.StandardButton.Close,
            self._window,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._window.close)
        self.dialog = dialog
        dialog.open()
        self.damaged.emit(message)
