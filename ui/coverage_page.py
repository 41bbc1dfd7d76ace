"""The coverage view: a sector × theme heat map that shows gaps at a glance.

Each cell says how many people it counts, in words, and is shaded as a second cue. Clicking a
cell lists those people (by the name lists may show). The grid is filled by one grouped query
(`store.coverage`), so it is cheap on any directory size.
"""

from __future__ import annotations

import itertools
import textwrap
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.consent import NO_CONSENT
from convener.privacy import Audience, render_person
from convener.storage import Store, Taxonomy
from convener.storage.coverage import CoverageGrid, CoverageMeasure, CoverageQuery

_Index = QModelIndex | QPersistentModelIndex
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
# Characters on one line of a theme's column header: "Law enforcement and criminal justice"
# becomes four short lines rather than a wide column (seen cut at 1280x720 and at 200%).
THEME_LINE = 12
HEADER_PADDING = 16  # pixels beside a header's text, inside its section

MEASURE_LABELS = {
    CoverageMeasure.ENGAGED: "Engaged in roundtables (accepted or attended) in the period",
    CoverageMeasure.KNOWN: "Known in the directory (everyone, whatever the period)",
}


def _shade(count: int, highest: int) -> QColor:
    """White for none, through to a deep teal for the fullest cell."""
    if count == 0 or highest == 0:
        return QColor("#ffffff")
    strength = 0.2 + 0.8 * count / highest
    low, high = QColor("#e0f2f1"), QColor("#00695c")
    mix = [
        round(low_part + (high_part - low_part) * strength)
        for low_part, high_part in zip(low.getRgb()[:3], high.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


class CoverageModel(QAbstractTableModel):
    """Rows are sectors, columns themes, cells the number of people."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid = CoverageGrid((), (), {})

    def set_grid(self, grid: CoverageGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.sectors)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.themes)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        terms = self.grid.themes if orientation == Qt.Orientation.Horizontal else self.grid.sectors
        if not 0 <= section < len(terms):
            return None
        term = terms[section]
        if role == Qt.ItemDataRole.DisplayRole:
            name = term.name
            if orientation == Qt.Orientation.Horizontal:
                # Long theme names wrap onto short lines instead of widening every column;
                # the page keeps each column as wide as the longest word (_fit_theme_words).
                name = textwrap.fill(name, THEME_LINE, break_long_words=False)
            return f"{name} (retired)" if term.retired else name
        if role == Qt.ItemDataRole.ToolTipRole:
            return term.name
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sector = self.grid.sectors[index.row()]
        theme = self.grid.themes[index.column()]
        count = self.grid.count(sector.id, theme.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == COUNT_ROLE:
            return count
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            people = "person" if count == 1 else "people"
            return f"{sector.name} × {theme.name}: {count} {people}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _shade(count, self.grid.highest)
        if role == Qt.ItemDataRole.ForegroundRole:
            strong = self.grid.highest and count / self.grid.highest > 0.55
            return QColor("#ffffff") if strong else QColor("#1a1a1a")
        return None


class CoveragePage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = CoverageModel(self)

        self.measure = QComboBox(self)
        self.measure.setAccessibleName("What the numbers count")
        for measure, label in MEASURE_LABELS.items():
            self.measure.addItem(label, measure)
        today = date.today()
        # Last year and this one: long enough to include the office's recent round of events.
        self.start = QDateEdit(QDate(today.year - 1, 1, 1), self)
        self.end = QDateEdit(QDate(today.year, 12, 31), self)
        for edit, name in ((self.start, "Period from"), (self.end, "Period to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.lever = QComboBox(self)
        self.lever.setAccessibleName("Lever")
        self.lever.addItem("Any lever", None)
        for term in store.taxonomy.terms(Taxonomy.LEVERS):
            self.lever.addItem(term.name, term.name)

        self.table = QTableView(self)
        self.table.setObjectName("coverageTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Coverage by sector and theme")
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.model.modelReset.connect(self._fit_theme_words)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.clicked.connect(self._on_cell)
        self.table.activated.connect(self._on_cell)

        self.people = QStringListModel(self)
        self.people_view = QListView(self)
        self.people_view.setModel(self.people)
        self.people_view.setAccessibleName("People in the chosen cell")
        self.people_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.cell_title = QLabel("Click a cell to list the people it counts.", self)
        self.cell_title.setWordWrap(True)
        self.cell_title.setObjectName("cellTitle")

        controls = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("to", self))
        period.addWidget(self.end)
        period.addStretch(1)
        controls.addRow("&Count:", self.measure)
        period_label = QLabel("&Period:", self)
        period_label.setBuddy(self.start)
        controls.addRow(period_label, period)
        controls.addRow("&Lever:", self.lever)
        self.summary = QLabel(self)
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.cell_title)
        side_layout.addWidget(self.people_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.measure.currentIndexChanged.connect(self._on_changed)
        self.lever.currentIndexChanged.connect(self._on_changed)
        self.start.dateChanged.connect(self._on_date_changed)
        self.end.dateChanged.connect(self._on_date_changed)
        order = [self.measure, self.start, self.end, self.lever, self.table, self.people_view]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        # Counting runs when the page is first shown, not while the app starts.
        self._stale = True

    def query(self) -> CoverageQuery:
        """The period runs from the start of the first day to the end of the last (UTC)."""
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return CoverageQuery(
            measure=CoverageMeasure(self.measure.currentData()),
            start=datetime.combine(start, time(), UTC),
            end=datetime.combine(end + timedelta(days=1), time(), UTC),
            lever=self.lever.currentData(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_view()
        super().showEvent(event)

    def refresh_view(self) -> None:
        """Count again now if the page is on screen, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        query = self.query()
        grid = self._store.coverage.grid(query)
        self.model.set_grid(grid)
        self.start.setEnabled(query.measure is CoverageMeasure.ENGAGED)
        self.end.setEnabled(query.measure is CoverageMeasure.ENGAGED)
        empty = sum(1 for s in grid.sectors for t in grid.themes if not grid.count(s.id, t.id))
        self.summary.setText(
            f"{len(grid.sectors)} sectors × {len(grid.themes)} themes; "
            f"{empty} combinations have nobody (shown as 0, unshaded)."
        )
        self.people.setStringList([])
        self.cell_title.setText("Click a cell to list the people it counts.")

    def show_cell(self, row: int, column: int) -> list[str]:
        grid = self.model.grid
        sector, theme = grid.sectors[row], grid.themes[column]
        ids = self._store.coverage.people(self.query(), sector.id, theme.id)
        names = []
        for person in self._store.stakeholders.get_many(ids):
            view = render_person(person, NO_CONSENT, Audience.INTERNAL)
            if view is not None:
                names.append(
                    f"{view.name} — {view.organisation}" if view.organisation else view.name
                )
        self.people.setStringList(names)
        self.cell_title.setText(f"{sector.name} × {theme.name}: {len(names)}")
        return names

    @Slot()
    def _fit_theme_words(self) -> None:
        """Keep every theme column as wide as the longest word of its header, so no word of a
        theme's name is cut, whatever names the office gives its themes."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        words = [word for term in self.model.grid.themes for word in term.name.split()]
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        header.setMinimumSectionSize(max(90, widest + HEADER_PADDING))

    @Slot(QModelIndex)
    def _on_cell(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_cell(index.row(), index.column())

    @Slot(int)
    def _on_changed(self, _index: int) -> None:
        self.refresh_view()

    @Slot(QDate)
    def _on_date_changed(self, _date: QDate) -> None:
        self.refresh_view()
