"""The privacy widgets against a real database, with work in the background."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.retention import ReviewItem
from convener.storage import Store
from convener.storage.disclosures import Disclosure
from ui.privacy.erase_dialog import CONFIRMATION, EraseDialog
from ui.privacy.ledger_model import DisclosureLedgerModel
from ui.privacy.ledger_widget import DisclosureLedgerWidget
from ui.privacy.retention_model import RetentionReviewModel
from ui.privacy.retention_widget import RetentionReviewWidget
from ui.tasks import TaskManager

WHEN = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)


@pytest.fixture
def tasks(db_path: Path, store: Store) -> Iterator[TaskManager]:
    manager = TaskManager(db_path)
    yield manager
    manager.wait()


def test_ledger_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = DisclosureLedgerModel()
    model.set_rows(
        [
            Disclosure(1, 7, "public report PDF", "public", "report.pdf", WHEN),
            Disclosure(2, 7, "invitation .ics", "invitee", "invite.ics", WHEN),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "Public"
    assert model.data(model.index(1, 3)) == "invite.ics"


def test_retention_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RetentionReviewModel()
    model.set_rows([ReviewItem(3, "Willow", True, None, None, WHEN, 12)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Willow"
    assert model.data(model.index(0, 3)) == "12 months"


def test_ledger_widget_shows_where_the_data_went(
    qtbot: QtBot, store: Store, tasks: TaskManager
) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Nadia Petrova"))
    store.disclosures.record([sid], "public report PDF", "public", "care-sector.pdf")
    store.disclosures.record([sid], "CSV export", "internal", "contacts.csv")
    widget = DisclosureLedgerWidget(tasks)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded) as blocker:
        widget.show_person(sid)
    assert blocker.args == [2]
    files = {widget.proxy.index(r, 3).data() for r in range(widget.proxy.rowCount())}
    assert files == {"care-sector.pdf", "contacts.csv"}
    assert widget.summary.text().startswith("2 files made with this person's data")


def test_erase_dialog_needs_a_reason_and_the_typed_word(
    qtbot: QtBot, store: Store, tasks: TaskManager
) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Oskar Lindqvist", email="o@example.org"))
    dialog = EraseDialog(tasks, sid, "Oskar Lindqvist")
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    dialog.confirmation.setText(CONFIRMATION)
    assert not dialog.erase_button.isEnabled()  # still no reason
    dialog.reason.setPlainText("Asked to be forgotten, by phone")
    dialog.confirmation.setText(CONFIRMATION.lower())
    assert not dialog.erase_button.isEnabled()
    dialog.confirmation.setText(CONFIRMATION)
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.erased) as blocker:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [sid]
    person = store.stakeholders.get(sid)
    assert person.erased and person.email is None and person.name == "[erased]"
    assert store.erasures.audit()[0].reason == "Asked to be forgotten, by phone"


def test_retention_widget_lists_and_keeps(qtbot: QtBot, store: Store, tasks: TaskManager) -> None:
    old = add_stakeholder(store, StakeholderDraft(name="Long Ago", lived_experience=True))
    add_stakeholder(store, StakeholderDraft(name="Recent Person"))
    store.db.execute(
        "UPDATE stakeholders SET created_at = '2020-05-01T00:00:00+00:00' WHERE id = ?", [old]
    )
    widget = RetentionReviewWidget(tasks)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded) as blocker:
        widget.refresh()
    assert blocker.args == [1]
    assert widget.proxy.index(0, 0).data() == "Long Ago"
    assert not widget.keep_button.isEnabled()
    widget.table.selectionModel().select(
        widget.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert widget.keep_button.isEnabled()
    with qtbot.waitSignal(widget.changed) as blocker:
        qtbot.mouseClick(widget.keep_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [old]
    assert widget.model.rowCount() == 0
    assert widget.summary.text() == "Nobody is due for a retention review."
