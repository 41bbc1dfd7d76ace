"""The roundtables page: pick a roundtable, shape its invite list, see where it stands.

Left: the list of roundtables (upcoming, past, all; by theme). Right: the chosen roundtable's
details and status, then two tabs. Planning: its invite list edited inline, the suggestions
panel (computed in the background, one click to add, reasons on hover), the principle checks
and the budget. Findings: what was found there (`ui.findings.FindingsPanel`), one panel per
roundtable, made afresh when the selection changes.

The main window routes New, Edit and Delete here (`new_item`, `edit_item`, `delete_item`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from convener.consent import NO_CONSENT
from convener.domain import InvitationRole, Roundtable, RoundtableStatus
from convener.errors import ConvenerError
from convener.invitations import add_invitations
from convener.invite_list import budget_summary
from convener.principles import CheckResult
from convener.privacy import Audience, render_person
from convener.reversible import take_off_list
from convener.roundtables import TRANSITIONS, change_status
from convener.storage import Store, Taxonomy
from convener.suggestions import checks_for, suggestions_for
from ui.findings import FindingsPanel
from ui.roundtables.checks_model import ChecksModel
from ui.roundtables.delegates import ChoiceDelegate
from ui.roundtables.editor import RoundtableDialog
from ui.roundtables.formatting import pounds, when
from ui.roundtables.invitation_model import InvitationTableModel
from ui.roundtables.list_model import ID_ROLE, RoundtableFilter, RoundtableListModel, When
from ui.roundtables.list_model import Column as ListColumn
from ui.roundtables.suggestion_model import Column as SuggestionColumn
from ui.roundtables.suggestion_model import SuggestionRow, SuggestionTableModel
from ui.tasks import Progress, TaskManager
from ui.undo import AddToList, RemoveFromList, UndoHistory

_NEXT_LABEL = {
    RoundtableStatus.INVITATIONS_SENT: "Mark invitations sent",
    RoundtableStatus.HELD: "Mark as held",
    RoundtableStatus.REPORTED: "Mark as reported",
}


def _suggest_in_background(
    roundtable_id: int, size: int, store: Store, progress: Progress
) -> tuple[int, list[SuggestionRow], list[CheckResult]]:
    """Runs on a worker with its own connection; returns plain data, rendered for the office."""
    progress(0, 1, "Finding people to suggest")
    report = suggestions_for(store, roundtable_id, size)
    people = {p.id: p for p in store.stakeholders.get_many(
        [s.stakeholder_id for s in report.suggestions])}  # fmt: skip
    rows = []
    for s in report.suggestions:
        person = people.get(s.stakeholder_id)
        view = render_person(person, NO_CONSENT, Audience.INTERNAL) if person else None
        if view is None:
            continue
        rows.append(
            SuggestionRow(
                s.stakeholder_id, view.name, person.sector or "" if person else "",
                s.perspective or "", s.score, s.reasons, s.flags, s.warnings,
            )
        )  # fmt: skip
    progress(1, 1, "")
    return roundtable_id, rows, report.checks


class RoundtablesPage(QWidget):
    roundtable_changed = Signal(int)  # a roundtable or its invite list was changed here
    suggestions_ready = Signal()
    checks_refreshed = Signal()

    def __init__(self, store: Store, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._current: Roundtable | None = None
        self._suggestion_request = 0
        self.undo: UndoHistory | None = None  # the window's, once it has one
        self.setAccessibleName("Roundtables")
        self._build_list()
        self._build_details()
        self._build_suggestions()
        self._build_findings()
        self._lay_out()
        self._connect()
        # Every roundtable is read when the page is first shown, not while the app starts.
        self._listed = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._listed:
            self.refresh_list()
        super().showEvent(event)

    def _build_list(self) -> None:
        store = self._store
        self.list_model = RoundtableListModel(self)
        self.list_filter = RoundtableFilter(self)
        self.list_filter.setSourceModel(self.list_model)
        self.when_filter = QComboBox(self)
        self.when_filter.addItems([w.value for w in When])
        self.when_filter.setAccessibleName("Show roundtables")
        self.theme_filter = QComboBox(self)
        self.theme_filter.addItem("All themes")
        self.theme_filter.addItems([t.name for t in store.taxonomy.terms(Taxonomy.THEMES)])
        self.theme_filter.setAccessibleName("Theme")
        self.list_view = QTableView(self)
        self.list_view.setModel(self.list_filter)
        self.list_view.setAccessibleName("Roundtable list")
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setSortingEnabled(True)
        self.list_view.sortByColumn(ListColumn.STARTS, Qt.SortOrder.AscendingOrder)
        # The title gets the room and wraps; the date column is cut short (the details pane
        # shows it whole) and theme and format, also in the details, are left out of the list.
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(ListColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ListColumn.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(ListColumn.STARTS, 130)
        self.list_view.setColumnHidden(ListColumn.THEME, True)
        self.list_view.setColumnHidden(ListColumn.FORMAT, True)
        self.list_view.setWordWrap(True)
        self.list_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.list_view.verticalHeader().hide()
        self.new_button = QPushButton("&New roundtable…", self)
        self.edit_button = QPushButton("Ed&it…", self)

    def _build_details(self) -> None:
        store = self._store
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Roundtable details")
        self.advance_button = QPushButton(self)
        self.cancel_button = QPushButton("Cancel roundtable…", self)

        # -- the invite list -------------------------------------------------------------
        self.invitations = InvitationTableModel(store, self)
        self.invitation_view = QTableView(self)
        self.invitation_view.setModel(self.invitations)
        self.invitation_view.setItemDelegate(ChoiceDelegate(self.invitation_view))
        self.invitation_view.setAccessibleName("Invite list")
        self.invitation_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.invitation_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.invitation_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        _compact_rows(self.invitation_view)
        self.remove_button = QPushButton("Re&move from list", self)
        self.budget = QLabel(self)
        self.budget.setAccessibleName("Budget summary")
        # Which roles take a seat: on hover over the list and the budget line, where the
        # numbers it explains are, rather than a paragraph taking rows from the list.
        seats = (
            "Seats: chair, co-designer, speaker and participant count toward capacity; "
            "observers and note-takers do not."
        )
        self.invitation_view.setToolTip(seats)
        self.budget.setToolTip(seats)

    def _build_suggestions(self) -> None:
        self.suggestions = SuggestionTableModel(self)
        self.suggestion_view = QTableView(self)
        self.suggestion_view.setModel(self.suggestions)
        self.suggestion_view.setAccessibleName("Suggested people (hover for reasons)")
        self.suggestion_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.horizontalHeader().setStretchLastSection(True)
        _compact_rows(self.suggestion_view)
        self.suggestion_size = QSpinBox(self)
        self.suggestion_size.setRange(1, 100)
        self.suggestion_size.setValue(10)
        self.suggestion_size.setAccessibleName("How many suggestions")
        self.suggestion_status = QLabel(self)
        self.refresh_button = QPushButton("&Refresh suggestions", self)
        self.add_button = QPushButton("&Add selected", self)
        self.reserve_button = QPushButton("Add to reser&ve list", self)

        # -- checks ----------------------------------------------------------------------
        self.checks = ChecksModel(self)
        self.checks_view = QListView(self)
        self.checks_view.setModel(self.checks)
        self.checks_view.setWordWrap(True)
        self.checks_view.setAccessibleName("Engagement-principle checks")

    def _build_findings(self) -> None:
        self.findings_panel: FindingsPanel | None = None
        self.findings_page = QWidget(self)
        self.findings_layout = QVBoxLayout(self.findings_page)
        self.findings_empty = QLabel("Choose a roundtable to see its findings.", self.findings_page)
        self.findings_empty.setAccessibleName("No roundtable chosen")
        self.findings_layout.addWidget(self.findings_empty)

    def _lay_out(self) -> None:
        """Three resizable panes on the Planning tab, so a 1280×720 laptop shows each one.

        The invite list spans the width (it has the most columns); below it the suggestions
        and the principle checks sit side by side. Splitters, not a scroll area: each pane
        scrolls its own rows, and the user's drag is remembered (`splitters`).
        """
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.when_filter)
        filters.addWidget(self.theme_filter, 1)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        left_layout.addLayout(buttons)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.details, 1)
        status_buttons = QVBoxLayout()
        status_buttons.addWidget(self.advance_button)
        status_buttons.addWidget(self.cancel_button)
        status_buttons.addStretch(1)
        header_row.addLayout(status_buttons)
        right_layout.addLayout(header_row)

        invite_box = QGroupBox("Invite list", right)
        invite_layout = QVBoxLayout(invite_box)
        invite_layout.addWidget(self.invitation_view, 1)
        invite_controls = QHBoxLayout()
        invite_controls.addWidget(self.budget, 1)
        invite_controls.addWidget(self.remove_button)
        invite_layout.addLayout(invite_controls)

        self.planning_splitter = QSplitter(Qt.Orientation.Vertical, right)
        self.planning_splitter.setObjectName("planningSplitter")
        self.planning_splitter.setAccessibleName("Planning")
        self.planning_splitter.addWidget(invite_box)
        self.planning_splitter.addWidget(self._lower_panels(self.planning_splitter))
        self.planning_splitter.setChildrenCollapsible(False)
        self.planning_splitter.setStretchFactor(0, 1)
        self.planning_splitter.setStretchFactor(1, 1)
        self.tabs = QTabWidget(right)
        self.tabs.setAccessibleName("Roundtable sections")
        self.tabs.setDocumentMode(True)  # no frame inside the page's own margins
        self.tabs.addTab(self.planning_splitter, "&Planning")
        self.tabs.addTab(self.findings_page, "Fin&dings")
        self.tabs.setTabToolTip(0, "Invite list, suggestions, engagement principles and budget")
        self.tabs.setTabToolTip(1, "What was found, recommended and agreed (Ctrl+Shift+F adds)")
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("roundtablesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def splitters(self) -> dict[str, QSplitter]:
        """The page's splitters by settings key, so the window can remember their positions."""
        return {
            "roundtables": self.splitter,
            "roundtables-planning": self.planning_splitter,
            "roundtables-lower": self.lower_splitter,
        }

    def _lower_panels(self, parent: QWidget) -> QWidget:
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal, parent)
        self.lower_splitter.setObjectName("suggestionsChecksSplitter")
        self.lower_splitter.setChildrenCollapsible(False)
        suggest_box = QGroupBox("Suggestions", self.lower_splitter)
        suggest_layout = QVBoxLayout(suggest_box)
        suggest_controls = QHBoxLayout()
        how_many = QLabel("&How many:", suggest_box)
        how_many.setBuddy(self.suggestion_size)
        suggest_controls.addWidget(how_many)
        suggest_controls.addWidget(self.suggestion_size)
        suggest_controls.addWidget(self.refresh_button)
        suggest_controls.addStretch(1)
        suggest_layout.addLayout(suggest_controls)
        suggest_layout.addWidget(self.suggestion_view, 1)
        suggest_layout.addWidget(self.suggestion_status)
        add_controls = QHBoxLayout()
        add_controls.addStretch(1)
        add_controls.addWidget(self.add_button)
        add_controls.addWidget(self.reserve_button)
        suggest_layout.addLayout(add_controls)
        checks_box = QGroupBox("Engagement principles", self.lower_splitter)
        QVBoxLayout(checks_box).addWidget(self.checks_view)
        self.lower_splitter.addWidget(suggest_box)
        self.lower_splitter.addWidget(checks_box)
        self.lower_splitter.setStretchFactor(0, 3)
        self.lower_splitter.setStretchFactor(1, 2)
        return self.lower_splitter

    def _connect(self) -> None:
        self.when_filter.currentTextChanged.connect(self._on_when_changed)
        self.theme_filter.currentIndexChanged.connect(self._on_theme_changed)
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.new_button.clicked.connect(self.new_roundtable)
        self.edit_button.clicked.connect(self.edit_roundtable)
        self.advance_button.clicked.connect(self.advance_status)
        self.cancel_button.clicked.connect(self.cancel_roundtable)
        self.invitations.list_changed.connect(
            self._on_list_changed, Qt.ConnectionType.QueuedConnection
        )
        self.invitations.failed.connect(self._show_error)
        self.suggestion_view.clicked.connect(self._on_suggestion_clicked)
        self.suggestion_view.activated.connect(self._on_suggestion_activated)
        self.refresh_button.clicked.connect(self.refresh_suggestions)
        self.add_button.clicked.connect(self.add_selected_suggestions)
        self.reserve_button.clicked.connect(self.add_selected_to_reserve)
        self.remove_button.clicked.connect(self.remove_selected_invitations)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add_selected_suggestions)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh_suggestions)

    # -- actions the main window routes here -------------------------------------------

    def new_item(self) -> None:
        self.new_roundtable()

    def edit_item(self) -> None:
        self.edit_roundtable()

    def delete_item(self) -> None:
        """Delete retracts the chosen finding, or takes the chosen people off the invite list."""
        if self.tabs.currentWidget() is self.findings_page:
            if self.findings_panel is not None:
                self.findings_panel.open_retract_dialog()
        elif self.invitation_view.selectionModel().hasSelection():
            self.remove_selected_invitations()

    def current_id(self) -> int | None:
        """The selected roundtable's id (what the Roundtable menu's actions act on)."""
        return self._current.id if self._current is not None else None

    @Slot(object)
    def reload_invitations(self, _report: object = None) -> None:
        """Statuses changed outside the page (replies imported, invitations sent)."""
        if self._current is None:
            return
        self._current = self._store.roundtables.get(self._current.id)
        self.invitations.reload()
        self._show_details()
        self._refresh_checks()

    # -- the list ------------------------------------------------------------------------

    @Slot()
    def refresh_list(self) -> None:
        self._listed = True
        keep = self._current.id if self._current else None
        self.list_model.set_rows(self._store.roundtables.all())
        if keep is not None:
            self.select(keep)
        else:
            self._show(None)

    def select(self, roundtable_id: int) -> None:
        if not self._listed:
            self.refresh_list()
        row = self.list_model.row_of(roundtable_id)
        if row < 0:
            return
        index = self.list_filter.mapFromSource(self.list_model.index(row, 0))
        if not index.isValid():  # filtered out: show everything so it can be seen
            self.when_filter.setCurrentText(When.ALL.value)
            self.theme_filter.setCurrentIndex(0)
            index = self.list_filter.mapFromSource(self.list_model.index(row, 0))
        self.list_view.selectRow(index.row())
        self._show(roundtable_id)

    @Slot(str)
    def _on_when_changed(self, text: str) -> None:
        self.list_filter.set_when(When(text))

    @Slot(int)
    def _on_theme_changed(self, index: int) -> None:
        self.list_filter.set_theme(self.theme_filter.itemText(index) if index > 0 else None)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            rid = indexes[0].data(ID_ROLE)
            if self._current is None or rid != self._current.id:
                self._show(int(rid))

    # -- one roundtable ------------------------------------------------------------------

    @property
    def current(self) -> Roundtable | None:
        return self._current

    def _show(self, roundtable_id: int | None) -> None:
        self._current = (
            self._store.roundtables.get(roundtable_id) if roundtable_id is not None else None
        )
        self.invitations.load(roundtable_id)
        self._show_findings(roundtable_id)
        self._show_details()
        self._refresh_checks()
        self.suggestions.set_rows([])
        if roundtable_id is not None:
            self.refresh_suggestions()

    def _show_findings(self, roundtable_id: int | None) -> None:
        if self.findings_panel is not None:
            self.findings_layout.removeWidget(self.findings_panel)
            self.findings_panel.hide()  # deleted on the next turn of the event loop
            self.findings_panel.deleteLater()
            self.findings_panel = None
        self.findings_empty.setVisible(roundtable_id is None)
        if roundtable_id is None:
            self.tabs.setTabText(1, "Fin&dings")
            return
        self.findings_panel = FindingsPanel(self._store, roundtable_id, self.findings_page)
        self.findings_panel.findings_changed.connect(self._on_findings_changed)
        self.findings_layout.addWidget(self.findings_panel)
        self._on_findings_changed(roundtable_id)

    @Slot(int)
    def _on_findings_changed(self, _roundtable_id: int) -> None:
        panel = self.findings_panel
        count = panel.model.rowCount() if panel is not None else 0
        self.tabs.setTabText(1, f"Fin&dings ({count})" if count else "Fin&dings")

    def _show_details(self) -> None:
        r = self._current
        enabled = r is not None and r.status is not RoundtableStatus.CANCELLED
        for widget in (
            self.edit_button, self.cancel_button, self.refresh_button, self.add_button,
            self.reserve_button, self.remove_button,
        ):  # fmt: skip
            widget.setEnabled(enabled)
        if r is None:
            self.details.setText("Choose a roundtable, or create one.")
            self.advance_button.setVisible(False)
            self.budget.clear()
            return
        where = "; ".join(x for x in (r.location, r.online_url) if x) or "no place or link yet"
        capacity = f"{r.capacity} seats" if r.capacity else "no capacity set"
        house = "Chatham House rule" if r.chatham_house else "attributable"
        self.details.setText(
            f"<b>{_escape(r.title)}</b> — {r.status.value.replace('_', ' ')}<br>"
            f"{_escape(r.theme or '')}; {when(r.starts_at, r.tz)} to "
            f"{when(r.ends_at, r.tz)}<br>{_escape(r.format)}: {_escape(where)}<br>"
            f"{capacity}; {house}"
        )
        following = [s for s in TRANSITIONS[r.status] if s is not RoundtableStatus.CANCELLED]
        self.advance_button.setVisible(bool(following))
        if following:
            self.advance_button.setText(_NEXT_LABEL[following[0]])
        self._show_budget()

    def _show_budget(self) -> None:
        r = self._current
        if r is None:
            return
        summary = budget_summary(r.budget_pence, [row.invitation for row in self._rows()])
        parts = [f"Fees {pounds(summary.fees_pence)}", f"expenses {pounds(summary.expenses_pence)}"]
        remaining = summary.remaining_pence
        if remaining is None:
            parts.append("no budget set")
        else:
            word = "left" if remaining >= 0 else "over budget"
            parts.insert(0, f"Budget {pounds(summary.budget_pence)}")
            parts.append(f"{pounds(abs(remaining))} {word}")
        parts.append(f"{summary.unpaid} not yet paid")
        self.budget.setText(" · ".join(parts))

    def _rows(self) -> list[Any]:
        return [self.invitations.row(n) for n in range(self.invitations.rowCount())]

    def _refresh_checks(self) -> None:
        if self._current is None:
            self.checks.set_results([])
        else:
            self.checks.set_results(checks_for(self._store, self._current.id))
        self.checks_refreshed.emit()

    @Slot()
    def _on_list_changed(self) -> None:
        if self._current is None:
            return
        self.invitations.reload()  # a decline may have promoted someone from the reserve list
        self._refresh_checks()
        self._show_budget()
        self.refresh_suggestions()
        self.roundtable_changed.emit(self._current.id)

    # -- editing -------------------------------------------------------------------------

    def open_editor(self, roundtable_id: int | None) -> RoundtableDialog:
        """Open the editor without blocking; the page refreshes when it is saved."""
        dialog = RoundtableDialog(self._store, roundtable_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_editor_saved)
        dialog.open()
        return dialog

    @Slot()
    def new_roundtable(self) -> None:
        self.open_editor(None)

    @Slot()
    def edit_roundtable(self) -> None:
        if self._current is not None:
            self.open_editor(self._current.id)

    @Slot()
    def _on_editor_saved(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, RoundtableDialog) or dialog.saved_id is None:
            return
        self.list_model.set_rows(self._store.roundtables.all())
        self.select(dialog.saved_id)
        self.roundtable_changed.emit(dialog.saved_id)

    @Slot()
    def advance_status(self) -> None:
        r = self._current
        if r is None:
            return
        following = [s for s in TRANSITIONS[r.status] if s is not RoundtableStatus.CANCELLED]
        if following:
            self._change_status(following[0])

    @Slot()
    def cancel_roundtable(self) -> None:
        if self._current is None:
            return
        answer = QMessageBox.question(
            self,
            "Cancel roundtable",
            f"Cancel “{self._current.title}”? Invitees will need a cancellation notice, "
            "and a cancelled roundtable cannot be reopened.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change_status(RoundtableStatus.CANCELLED)

    def _change_status(self, status: RoundtableStatus) -> None:
        assert self._current is not None
        try:
            change_status(self._store, self._current.id, status)
        except ConvenerError as exc:
            self._show_error(str(exc))
            return
        self.refresh_list()
        self.roundtable_changed.emit(self._current.id)

    # -- suggestions ---------------------------------------------------------------------

    @Slot()
    def refresh_suggestions(self) -> None:
        if self._current is None or self._current.status is RoundtableStatus.CANCELLED:
            return
        self._suggestion_request += 1
        self.suggestion_status.setText("Finding people to suggest…")
        work = partial(_suggest_in_background, self._current.id, self.suggestion_size.value())
        self._tasks.run_on_store(work, self._on_suggestions_done, self._on_suggestions_failed)

    def _on_suggestions_done(self, result: object) -> None:
        if not isValid(self):
            return  # the page was closed while the work ran
        assert isinstance(result, tuple)
        roundtable_id, rows, _ = result
        self._suggestion_request -= 1
        if self._current is None or roundtable_id != self._current.id:
            return  # the user moved on; a newer request is under way
        if self._suggestion_request > 0:
            return  # the list changed since this was asked for; a newer answer will come
        self.suggestions.set_rows(rows)
        self.suggestion_status.setText(
            f"{len(rows)} suggestions. Hover for the reasons; click Add to invite."
            if rows
            else "Nobody else with this theme and consent to be contacted."
        )
        self.suggestion_view.resizeColumnsToContents()
        self.suggestions_ready.emit()

    def _on_suggestions_failed(self, message: str) -> None:
        if not isValid(self):
            return
        self._suggestion_request -= 1
        self.suggestion_status.setText(message)

    @Slot(QModelIndex)
    def _on_suggestion_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == SuggestionColumn.ADD:
            self.add_suggestion(index.row())

    @Slot(QModelIndex)
    def _on_suggestion_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.add_suggestion(index.row())

    def _selected_suggestions(self) -> list[int]:
        rows = sorted({i.row() for i in self.suggestion_view.selectionModel().selectedRows()})
        return [self.suggestions.row(r).stakeholder_id for r in rows]

    @Slot()
    def add_selected_suggestions(self) -> None:
        self._add(self._selected_suggestions())

    @Slot()
    def add_selected_to_reserve(self) -> None:
        """Reserves join the end of the reserve list in the order they are selected."""
        self._add(self._selected_suggestions(), reserve=True)

    def add_suggestion(self, row: int) -> None:
        self._add([self.suggestions.row(row).stakeholder_id])

    def _add(self, stakeholder_ids: list[int], *, reserve: bool = False) -> None:
        if self._current is None or not stakeholder_ids:
            return
        try:
            add_invitations(
                self._store,
                self._current.id,
                stakeholder_ids,
                role=InvitationRole.PARTICIPANT,
                reserve=reserve,
            )
        except ConvenerError as exc:
            self._show_error(str(exc))
            return
        if self.undo is not None:
            self.undo.push_done(AddToList(self.undo, self._current.id, stakeholder_ids))
        self._on_list_changed()

    @Slot()
    def remove_selected_invitations(self) -> None:
        rows = sorted({i.row() for i in self.invitation_view.selectionModel().selectedRows()})
        if self._current is None or not rows:
            return
        people = [self.invitations.row(row).invitation.stakeholder_id for row in rows]
        try:
            removed = take_off_list(self._store, self._current.id, people)
        except ConvenerError as exc:
            self._show_error(str(exc))
            return
        if self.undo is not None:
            self.undo.push_done(RemoveFromList(self.undo, self._current.id, removed))
        self._on_list_changed()

    @Slot(str)
    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Convener", message)


def _compact_rows(view: QTableView) -> None:
    """One line of text a row (the style's default leaves room for an editor's frame), so a
    laptop screen shows more people in each pane."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
