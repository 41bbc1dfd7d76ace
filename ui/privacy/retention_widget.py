"""The retention review: who has not been engaged for their period; keep them or anonymise."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.retention import ReviewItem, keep, review_list
from convener.storage import Store
from ui.privacy.erase_dialog import EraseDialog
from ui.privacy.retention_model import SORT_ROLE, RetentionReviewModel
from ui.tasks import Progress, TaskManager

ANONYMISE_REASON = "retention review: no longer engaged"


def _load(store: Store, progress: Progress) -> list[ReviewItem]:
    return review_list(store)


def _keep(stakeholder_id: int) -> Callable[[Store, Progress], list[ReviewItem]]:
    def work(store: Store, progress: Progress) -> list[ReviewItem]:
        keep(store, stakeholder_id)
        return review_list(store)

    return work


class RetentionReviewWidget(QWidget):
    """Call `refresh()` when shown; `changed` says a person was kept or anonymised."""

    loaded = Signal(int)  # rows now listed
    changed = Signal(int)  # the stakeholder kept or anonymised

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.dialog: EraseDialog | None = None
        self.model = RetentionReviewModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.summary = QLabel("", self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("People due for a retention review")
        # Names and dates fit their text; the rest of the width goes to the last column.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.keep_button = QPushButton("&Keep", self)
        self.keep_button.setToolTip("Still needed: leave them off the list for another period")
        self.anonymise_button = QPushButton("&Anonymise…", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.anonymise_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.keep_button.clicked.connect(self._keep_selected)
        self.anonymise_button.clicked.connect(self._anonymise_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.summary.setText("Loading…")
        self._tasks.run_on_store(_load, self._on_loaded, self._on_failed)

    def selected(self) -> ReviewItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.item_at(self.proxy.mapToSource(rows[0]).row())

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.keep_button.setEnabled(chosen)
        self.anonymise_button.setEnabled(chosen)

    @Slot()
    def _keep_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self._last = item.stakeholder_id
        self._tasks.run_on_store(_keep(item.stakeholder_id), self._on_kept, self._on_failed)

    @Slot()
    def _anonymise_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.dialog = EraseDialog(
            self._tasks,
            item.stakeholder_id,
            item.display_name,
            reason=ANONYMISE_REASON,
            parent=self,
        )
        self.dialog.erased.connect(self._on_anonymised)
        self.dialog.open()

    @Slot(object)
    def _on_loaded(self, items: list[ReviewItem]) -> None:
        self.model.set_rows(items)
        count = len(items)
        self.summary.setText(
            f"{count} {'person' if count == 1 else 'people'} not engaged for their review period"
            if count
            else "Nobody is due for a retention review."
        )
        self._update_buttons()
        self.loaded.emit(count)

    @Slot(object)
    def _on_kept(self, items: list[ReviewItem]) -> None:
        self._on_loaded(items)
        self.changed.emit(self._last)

    @Slot(int)
    def _on_anonymised(self, stakeholder_id: int) -> None:
        self.changed.emit(stakeholder_id)
        self.refresh()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.summary.setText(f"The review list could not be updated: {message}")
