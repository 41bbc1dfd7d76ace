"""The engagement-principle checks as a list: an icon and a word for each outcome."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from convener.principles import CheckResult, Outcome
from ui.roundtables.formatting import OUTCOME_WORDS

_Index = QModelIndex | QPersistentModelIndex
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

# Icon and word together: the outcome never rests on colour alone.
_ICONS = {
    Outcome.PASS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Outcome.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Outcome.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class ChecksModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: list[CheckResult] = []

    def set_results(self, results: list[CheckResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def result(self, key: str) -> CheckResult | None:
        return next((r for r in self._results if r.key == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self._results[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return QApplication.style().standardIcon(_ICONS[result.outcome])
        text = f"{OUTCOME_WORDS[result.outcome]}: {result.title}. {result.message}"
        values = {
            Qt.ItemDataRole.DisplayRole: text,
            Qt.ItemDataRole.AccessibleTextRole: text,
            Qt.ItemDataRole.ToolTipRole: result.message,
            OUTCOME_ROLE: result.outcome.value,
            KEY_ROLE: result.key,
        }
        return values.get(role)
