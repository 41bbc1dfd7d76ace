"""Organisations: the list, and the editor for one organisation."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.collation import sort_key
from convener.domain import Organisation
from convener.errors import ConvenerError, ValidationError
from convener.organisations import OrganisationDraft, save_organisation
from convener.storage import Store, Taxonomy
from convener.validation import check_email, check_name
from ui.errors import show_error
from ui.form_errors import FieldErrors
from ui.layout import initial_size
from ui.stakeholder_editor import term_combo
from ui.stakeholder_model import ID_ROLE, SORT_ROLE
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex


class OrgColumn(IntEnum):
    NAME = 0
    SECTOR = 1
    JURISDICTION = 2
    EMAIL = 3
    WEBSITE = 4
    PEOPLE = 5


_HEADERS = {
    OrgColumn.NAME: "Name",
    OrgColumn.SECTOR: "Sector",
    OrgColumn.JURISDICTION: "Jurisdiction",
    OrgColumn.EMAIL: "Email",
    OrgColumn.WEBSITE: "Website",
    OrgColumn.PEOPLE: "People",
}


class OrganisationModel(ListTableModel):
    """All organisations (a few hundred at most), with how many people each has."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.rows: list[Organisation] = []
        self._people: dict[int, int] = {}
        self._sort_keys: list[tuple[str, ...]] = []

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._store.organisations.all()
        self._people = self._store.organisations.people_counts()
        # Worked out once: the proxy asks for them many times while it sorts.
        self._sort_keys = [
            tuple(
                sort_key(text or "")
                for text in (o.name, o.sector, o.jurisdiction, o.email, o.website)
            )
            for o in self.rows
        ]
        self.endResetModel()

    headers = tuple(_HEADERS[c] for c in OrgColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        org = self.rows[index.row()]
        column = OrgColumn(index.column())
        if role == ID_ROLE:
            return org.id
        if column is OrgColumn.PEOPLE:
            count = self._people.get(org.id, 0)
            if role == SORT_ROLE:
                return count
            if role == Qt.ItemDataRole.DisplayRole:
                return str(count)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        text = {
            OrgColumn.NAME: org.name,
            OrgColumn.SECTOR: org.sector or "",
            OrgColumn.JURISDICTION: org.jurisdiction or "",
            OrgColumn.EMAIL: org.email or "",
            OrgColumn.WEBSITE: org.website or "",
        }[column]
        if role == SORT_ROLE:
            return self._sort_keys[index.row()][column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        return None


class OrganisationEditor(QDialog):
    def __init__(
        self, store: Store, organisation_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.organisation_id = organisation_id
        org = store.organisations.get(organisation_id) if organisation_id is not None else None
        self.setWindowTitle("Edit organisation" if org else "New organisation")
        self.setObjectName("organisationEditor")
        self.errors = FieldErrors(self)
        self.name = QLineEdit(org.name if org else "", self)
        self.sector = term_combo(store, Taxonomy.SECTORS, org.sector if org else None, self)
        self.jurisdiction = term_combo(
            store, Taxonomy.JURISDICTIONS, org.jurisdiction if org else None, self
        )
        self.email = QLineEdit((org.email or "") if org else "", self)
        self.email.setPlaceholderText("office@example.org")
        self.website = QLineEdit((org.website or "") if org else "", self)
        self.notes = QPlainTextEdit(org.notes if org else "", self)
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "&Name:", "name", self.name)
        self.errors.add_row(form, "&Sector:", "sector", self.sector)
        self.errors.add_row(form, "&Jurisdiction:", "jurisdiction", self.jurisdiction)
        self.errors.add_row(form, "&Email:", "email", self.email)
        self.errors.add_row(form, "&Website:", "website", self.website)
        self.errors.add_row(form, "N&otes:", "notes", self.notes)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b71c1c;")
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        initial_size(self, 520, 420)

    @Slot()
    def _on_save(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        ok = True
        for field, check, value in (
            ("name", check_name, self.name.text()),
            ("email", check_email, self.email.text()),
        ):
            try:
                check(value)
            except ValidationError as exc:
                self.errors.show(field, str(exc))
                ok = False
        if not ok:
            return
        draft = OrganisationDraft(
            name=self.name.text(),
            sector=self.sector.currentData(),
            jurisdiction=self.jurisdiction.currentData(),
            email=self.email.text(),
            website=self.website.text(),
            notes=self.notes.toPlainText(),
        )
        try:
            self.organisation_id = save_organisation(self._store, draft, self.organisation_id)
        except ValidationError as exc:
            if exc.field in self.errors.labels:
                self.errors.show(exc.field or "", str(exc))
            else:
                self.general_error.setText(f"⚠ {exc}")
                self.general_error.show()
            return
        except ConvenerError as exc:
            self.general_error.setText(f"⚠ {exc}")
            self.general_error.show()
            return
        self.accept()


class OrganisationsPage(QWidget):
    """The list of organisations with a filter box; new, edit and delete act on it."""

    directory_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = OrganisationModel(store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter organisations…")
        self.search.setAccessibleName("Filter organisations")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("organisationTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Organisations")
        # Set before sorting is enabled, which sorts by the indicator (descending by default).
        self.table.horizontalHeader().setSortIndicator(OrgColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in zip(OrgColumn, (340, 200, 120, 220, 260, 70), strict=True):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.activated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.table)
        # The list is read when the page is first shown, not while the app starts.
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_view()
        super().showEvent(event)

    def refresh_view(self) -> None:
        """Re-read now if the page is on screen, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.model.refresh()

    # -- actions the main window routes here -------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def new_item(self) -> None:
        editor = OrganisationEditor(self._store, None, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit_item(self) -> None:
        org_id = self.selected_id()
        if org_id is None:
            return
        editor = OrganisationEditor(self._store, org_id, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def delete_item(self) -> None:
        org_id = self.selected_id()
        if org_id is None:
            return
        name = self._store.organisations.get(org_id).name
        answer = QMessageBox.question(self, "Delete organisation", f"Delete '{name}'?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self._store.db.atomic():
                self._store.organisations.delete(org_id)
        except ConvenerError as exc:
            show_error(self, "Organisation not deleted", str(exc))
            return
        self.reload()

    def reload(self) -> None:
        self.refresh_view()
        self.directory_changed.emit()

    @Slot(QModelIndex)
    def _on_activated(self, _index: QModelIndex) -> None:
        self.edit_item()
