"""Every table model passes qtmodeltester; the window's navigation, shortcuts and memory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from convener.storage import StakeholderFilter, Store, Taxonomy
from convener.storage.coverage import CoverageQuery
from ui.consent_panel import ConsentHistoryModel
from ui.coverage_page import CoverageModel
from ui.engagement_model import EngagementModel
from ui.main_window import MainWindow
from ui.organisation_page import OrganisationModel
from ui.stakeholder_model import StakeholderTableModel
from ui.taxonomy_page import TermModel


def test_every_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_store: Store) -> None:
    stakeholders = StakeholderTableModel(demo_store)
    qtmodeltester.check(stakeholders, force_py=True)
    stakeholders.set_filter(StakeholderFilter(search="ok"))
    qtmodeltester.check(stakeholders, force_py=True)

    sid = demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))[0]
    consent = ConsentHistoryModel()
    consent.set_rows(demo_store.consent.history(sid))
    assert consent.rowCount() > 0
    qtmodeltester.check(consent, force_py=True)

    engagements = EngagementModel()
    engagements.set_rows(demo_store.stakeholders.engagements(sid))
    qtmodeltester.check(engagements, force_py=True)

    coverage = CoverageModel()
    coverage.set_grid(demo_store.coverage.grid(CoverageQuery()))
    qtmodeltester.check(coverage, force_py=True)

    organisations = OrganisationModel(demo_store)
    organisations.refresh()
    assert organisations.rowCount() > 0
    qtmodeltester.check(organisations, force_py=True)
    terms = TermModel(demo_store, Taxonomy.SECTORS)
    terms.refresh()
    assert terms.rowCount() > 0
    qtmodeltester.check(terms, force_py=True)


def test_pages_and_where_actions_apply(window: MainWindow, qtbot: QtBot) -> None:
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "Stakeholders",
        "Organisations",
        "Roundtables",
        "Coverage",
        "Settings",
        "Retention review",
    ]
    window.navigation.setCurrentRow(3)
    assert window.pages.currentWidget() is window.coverage
    # Pages without a list cannot be searched or edited: those actions are off there.
    assert not window.find_action.isEnabled()
    assert not window.new_action.isEnabled()

    extra = QWidget()
    action = window.add_page("Reports", extra, "Ctrl+9")
    action.trigger()
    assert window.pages.currentWidget() is extra
    assert window.navigation.currentItem().text() == "Reports"


def test_shortcuts_reach_the_current_page(window: MainWindow, qtbot: QtBot) -> None:
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.edit_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.stakeholders.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.stakeholders.search.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.organisations
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.organisations.search.hasFocus)


def test_inputs_and_tables_have_accessible_names(window: MainWindow) -> None:
    for page in (window.stakeholders, window.organisations, window.coverage, window.taxonomies):
        for widget in page.findChildren(QLineEdit) + page.findChildren(QAbstractItemView):
            if widget.isVisibleTo(page) and widget.parent() is not None:
                inner = type(widget.parent()).__name__ in ("QComboBox", "QDateEdit")
                if not inner and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    assert widget.accessibleName(), f"{type(widget).__name__} in {page}"


def test_window_geometry_and_view_state_are_remembered(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    path = str(tmp_path / "state.ini")
    first = MainWindow(demo_store, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    # The offscreen screen is 800 × 600, which a restored width is clamped to; height fits.
    first.resize(first.minimumSizeHint().width(), 560)
    first.navigation.setCurrentRow(3)
    first.stakeholders.table.setColumnWidth(0, 321)
    first.stakeholders.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    order = [first.stakeholders.model.stakeholder_id(r) for r in range(5)]
    first.close()

    second = MainWindow(demo_store, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    assert second.size().height() == 560
    assert second.pages.currentWidget() is second.coverage
    assert second.stakeholders.table.columnWidth(0) == 321
    # The remembered order is the order of the rows, not only of the header's arrow.
    assert [second.stakeholders.model.stakeholder_id(r) for r in range(5)] == order
