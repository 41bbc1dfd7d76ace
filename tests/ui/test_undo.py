"""Edit ▸ Undo and Redo for each kind of change: people, the invite list, terms and consent."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import ConsentMethod, ConsentPurpose, StakeholderDraft
from convener.storage import StakeholderFilter, Taxonomy
from tests.ui.conftest import DialogAnswerer
from ui.main_window import MainWindow
from ui.stakeholder_editor import StakeholderEditor

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

HELD = 4  # "Front door identification", held, with an invite list


def _undo(window: MainWindow) -> None:
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()


def _redo(window: MainWindow) -> None:
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()


def test_undo_and_redo_sit_in_the_edit_menu_with_the_usual_keys(window: MainWindow) -> None:
    assert window.edit_menu.actions()[:2] == [window.undo_action, window.redo_action]
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert not window.undo_action.isEnabled()  # nothing done yet


def _edit_role_in_open_editor(role: str) -> None:
    editor = QApplication.activeModalWidget()
    if not isinstance(editor, StakeholderEditor):
        QTimer.singleShot(10, lambda: _edit_role_in_open_editor(role))
        return
    editor.role.setText(role)
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_stakeholder_edit_is_undone_and_redone(window: MainWindow, qtbot: QtBot) -> None:
    store = window.store
    sid = store.stakeholders.ids(StakeholderFilter(search="Hannah Okafor"))[0]
    before = store.stakeholders.get(sid).role
    page = window.stakeholders
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert page.select_stakeholder(sid)
    QTimer.singleShot(0, lambda: _edit_role_in_open_editor("Director of Safeguarding"))
    page.edit_item()
    assert store.stakeholders.get(sid).role == "Director of Safeguarding"
    assert window.undo_action.text() == "&Undo edit Hannah Okafor"

    _undo(window)
    assert store.stakeholders.get(sid).role == before
    _redo(window)
    assert store.stakeholders.get(sid).role == "Director of Safeguarding"


def test_a_deletion_is_undone_with_the_consent_history(
    window: MainWindow, qtbot: QtBot, dialogs: Callable[..., DialogAnswerer]
) -> None:
    store = window.store
    sid = add_stakeholder(store, StakeholderDraft(name="Tomasz Nowak", email="tn@example.org"))
    store.consent.record(sid, ConsentPurpose.CONTACT, given=True, method="email")
    history = store.consent.history(sid)
    page = window.stakeholders
    page.reload()
    qtbot.waitUntil(lambda: page.model.row_of(sid) is not None)
    assert page.select_stakeholder(sid)
    dialogs(QMessageBox.StandardButton.Yes)
    page.delete_item()
    assert store.stakeholders.ids(StakeholderFilter(search="Tomasz Nowak")) == []

    _undo(window)
    assert store.stakeholders.get(sid).name == "Tomasz Nowak"
    assert store.consent.history(sid) == history  # the same events, ids and times
    qtbot.waitUntil(lambda: page.model.row_of(sid) is not None)

    _redo(window)
    assert store.stakeholders.ids(StakeholderFilter(search="Tomasz Nowak")) == []


def test_invite_list_additions_and_removals_are_undone_in_full(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.store
    page = window.roundtables
    window.show_page(page)
    page.select(HELD)
    before = store.roundtables.invitations(HELD)
    listed = {i.stakeholder_id for i in before}
    newcomer = next(sid for sid in store.stakeholders.ids(StakeholderFilter()) if sid not in listed)
    page._add([newcomer])
    assert newcomer in {i.stakeholder_id for i in store.roundtables.invitations(HELD)}
    _undo(window)
    assert store.roundtables.invitations(HELD) == before
    _redo(window)
    assert newcomer in {i.stakeholder_id for i in store.roundtables.invitations(HELD)}
    _undo(window)

    # A removal puts the place back as it was: role, status, payments, access needs.
    paid = next(i for i in before if i.fee_pence)
    row = next(
        r for r in range(page.invitations.rowCount())
        if page.invitations.row(r).invitation.id == paid.id
    )  # fmt: skip
    page.invitation_view.selectRow(row)
    page.remove_selected_invitations()
    assert paid.stakeholder_id not in {
        i.stakeholder_id for i in store.roundtables.invitations(HELD)
    }
    _undo(window)
    restored = next(
        i for i in store.roundtables.invitations(HELD) if i.stakeholder_id == paid.stakeholder_id
    )
    assert (restored.role, restored.status, restored.fee_pence, restored.paid_on) == (
        paid.role, paid.status, paid.fee_pence, paid.paid_on,
    )  # fmt: skip
    assert page.invitations.rowCount() == len(before)


def test_taxonomy_changes_are_undone(window: MainWindow, qtbot: QtBot) -> None:
    store = window.store
    editor = window.taxonomies.editors[Taxonomy.THEMES]
    window.show_page(window.taxonomies)
    editor.new_name.setText("Forced criminality")
    editor.add_term()
    names = lambda: [t.name for t in store.taxonomy.terms(Taxonomy.THEMES)]  # noqa: E731
    assert "Forced criminality" in names()
    _undo(window)
    assert "Forced criminality" not in names()
    _redo(window)
    assert "Forced criminality" in names()

    prevention = next(t for t in store.taxonomy.terms(Taxonomy.THEMES) if t.name == "Prevention")
    assert editor.rename(prevention.id, "Prevention and early help")
    _undo(window)
    assert "Prevention" in names() and "Prevention and early help" not in names()
    assert editor.model.term(editor.model.row_of(prevention.id) or 0).name == "Prevention"

    editor.select(prevention.id)
    editor.toggle_retired()
    assert "Prevention" not in names()  # retired terms are not offered
    _undo(window)
    assert "Prevention" in names()


def test_undoing_consent_records_a_correction_and_deletes_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.store
    sid = add_stakeholder(store, StakeholderDraft(name="Ruth Okonkwo"))
    page = window.stakeholders
    page.reload()
    qtbot.waitUntil(lambda: page.model.row_of(sid) is not None)
    assert page.select_stakeholder(sid)
    consent = page.record.consent
    consent.purpose.setCurrentIndex(consent.purpose.findData(ConsentPurpose.NAMED))
    consent.decision.setCurrentIndex(consent.decision.findData(True))
    consent.method.setCurrentIndex(consent.method.findData(ConsentMethod.PHONE.value))
    consent.recorded_by.setText("Priya Raman")
    consent.add_button.click()
    assert store.consent.state(sid).status(ConsentPurpose.NAMED).value == "given"

    _undo(window)
    events = store.consent.history(sid)
    assert [e.given for e in events] == [True, False]  # the first is kept; a correction follows
    assert events[1].note.startswith("Correction:") and events[1].recorded_by == "Priya Raman"
    assert store.consent.state(sid).status(ConsentPurpose.NAMED).value == "withdrawn"
    qtbot.waitUntil(lambda: consent.model.rowCount() == 2)

    _redo(window)
    assert [e.given for e in store.consent.history(sid)] == [True, False, True]
