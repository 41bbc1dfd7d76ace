"""Suggested people as a table: reasons on hover, an Add cell for one-click adding."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from convener.composer import PERSPECTIVE_LABELS
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    """One suggestion as shown: already rendered for the office by the disclosure policy."""

    stakeholder_id: int
    name: str
    sector: str
    perspective: str
    score: float
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    warnings: tuple[str, ...]


class Column(IntEnum):
    NAME = 0
    PERSPECTIVE = 1
    SECTOR = 2
    NOTES = 3
    ADD = 4


_HEADERS = {
    Column.NAME: "Name",
    Column.PERSPECTIVE: "Perspective",
    Column.SECTOR: "Sector",
    Column.NOTES: "Check first",
    Column.ADD: "",
}


class SuggestionTableModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SuggestionRow] = []

    def row(self, row: int) -> SuggestionRow:
        return self.rows[row]

    headers = tuple(_HEADERS[c] for c in Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = Column(index.column())
        if role == ID_ROLE:
            return item.stakeholder_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.reasons_text(item)
        if role == Qt.ItemDataRole.AccessibleTextRole and column is Column.ADD:
            return f"Add {item.name} to the invite list"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        return None

    @staticmethod
    def _text(item: SuggestionRow, column: Column) -> str:
        notes = [
            word for word, present in (("Asked often", item.flags), ("Conflict", item.warnings))
            if present
        ]  # fmt: skip
        return {
            Column.NAME: item.name,
            Column.PERSPECTIVE: PERSPECTIVE_LABELS.get(item.perspective, item.perspective),
            Column.SECTOR: item.sector,
            Column.NOTES: ", ".join(notes),
            Column.ADD: "Add",
        }[column]

    @staticmethod
    def reasons_text(item: SuggestionRow) -> str:
        lines = [f"Why {item.name}:", *(f"• {r}" for r in item.reasons)]
        lines += [f"⚠ {f}" for f in item.flags]
        lines += [f"⚠ {w}" for w in item.warnings]
        return "\n".join(lines)
