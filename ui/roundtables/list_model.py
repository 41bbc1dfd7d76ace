"""The roundtable list: a table model over every roundtable and a proxy for its filters."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

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
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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


class RoundtableListModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Roundtable] = []

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
        item = self.rows[index.row()]
        column = Column(index.column())
        if role == ID_ROLE:
            return item.id
        if role == SORT_ROLE:
            if column is Column.STARTS:
                return item.starts_at.isoformat()
            return str(self._text(item, column)).casefold()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        return None

    @staticmethod
    def _text(item: Roundtable, column: Column) -> str:
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
        self.setSortRole(SORT_ROLE)

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
