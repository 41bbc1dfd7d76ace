"""Findings of one roundtable: a table of what was found, and dialogs to add and retract.

The panel is a self-contained widget for the roundtable page: `FindingsPanel(store, id)`.
Every change goes through `convener.findings`, which validates it; a refused entry keeps the
dialog open with the reason shown beside the form.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.domain import Attribution, Finding, FindingKind, Roundtable
from convener.errors import ConvenerError
from convener.findings import FindingDraft, add_finding, retract_finding
from convener.privacy import Audience, render_person
from convener.storage import Store, Taxonomy
from ui.layout import initial_size
from ui.table_model import ListTableModel
from ui.unsaved import GuardedDialog

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

KIND_LABELS = {
    FindingKind.INSIGHT: "Insight",
    FindingKind.RECOMMENDATION: "Recommendation",
    FindingKind.ACTION: "Action",
    FindingKind.EVIDENCE_GAP: "Evidence gap",
}
ATTRIBUTION_LABELS = {
    Attribution.NONE: "Not attributed",
    Attribution.SECTOR: "By sector",
    Attribution.NAMED: "Named (needs consent to be quoted)",
}


class Column(IntEnum):
    KIND = 0
    TEXT = 1
    AGENDA = 2
    THEME = 3
    DETAILS = 4
    ATTRIBUTION = 5
    STATUS = 6


_HEADERS = {
    Column.KIND: "Kind",
    Column.TEXT: "Finding",
    Column.AGENDA: "Agenda item",
    Column.THEME: "Theme",
    Column.DETAILS: "Lever → to / owner",
    Column.ATTRIBUTION: "Attribution",
    Column.STATUS: "Status",
}


# Shown for the selected finding under the table rather than as columns of their own.
_DETAIL_COLUMNS = (Column.AGENDA, Column.THEME, Column.DETAILS, Column.ATTRIBUTION)
_NO_SELECTION = "Select a finding to see its agenda item, theme and attribution."


def _details(finding: Finding) -> str:
    if finding.kind is FindingKind.RECOMMENDATION:
        return " → ".join(p for p in (finding.lever, finding.addressed_to) if p)
    if finding.kind is FindingKind.ACTION:
        due = f"due {finding.due_on.isoformat()}" if finding.due_on else ""
        return ", ".join(p for p in (finding.owner, due) if p)
    return ""


class FindingsTableModel(ListTableModel):
    """Every finding of a roundtable, retracted ones included and marked as such."""

    def __init__(self, store: Store, roundtable_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id = roundtable_id
        self.rows: list[Finding] = []
        self._agenda: dict[int, str] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        roundtable = self._store.roundtables.get(self._roundtable_id)
        self._agenda = {
            item.id: f"{n}. {item.title}" for n, item in enumerate(roundtable.agenda, start=1)
        }
        self.rows = self._store.findings.for_roundtable(self._roundtable_id, include_retracted=True)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self.rows[row]

    headers = tuple(_HEADERS[c] for c in Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self.rows[index.row()]
        column = Column(index.column())
        if role == ID_ROLE:
            return finding.id
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TEXT:
            return finding.text
        if role == Qt.ItemDataRole.ToolTipRole and finding.retracted:
            return f"Retracted: {finding.retraction_note or 'no note'}"
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(finding, column, sort=role == SORT_ROLE)
        return None

    def _value(self, finding: Finding, column: Column, *, sort: bool) -> Any:
        if column is Column.TEXT:
            # One line in the table; the tooltip and the sort keep the text as written.
            return finding.text if sort else " ".join(finding.text.split())
        if column is Column.AGENDA:
            item = finding.agenda_item_id
            return "" if item is None else self._agenda.get(item, "")
        values = {
            Column.KIND: KIND_LABELS[finding.kind],
            Column.THEME: finding.theme or "",
            Column.DETAILS: _details(finding),
            Column.ATTRIBUTION: ATTRIBUTION_LABELS[finding.attribution].split(" (")[0],
            Column.STATUS: "Retracted" if finding.retracted else "Current",
        }
        return values[column]


class FindingDialog(GuardedDialog):
    """Record one finding; the fields that do not apply to the chosen kind are disabled."""

    unsaved_what = "this finding"

    def __init__(self, store: Store, roundtable_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id = roundtable_id
        self.added: Finding | None = None
        roundtable = store.roundtables.get(roundtable_id)
        self.setWindowTitle(f"Add a finding — {roundtable.title}")
        self._make_fields(roundtable)
        self._lay_out()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.has_due.toggled.connect(self._kind_changed)
        self._kind_changed()
        initial_size(self, 560, 480)
        self._opened_with = self.draft()

    def has_unsaved_changes(self) -> bool:
        return self.draft() != self._opened_with

    def _make_fields(self, roundtable: Roundtable) -> None:
        store = self._store
        self.kind = QComboBox(self)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.agenda = QComboBox(self)
        self.agenda.addItem("(none)", None)
        for n, item in enumerate(roundtable.agenda, start=1):
            self.agenda.addItem(f"{n}. {item.title}", item.id)
        self.theme = QComboBox(self)
        for term in store.taxonomy.terms(Taxonomy.THEMES):
            self.theme.addItem(term.name, term.name)
        if roundtable.theme:
            self.theme.setCurrentIndex(max(self.theme.findData(roundtable.theme), 0))
        self.lever = QComboBox(self)
        self.lever.addItem("(choose a lever)", None)
        for term in store.taxonomy.terms(Taxonomy.LEVERS):
            self.lever.addItem(term.name, term.name)
        self.addressed_to = QLineEdit(self)
        self.owner = QLineEdit(self)
        self.has_due = QCheckBox("Due by", self)
        self.due = QDateEdit(QDate.currentDate(), self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.attribution = QComboBox(self)
        for attribution, label in ATTRIBUTION_LABELS.items():
            self.attribution.addItem(label, attribution.value)
        self.speaker = QComboBox(self)
        self.speaker.addItem("(nobody in particular)", None)
        self._add_speakers()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.setAccessibleName("Error")

    def _lay_out(self) -> None:
        accessible = {
            self.kind: "Kind",
            self.text: "Finding text",
            self.agenda: "Agenda item",
            self.theme: "Theme",
            self.lever: "Lever",
            self.addressed_to: "Addressed to",
            self.owner: "Owner",
            self.due: "Due date",
            self.attribution: "Attribution",
            self.speaker: "Said by",
        }
        for widget, name in accessible.items():
            widget.setAccessibleName(name)

        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Finding", self.text)
        form.addRow("&Agenda item", self.agenda)
        form.addRow("&Theme", self.theme)
        form.addRow("&Lever", self.lever)
        form.addRow("A&ddressed to", self.addressed_to)
        form.addRow("&Owner", self.owner)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        form.addRow("Due", due_row)
        form.addRow("Attri&bution", self.attribution)
        form.addRow("&Said by", self.speaker)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _add_speakers(self) -> None:
        invitations = self._store.roundtables.invitations(self._roundtable_id)
        ids = [inv.stakeholder_id for inv in invitations]
        consent = self._store.consent.states(ids)
        for person in self._store.stakeholders.get_many(ids):
            view = render_person(person, consent[person.id], Audience.INTERNAL)
            if view is not None:
                self.speaker.addItem(view.name, person.id)

    @Slot()
    def _kind_changed(self) -> None:
        kind = FindingKind(self.kind.currentData())
        recommendation = kind is FindingKind.RECOMMENDATION
        action = kind is FindingKind.ACTION
        self.lever.setEnabled(recommendation)
        self.addressed_to.setEnabled(recommendation)
        self.owner.setEnabled(action)
        self.has_due.setEnabled(action)
        self.due.setEnabled(action and self.has_due.isChecked())

    def draft(self) -> FindingDraft:
        kind = FindingKind(self.kind.currentData())
        recommendation = kind is FindingKind.RECOMMENDATION
        action = kind is FindingKind.ACTION
        due: date | None = None
        if action and self.has_due.isChecked():
            picked = self.due.date()
            due = date(picked.year(), picked.month(), picked.day())
        return FindingDraft(
            roundtable_id=self._roundtable_id,
            text=self.text.toPlainText(),
            kind=kind,
            agenda_item_id=self.agenda.currentData(),
            theme=self.theme.currentData(),
            lever=self.lever.currentData() if recommendation else None,
            addressed_to=self.addressed_to.text() if recommendation else None,
            owner=self.owner.text() if action else None,
            due_on=due,
            attribution=Attribution(self.attribution.currentData()),
            by_stakeholder_id=self.speaker.currentData(),
        )

    @Slot()
    def _save(self) -> None:
        try:
            self.added = add_finding(self._store, self.draft())
        except ConvenerError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class RetractDialog(QDialog):
    """Confirm a retraction and say why; the finding then leaves every later report."""

    def __init__(self, store: Store, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._finding = finding
        self.setWindowTitle("Retract a finding")
        shown = finding.text if len(finding.text) < 300 else finding.text[:300] + "…"
        message = QLabel(
            f"Retract this finding? It stays in the record but will not appear in any report "
            f"generated from now on.\n\n“{shown}”",
            self,
        )
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("Why, e.g. withdrawn by the contributor")
        self.note.setAccessibleName("Retraction note")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Retract")
        self.buttons.accepted.connect(self._retract)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        form = QFormLayout()
        form.addRow("&Note", self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @Slot()
    def _retract(self) -> None:
        try:
            retract_finding(self._store, self._finding.id, self.note.text())
        except ConvenerError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class FindingsPanel(QWidget):
    """The findings of one roundtable with Add (Ctrl+Shift+F) and Retract.

    Delete retracts when the panel sits in the main window: the window's Delete action routes
    to the roundtables page, which calls `open_retract_dialog` (a second Delete shortcut here
    would make the key ambiguous, and Qt would then run neither).
    """

    findings_changed = Signal(int)  # the roundtable id

    def __init__(self, store: Store, roundtable_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id = roundtable_id
        self.model = FindingsTableModel(store, roundtable_id, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Findings")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        # The finding itself gets the room (on a 1280×720 laptop seven columns left it one word
        # a line): the table shows kind, finding and status; the selected finding's agenda
        # item, theme, lever and attribution show below it.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (Column.KIND, Column.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in _DETAIL_COLUMNS:
            self.table.setColumnHidden(column, True)
        self.detail = QLabel(_NO_SELECTION, self)
        self.detail.setObjectName("findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Selected finding")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("&Add finding…", self)
        self.add_button.setAccessibleName("Add finding")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.retract_button = QPushButton("&Retract…", self)
        self.retract_button.setAccessibleName("Retract finding")
        self.retract_button.setEnabled(False)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.retract_button.clicked.connect(self.open_retract_dialog)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.retract_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def selected(self) -> Finding | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.finding(self.proxy.mapToSource(rows[0]).row())

    @Slot()
    def _selection_changed(self) -> None:
        finding = self.selected()
        self.retract_button.setEnabled(finding is not None and not finding.retracted)
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.setText(_NO_SELECTION)
            return
        parts = []
        for column in _DETAIL_COLUMNS:
            value = self.proxy.index(rows[0].row(), column).data()
            if value:
                parts.append(f"{_HEADERS[column]}: {value}")
        self.detail.setText(" · ".join(parts) or "No agenda item, theme or attribution.")

    def add_dialog(self) -> FindingDialog:
        return FindingDialog(self._store, self._roundtable_id, self)

    @Slot()
    def open_add_dialog(self) -> None:
        if self.add_dialog().exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    @Slot()
    def open_retract_dialog(self) -> None:
        finding = self.selected()
        if finding is None or finding.retracted:
            return
        if RetractDialog(self._store, finding, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        self._selection_changed()
        self.findings_changed.emit(self._roundtable_id)
