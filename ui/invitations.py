"""Calendar invitations in the desktop app: "Export invitations…" and "Import replies…".

The window that shows roundtables owns the menu; `install_invitation_actions` adds the two
actions to it and returns the object behind them. Exporting first asks for confirmation when
the invitations would not say how to join (an online roundtable with no link, an in-person
one with no place), then asks for a folder with the native dialog, writes the files in the
background (`TaskManager.run_on_store`) with a progress dialog, then shows what was written
for whom. Importing takes files from a dialog or dropped on any widget passed to
`accept_drops_on`, applies them in the background and shows what changed and what was held
back for review.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from convener.storage import Store
from ui.tasks import Progress, TaskManager

if TYPE_CHECKING:
    from convener.calendar.export import ExportSummary
    from convener.calendar.replies import ReplyReport

# The calendar modules (icalendar, the email package) are imported by the worker that first
# needs them, never while the main window is being built.

REPLY_SUFFIXES = (".ics", ".eml")
RoundtableProvider = Callable[[], int | None]


def _export(roundtable_id: int, folder: Path, store: Store, progress: Progress) -> ExportSummary:
    from convener.calendar.export import write_invitations

    return write_invitations(store, roundtable_id, folder, on_progress=progress)


def _joining(roundtable_id: int, store: Store, progress: Progress) -> tuple[int, str | None]:
    """The roundtable and, if its invitations would not say how to join, the sentence why."""
    from convener.calendar.export import joining_warning

    return roundtable_id, joining_warning(store.roundtables.get(roundtable_id))


def _import(paths: Sequence[Path], store: Store, progress: Progress) -> ReplyReport:
    progress(0, 1, "reading replies")
    from convener.calendar.replies import apply_replies

    return apply_replies(store, paths)


def reply_files(mime: QMimeData) -> list[Path]:
    """The local .ics and .eml files in dropped data."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in REPLY_SUFFIXES]


class SummaryDialog(QDialog):
    """A plain report of what an export or import did, with a way to open the folder."""

    def __init__(
        self, parent: QWidget, title: str, headline: str, lines: Sequence[str], folder: Path | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.folder = folder
        layout = QVBoxLayout(self)
        label = QLabel(headline, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(lines))
        self.details.setAccessibleName("Details")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if folder is not None:
            self.open_button = QPushButton("Open folder", self)
            buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.open_button.clicked.connect(self.open_folder)
        layout.addWidget(buttons)
        self.resize(640, 420)

    @Slot()
    def open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


class InvitationActions(QObject):
    """The two actions and the background work behind them."""

    exported = Signal(object)  # ExportSummary, after the files are written
    replies_applied = Signal(object)  # ReplyReport, after statuses changed
    failed = Signal(str)

    def __init__(
        self, parent_window: QWidget, tasks: TaskManager, current_roundtable: RoundtableProvider
    ) -> None:
        super().__init__(parent_window)
        self._window = parent_window
        self._tasks = tasks
        self._current_roundtable = current_roundtable
        self._progress: QProgressDialog | None = None
        self.summary_dialog: SummaryDialog | None = None
        self.message_box: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None
        self._confirming: int | None = None  # the roundtable whose export awaits an answer
        # Asked before the folder is chosen; the main window asks about failing checks.
        self.confirm_export: Callable[[int], bool] = _always

        self.export_action = QAction("Export invitations…", parent_window)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setStatusTip(
            "Write calendar invitations (.ics and .eml) for the selected roundtable to a folder"
        )
        self.export_action.triggered.connect(self.choose_export_folder)
        self.import_action = QAction("Import replies…", parent_window)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.import_action.setStatusTip("Apply Accept / Tentative / Decline replies (.ics, .eml)")
        self.import_action.triggered.connect(self.choose_reply_files)

    # -- export ----------------------------------------------------------------------------

    @Slot()
    def choose_export_folder(self) -> None:
        roundtable_id = self._current_roundtable()
        if roundtable_id is None:
            self._tell("Export invitations", "Select a roundtable first.")
            return
        self._tasks.run_on_store(partial(_joining, roundtable_id), self._joining_checked)

    def _joining_checked(self, checked: tuple[int, str | None]) -> None:
        roundtable_id, warning = checked
        if warning is None:
            self._choose_folder(roundtable_id)
            return
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export invitations",
            f"{warning}\n\nExport the invitations anyway?",
            buttons,
            self._window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._export_confirmed)
        self.confirm_box = box
        self._confirming = roundtable_id
        box.open()  # window-modal without blocking the event loop

    @Slot(int)
    def _export_confirmed(self, answer: int) -> None:
        roundtable_id, self._confirming = self._confirming, None
        if roundtable_id is not None and answer == QMessageBox.StandardButton.Yes.value:
            self._choose_folder(roundtable_id)

    def _choose_folder(self, roundtable_id: int) -> None:
        if not self.confirm_export(roundtable_id):
            return
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = QFileDialog.getExistingDirectory(
            self._window, "Export invitations to folder", start
        )
        if folder:
            self.export_to(roundtable_id, Path(folder))

    def export_to(self, roundtable_id: int, folder: Path) -> None:
        self._show_progress("Writing invitations…")
        self._tasks.run_on_store(
            partial(_export, roundtable_id, folder),
            self._export_done,
            self._work_failed,
            self._progressed,
        )

    def _export_done(self, summary: ExportSummary) -> None:
        self._close_progress()
        what = "cancellation" if summary.cancelled else "invitation"
        headline = (
            f"Wrote {len(summary.recipients)} {what} drafts for “{summary.title[:80]}” "
            f"(SEQUENCE {summary.sequence}). Nothing has been sent yet: send each .eml draft "
            "from your mail program"
            + ("." if summary.cancelled else ", then mark the roundtable as invitations sent.")
        )
        if summary.skipped:
            headline += f" {len(summary.skipped)} invitee(s) had no address and were skipped."
        self._show_summary("Drafts written", headline, summary.lines(), summary.folder)
        self.exported.emit(summary)

    # -- replies ---------------------------------------------------------------------------

    @Slot()
    def choose_reply_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self._window,
            "Import calendar replies",
            "",
            "Calendar replies (*.ics *.eml);;All files (*)",
        )
        if names:
            self.import_replies([Path(n) for n in names])

    def import_replies(self, paths: Sequence[Path]) -> None:
        self._show_progress("Applying replies…")
        self._tasks.run_on_store(
            partial(_import, list(paths)), self._import_done, self._work_failed, self._progressed
        )

    def accept_dropped_files(self, mime: QMimeData) -> bool:
        """Import the reply files in dropped data; False when there were none."""
        paths = reply_files(mime)
        if paths:
            self.import_replies(paths)
        return bool(paths)

    def accept_drops_on(self, widget: QWidget) -> None:
        """Let people drop reply files onto `widget` (for example the roundtable view)."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QDragEnterEvent and QDragMoveEvent are QDropEvents too.
        if isinstance(event, QDropEvent) and reply_files(event.mimeData()):
            if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                event.acceptProposedAction()
                return True
            if event.type() == QEvent.Type.Drop:
                self.accept_dropped_files(event.mimeData())
                event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    def _import_done(self, report: ReplyReport) -> None:
        self._close_progress()
        headline = f"{len(report.changes)} applied."
        if report.held:
            headline += f" {len(report.held)} reply(ies) held back"
            if report.for_review:
                headline += f", {len(report.for_review)} from addresses never invited (review)"
            headline += "."
        self._show_summary("Replies imported", headline, report.lines(), None)
        self.replies_applied.emit(report)

    # -- shared ----------------------------------------------------------------------------

    def _show_progress(self, label: str) -> None:
        self._close_progress()
        progress = QProgressDialog(label, "", 0, 0, self._window)
        progress.setCancelButton(None)  # the work is short and all-or-nothing
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress

    def _progressed(self, done: int, total: int, message: str) -> None:
        progress = self._progress
        if progress is None:
            return
        # setValue on a modal progress dialog turns the event loop, where the work's end may
        # close the dialog: the label goes first, and nothing touches it after the value.
        progress.setLabelText(message or progress.labelText())
        progress.setMaximum(total)
        progress.setValue(done)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _work_failed(self, message: str) -> None:
        self._close_progress()
        self._tell("Convener could not finish", message, QMessageBox.Icon.Warning)
        self.failed.emit(message)

    def _show_summary(
        self, title: str, headline: str, lines: Sequence[str], folder: Path | None
    ) -> None:
        self.summary_dialog = SummaryDialog(self._window, title, headline, lines, folder)
        self.summary_dialog.open()  # window-modal without blocking the event loop

    def _tell(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._window)
        self.message_box = box
        box.open()


def _always(_roundtable_id: int) -> bool:
    return True


def install_invitation_actions(
    menu: QMenu,
    parent_window: QWidget,
    tasks: TaskManager,
    current_roundtable_id: RoundtableProvider,
) -> InvitationActions:
    """Add "Export invitations…" and "Import replies…" to `menu`; keep the returned object."""
    actions = InvitationActions(parent_window, tasks, current_roundtable_id)
    menu.addAction(actions.export_action)
    menu.addAction(actions.import_action)
    return actions
