"""The stakeholder table: a model over the database that fetches rows as they scroll in."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from convener.consent import NO_CONSENT
from convener.domain import Stakeholder
from convener.privacy import Audience, render_person
from convener.storage import StakeholderFilter, Store

_PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    ORGANISATION = 1
    SECTOR = 2
    JURISDICTION = 3


_HEADERS = {
    Column.NAME: "Name",
    Column.ORGANISATION: "Organisation",
    Column.SECTOR: "Sector",
    Column.JURISDICTION: "Jurisdiction",
}


class StakeholderTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ids: list[int] = store.stakeholders.ids(StakeholderFilter())
        self._cache: dict[int, Stakeholder] = {}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        person = self._person(index.row())
        view = render_person(person, NO_CONSENT, Audience.INTERNAL)
        if view is None:
            return None
        column = Column(index.column())
        if column is Column.NAME:
            return view.name
        if column is Column.ORGANISATION:
            return view.organisation
        if column is Column.SECTOR:
            return person.sector
        return person.jurisdiction

    def _person(self, row: int) -> Stakeholder:
        sid = self._ids[row]
        if sid not in self._cache:
            page = self._ids[row : row + _PAGE]
            for person in self._store.stakeholders.get_many(page):
                self._cache[person.id] = person
        return self._cache[sid]
