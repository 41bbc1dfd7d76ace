"""Keyboard use: mnemonics unique per dialog and page, Tab order on the new-person form,
Down from the search box into the results."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from convener.storage import Store
from ui.findings import FindingDialog
from ui.main_window import MainWindow
from ui.report_dialog import ReportDialog
from ui.roundtables.editor import RoundtableDialog
from ui.stakeholder_editor import StakeholderEditor
from ui.tasks import TaskManager

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible mnemonic under `top`: Alt+letter reaches each of them."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        texts: list[str] = []
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            found.extend((m.lower(), text) for m in _MNEMONIC.findall(text))
    return found


def _clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, text in found:
        by_letter.setdefault(letter, []).append(text)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def test_each_dialog_uses_each_mnemonic_once(qtbot: QtBot, demo_store: Store) -> None:
    tasks = TaskManager(demo_store.path)
    dialogs: list[QDialog] = [
        StakeholderEditor(demo_store),
        FindingDialog(demo_store, 1),
        ReportDialog(demo_store, tasks, 1),
        RoundtableDialog(demo_store, 1),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert _clashes(_mnemonics(dialog)) == {}, dialog.windowTitle()


def test_each_page_with_the_menu_bar_uses_each_mnemonic_once(window: MainWindow) -> None:
    menus = [(m.lower(), a.text()) for a in window.menuBar().actions()
             for m in _MNEMONIC.findall(a.text())]  # fmt: skip
    window.roundtables.select(1)
    for i in range(window.pages.count()):
        page = window.pages.widget(i)
        window.show_page(page)
        assert _clashes(menus + _mnemonics(page)) == {}, window.navigation.item(i).text()


def test_tab_walks_the_new_person_form_in_reading_order(qtbot: QtBot, demo_store: Store) -> None:
    editor = StakeholderEditor(demo_store)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.name.setFocus()
    qtbot.waitUntil(editor.name.hasFocus)
    expected = [
        editor.name, editor.pseudonym, editor.role, editor.organisation, editor.email,
        editor.phone, editor.sector, editor.jurisdiction, editor.lived_experience,
        editor.intermediary, editor.tags, *editor.lever_boxes, *editor.theme_boxes,
        editor.access_needs, editor.safe_contact_notes, editor.notes,
    ]  # fmt: skip
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    # A combo box that takes typing passes focus to its own line edit: count the combo.
    walked = [w.parentWidget() if isinstance(w.parentWidget(), QComboBox) else w for w in seen]
    assert walked == expected


def test_down_from_the_search_box_goes_into_the_results(window: MainWindow, qtbot: QtBot) -> None:
    page = window.stakeholders
    qtbot.waitUntil(lambda: not window.tasks.busy and page.model.rowCount() > 0)
    page.table.clearSelection()
    page.focus_search()
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]
