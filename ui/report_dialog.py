"""Generate report…: one roundtable (public or internal) or a theme over a period.

A public report is checked first (`convener.prepublication`, in the background): when a name
was redacted or a possible name not in the directory was found, the dialog lists each passage
as it will be printed and writes nothing until the author confirms. Then the PDF (and its
HTML twin) is written in the background through `TaskManager.run_on_store`, with progress in
the dialog; when it is done the PDF opens in the system's viewer.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from convener.privacy import Audience
from convener.storage import Store, Taxonomy
from ui.report_names import SuggestedName, default_report_name, replace_confirmed
from ui.tasks import Progress, TaskManager

if TYPE_CHECKING:
    from convener.prepublication import CheckItem
    from convener.reports import WrittenReport

# The report modules (reportlab and its fonts) are imported by the worker that writes the first
# report, never while the main window is being built: most sessions write no report.


def _roundtable_work(
    store: Store, progress: Progress, *, roundtable_id: int, out: Path, audience: Audience
) -> WrittenReport:
    from convener.reports import write_report

    return write_report(store, roundtable_id, out, audience, on_progress=progress)


def _theme_work(
    store: Store,
    progress: Progress,
    *,
    theme: str,
    start: date | None,
    end: date | None,
    out: Path,
) -> WrittenReport:
    from convener.reports import write_theme_report

    return write_theme_report(store, theme, out, start=start, end=end, on_progress=progress)


def _check_work(
    store: Store,
    progress: Progress,
    *,
    roundtable_id: int | None,
    theme: str | None,
    start: date | None,
    end: date | None,
) -> list[CheckItem]:
    from convener.prepublication import check_roundtables
    from convener.reports.theme_report import select_roundtables

    if roundtable_id is not None:
        return check_roundtables(store, [roundtable_id], Audience.PUBLIC)
    assert theme is not None
    _, ids = select_roundtables(store, theme, start, end)
    return check_roundtables(store, ids, Audience.PUBLIC)


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


class ReportDialog(QDialog):
    """Choose what to report and where to save it; the work runs off the GUI thread."""

    report_written = Signal(str)  # the PDF's path
    report_failed = Signal(str)  # the message shown
    review_shown = Signal(int)  # passages the author is asked to review before writing

    def __init__(
        self,
        store: Store,
        tasks: TaskManager,
        roundtable_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._roundtable_id = roundtable_id
        self.setWindowTitle("Generate report")
        self._make_fields()
        if roundtable_id is None:
            self.one.setEnabled(False)
            self.audience.setEnabled(False)
            self.by_theme.setChecked(True)
        else:
            self.one.setChecked(True)
            roundtable = store.roundtables.get(roundtable_id)
            if roundtable.theme:
                self.theme.setCurrentIndex(max(self.theme.findData(roundtable.theme), 0))
        self._lay_out()
        self.browse.clicked.connect(self._browse)
        self.generate.clicked.connect(self.start_report)
        self.confirm.clicked.connect(self.confirm_review)
        self.buttons.rejected.connect(self.reject)
        for toggle in (self.one, self.by_theme, self.use_from, self.use_to):
            toggle.toggled.connect(self._update_enabled)
        self._update_enabled()
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._name = SuggestedName(self.path, Path(documents or Path.home()))
        for choice in (self.audience, self.theme):
            choice.currentIndexChanged.connect(self._suggest_name)
        self.by_theme.toggled.connect(self._suggest_name)
        self._suggest_name()
        self.resize(560, 0)

    @Slot()
    def _suggest_name(self) -> None:
        one = not self.by_theme.isChecked()
        self._name.suggest(
            default_report_name(
                self._roundtable_id if one else None,
                Audience(self.audience.currentData()) if one else None,
                self.theme.currentData(),
            )
        )

    def _make_fields(self) -> None:
        self.one = QRadioButton("This &roundtable", self)
        self.audience = QComboBox(self)
        self.audience.addItem("Public findings summary", Audience.PUBLIC.value)
        self.audience.addItem("Internal summary (not for publication)", Audience.INTERNAL.value)
        self.audience.setAccessibleName("Report audience")
        self.by_theme = QRadioButton("All reported roundtables on a &theme", self)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Theme")
        for term in self._store.taxonomy.terms(Taxonomy.THEMES, include_retired=True):
            self.theme.addItem(term.name, term.name)
        self.use_from = QCheckBox("From", self)
        self.start = QDateEdit(QDate.currentDate().addYears(-1), self)
        self.use_to = QCheckBox("to", self)
        self.end = QDateEdit(QDate.currentDate(), self)
        for edit, name in ((self.start, "Period start"), (self.end, "Period end")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Save the PDF as")
        self.browse = QPushButton("&Browse…", self)
        self.open_when_done = QCheckBox("&Open the report when it is ready", self)
        self.open_when_done.setChecked(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Progress")
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        self.review_model = QStandardItemModel(self)
        self.review = QListView(self)
        self.review.setModel(self.review_model)
        self.review.setAccessibleName("Passages to review before publishing")
        self.review.setWordWrap(True)
        self.review.setVisible(False)
        self.confirm = QPushButton("&Confirm and write the report", self)
        self.confirm.setVisible(False)
        self._pending: Any = None  # the report work waiting for the author's confirmation

    def _lay_out(self) -> None:
        period = QHBoxLayout()
        for widget in (self.use_from, self.start, self.use_to, self.end):
            period.addWidget(widget)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.one)
        form.addRow("Report", self.audience)
        form.addRow(self.by_theme)
        form.addRow("Theme", self.theme)
        form.addRow("Period", period)
        form.addRow("&Save as", where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.generate = self.buttons.addButton("&Generate", QDialogButtonBox.ButtonRole.ActionRole)
        self.generate.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    @Slot()
    def _update_enabled(self) -> None:
        theme = self.by_theme.isChecked()
        self.audience.setEnabled(not theme and self._roundtable_id is not None)
        for widget in (self.theme, self.use_from, self.use_to):
            widget.setEnabled(theme)
        self.start.setEnabled(theme and self.use_from.isChecked())
        self.end.setEnabled(theme and self.use_to.isChecked())

    @Slot()
    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the report as", self.path.text(), "PDF files (*.pdf)"
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    @Slot()
    def start_report(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText("Choose where to save the PDF first.")
            return
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        if not replace_confirmed(self, out):
            return
        work: Any
        theme = self.by_theme.isChecked()
        start = _day(self.start) if theme and self.use_from.isChecked() else None
        end = _day(self.end) if theme and self.use_to.isChecked() else None
        audience = Audience.PUBLIC if theme else Audience(self.audience.currentData())
        if theme:
            work = partial(
                _theme_work, theme=self.theme.currentData(), start=start, end=end, out=out
            )
        else:
            assert self._roundtable_id is not None
            work = partial(
                _roundtable_work, roundtable_id=self._roundtable_id, out=out, audience=audience
            )
        self._hide_review()
        self.generate.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        if audience is not Audience.PUBLIC:
            self._write(work)
            return
        # Anything published is checked first; the author confirms what the check found.
        self._pending = work
        self.status.setText("Checking the text for names before publishing…")
        check = partial(
            _check_work,
            roundtable_id=None if theme else self._roundtable_id,
            theme=self.theme.currentData() if theme else None,
            start=start,
            end=end,
        )
        self._tasks.run_on_store(check, self._checked, self._failed)

    def _write(self, work: Any) -> None:
        self.status.setText("Generating the report…")
        self._tasks.run_on_store(work, self._done, self._failed, self._progressed)

    @Slot(object)
    def _checked(self, items: list[CheckItem]) -> None:
        if not items:
            self.confirm_review()
            return
        self.progress.setVisible(False)
        self.generate.setEnabled(True)
        self.review_model.clear()
        labels = {
            "redacted": "Name redacted",
            "possible-name": "Possible name not in the directory",
        }
        for item in items:
            row = QStandardItem(f"{labels.get(item.kind, item.kind)} — {item.where}: {item.text}")
            row.setEditable(False)
            self.review_model.appendRow(row)
        redacted = sum(1 for i in items if i.kind == "redacted")
        self.status.setText(
            f"Before this report is published, review {len(items)} passages as they will be "
            f"printed ({redacted} with a name redacted, {len(items) - redacted} with a possible "
            "name not in the directory). Nothing has been written yet."
        )
        self.review.setVisible(True)
        self.confirm.setVisible(True)
        self.confirm.setDefault(True)
        self.review_shown.emit(len(items))

    @Slot()
    def confirm_review(self) -> None:
        """The author has seen the passages: write the report that was checked."""
        work, self._pending = self._pending, None
        if work is None:
            return
        self._hide_review()
        self.generate.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._write(work)

    def _hide_review(self) -> None:
        self.review.setVisible(False)
        self.confirm.setVisible(False)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(message)

    @Slot(object)
    def _done(self, written: WrittenReport) -> None:
        self.generate.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(f"Saved {written.pdf} and its accessible version {written.html.name}.")
        self.report_written.emit(str(written.pdf))
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.pdf)))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._pending = None
        self.generate.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(f"The report was not written: {message}")
        self.report_failed.emit(message)
