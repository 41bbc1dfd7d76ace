"""The main window: a sidebar of pages, the menus and toolbar that act on the current page.

Pages are plain widgets. The window routes its frequent actions (New, Edit, Delete, Find) to the
current page when the page offers them (`new_item`, `edit_item`, `delete_item`,
`focus_search`) and disables them otherwise. Other screens join with `add_page`; other actions
(Import…, Export…) join the `file_menu`.

The Roundtable menu acts on the roundtable selected on the Roundtables page: calendar
invitations out and replies in (also by dropping reply files on that page), and reports.
The Edit menu's "Erase person…" acts on the stakeholder selected in the directory.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from convener.consent import NO_CONSENT
from convener.privacy import Audience, render_person
from convener.storage import Store
from ui.coverage_page import CoveragePage
from ui.errors import show_error
from ui.export_checks import export_confirmed
from ui.invitations import install_invitation_actions
from ui.layout import fit_to_screen
from ui.organisation_page import OrganisationsPage
from ui.privacy.erase_dialog import EraseDialog
from ui.privacy.retention_widget import RetentionReviewWidget
from ui.recovery import start_daily_backup
from ui.report_dialog import ReportDialog
from ui.roundtables import RoundtablesPage
from ui.stakeholder_page import StakeholdersPage
from ui.tasks import TaskManager
from ui.taxonomy_page import TaxonomyPage
from ui.transfer_actions import TransferActions
from ui.undo import UndoHistory
from ui.user_settings import UserSettingsBox, current_user_name


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings if settings is not None else QSettings()
        self.tasks = TaskManager(store.path, self)
        self.setWindowTitle(f"Convener — {store.path.name}")
        self.setObjectName("mainWindow")

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(150)
        self.pages = QStackedWidget(self)
        self.navigation.currentRowChanged.connect(self._on_page_chosen)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.undo = UndoHistory(store, self)
        self.file_menu: QMenu = self.menuBar().addMenu("&File")
        self.edit_menu: QMenu = self.menuBar().addMenu("&Edit")
        self.go_menu: QMenu = self.menuBar().addMenu("&Go")
        self.roundtable_menu: QMenu = self.menuBar().addMenu("R&oundtable")
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.addToolBar(self.toolbar)
        self._build_actions()

        self.stakeholders = StakeholdersPage(store, self, self.tasks)
        self.organisations = OrganisationsPage(store, self)
        self.coverage = CoveragePage(store, self)
        self.taxonomies = TaxonomyPage(store, self)
        self.roundtables = RoundtablesPage(store, self.tasks, self)
        self.retention = RetentionReviewWidget(self.tasks, self)
        self.retention.setAccessibleName("Retention review")
        self.add_page("Stakeholders", self.stakeholders, "Ctrl+1")
        self.add_page("Organisations", self.organisations, "Ctrl+2")
        self.add_page("Roundtables", self.roundtables, "Ctrl+3")
        self.add_page("Coverage", self.coverage, "Ctrl+4")
        self.user_settings = UserSettingsBox(self.settings, self.taxonomies)
        self.taxonomies.add_section(self.user_settings)
        self.add_page("Settings", self.taxonomies, "Ctrl+5")
        self.add_page("Retention review", self.retention, "Ctrl+6")

        self._connect_undo()
        self.stakeholders.status_message.connect(self._on_status)
        self.stakeholders.directory_changed.connect(self._on_directory_changed)
        self.organisations.directory_changed.connect(self._on_organisations_changed)
        self.taxonomies.taxonomy_changed.connect(self._on_taxonomy_changed)
        self.stakeholders.record.consent.set_default_recorder(current_user_name(self.settings))
        self.user_settings.user_name_changed.connect(
            self.stakeholders.record.consent.set_default_recorder
        )
        self.retention.changed.connect(self._on_retention_changed)
        self.report_dialog: ReportDialog | None = None
        self.erase_dialog: EraseDialog | None = None
        self._build_roundtable_menu()

        self.transfer = TransferActions(self, self.tasks)
        self.file_menu.insertActions(
            self.quit_action, [self.transfer.import_action, self.transfer.export_action]
        )
        self.file_menu.insertSeparator(self.quit_action)

        self.navigation.setCurrentRow(0)
        self.resize(1360, 820)
        self._restore_state()
        fit_to_screen(self)

    # -- pages -------------------------------------------------------------------------------

    def add_page(self, title: str, widget: QWidget, shortcut: str | None = None) -> QAction:
        """Add a page to the sidebar (and the Go menu, with its shortcut); returns that action."""
        self.pages.addWidget(widget)
        item = QListWidgetItem(title, self.navigation)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title} page")
        action = QAction(title, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            item.setToolTip(f"{title} ({shortcut})")
        action.setData(self.pages.indexOf(widget))
        action.triggered.connect(self._on_go)
        self.go_menu.addAction(action)
        return action

    def show_page(self, widget: QWidget) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(widget))

    @Slot()
    def _on_go(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.navigation.setCurrentRow(int(action.data()))

    @Slot(int)
    def _on_page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        for action, method in self._page_actions.items():
            action.setEnabled(hasattr(page, method))
        self.merge_action.setEnabled(page is self.stakeholders)
        self.erase_action.setEnabled(page is self.stakeholders)
        if page is self.retention:
            self.retention.refresh()
        item = self.navigation.item(row)
        self.statusBar().showMessage(item.text() if item else "")

    # -- actions -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def make(text: str, keys: list[QKeySequence], tip: str) -> QAction:
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            return action

        self.new_action = make(
            "&New…", [QKeySequence(QKeySequence.StandardKey.New)], "Add a new record"
        )
        # Enter (or a double click) on a row opens it too: the tables' `activated` signal.
        self.edit_action = make(
            "&Edit…", [QKeySequence("Ctrl+E")], "Edit the selected record (or press Enter)"
        )
        self.delete_action = make(
            "&Delete…",
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            "Delete the selected record",
        )
        self.find_action = make(
            "&Find", [QKeySequence(QKeySequence.StandardKey.Find)], "Search the current list"
        )
        self.merge_action = make(
            "&Merge two records…", [QKeySequence("Ctrl+M")], "Merge two records of one person"
        )
        self.erase_action = make(
            "E&rase person…",
            [QKeySequence("Ctrl+Shift+Del")],
            "Erase the selected person's data for good (a right to erasure request)",
        )
        self.quit_action = make("&Quit", [QKeySequence("Ctrl+Q")], "Close Convener")
        self._page_actions = {
            self.new_action: "new_item",
            self.edit_action: "edit_item",
            self.delete_action: "delete_item",
            self.find_action: "focus_search",
        }
        self.new_action.triggered.connect(self._on_new)
        self.edit_action.triggered.connect(self._on_edit)
        self.delete_action.triggered.connect(self._on_delete)
        self.find_action.triggered.connect(self._on_find)
        self.merge_action.triggered.connect(self._on_merge)
        self.erase_action.triggered.connect(self.erase_selected_person)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for action in (self.edit_action, self.delete_action, self.merge_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addAction(self.erase_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        for action in (self.new_action, self.edit_action, self.delete_action, self.merge_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.find_action)
        for action in (*self._page_actions, self.merge_action, self.erase_action, self.quit_action):
            self.addAction(action)

    def _connect_undo(self) -> None:
        """Edit ▸ Undo / Redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) for the pages' changes."""
        undo = self.undo
        self.undo_action = undo.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = undo.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        first = self.edit_menu.actions()[0]
        self.edit_menu.insertActions(first, [self.undo_action, self.redo_action])
        self.edit_menu.insertSeparator(first)
        self.addActions([self.undo_action, self.redo_action])
        self.stakeholders.undo = undo
        self.stakeholders.record.consent.undo = undo
        self.roundtables.undo = undo
        self.taxonomies.use_undo(undo)
        undo.directory_changed.connect(self.refresh_directory)
        undo.consent_changed.connect(self._on_consent_undone)
        undo.taxonomy_changed.connect(self._on_taxonomy_undone)
        undo.invite_list_changed.connect(self._on_invite_list_undone)
        undo.failed.connect(self._on_undo_failed)

    @Slot(int)
    def _on_consent_undone(self, _stakeholder_id: int) -> None:
        self.stakeholders.refresh_view()

    @Slot()
    def _on_taxonomy_undone(self) -> None:
        self.taxonomies.refresh_view()
        self._on_taxonomy_changed()

    @Slot(int)
    def _on_invite_list_undone(self, roundtable_id: int) -> None:
        if self.roundtables.current_id() != roundtable_id:
            self.show_page(self.roundtables)
            self.roundtables.select(roundtable_id)
        self.roundtables.reload_invitations()
        self.roundtables.refresh_suggestions()

    @Slot(str)
    def _on_undo_failed(self, message: str) -> None:
        show_error(self, "Undo", message)

    def _build_roundtable_menu(self) -> None:
        self.invitation_actions = install_invitation_actions(
            self.roundtable_menu, self, self.tasks, self.roundtables.current_id
        )
        self.invitation_actions.confirm_export = partial(export_confirmed, self, self.store)
        self.invitation_actions.accept_drops_on(self.roundtables)
        self.invitation_actions.replies_applied.connect(self.roundtables.reload_invitations)
        self.invitation_actions.exported.connect(self.roundtables.reload_invitations)
        self.roundtable_menu.addSeparator()
        self.report_action = QAction("&Generate report…", self)
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.report_action.setStatusTip("Write the selected roundtable's report as PDF and HTML")
        self.report_action.triggered.connect(self.open_report_dialog)
        self.theme_report_action = QAction("&Thematic report…", self)
        self.theme_report_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.theme_report_action.setStatusTip(
            "Write one report across the reported roundtables on a theme"
        )
        self.theme_report_action.triggered.connect(self.open_theme_report_dialog)
        self.roundtable_menu.addAction(self.report_action)
        self.roundtable_menu.addAction(self.theme_report_action)

    def _current(self, method: str) -> None:
        page = self.pages.currentWidget()
        handler = getattr(page, method, None)
        if callable(handler):
            handler()

    @Slot()
    def _on_new(self) -> None:
        self._current("new_item")

    @Slot()
    def _on_edit(self) -> None:
        self._current("edit_item")

    @Slot()
    def _on_delete(self) -> None:
        self._current("delete_item")

    @Slot()
    def _on_find(self) -> None:
        self._current("focus_search")

    @Slot()
    def _on_merge(self) -> None:
        if self.pages.currentWidget() is self.stakeholders:
            self.stakeholders.merge_selected()

    # -- roundtable and privacy actions --------------------------------------------------------

    @Slot()
    def open_report_dialog(self) -> None:
        roundtable_id = self.roundtables.current_id()
        if roundtable_id is None:
            self.show_page(self.roundtables)
            show_error(self, "Generate report", "Select a roundtable first.")
            return
        self._open_report(roundtable_id)

    @Slot()
    def open_theme_report_dialog(self) -> None:
        self._open_report(None)

    def _open_report(self, roundtable_id: int | None) -> None:
        if self.report_dialog is not None:
            self.report_dialog.deleteLater()
        self.report_dialog = ReportDialog(self.store, self.tasks, roundtable_id, self)
        self.report_dialog.setAccessibleName("Generate report")
        self.report_dialog.open()

    @Slot()
    def erase_selected_person(self) -> None:
        ids = self.stakeholders.selected_ids()
        if len(ids) != 1:
            show_error(self, "Erase person", "Select one person in the directory first.")
            return
        view = render_person(self.store.stakeholders.get(ids[0]), NO_CONSENT, Audience.RECORD)
        name = view.name if view is not None else f"stakeholder {ids[0]}"
        if self.erase_dialog is not None:
            self.erase_dialog.deleteLater()
        self.erase_dialog = EraseDialog(self.tasks, ids[0], name, parent=self)
        self.erase_dialog.setAccessibleName(f"Erase {name}")
        self.erase_dialog.erased.connect(self._on_erased)
        self.erase_dialog.open()

    @Slot(int)
    def _on_erased(self, _stakeholder_id: int) -> None:
        self.refresh_directory()
        self.roundtables.reload_invitations()
        self.statusBar().showMessage("Person erased")

    @Slot(int)
    def _on_retention_changed(self, _stakeholder_id: int) -> None:
        self.refresh_directory()

    # -- keeping the pages in step -------------------------------------------------------------

    @Slot(str)
    def _on_status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    @Slot()
    def _on_directory_changed(self) -> None:
        self.organisations.refresh_view()
        self.coverage.refresh_view()
        self.taxonomies.refresh_view()

    @Slot()
    def start_daily_backup(self) -> None:
        start_daily_backup(self.tasks)

    def refresh_directory(self) -> None:
        """After people arrive from outside (an import), every page that lists them refreshes."""
        self.stakeholders.refresh_view()
        self._on_directory_changed()

    @Slot()
    def _on_organisations_changed(self) -> None:
        self.stakeholders.refresh_view()

    @Slot()
    def _on_taxonomy_changed(self) -> None:
        self.stakeholders.refresh_view()
        self.coverage.refresh_view()
        self.organisations.refresh_view()

    # -- remembered geometry and view state ----------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key, splitter in self._splitters().items():
            saved = self.settings.value(f"splitter/{key}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        saved_header = self.settings.value("stakeholders/header")
        if isinstance(saved_header, QByteArray):
            header = self.stakeholders.table.horizontalHeader()
            header.restoreState(saved_header)
            # Restoring moves only the indicator; the database must order the rows to match.
            self.stakeholders.table.sortByColumn(
                header.sortIndicatorSection(), header.sortIndicatorOrder()
            )
        page = self.settings.value("window/page")
        if page is not None and 0 <= int(str(page)) < self.pages.count():
            self.navigation.setCurrentRow(int(str(page)))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for key, splitter in self._splitters().items():
            self.settings.setValue(f"splitter/{key}", splitter.saveState())
        self.settings.setValue(
            "stakeholders/header", self.stakeholders.table.horizontalHeader().saveState()
        )
        self.settings.setValue("window/page", self.navigation.currentRow())
        self.settings.sync()

    def _splitters(self) -> dict[str, QSplitter]:
        return {"stakeholders": self.stakeholders.splitter, **self.roundtables.splitters()}

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.tasks.close()
        super().closeEvent(event)
