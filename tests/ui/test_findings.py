"""The findings panel: its model, the add dialog with validation, and retraction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from convener.domain import FindingKind
from convener.findings import FindingDraft, add_finding
from convener.storage import Store
from ui.findings import Column, FindingDialog, FindingsPanel, FindingsTableModel, RetractDialog

PREVENTION = 1  # the demo's first roundtable: 8 findings, one of them retracted


def test_model_passes_the_model_tester(qtmodeltester, demo_store: Store):
    model = FindingsTableModel(demo_store, PREVENTION)
    qtmodeltester.check(model)
    assert model.rowCount() == 8
    statuses = [model.index(r, Column.STATUS).data() for r in range(model.rowCount())]
    assert statuses.count("Retracted") == 1


def test_add_dialog_records_a_recommendation(qtbot, demo_store: Store):
    panel = FindingsPanel(demo_store, PREVENTION)
    qtbot.addWidget(panel)
    dialog = panel.add_dialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(FindingKind.RECOMMENDATION))
    assert dialog.lever.isEnabled() and not dialog.owner.isEnabled()
    dialog.text.setPlainText("Fund youth outreach")
    dialog.lever.setCurrentIndex(dialog.lever.findData("Influencing"))
    dialog.addressed_to.setText("Department for Education")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.added is not None
    assert dialog.added.addressed_to == "Department for Education"
    with qtbot.waitSignal(panel.findings_changed):
        panel.refresh()
    assert panel.model.rowCount() == 9


def test_add_dialog_shows_why_an_entry_is_refused(qtbot, demo_store: Store):
    dialog = FindingDialog(demo_store, PREVENTION)
    qtbot.addWidget(dialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "needs its text" in dialog.error.text()
    assert dialog.added is None
    dialog.text.setPlainText("A quote")
    dialog.attribution.setCurrentIndex(2)  # named
    dialog.speaker.setCurrentIndex(dialog.speaker.findText("Hannah Okafor"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "consent to be quoted" in dialog.error.text()


def test_retracting_from_the_panel(qtbot, demo_store: Store):
    finding = add_finding(demo_store, FindingDraft(PREVENTION, "To be withdrawn"))
    panel = FindingsPanel(demo_store, PREVENTION)
    qtbot.addWidget(panel)
    row = next(r for r in range(panel.model.rowCount()) if panel.model.finding(r).id == finding.id)
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(row, 0)).row())
    assert panel.retract_button.isEnabled()
    dialog = RetractDialog(demo_store, finding, panel)
    qtbot.addWidget(dialog)
    dialog.note.setText("Speaker asked")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    panel.refresh()
    assert demo_store.findings.get(finding.id).retracted
    assert not panel.retract_button.isEnabled()
    panel.proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert panel.proxy.index(0, Column.STATUS).data() == "Retracted"
