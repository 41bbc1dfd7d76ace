"""Starting the desktop app: one QApplication, one database, one main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from convener.errors import ConvenerError
from convener.storage import Store
from ui.health import HealthCheck
from ui.main_window import MainWindow
from ui.tasks import TaskManager


def launch(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Convener")
    app.setOrganizationName("Convener")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        store = Store.open(db_path, check=False)  # the full check runs after the window shows
    except ConvenerError as exc:
        QMessageBox.critical(None, "Convener cannot open the database", str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    tasks = TaskManager(db_path, window)
    health = HealthCheck(tasks, window)
    # After the first paint, so the check's reading of the whole file does not delay it.
    QTimer.singleShot(0, health.start)
    code = app.exec()
    tasks.wait()
    store.close()
    return 1 if health.found_damage else int(code)
