"""File ▸ Import… and Export…: the directory's way in and out, wired onto the main window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from convener.export import ExportSummary
from ui.errors import show_error
from ui.export_dialog import DirectoryExporter
from ui.import_wizard import ImportWizard
from ui.tasks import TaskManager


class TransferActions(QObject):
    """Owns the Import…/Export… actions; tells the window when the directory changed."""

    def __init__(self, window: QMainWindow, tasks: TaskManager) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self.import_action = QAction("&Import contacts…", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip("Import people from Outlook, Google or Excel files")
        self.import_action.triggered.connect(self.open_import)
        self.export_action = QAction("E&xport directory as CSV…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.export_action.setStatusTip("Write the directory to a CSV file that Excel opens")
        self.export_action.triggered.connect(self.open_export)
        self._exporter = DirectoryExporter(tasks, self)
        self._exporter.exported.connect(self._on_exported)
        self._exporter.failed.connect(self._on_failed)
        self.wizard: ImportWizard | None = None

    @Slot()
    def open_import(self) -> None:
        self.wizard = ImportWizard(self._tasks, self._window)
        self.wizard.imported.connect(self._on_imported)
        self.wizard.open()

    @Slot()
    def open_export(self) -> None:
        self._exporter.choose_and_export(self._window)

    @Slot(object)
    def _on_imported(self, summary: object) -> None:
        refresh = getattr(self._window, "refresh_directory", None)
        if callable(refresh):
            refresh()

    @Slot(object)
    def _on_exported(self, summary: object) -> None:
        if isinstance(summary, ExportSummary):
            self._window.statusBar().showMessage(
                f"Exported {summary.written} people to {summary.path.name}"
                + (
                    f" ({summary.left_out} left out by the disclosure rules)"
                    if summary.left_out
                    else ""
                )
            )

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        show_error(self._window, "The export did not finish", message)
