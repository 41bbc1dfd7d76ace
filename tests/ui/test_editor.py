"""The stakeholder and organisation editors: messages by the field, duplicates, saving."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from convener.storage import StakeholderFilter, Store
from ui.main_window import MainWindow
from ui.organisation_page import OrganisationEditor
from ui.stakeholder_editor import StakeholderEditor


def _save(editor: StakeholderEditor | OrganisationEditor) -> None:
    buttons = editor.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM stakeholders").fetchone()[0])


def test_editor_refuses_bad_input_with_the_message_by_the_field(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    editor = StakeholderEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.email, "ann.example.org")
    qtbot.keyClicks(editor.phone, "call me")
    _save(editor)
    assert editor.isVisible()
    assert editor.errors.message("name") == "⚠ A name is required"
    assert "'ann.example.org' is not a valid email address" in editor.errors.message("email")
    assert "'call me' is not a valid phone number" in editor.errors.message("phone")
    assert _count(db_path) == 0

    qtbot.keyClicks(editor.name, "Ann Lee")
    editor.email.setText("ann@example.org")
    editor.phone.setText("+44 20 7946 0000")
    _save(editor)
    assert not editor.isVisible()
    assert _count(db_path) == 1
    saved = store.stakeholders.get(editor.stakeholder_id or 0)
    assert (saved.name, saved.email, saved.phone) == (
        "Ann Lee",
        "ann@example.org",
        "+44 20 7946 0000",
    )


def test_core_rule_is_shown_next_to_its_field(qtbot: QtBot, store: Store) -> None:
    editor = StakeholderEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setText("Protected Person")
    editor.email.setText("p@example.org")
    editor.intermediary.setCurrentText("Unseen")
    _save(editor)
    assert "through an intermediary has no direct email" in editor.errors.message("email")
    assert editor.isVisible()


def test_duplicate_warning_appears_while_typing(qtbot: QtBot, demo_store: Store) -> None:
    editor = StakeholderEditor(demo_store)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.name, "Someone New")
    qtbot.keyClicks(editor.email, "HANNAH.OKAFOR@example.com")
    qtbot.waitUntil(editor.duplicate_label.isVisible, timeout=3000)
    text = editor.duplicate_label.text()
    assert "Hannah Okafor" in text and "same email address" in text


def test_duplicate_warning_for_a_close_name_at_the_same_organisation(
    qtbot: QtBot, demo_store: Store
) -> None:
    hannah = demo_store.stakeholders.get(
        demo_store.stakeholders.ids(StakeholderFilter(search="Hannah Okafor"))[0]
    )
    editor = StakeholderEditor(demo_store)
    qtbot.addWidget(editor)
    editor.show()
    editor.organisation.setCurrentText(hannah.organisation or "")
    qtbot.keyClicks(editor.name, "Hanna Okafor")
    qtbot.waitUntil(editor.duplicate_label.isVisible, timeout=3000)
    assert f"similar name at {hannah.organisation}" in editor.duplicate_label.text()
    # Typing on to a different person makes the warning go away.
    editor.name.setText("Zebedee Quill")
    qtbot.waitUntil(lambda: not editor.duplicate_label.isVisible(), timeout=3000)


def test_editing_keeps_the_record_and_its_links(qtbot: QtBot, demo_store: Store) -> None:
    sid = demo_store.stakeholders.ids(StakeholderFilter(search="Hannah Okafor"))[0]
    before = demo_store.stakeholders.get(sid)
    editor = StakeholderEditor(demo_store, sid)
    qtbot.addWidget(editor)
    editor.show()
    editor.role.setText("Director")
    _save(editor)
    after = demo_store.stakeholders.get(sid)
    assert after.role == "Director"
    assert (after.themes, after.levers, after.sector) == (
        before.themes,
        before.levers,
        before.sector,
    )


def test_organisation_editor_validates_and_saves(qtbot: QtBot, store: Store) -> None:
    editor = OrganisationEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    editor.email.setText("not an address")
    _save(editor)
    assert editor.errors.message("name") == "⚠ A name is required"
    assert "is not a valid email address" in editor.errors.message("email")
    editor.name.setText("Unseen UK")
    editor.email.setText("info@unseen.example")
    _save(editor)
    assert not editor.isVisible()
    org = store.organisations.find_by_name("unseen uk")
    assert org is not None and org.email == "info@unseen.example"


def test_an_exact_name_alone_warns_and_opens_the_existing_record(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.store
    ama = store.stakeholders.ids(StakeholderFilter(search="Ama Boateng"))[0]
    page = window.stakeholders
    qtbot.waitUntil(lambda: not window.tasks.busy)

    def type_and_open() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, StakeholderEditor):
            QTimer.singleShot(10, type_and_open)
            return
        editor.name.setText("Ama Boateng")
        qtbot.waitUntil(editor.open_existing.isVisible, timeout=3000)
        assert "same name" in editor.duplicate_label.text()
        editor.open_existing.click()

    QTimer.singleShot(0, type_and_open)
    page.new_item()
    assert page.selected_ids() == [ama]
    assert store.stakeholders.ids(StakeholderFilter(search="Ama Boateng")) == [ama]
