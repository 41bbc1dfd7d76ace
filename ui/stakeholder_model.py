"""The stakeholder table: a model over the database that fetches rows as they scroll in.

The model holds only the ordered list of matching ids (one query that the database answers
from its indexes and the full-text index) and fills a small cache a page at a time as rows are
painted. A search typed into the page (`search`) runs that query on the GUI thread when the
directory is small enough that no search can take long, or when it only narrows a search that
was quick, and otherwise on a background thread, so that at 100,000 people a one-letter search
that matches everybody never holds up typing; the newest answer wins.
Filtering and ordering happen in SQL, so a directory of 100,000 people costs the same to show
as one of 100. Lists show everyone as the office may see them in a list
(`Audience.INTERNAL`): protected people appear by pseudonym, never by name.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace
from enum import IntEnum
from functools import partial
from typing import Any, NamedTuple

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
from convener.errors import ConvenerError
from convener.privacy import Audience, render_person
from convener.storage import SortKey, StakeholderFilter, Store
from ui.tasks import Progress, TaskManager

_PAGE = 64  # about two screens of rows
_PAGES_KEPT = 40
_Index = QModelIndex | QPersistentModelIndex

# The largest directory whose searches run on the GUI thread, from the slowest searches
# measured (docs/performance.md, "Search keystroke at the table model, office and large"). A
# one-letter prefix that matches nearly everyone is the slowest keystroke: at most 0.5 ms at
# 2,000 people and 4-5 ms at 20,000 (p99 3.5-4.4 ms on a loaded machine), about 0.2 µs a
# person. The page sends filter changes here too, and a condition such as consent reads every
# person's row: one letter with a consent filter took up to 14.6 ms at 20,000, still under a
# 16.7 ms frame, which a larger directory would pass. Up to this size the hop to the reader
# thread (about 0.1 ms and one more turn of the event loop) keeps nothing noticeable off the
# GUI thread and costs more than a typical keystroke's whole search (0.02 ms at office size);
# at 100,000 people one letter alone takes 20-40 ms, so there it is worth it.
INLINE_SEARCH_LIMIT = 20_000

# In a larger directory a search that only narrows the last one (the same filters, more text
# typed after it) matches no one that one did not, and costs about as much or less: when the
# last one took less than this, the next runs on the GUI thread too. So at 100,000 people the
# first letters of a name are searched in the background and the rest of it as it is typed.
QUICK_SEARCH = 0.004  # seconds: a quarter of a frame

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


class _Row(NamedTuple):
    """One row as lists may show it, worked out once when its page is fetched."""

    texts: tuple[str, ...]  # by Column
    sort_values: tuple[Any, ...]  # by Column


_EMPTY_ROW = _Row(("",) * len(Column), ("",) * len(Column))


class _Answer(NamedTuple):
    generation: int
    ids: list[int]
    filters: StakeholderFilter
    seconds: float  # how long the query took on the reader's thread


def _render_row(person: Stakeholder, consent: ConsentState) -> _Row:
    view = render_person(person, consent, Audience.INTERNAL)
    if view is None:  # erased people are not listed
        return _EMPTY_ROW
    texts = (
        view.name,
        view.organisation or "",
        view.email or "",
        person.sector or "",
        person.jurisdiction or "",
        ", ".join(person.levers),
        ", ".join(person.themes),
        "Yes" if person.lived_experience else "",
        str(consent.status(ConsentPurpose.CONTACT)),
    )
    sort_values = tuple(
        int(person.lived_experience) if column is Column.LIVED_EXPERIENCE else sort_key(text)
        for column, text in zip(Column, texts, strict=True)
    )
    return _Row(texts, sort_values)


class StakeholderTableModel(QAbstractTableModel):
    """Rows are stakeholders matching the current filter, in the current database order."""

    rows_changed = Signal(int)  # the number of matching people after a new query
    search_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        tasks: TaskManager | None = None,
        inline_limit: int = INLINE_SEARCH_LIMIT,
        quick_search: float = QUICK_SEARCH,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._inline_limit = inline_limit
        self._quick_search = quick_search
        self._quick: StakeholderFilter | None = None  # the last search, if it was quick
        self._people = store.stakeholders.count()  # counted again on each refresh
        self._generation = 0
        self._filter = StakeholderFilter()
        self._sort = SortKey.NAME
        self._descending = False
        self._sort_column = Column.NAME
        self._ids: list[int] = store.stakeholders.ids(self._filter)
        self._pages: OrderedDict[int, dict[int, _Row]] = OrderedDict()

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
        """Narrow the list now, on this thread."""
        if filters != self._filter:
            self._filter = filters
            self.refresh()

    def search(self, filters: StakeholderFilter) -> None:
        """Narrow the list; `rows_changed` says when, or `search_failed` why not.

        In a directory of up to `inline_limit` people, or when `filters` only narrows a search
        that took less than `quick_search` seconds, the query runs now, on this thread, and the
        rows have changed when this returns; otherwise it runs on the reader thread.
        """
        self._filter = filters
        self._generation += 1  # an answer still on its way is now out of date
        if self._tasks is not None and not self._runs_now(filters):
            work = partial(self._query_ids, filters, self._sort, self._descending, self._generation)
            self._tasks.run_on_reader(work, self._on_answer, self._on_failed)
            return
        started = time.perf_counter()
        try:
            ids = self._ids_now()
        except ConvenerError as exc:
            self.search_failed.emit(str(exc))
        else:
            self._searched(filters, time.perf_counter() - started)
            self._replace_ids(ids)

    def _runs_now(self, filters: StakeholderFilter) -> bool:
        """Whether this search can take no time worth leaving the GUI thread for."""
        if self._people <= self._inline_limit:
            return True
        quick = self._quick
        return (
            quick is not None
            and any(char.isalnum() for char in quick.search)  # not the whole directory
            and filters.search.startswith(quick.search)
            and replace(filters, search="") == replace(quick, search="")
        )

    def _searched(self, filters: StakeholderFilter, seconds: float) -> None:
        self._quick = filters if seconds < self._quick_search else None

    def _query_ids(
        self,
        filters: StakeholderFilter,
        order: SortKey,
        descending: bool,
        generation: int,
        reader: Store,
        _progress: Progress,
    ) -> _Answer | None:
        """Runs on the reader's thread; only reads the generation, which the GUI thread sets."""
        if generation != self._generation:
            return None  # typed on since: a newer search is already queued behind this one
        started = time.perf_counter()
        ids = reader.stakeholders.ids(filters, order=order, descending=descending)
        return _Answer(generation, ids, filters, time.perf_counter() - started)

    def refresh(self, filters: StakeholderFilter | None = None) -> None:
        """Query the matching ids again, now (after a change to the data or the filter)."""
        if filters is not None:
            self._filter = filters
        self._people = self._store.stakeholders.count()
        self._quick = None  # the data changed: how long a search takes is not known any more
        self._generation += 1  # an answer still on its way is now out of date
        self._read_order()
        self._replace_ids(self._ids_now())

    def _read_order(self) -> None:
        """Have this store read the directory's display order now, after the data or the order
        changed, rather than on the keystroke that first needs it: searches run on this thread
        are put in that order, and reading it takes 30-45 ms at 100,000 people (measured)."""
        everyone = StakeholderFilter(include_erased=self._filter.include_erased)
        self._store.stakeholders.ids(everyone, order=self._sort, descending=self._descending)

    def _ids_now(self) -> list[int]:
        return self._store.stakeholders.ids(
            self._filter, order=self._sort, descending=self._descending
        )

    def _replace_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.rows_changed.emit(len(self._ids))

    def _on_answer(self, answer: object) -> None:
        if isinstance(answer, _Answer) and answer.generation == self._generation:
            self._searched(answer.filters, answer.seconds)
            self._replace_ids(answer.ids)

    def _on_failed(self, message: str) -> None:
        self.search_failed.emit(message)

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
        self._quick = None  # timed in another order
        self._generation += 1
        self.layoutAboutToBeChanged.emit()
        self._read_order()
        self._ids = self._ids_now()
        self._pages.clear()
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == SORT_ROLE:
            return self._row(index.row()).sort_values[index.column()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._row(index.row()).texts[index.column()]
        return None

    def _row(self, row: int) -> _Row:
        page_no = row // _PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * _PAGE : (page_no + 1) * _PAGE]
            people = self._store.stakeholders.get_many(ids)
            states = self._store.consent.states(ids)
            page = {p.id: _render_row(p, states[p.id]) for p in people}
            self._pages[page_no] = page
            while len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        # Someone deleted since the ids were read shows as an empty row until the next query.
        return page.get(self._ids[row], _EMPTY_ROW)
