"""The retention review list as a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from convener.retention import ReviewItem
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RetentionColumn(IntEnum):
    NAME = 0
    LIVED_EXPERIENCE = 1
    IDLE_SINCE = 2
    PERIOD = 3


_HEADERS = {
    RetentionColumn.NAME: "Name",
    RetentionColumn.LIVED_EXPERIENCE: "Lived experience",
    RetentionColumn.IDLE_SINCE: "Not engaged since",
    RetentionColumn.PERIOD: "Review period",
}


class RetentionReviewModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewItem] = []

    def item_at(self, row: int) -> ReviewItem:
        return self.rows[row]

    headers = tuple(_HEADERS[c] for c in RetentionColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = RetentionColumn(index.column())
        if role == SORT_ROLE:
            return _sort_values(item)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(item)[column]
        return None


def _shown(item: ReviewItem) -> dict[RetentionColumn, str]:
    return {
        RetentionColumn.NAME: item.display_name,
        RetentionColumn.LIVED_EXPERIENCE: "Yes" if item.lived_experience else "No",
        RetentionColumn.IDLE_SINCE: item.idle_since.astimezone().strftime("%d %b %Y"),
        RetentionColumn.PERIOD: f"{item.threshold_months} months",
    }


def _sort_values(item: ReviewItem) -> dict[RetentionColumn, str | int]:
    return {
        RetentionColumn.NAME: item.display_name.casefold(),
        RetentionColumn.LIVED_EXPERIENCE: int(item.lived_experience),
        RetentionColumn.IDLE_SINCE: item.idle_since.isoformat(),
        RetentionColumn.PERIOD: item.threshold_months,
    }
