"""Qt tests run offscreen, on real database files, with settings kept in the test's folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from convener.storage import Store
from ui.main_window import MainWindow


class DialogAnswerer:
    """Clicks the given button of each modal message box as it appears, recording its text."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []  # (objectName, text)
        self._buttons: list[QMessageBox.StandardButton] = []
        self._last: QMessageBox | None = None

    def answer(self, *buttons: QMessageBox.StandardButton) -> None:
        self._buttons.extend(buttons)
        QTimer.singleShot(0, self._click)

    def _click(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box is self._last:
            QTimer.singleShot(10, self._click)  # not shown yet: look again on the next turn
            return
        self._last = box
        self.seen.append((box.objectName(), box.text()))
        box.button(self._buttons.pop(0)).click()
        if self._buttons:
            QTimer.singleShot(0, self._click)


@pytest.fixture
def dialogs(qapp: QApplication) -> Callable[..., DialogAnswerer]:
    answerer = DialogAnswerer()

    def answer(*buttons: QMessageBox.StandardButton) -> DialogAnswerer:
        answerer.answer(*buttons)
        return answerer

    return answer


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window geometry and view state go to a file of this test, never the user's settings."""
    return QSettings(str(tmp_path / "convener-ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(demo_store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.tasks.wait()
