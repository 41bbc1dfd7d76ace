"""Exporting the directory from the app: choose a file and an audience, write in the background.

The writing is `convener.export.export_stakeholders`, the same as `convener export`: CSV that
Excel opens cleanly, written atomically, people shown only as the disclosure policy allows,
and every person written recorded in the ledger.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from convener.export import ExportSummary, export_stakeholders
from convener.privacy import Audience
from convener.storage import Store
from ui.tasks import Progress, TaskManager


def _export(path: Path, audience: Audience, store: Store, progress: Progress) -> ExportSummary:
    return export_stakeholders(store, path, audience, on_progress=progress)


class DirectoryExporter(QObject):
    """Runs exports in the background; says how each one ended through its signals."""

    exported = Signal(object)  # ExportSummary
    failed = Signal(str)
    progressed = Signal(int, int)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks

    def export_to(self, path: Path, audience: Audience) -> int:
        return self._tasks.run_on_store(
            partial(_export, path, audience), self._done, self._failed, self._progress
        )

    def choose_and_export(self, parent: QWidget | None = None) -> int | None:
        """Ask for the audience and the file, then start; None when the user cancelled."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Export stakeholders",
            "Who is this file for?\n\nFor the office: everyone, with contact details "
            "(protected people by pseudonym only).\nFor publication: only people who agreed "
            "to be named, with no contact details.",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("export_audience")
        office = box.addButton("For the &office", QMessageBox.ButtonRole.AcceptRole)
        public = box.addButton("For &publication", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in (office, public):
            return None
        audience = Audience.PUBLIC if clicked is public else Audience.INTERNAL
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export stakeholders", "stakeholders.csv", "CSV (*.csv)"
        )
        if not name:
            return None
        return self.export_to(Path(name), audience)

    @Slot(object)
    def _done(self, result: object) -> None:
        self.exported.emit(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total)
