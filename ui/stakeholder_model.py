"""The stakeholder table: a model over the database that fetches rows as they scroll in.

The model holds only the ordered list of matching ids (one cheap query that the database
answers from its indexes and the full-text index) and fills a small cache a page at a time as
rows are painted. Filtering and ordering happen in SQL, so a directory of 100,000 people costs
the same to show as one of 100. Lists show everyone as the office may see them in a list
(`Audience.INTERNAL`): protected people appear by pseudonym, never by name.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from convener.collation import sort_key
from convener.consent import ConsentState
from convener.domain import ConsentPurpose, Stakeholder
from convener.privacy import Audience, PersonView, render_person
from convener.storage import SortKey, StakeholderFilter, Store

_PAGE = 200
_PAGES_KEPT = 20
_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the stakeholder id of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value a column orders by


class Column(IntEnum):
    NAME = 0
    ORGANISATION = 1
    EMAIL = 2
    SECTOR = 3
    JURISDICTION = 4
    LEVERS = 5
    THEMES = 6
    LIVED_EXPERIENCE = 7
    CONTACT_CONSENT = 8


HEADERS = {
    Column.NAME: "Name",
    Column.ORGANISATION: "Organisation",
    Column.EMAIL: "Email",
    Column.SECTOR: "Sector",
    Column.JURISDICTION: "Jurisdiction",
    Column.LEVERS: "Levers",
    Column.THEMES: "Themes",
    Column.LIVED_EXPERIENCE: "Lived experience",
    Column.CONTACT_CONSENT: "Contact consent",
}

# Columns the database can order by; the others keep the current order when clicked.
SORT_KEYS = {
    Column.NAME: SortKey.NAME,
    Column.ORGANISATION: SortKey.ORGANISATION,
    Column.SECTOR: SortKey.SECTOR,
    Column.JURISDICTION: SortKey.JURISDICTION,
}


class StakeholderTableModel(QAbstractTableModel):
    """Rows are stakeholders matching the current filter, in the current database order."""

    rows_changed = Signal(int)  # the number of matching people after a new query

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._filter = StakeholderFilter()
        self._sort = SortKey.NAME
        self._descending = False
        self._sort_column = Column.NAME
        self._ids: list[int] = store.stakeholders.ids(self._filter)
        self._pages: OrderedDict[int, dict[int, tuple[Stakeholder, ConsentState]]] = OrderedDict()

    # -- what the page asks for -------------------------------------------------------------

    @property
    def current_filter(self) -> StakeholderFilter:
        return self._filter

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, filters: StakeholderFilter) -> None:
        if filters != self._filter:
            self._filter = filters
            self.refresh()

    def refresh(self) -> None:
        """Query the matching ids again (after a change to the data or the filter)."""
        self.beginResetModel()
        self._ids = self._store.stakeholders.ids(
            self._filter, order=self._sort, descending=self._descending
        )
        self._pages.clear()
        self.endResetModel()
        self.rows_changed.emit(len(self._ids))

    def stakeholder_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, stakeholder_id: int) -> int | None:
        try:
            return self._ids.index(stakeholder_id)
        except ValueError:
            return None

    # -- the Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole and column not in SORT_KEYS:
            return f"{HEADERS[column]} (this column cannot be sorted)"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order through the database; columns it cannot order by leave the order as it is."""
        key = SORT_KEYS.get(Column(column))
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key is self._sort and descending == self._descending):
            return
        self._sort, self._descending, self._sort_column = key, descending, Column(column)
        self.layoutAboutToBeChanged.emit()
        self._ids = self._store.stakeholders.ids(self._filter, order=key, descending=descending)
        self._pages.clear()
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            SORT_ROLE,
        ):
            return None
        person, consent = self._row(index.row())
        view = render_person(person, consent, Audience.INTERNAL)
        if view is None:
            return None
        column = Column(index.column())
        text = self._text(person, consent, view, column)
        if role == SORT_ROLE:
            return (
                sort_key(text)
                if column is not Column.LIVED_EXPERIENCE
                else int(person.lived_experience)
            )
        return text

    @staticmethod
    def _text(person: Stakeholder, consent: ConsentState, view: PersonView, column: Column) -> str:
        """What a list may show in one column: names and contacts only as `view` allows."""
        texts = {
            Column.NAME: view.name,
            Column.ORGANISATION: view.organisation or "",
            Column.EMAIL: view.email or "",
            Column.SECTOR: person.sector or "",
            Column.JURISDICTION: person.jurisdiction or "",
            Column.LEVERS: ", ".join(person.levers),
            Column.THEMES: ", ".join(person.themes),
            Column.LIVED_EXPERIENCE: "Yes" if person.lived_experience else "",
        }
        return texts.get(column) or (
            str(consent.status(ConsentPurpose.CONTACT)) if column is Column.CONTACT_CONSENT else ""
        )

    def _row(self, row: int) -> tuple[Stakeholder, ConsentState]:
        page_no = row // _PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * _PAGE : (page_no + 1) * _PAGE]
            people = self._store.stakeholders.get_many(ids)
            states = self._store.consent.states(ids)
            page = {p.id: (p, states[p.id]) for p in people}
            self._pages[page_no] = page
            while len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[self._ids[row]]
