"""Escape (or Cancel) on a form with typed changes asks first; an untouched form just closes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from convener.storage import Store
from tests.ui.conftest import DialogAnswerer
from ui.findings import FindingDialog
from ui.stakeholder_editor import StakeholderEditor

PREVENTION = 1


def _escape(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def test_escape_on_a_typed_new_person_asks_and_can_keep_editing(
    qtbot: QtBot, store: Store, dialogs: Callable[..., DialogAnswerer]
) -> None:
    editor = StakeholderEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.name.setText("Ama Boateng")

    answered = dialogs(QMessageBox.StandardButton.Cancel)  # "Keep editing"
    _escape(qtbot, editor)
    assert answered.seen == [
        ("discardChanges", "Close without saving this person? What you typed will be lost.")
    ]
    assert editor.isVisible() and editor.name.text() == "Ama Boateng"

    dialogs(QMessageBox.StandardButton.Discard)
    _escape(qtbot, editor)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected


def test_escape_on_an_untouched_form_closes_without_asking(
    qtbot: QtBot, demo_store: Store, dialogs: Callable[..., DialogAnswerer]
) -> None:
    for dialog in (StakeholderEditor(demo_store, 1), FindingDialog(demo_store, PREVENTION)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        _escape(qtbot, dialog)
        assert not dialog.isVisible()


def test_escape_on_a_typed_finding_asks(
    qtbot: QtBot, demo_store: Store, dialogs: Callable[..., DialogAnswerer]
) -> None:
    dialog = FindingDialog(demo_store, PREVENTION)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text.setPlainText("Survivors asked for plain-language letters")
    answered = dialogs(QMessageBox.StandardButton.Cancel)
    _escape(qtbot, dialog)
    assert [name for name, _ in answered.seen] == ["discardChanges"]
    assert dialog.isVisible()
