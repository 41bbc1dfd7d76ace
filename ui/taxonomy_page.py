"""Settings for the taxonomies: add, rename and retire themes, sectors and jurisdictions.

People are linked to terms by id, so a rename shows everywhere at once and a retired term keeps
its links (it is only no longer offered for new ones). The table says how many people each term
is linked to, so nobody retires a term thinking it is unused.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from convener.domain import Term
from convener.errors import ConvenerError
from convener.reversible import add_term, rename_term, set_term_retired
from convener.storage import Store, Taxonomy
from ui.errors import show_error
from ui.table_model import ListTableModel
from ui.undo import AddTerm, RenameTerm, RetireTerm, UndoHistory

_Index = QModelIndex | QPersistentModelIndex
TERM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

EDITABLE = (Taxonomy.THEMES, Taxonomy.SECTORS, Taxonomy.JURISDICTIONS)
TITLES = {
    Taxonomy.THEMES: "&Themes",
    Taxonomy.SECTORS: "&Sectors",
    Taxonomy.JURISDICTIONS: "&Jurisdictions",
}


class TermColumn(IntEnum):
    NAME = 0
    KIND = 1
    STATE = 2
    PEOPLE = 3


_HEADERS = {
    TermColumn.NAME: "Name",
    TermColumn.KIND: "Group",
    TermColumn.STATE: "State",
    TermColumn.PEOPLE: "People linked",
}


class TermModel(ListTableModel):
    """The terms of one taxonomy, retired ones included, with their number of people."""

    def __init__(self, store: Store, taxonomy: Taxonomy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.taxonomy = taxonomy
        self.rows: list[Term] = []
        self._usage: dict[int, int] = {}

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._store.taxonomy.terms(self.taxonomy, include_retired=True)
        self._usage = self._store.taxonomy.usage(self.taxonomy)
        self.endResetModel()

    def term(self, row: int) -> Term:
        return self.rows[row]

    def row_of(self, term_id: int) -> int | None:
        for row, term in enumerate(self.rows):
            if term.id == term_id:
                return row
        return None

    headers = tuple(_HEADERS[c] for c in TermColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        term = self.rows[index.row()]
        if role == TERM_ID_ROLE:
            return term.id
        column = TermColumn(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column is TermColumn.PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column is TermColumn.NAME:
            return term.name
        if column is TermColumn.KIND:
            return term.kind.replace("-", " ").capitalize()
        if column is TermColumn.STATE:
            return "Retired" if term.retired else "In use"
        return str(self._usage.get(term.id, 0))


class TermEditor(QWidget):
    """One taxonomy's table with its Add, Rename and Retire/Restore buttons."""

    changed = Signal()

    def __init__(self, store: Store, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.undo: UndoHistory | None = None  # the window's, once it has one
        self.taxonomy = taxonomy
        self.model = TermModel(store, taxonomy, self)
        self.table = QTableView(self)
        self.table.setObjectName(f"termTable_{taxonomy.value}")
        self.table.setModel(self.model)
        self.table.setAccessibleName(taxonomy.value.capitalize())
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TermColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(f"New {taxonomy.singular} name")
        self.new_name.setAccessibleName(f"New {taxonomy.singular} name")
        self.new_name.returnPressed.connect(self.add_term)
        self.add_button = QPushButton(f"&Add {taxonomy.singular}", self)
        self.add_button.clicked.connect(self.add_term)
        self.rename_button = QPushButton("&Rename…", self)
        self.rename_button.clicked.connect(self._on_rename)
        self.retire_button = QPushButton("Ret&ire / restore", self)
        self.retire_button.setToolTip(
            "A retired term keeps its links to people but is not offered for new ones"
        )
        self.retire_button.clicked.connect(self.toggle_retired)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_name, 1)
        buttons.addWidget(self.add_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def selected_term(self) -> Term | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.term(rows[0].row()) if rows else None

    def select(self, term_id: int) -> None:
        row = self.model.row_of(term_id)
        if row is not None:
            self.table.selectRow(row)

    @Slot()
    def add_term(self) -> None:
        name = self.new_name.text().strip()
        try:
            term_id = add_term(self._store, self.taxonomy, name)
        except ConvenerError as exc:
            show_error(self, f"{self.taxonomy.singular.capitalize()} not added", str(exc))
            return
        if self.undo is not None:
            self.undo.push_done(AddTerm(self.undo, self.taxonomy, term_id, name))
        self.new_name.clear()
        self._after_change(term_id)

    def rename(self, term_id: int, new_name: str) -> bool:
        old = next(t.name for t in self.model.rows if t.id == term_id)
        try:
            rename_term(self._store, self.taxonomy, term_id, new_name)
        except ConvenerError as exc:
            show_error(self, f"{self.taxonomy.singular.capitalize()} not renamed", str(exc))
            return False
        if self.undo is not None:
            self.undo.push_done(
                RenameTerm(self.undo, self.taxonomy, term_id, old, new_name.strip())
            )
        self._after_change(term_id)
        return True

    @Slot()
    def _on_rename(self) -> None:
        term = self.selected_term()
        if term is None:
            return
        new_name, ok = QInputDialog.getText(
            self,
            f"Rename {self.taxonomy.singular}",
            "New name:",
            QLineEdit.EchoMode.Normal,
            term.name,
        )
        if ok and new_name.strip() and new_name.strip() != term.name:
            self.rename(term.id, new_name)

    @Slot()
    def toggle_retired(self) -> None:
        term = self.selected_term()
        if term is None:
            return
        try:
            set_term_retired(self._store, self.taxonomy, term.id, not term.retired)
        except ConvenerError as exc:
            show_error(self, "Not changed", str(exc))
            return
        if self.undo is not None:
            self.undo.push_done(
                RetireTerm(self.undo, self.taxonomy, term.id, term.name, not term.retired)
            )
        self._after_change(term.id)

    def _after_change(self, term_id: int) -> None:
        self.model.refresh()
        self.select(term_id)
        self.changed.emit()


class TaxonomyPage(QWidget):
    taxonomy_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[Taxonomy, TermEditor] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Taxonomies")
        for taxonomy in EDITABLE:
            editor = TermEditor(store, taxonomy, self)
            editor.changed.connect(self._on_changed)
            self.editors[taxonomy] = editor
            self.tabs.addTab(editor, TITLES[taxonomy])
        intro = QLabel(
            "Rename a term and everyone linked to it follows. Retire a term to stop offering it "
            "for new records: people already linked keep it. The four levers are fixed.",
            self,
        )
        intro.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(intro)
        self._layout.addWidget(self.tabs, 1)
        # Counting people per term runs when the page is first shown, not while the app starts.
        self._stale = True

    def use_undo(self, undo: UndoHistory) -> None:
        for editor in self.editors.values():
            editor.undo = undo

    def add_section(self, widget: QWidget) -> None:
        """Another group of settings, above the taxonomies (the page is the Settings page)."""
        self._layout.insertWidget(0, widget)

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
        for editor in self.editors.values():
            editor.model.refresh()

    @Slot()
    def _on_changed(self) -> None:
        self.taxonomy_changed.emit()
