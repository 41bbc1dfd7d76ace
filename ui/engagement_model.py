"""A person's engagement history: each roundtable they were on the list for."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from convener.domain import Engagement
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex


class EngagementColumn(IntEnum):
    DATE = 0
    ROUNDTABLE = 1
    ROLE = 2
    STATUS = 3


_HEADERS = {
    EngagementColumn.DATE: "Date",
    EngagementColumn.ROUNDTABLE: "Roundtable",
    EngagementColumn.ROLE: "Role",
    EngagementColumn.STATUS: "Status",
}


class EngagementModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Engagement] = []

    headers = tuple(_HEADERS[c] for c in EngagementColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        column = EngagementColumn(index.column())
        if column is EngagementColumn.DATE:
            return row.starts_at.strftime("%Y-%m-%d")
        if column is EngagementColumn.ROUNDTABLE:
            return row.title
        if column is EngagementColumn.ROLE:
            return row.role.replace("-", " ").capitalize()
        return row.status.replace("-", " ").capitalize()
