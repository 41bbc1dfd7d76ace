""" "Where has my data gone": the ledger of one person, loaded in the background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from convener.storage import Store
from convener.storage.disclosures import Disclosure
from ui.privacy.ledger_model import SORT_ROLE, DisclosureLedgerModel, LedgerColumn
from ui.tasks import Progress, TaskManager

_Loaded = tuple[int, list[Disclosure]]


def _ledger_of(request: int, stakeholder_id: int) -> Callable[[Store, Progress], _Loaded]:
    def work(store: Store, progress: Progress) -> _Loaded:
        return request, store.disclosures.for_person(stakeholder_id)

    return work


class DisclosureLedgerWidget(QWidget):
    """Place it in a person's record; call `show_person(id)` when the record opens."""

    loaded = Signal(int)  # the number of rows now shown

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._request = 0
        self.model = DisclosureLedgerModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LedgerColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setAccessibleName("Where this person's data has gone")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        # File names differ at their ends (roundtable, invitee, .ics or .eml): cut the middle.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_person(self, stakeholder_id: int) -> None:
        # Only the latest request counts: an earlier, slower load must not overwrite it.
        self._request += 1
        self.summary.setText("Loading…")
        self._tasks.run_on_store(
            _ledger_of(self._request, stakeholder_id), self._on_loaded, self._on_failed
        )

    @Slot(object)
    def _on_loaded(self, result: _Loaded) -> None:
        request, ledger = result
        if request != self._request:
            return
        self.model.set_rows(ledger)
        if ledger:
            self.summary.setText(
                f"{len(ledger)} file{'s' if len(ledger) != 1 else ''} made with this person's "
                "data. A withdrawal of consent or an erasure cannot reach copies already made; "
                "contact whoever received them."
            )
        else:
            self.summary.setText("No file made by Convener has carried this person's data.")
        self.loaded.emit(len(ledger))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.summary.setText(f"The ledger could not be loaded: {message}")
