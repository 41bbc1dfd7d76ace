"""The background health check: quiet on a healthy file, a clear refusal on a damaged one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from convener.storage import Store
from tests.damaged_files import damage_page, fill_pages
from ui.health import HealthCheck
from ui.tasks import TaskManager


def _checker(qtbot: QtBot, path: Path) -> tuple[HealthCheck, QWidget, TaskManager]:
    window = QWidget()
    qtbot.addWidget(window)
    tasks = TaskManager(path, window)
    return HealthCheck(tasks, window), window, tasks


def test_a_healthy_file_passes_quietly(qtbot: QtBot, store: Store) -> None:
    checker, _window, tasks = _checker(qtbot, store.path)
    with qtbot.waitSignal(checker.passed, timeout=10_000):
        checker.start()
    assert checker.dialog is None
    assert checker.damage is None
    tasks.wait()


# Showing a top-level window on the offscreen platform always logs this; it is not ours.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_damage_is_reported_and_closing_the_message_closes_the_window(
    qtbot: QtBot, db_path: Path
) -> None:
    with Store.open(db_path) as store:
        pages = fill_pages(store.db.conn, convener=True)
    damage_page(db_path, pages - 10)
    checker, window, tasks = _checker(qtbot, db_path)
    window.show()
    with qtbot.waitSignal(checker.damaged, timeout=10_000) as blocker:
        checker.start()
    assert "is damaged" in blocker.args[0]
    assert checker.damage is not None
    assert checker.dialog is not None and checker.dialog.isVisible()
    assert "restore it from a backup" in checker.dialog.text()
    checker.dialog.done(0)
    qtbot.waitUntil(lambda: not window.isVisible())
    tasks.wait()
