"""A stakeholder's record: consent panel, engagement history, and merging from the list."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import ConsentMethod, ConsentPurpose, StakeholderDraft
from convener.storage import StakeholderFilter, Store
from tests.ui.conftest import DialogAnswerer
from ui.consent_panel import ConsentPanel
from ui.main_window import MainWindow
from ui.merge_dialog import MergeDialog
from ui.record_panel import RecordPanel


def test_consent_events_change_the_displayed_state(
    qtbot: QtBot, store: Store, db_path: Path, dialogs: Callable[..., DialogAnswerer]
) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Ann Lee"))
    panel = RecordPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_stakeholder(sid)
    consent = panel.consent
    assert consent.state_text(ConsentPurpose.NAMED) == "– Named: not recorded"
    assert consent.model.rowCount() == 0

    _fill_consent(consent, ConsentPurpose.NAMED, given=True)
    consent.note.setText("Agreed at the October roundtable")
    with qtbot.waitSignal(consent.consent_changed, timeout=2000):
        qtbot.mouseClick(consent.add_button, Qt.MouseButton.LeftButton)
    assert consent.state_text(ConsentPurpose.NAMED) == "✔ Named: given"
    assert consent.state_text(ConsentPurpose.CONTACT) == "– Contact: not recorded"

    _fill_consent(consent, ConsentPurpose.NAMED, given=False)
    answered = dialogs(QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(consent.consent_changed, timeout=2000):
        qtbot.mouseClick(consent.add_button, Qt.MouseButton.LeftButton)
    # Nothing was ever exported with Ann's data, and the message says so.
    assert answered.seen == [
        (
            "earlierOutputs",
            "Named consent is withdrawn. No file made by Convener has carried this person's "
            "data, so there is nothing to chase.",
        )
    ]
    assert consent.state_text(ConsentPurpose.NAMED) == "✘ Named: withdrawn"
    assert consent.model.rowCount() == 2
    assert consent.model.index(1, 2).data() == "Withdrawn"
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT purpose, given, note, recorded_by FROM consent_events"
            " WHERE stakeholder_id = ? ORDER BY id",
            [sid],
        ).fetchall()
    assert rows == [
        ("named", 1, "Agreed at the October roundtable", "Priya Raman"),
        ("named", 0, "", "Priya Raman"),
    ]


def _fill_consent(consent: ConsentPanel, purpose: ConsentPurpose, *, given: bool) -> None:
    consent.purpose.setCurrentIndex(consent.purpose.findData(purpose))
    consent.decision.setCurrentIndex(consent.decision.findData(given))
    consent.method.setCurrentIndex(consent.method.findData(ConsentMethod.PHONE.value))
    consent.recorded_by.setText("Priya Raman")


def test_the_consent_form_starts_blank_for_each_person(qtbot: QtBot, store: Store) -> None:
    first = add_stakeholder(store, StakeholderDraft(name="Ann Lee"))
    second = add_stakeholder(store, StakeholderDraft(name="Bo Chen"))
    panel = RecordPanel(store)
    qtbot.addWidget(panel)
    panel.consent.set_default_recorder("Dana Office")
    panel.show_stakeholder(first)
    consent = panel.consent
    _fill_consent(consent, ConsentPurpose.QUOTED, given=False)
    consent.note.setText("Said on the phone")

    panel.show_stakeholder(second)
    assert [box.currentIndex() for box in (consent.purpose, consent.decision, consent.method)] == [
        -1,
        -1,
        -1,
    ]
    assert (consent.note.text(), consent.recorded_by.text()) == ("", "Dana Office")


def test_consent_needs_a_method_and_a_recorder(
    qtbot: QtBot, store: Store, db_path: Path, dialogs: Callable[..., DialogAnswerer]
) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Ann Lee"))
    panel = RecordPanel(store)
    qtbot.addWidget(panel)
    panel.show_stakeholder(sid)
    consent = panel.consent
    consent.purpose.setCurrentIndex(consent.purpose.findData(ConsentPurpose.CONTACT))
    consent.decision.setCurrentIndex(consent.decision.findData(True))
    answered = dialogs(QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Ok)
    consent.add_button.click()  # no method chosen
    consent.method.setCurrentIndex(consent.method.findData(ConsentMethod.EMAIL.value))
    consent.add_button.click()  # nobody named as the recorder
    assert [text for _, text in answered.seen] == [
        "Choose how consent was given (in person, email, phone…).",
        "Say who recorded it. Set your name once in Settings to have it filled in.",
    ]
    with sqlite3.connect(db_path) as conn:
        count = conn.execute("SELECT count(*) FROM consent_events").fetchone()[0]
    assert count == 0


def test_your_name_in_settings_fills_recorded_by(window: MainWindow, settings: QSettings) -> None:
    consent = window.stakeholders.record.consent
    assert consent.recorded_by.text() == ""
    window.user_settings.user_name.setText("Priya Raman")
    window.user_settings.user_name.editingFinished.emit()
    assert consent.recorded_by.text() == "Priya Raman"
    assert settings.value("user/name") == "Priya Raman"
    consent.clear_form()
    assert consent.recorded_by.text() == "Priya Raman"


def test_engagement_history_lists_roundtables(
    qtbot: QtBot, demo_store: Store, db_path: Path
) -> None:
    sid = demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))[0]
    panel = RecordPanel(demo_store)
    qtbot.addWidget(panel)
    panel.show_stakeholder(sid)
    with sqlite3.connect(db_path) as conn:
        expected = conn.execute(
            """SELECT r.title, i.role, i.status FROM invitations i
               JOIN roundtables r ON r.id = i.roundtable_id WHERE i.stakeholder_id = ?
               ORDER BY r.starts_at DESC""",
            [sid],
        ).fetchall()
    model = panel.engagements
    assert model.rowCount() == len(expected) > 0
    shown = [
        (model.index(r, 1).data(), model.index(r, 2).data(), model.index(r, 3).data())
        for r in range(model.rowCount())
    ]
    assert [s[0] for s in shown] == [e[0] for e in expected]
    assert [s[2].lower() for s in shown] == [e[2].replace("-", " ") for e in expected]


def test_merge_from_the_list_keeps_both_histories(
    window: MainWindow, qtbot: QtBot, demo_store: Store, db_path: Path
) -> None:
    page = window.stakeholders
    keep = demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))[0]
    other = add_stakeholder(demo_store, StakeholderDraft(name="Kemi Adebayo (conference)"))
    with demo_store.db.atomic():
        demo_store.consent.record(other, ConsentPurpose.QUOTED, given=True)
    page.reload()
    with sqlite3.connect(db_path) as conn:
        consent_before = conn.execute(
            "SELECT count(*) FROM consent_events WHERE stakeholder_id IN (?, ?)", [keep, other]
        ).fetchone()[0]
        invitations_before = conn.execute(
            "SELECT count(*) FROM invitations WHERE stakeholder_id IN (?, ?)", [keep, other]
        ).fetchone()[0]
    selection = page.table.selectionModel()
    for sid in (keep, other):
        row = page.model.row_of(sid)
        assert row is not None
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert sorted(page.selected_ids()) == sorted([keep, other])

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        button = dialog.keep_buttons[0 if dialog.kept_id == keep else 1]
        button.setChecked(True)
        assert dialog.kept_id == keep
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, confirm)
    window.merge_action.trigger()
    qtbot.waitUntil(lambda: page.model.row_of(other) is None, timeout=3000)
    with sqlite3.connect(db_path) as conn:
        consent_after = conn.execute(
            "SELECT count(*) FROM consent_events WHERE stakeholder_id = ?", [keep]
        ).fetchone()[0]
        invitations_after = conn.execute(
            "SELECT count(*) FROM invitations WHERE stakeholder_id = ?", [keep]
        ).fetchone()[0]
        gone = conn.execute("SELECT count(*) FROM stakeholders WHERE id = ?", [other]).fetchone()[0]
    assert (consent_after, invitations_after, gone) == (consent_before, invitations_before, 0)
    assert page.record.stakeholder_id == keep
    assert page.record.consent.state_text(ConsentPurpose.QUOTED) == "✔ Quoted: given"
