"""The stakeholder directory: search as you type, filters, the table and the selected record."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.directory import draft_of
from convener.domain import ConsentPurpose
from convener.errors import ConvenerError
from convener.reversible import delete_stakeholder
from convener.storage import StakeholderFilter, Store, Taxonomy
from ui.consent_panel import PURPOSE_LABELS
from ui.errors import show_error
from ui.merge_dialog import MergeDialog
from ui.record_panel import RecordPanel
from ui.stakeholder_editor import StakeholderEditor
from ui.stakeholder_model import ID_ROLE, INLINE_SEARCH_LIMIT, Column, StakeholderTableModel
from ui.tasks import TaskManager
from ui.undo import AddStakeholder, DeleteStakeholder, EditStakeholder, UndoHistory

SEARCH_PAUSE_MS = 150
_TERM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_COLUMN_WIDTHS = {
    Column.NAME: 180,
    Column.ORGANISATION: 200,
    Column.EMAIL: 210,
    Column.SECTOR: 170,
    Column.JURISDICTION: 110,
    Column.LEVERS: 170,
    Column.THEMES: 240,
    Column.LIVED_EXPERIENCE: 110,
    Column.CONTACT_CONSENT: 120,
}


def consent_choice(purpose: ConsentPurpose, given: bool) -> str:
    """The consent filter's item data (plain text, so item lookups compare by value)."""
    return f"{purpose.value}:{'given' if given else 'not given'}"


def _filter_combo(parent: QWidget, name: str, any_text: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(any_text.replace("Any ", "Filter by "))
    combo.addItem(any_text, None)
    # Sized by a fixed number of characters, not by the longest term, so the window can stay
    # narrow on a laptop; the full text shows in the popup and the tooltip.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


class StakeholdersPage(QWidget):
    """Everything about people in one place; the main window routes its actions here."""

    directory_changed = Signal()
    status_message = Signal(str)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        tasks: TaskManager | None = None,
        inline_limit: int = INLINE_SEARCH_LIMIT,  # see StakeholderTableModel
    ) -> None:
        super().__init__(parent)
        self.undo: UndoHistory | None = None  # the window's, once it has one
        self._store = store
        self.model = StakeholderTableModel(store, self, tasks, inline_limit)
        self.model.rows_changed.connect(self._on_rows_changed)
        self.model.search_failed.connect(self._on_search_failed)

        self.search = QLineEdit(self)
        self.search.setObjectName("stakeholderSearch")
        # Down from the search box goes into the results (the first row if none is chosen).
        self.search.installEventFilter(self)
        self.search.setPlaceholderText("Search names, organisations, roles, emails, tags, notes…")
        self.search.setAccessibleName("Search stakeholders")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._on_search_edited)

        self.sector = _filter_combo(self, "sectorFilter", "Any sector")
        self.lever = _filter_combo(self, "leverFilter", "Any lever")
        self.theme = _filter_combo(self, "themeFilter", "Any theme")
        self.jurisdiction = _filter_combo(self, "jurisdictionFilter", "Any jurisdiction")
        self.lived = _filter_combo(self, "livedFilter", "Lived experience: any")
        self.lived.setAccessibleName("Filter by lived experience")
        self.lived.addItem("Lived experience experts", True)
        self.lived.addItem("Not lived experience experts", False)
        self.consent = _filter_combo(self, "consentFilter", "Consent: any")
        self.consent.setAccessibleName("Filter by consent")
        for purpose in ConsentPurpose:
            label = PURPOSE_LABELS[purpose].lower()
            self.consent.addItem(f"Consent to {label}: given", consent_choice(purpose, True))
            self.consent.addItem(f"Consent to {label}: not given", consent_choice(purpose, False))
        self._fill_taxonomy_filters()
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.clear_filters_button = QPushButton("C&lear filters", self)
        self.clear_filters_button.clicked.connect(self.clear_filters)

        self.table = QTableView(self)
        self.table.setObjectName("stakeholderTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Stakeholders")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Fixed row heights keep scrolling through 100,000 rows cheap.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        # Set before sorting is enabled, which sorts by the indicator (descending by default).
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.record = RecordPanel(store, self, tasks)
        self.record.consent_changed.connect(self._on_consent_changed)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")

        filters = QGridLayout()
        for n, combo in enumerate(self.filter_combos):
            filters.addWidget(combo, n // 3, n % 3)
        filters.addWidget(self.clear_filters_button, 0, 3)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("stakeholderSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.record)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 520])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        order = [self.search, *self.filter_combos, self.clear_filters_button, self.table]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.setTabOrder(self.table, self.record.tabs)
        self._on_rows_changed(self.model.rowCount())

    @property
    def filter_combos(self) -> list[QComboBox]:
        return [self.sector, self.lever, self.theme, self.jurisdiction, self.lived, self.consent]

    def _fill_taxonomy_filters(self) -> None:
        """(Re)list the terms, keeping each filter's choice by id, so it survives a rename."""
        for combo, taxonomy in (
            (self.sector, Taxonomy.SECTORS),
            (self.lever, Taxonomy.LEVERS),
            (self.theme, Taxonomy.THEMES),
            (self.jurisdiction, Taxonomy.JURISDICTIONS),
        ):
            chosen = combo.currentData(_TERM_ID_ROLE)
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for term in self._store.taxonomy.terms(taxonomy, include_retired=True):
                label = f"{term.name} (retired)" if term.retired else term.name
                combo.addItem(label, term.name)
                combo.setItemData(combo.count() - 1, term.id, _TERM_ID_ROLE)
            found = combo.findData(chosen, _TERM_ID_ROLE) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    # -- filtering ---------------------------------------------------------------------------

    def current_filter(self) -> StakeholderFilter:
        consent = self.consent.currentData()
        purpose, _, given = consent.partition(":") if consent else ("", "", "")
        return StakeholderFilter(
            search=self.search.text(),
            sector=self.sector.currentData(),
            lever=self.lever.currentData(),
            theme=self.theme.currentData(),
            jurisdiction=self.jurisdiction.currentData(),
            lived_experience=self.lived.currentData(),
            consent_purpose=ConsentPurpose(purpose) if purpose else None,
            consent_given=given == "given" if purpose else None,
        )

    @Slot()
    def apply_filters(self) -> None:
        """Run the search (in the background in a large directory); the table follows."""
        self._search_timer.stop()
        self.model.search(self.current_filter())

    @Slot(str)
    def _on_search_failed(self, message: str) -> None:
        show_error(self, "Search failed", message)

    @Slot()
    def clear_filters(self) -> None:
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()

    @Slot(str)
    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.apply_filters()

    @Slot(int)
    def _on_rows_changed(self, count: int) -> None:
        total = "person" if count == 1 else "people"
        self.count_label.setText(f"{count:,} {total}")
        self.count_label.setAccessibleName(f"{count} {total} shown")
        self.status_message.emit(f"{count:,} {total} shown")
        self._show_selected()

    @Slot(int, Qt.SortOrder)
    def _on_sort_indicator(self, _column: int, _order: Qt.SortOrder) -> None:
        # Columns the database cannot order by put the indicator back where the order is.
        column = self.model.sort_column
        order = (
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        )
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() != column or header.sortIndicatorOrder() != order:
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)

    # -- selection and record ----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return [int(index.data(ID_ROLE)) for index in self.table.selectionModel().selectedRows()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def select_stakeholder(self, stakeholder_id: int) -> bool:
        row = self.model.row_of(stakeholder_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        self.record.show_stakeholder(ids[0] if len(ids) == 1 else None)

    @Slot(QModelIndex)
    def _on_activated(self, _index: QModelIndex) -> None:
        self.edit_item()

    @Slot(int)
    def _on_consent_changed(self, stakeholder_id: int) -> None:
        self._reload_keeping(stakeholder_id)

    # -- actions the main window routes here -------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_item(self) -> None:
        editor = StakeholderEditor(self._store, None, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not one left per use
        answer = editor.exec()
        if editor.existing_id is not None:  # "Open existing" on a possible duplicate
            self.select_stakeholder(editor.existing_id)
            return
        if answer == QDialog.DialogCode.Accepted and editor.stakeholder_id is not None:
            if self.undo is not None:
                added = draft_of(self._store.stakeholders.get(editor.stakeholder_id))
                self.undo.push_done(AddStakeholder(self.undo, editor.stakeholder_id, added))
            self._reload_keeping(editor.stakeholder_id)
            self.status_message.emit("Stakeholder added")

    def edit_item(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        before = draft_of(self._store.stakeholders.get(ids[0]))
        editor = StakeholderEditor(self._store, ids[0], self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if editor.exec() == QDialog.DialogCode.Accepted:
            after = draft_of(self._store.stakeholders.get(ids[0]))
            if self.undo is not None and after != before:
                self.undo.push_done(EditStakeholder(self.undo, ids[0], before, after))
            self._reload_keeping(ids[0])
            self.status_message.emit("Stakeholder saved")

    def delete_item(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        answer = QMessageBox.question(
            self,
            "Delete stakeholder",
            "Delete this record? Their consent history is deleted with it "
            "(Edit ▸ Undo brings both back).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = delete_stakeholder(self._store, ids[0])
        except ConvenerError as exc:
            show_error(self, "Stakeholder not deleted", str(exc))
            return
        if self.undo is not None:
            self.undo.push_done(DeleteStakeholder(self.undo, deleted))
        self.reload()
        self.status_message.emit("Stakeholder deleted")

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            show_error(
                self,
                "Merge needs two records",
                "Select exactly two records of the same person (Ctrl+click), then choose Merge.",
            )
            return
        dialog = MergeDialog(self._store, ids[0], ids[1], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_keeping(dialog.kept_id)
            self.status_message.emit("Records merged")

    def reload(self) -> None:
        self._fill_taxonomy_filters()
        self.model.refresh(self.current_filter())
        self.directory_changed.emit()

    def refresh_view(self) -> None:
        """Re-read after another page changed the data (without announcing a change)."""
        selected = self.selected_ids()
        self._fill_taxonomy_filters()
        # A renamed term is filtered for under its new name.
        self.model.refresh(self.current_filter())
        if len(selected) == 1:
            self.select_stakeholder(selected[0])

    def _reload_keeping(self, stakeholder_id: int) -> None:
        self.reload()
        self.select_stakeholder(stakeholder_id)
