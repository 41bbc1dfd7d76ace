"""The roundtable list: a table model over every roundtable and a proxy for its filters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from convener.domain import Roundtable
from ui.roundtables.formatting import when
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    TITLE = 0
    THEME = 1
    STARTS = 2
    FORMAT = 3
    STATUS = 4


_HEADERS = {
    Column.TITLE: "Title",
    Column.THEME: "Theme",
    Column.STARTS: "Starts (local time)",
    Column.FORMAT: "Format",
    Column.STATUS: "Status",
}


class _Cells(NamedTuple):
    texts: tuple[str, ...]  # by Column
    sort_values: tuple[str, ...]  # by Column


def _cells(item: Roundtable) -> _Cells:
    texts = tuple(RoundtableListModel.text(item, column) for column in Column)
    sort_values = tuple(
        item.starts_at.isoformat() if column is Column.STARTS else text.casefold()
        for column, text in zip(Column, texts, strict=True)
    )
    return _Cells(texts, sort_values)


class RoundtableListModel(ListTableModel):
    """Every roundtable; each row's texts are worked out once, when the rows are set.

    The view's sort and the proxy ask for every cell many times over (a sort of 2,000
    roundtables asks about 40,000 times), so `data()` only looks its answer up.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Roundtable] = []
        self._cells: list[_Cells] = []
        self._sort = (Column.STARTS, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Iterable[Roundtable]) -> None:
        pairs = self._ordered([(item, _cells(item)) for item in rows])
        self._cells = [cells for _, cells in pairs]
        super().set_rows(item for item, _ in pairs)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows here, in one Python sort, and keep that order for new rows.

        A sort proxy compares through `data()`, two cells per comparison; at 2,000
        roundtables that was most of the time the page took to build (docs/performance.md).
        Column -1 (Qt's "no sort column") keeps the current order.
        """
        if not 0 <= column < len(Column):
            return
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        moved = self.persistentIndexList()
        ids = [self.rows[index.row()].id for index in moved]
        pairs = self._ordered(list(zip(self.rows, self._cells, strict=True)))
        self.rows = [item for item, _ in pairs]
        self._cells = [cells for _, cells in pairs]
        rows_now = {item.id: row for row, item in enumerate(self.rows)}
        self.changePersistentIndexList(
            moved,
            [self.index(rows_now[i], index.column()) for i, index in zip(ids, moved, strict=True)],
        )
        self.layoutChanged.emit()

    def _ordered(self, pairs: list[tuple[Roundtable, _Cells]]) -> list[tuple[Roundtable, _Cells]]:
        column, order = self._sort
        return sorted(
            pairs,
            key=lambda pair: (pair[1].sort_values[column], pair[0].id),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def roundtable(self, row: int) -> Roundtable:
        return self.rows[row]

    def row_of(self, roundtable_id: int) -> int:
        for row, item in enumerate(self.rows):
            if item.id == roundtable_id:
                return row
        return -1

    headers = tuple(_HEADERS[c] for c in Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == ID_ROLE:
            return self.rows[row].id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[row].texts[index.column()]
        return None

    @staticmethod
    def text(item: Roundtable, column: Column) -> str:
        if column is Column.TITLE:
            return item.title
        if column is Column.THEME:
            return item.theme or ""
        if column is Column.STARTS:
            return when(item.starts_at, item.tz)
        if column is Column.FORMAT:
            return item.format
        return item.status.value.replace("_", " ")


class When(StrEnum):
    ALL = "All"
    UPCOMING = "Upcoming"
    PAST = "Past"


class RoundtableFilter(QSortFilterProxyModel):
    """Upcoming, past or all; optionally one theme."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._when = When.ALL
        self._theme: str | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (once, in Python); this proxy only filters."""
        self.sourceModel().sort(column, order)

    def set_when(self, value: When) -> None:
        self.beginFilterChange()
        self._when = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_theme(self, theme: str | None) -> None:
        self.beginFilterChange()
        self._theme = theme
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RoundtableListModel)
        item = model.roundtable(source_row)
        if self._theme and item.theme != self._theme and self._theme not in item.extra_themes:
            return False
        now = datetime.now(UTC)
        if self._when is When.UPCOMING:
            return item.ends_at >= now
        if self._when is When.PAST:
            return item.ends_at < now
        return True
