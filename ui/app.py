"""Starting the desktop app: one instance per database, one store, one main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from convener.errors import ConvenerError
from convener.storage import Store
from ui.errors import show_error
from ui.health import HealthCheck
from ui.main_window import MainWindow
from ui.recovery import offer_backup_for_damage, open_store_or_recover
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


def _no_display() -> bool:
    """On Linux without X11 or Wayland, Qt would abort the process; say so in words instead."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def launch(db_path: Path) -> int:
    if _no_display():
        raise ConvenerError(
            "there is no display to open the app on; the convener command line works without "
            "one (see convener --help)"
        )
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Convener")
    app.setOrganizationName("Convener")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = claim_single_instance(db_path)
    if lock is None:
        return 1
    try:
        # The full integrity check reads the whole file, so it runs after the first paint.
        store = open_store_or_recover(db_path, check=False)
        while store is not None:
            code, damage = _run_window(app, store)
            if damage is None:
                return code
            store = offer_backup_for_damage(db_path, damage)
        return 1
    finally:
        lock.release()


def _run_window(app: QApplication, store: Store) -> tuple[int, str | None]:
    """Show the main window until it closes; returns the exit code and any damage found."""
    sys.excepthook = _report_unexpected
    window = MainWindow(store)
    window.show()
    health = HealthCheck(window.tasks, window)
    # Today's backup is taken only of a file that passed the check.
    health.passed.connect(window.start_daily_backup)
    QTimer.singleShot(0, health.start)
    code = app.exec()
    window.tasks.close()
    store.close()
    return int(code), health.damage
