"""The disclosure ledger of one person as a table: which file carried their data, and when."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from convener.storage.disclosures import Disclosure
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_AUDIENCE_LABELS = {
    "record": "The person themselves",
    "internal": "The office",
    "invitee": "An invitee",
    "public": "Public",
}


class LedgerColumn(IntEnum):
    WHEN = 0
    WHAT = 1
    AUDIENCE = 2
    FILE = 3


_HEADERS = {
    LedgerColumn.WHEN: "When",
    LedgerColumn.WHAT: "What",
    LedgerColumn.AUDIENCE: "Seen by",
    LedgerColumn.FILE: "File",
}


class DisclosureLedgerModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Disclosure] = []

    def row_at(self, row: int) -> Disclosure:
        return self.rows[row]

    headers = tuple(_HEADERS[c] for c in LedgerColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = LedgerColumn(index.column())
        if role == SORT_ROLE:
            return _sort_value(item, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _shown(item)[column]
        return None


def _shown(item: Disclosure) -> dict[LedgerColumn, str]:
    return {
        # Stored in UTC, shown in the laptop's own time.
        LedgerColumn.WHEN: item.created_at.astimezone().strftime("%d %b %Y %H:%M"),
        LedgerColumn.WHAT: item.export_kind,
        LedgerColumn.AUDIENCE: _AUDIENCE_LABELS.get(item.audience, item.audience),
        LedgerColumn.FILE: item.file_name,
    }


def _sort_value(item: Disclosure, column: LedgerColumn) -> str:
    if column is LedgerColumn.WHEN:
        return item.created_at.isoformat()
    return _shown(item)[column].casefold()
