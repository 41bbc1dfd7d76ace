"""Starting the desktop app: one QApplication, one database, one main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from convener.errors import ConvenerError
from ui.errors import show_error
from ui.main_window import MainWindow
from ui.recovery import open_store_or_recover, start_daily_backup
from ui.single_instance import claim_single_instance

log = logging.getLogger(__name__)


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Anything that escapes a slot: logged with its traceback, shown as a plain sentence."""
    if isinstance(error, ConvenerError):
        show_error(QApplication.activeWindow(), "Convener", str(error))
        return
    log.error("unexpected error", exc_info=(kind, error, trace))
    show_error(
        QApplication.activeWindow(),
        "Something went wrong",
        "Convener met a problem it did not expect. Your data is safe: each change is saved "
        "whole or not at all. The details are in the log.",
    )


def launch(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Convener")
    app.setOrganizationName("Convener")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = claim_single_instance(db_path)
    if lock is None:
        return 1
    try:
        store = open_store_or_recover(db_path)
        if store is None:
            return 1
        sys.excepthook = _report_unexpected
        window = MainWindow(store)
        window.show()
        start_daily_backup(window.tasks)
        code = app.exec()
        store.close()
        return int(code)
    finally:
        lock.release()
