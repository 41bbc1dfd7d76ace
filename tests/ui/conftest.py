"""Qt tests run offscreen, on real database files, with settings kept in the test's folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from convener.storage import Store
from ui.main_window import MainWindow


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
