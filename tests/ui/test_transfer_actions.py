"""Import and export are reachable from the main window's File menu and their shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from convener.privacy import Audience
from ui.import_wizard import ImportWizard


def test_file_menu_offers_import_and_export(window) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Import contacts…" in texts
    assert "E&xport directory as CSV…" in texts
    assert window.transfer.import_action.shortcut() == QKeySequence("Ctrl+I")


def test_import_action_opens_the_wizard(qtbot, window) -> None:
    window.transfer.import_action.trigger()
    wizard = window.transfer.wizard
    assert isinstance(wizard, ImportWizard)
    qtbot.waitUntil(wizard.isVisible)
    wizard.reject()


def test_export_reports_in_the_status_bar(qtbot, window, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    with qtbot.waitSignal(window.transfer._exporter.exported, timeout=20000):
        window.transfer._exporter.export_to(target, Audience.INTERNAL)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    qtbot.waitUntil(lambda: "people.csv" in window.statusBar().currentMessage())
    assert "Exported" in window.statusBar().currentMessage()
