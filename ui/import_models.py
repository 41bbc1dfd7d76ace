"""Table models for the import wizard: the column mapping and the per-row duplicate decisions.

Both are edited in place through `ChoiceDelegate`, a combo box over a fixed list of choices;
the models take and give the choice's value (a `Field` or `Decision` value, "" for none).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from convener.importing import ColumnMapping, Decision, Duplicate, Field

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
NOT_IMPORTED = "(not imported)"


class MappingColumn(IntEnum):
    COLUMN = 0
    EXAMPLE = 1
    FIELD = 2


_MAPPING_HEADERS = {
    MappingColumn.COLUMN: "Column in the file",
    MappingColumn.EXAMPLE: "First values",
    MappingColumn.FIELD: "Imported as",
}


class MappingModel(QAbstractTableModel):
    """One row per column of the file; the third column says which field it fills."""

    mapping_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._examples: tuple[str, ...] = ()
        self._fields: list[Field | None] = []

    def load(
        self,
        headers: Sequence[str],
        sample: Sequence[Sequence[str]],
        mapping: Mapping[str, Field],
    ) -> None:
        self.beginResetModel()
        self._headers = tuple(headers)
        self._examples = tuple(
            " | ".join([cells[i] for cells in sample if cells[i].strip()][:3])
            for i in range(len(headers))
        )
        self._fields = [mapping.get(h) for h in headers]
        self.endResetModel()
        self.mapping_changed.emit()

    def mapping(self) -> ColumnMapping:
        return {h: f for h, f in zip(self._headers, self._fields, strict=True) if f is not None}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(MappingColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _MAPPING_HEADERS[MappingColumn(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == MappingColumn.FIELD:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, _EDIT):
            return None
        row, column = index.row(), MappingColumn(index.column())
        if column is MappingColumn.COLUMN:
            return self._headers[row]
        if column is MappingColumn.EXAMPLE:
            return self._examples[row]
        field = self._fields[row]
        if role == _EDIT:
            return field.value if field else ""
        return field.value if field else NOT_IMPORTED

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() != MappingColumn.FIELD:
            return False
        fields = {f.value: f for f in Field}
        if value not in fields and value != "":
            return False
        self._fields[index.row()] = fields.get(str(value))
        self.dataChanged.emit(index, index, [_DISPLAY, _EDIT])
        self.mapping_changed.emit()
        return True


class DecisionColumn(IntEnum):
    ROW = 0
    NAME = 1
    EMAIL = 2
    MATCHES = 3
    REASON = 4
    DECISION = 5


_DECISION_HEADERS = {
    DecisionColumn.ROW: "Row",
    DecisionColumn.NAME: "Name in the file",
    DecisionColumn.EMAIL: "Email in the file",
    DecisionColumn.MATCHES: "Looks like",
    DecisionColumn.REASON: "Because of",
    DecisionColumn.DECISION: "Do",
}


class DecisionModel(QAbstractTableModel):
    """One row per file row that matched someone; the last column is the user's decision."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Duplicate] = []
        self._labels: dict[int, str] = {}
        self._decisions: list[Decision] = []

    def load(self, duplicates: Sequence[Duplicate], labels: Mapping[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(duplicates)
        self._labels = dict(labels)
        self._decisions = [d.decision for d in duplicates]
        self.endResetModel()

    def decisions(self) -> dict[int, Decision]:
        return {d.row: choice for d, choice in zip(self._rows, self._decisions, strict=True)}

    def set_all(self, decision: Decision) -> None:
        self._decisions = [decision] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, DecisionColumn.DECISION),
                self.index(len(self._rows) - 1, DecisionColumn.DECISION),
                [_DISPLAY, _EDIT],
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(DecisionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _DECISION_HEADERS[DecisionColumn(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == DecisionColumn.DECISION:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, _EDIT):
            return None
        row = index.row()
        duplicate = self._rows[row]
        match = duplicate.match
        column = DecisionColumn(index.column())
        if column is DecisionColumn.MATCHES:
            if match.earlier_row is not None:
                return f"row {match.earlier_row} of this file"
            return self._labels.get(match.stakeholder_id, f"#{match.stakeholder_id}")
        values = {
            DecisionColumn.ROW: duplicate.row,
            DecisionColumn.NAME: duplicate.name,
            DecisionColumn.EMAIL: duplicate.email or "",
            DecisionColumn.REASON: str(match.reason),
            DecisionColumn.DECISION: self._decisions[row].value,
        }
        return values[column]

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() != DecisionColumn.DECISION:
            return False
        try:
            self._decisions[index.row()] = Decision(value)
        except ValueError:
            return False
        self.dataChanged.emit(index, index, [_DISPLAY, _EDIT])
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor over (label, value) choices, writing the value to the EditRole."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Choice")
        for label, value in self._choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(_EDIT))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)


FIELD_CHOICES = [(NOT_IMPORTED, ""), *[(f.value, f.value) for f in Field]]
DECISION_CHOICES = [
    ("skip (change nothing)", Decision.SKIP.value),
    ("update the existing record", Decision.UPDATE.value),
    ("create a new record", Decision.CREATE.value),
]
