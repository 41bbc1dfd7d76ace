"""The import wizard: choose (or drop) a file, check the mapping, decide on duplicates, import.

Every step that reads the file or the database runs in the background through the
TaskManager, with its own connection; results come back to slots here. The check step is a
dry run of the real import, so the duplicates and bad rows it shows are exactly what the
import would meet, and the import itself is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from convener.errors import ConvenerError
from convener.importing import (
    ColumnMapping,
    Decision,
    FileFormat,
    ImportRejectedError,
    ImportSummary,
    Preview,
    describe_people,
    open_source,
    preview,
    run_import,
    save_mapping,
)
from convener.importing.mapping import check_mapping
from convener.storage import Store
from ui.import_models import (
    DECISION_CHOICES,
    FIELD_CHOICES,
    ChoiceDelegate,
    DecisionColumn,
    DecisionModel,
    MappingColumn,
    MappingModel,
)
from ui.layout import initial_size
from ui.tasks import Progress, TaskManager

FILE_FILTER = "Contacts (*.csv *.txt *.xlsx *.xlsm);;All files (*)"


# -- work run in the background (no widgets here) --------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    summary: ImportSummary
    labels: dict[int, str]
    rejected: bool


def load_preview(path: Path, store: Store, progress: Progress) -> Preview:
    return preview(store, path)


def check_import(
    path: Path, mapping: ColumnMapping, store: Store, progress: Progress
) -> CheckResult:
    source = open_source(path)
    try:
        summary = run_import(store, source, mapping, dry_run=True, on_progress=progress)
    except ImportRejectedError as exc:
        return CheckResult(exc.summary, {}, rejected=True)
    ids = [d.match.stakeholder_id for d in summary.duplicates if d.match.earlier_row is None]
    return CheckResult(summary, describe_people(store, ids), rejected=False)


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """Everything the wizard collected, handed to the background import as plain data."""

    path: Path
    mapping: ColumnMapping
    file_format: FileFormat
    decisions: dict[int, Decision]
    remember_mapping: bool


def do_import(request: ImportRequest, store: Store, progress: Progress) -> ImportSummary:
    source = open_source(request.path)
    summary = run_import(
        store,
        source,
        request.mapping,
        file_format=request.file_format,
        decisions=request.decisions,
        on_duplicate=Decision.SKIP,
        on_progress=progress,
    )
    if request.remember_mapping:
        save_mapping(store, source.headers, request.mapping)
    return summary


def summary_text(summary: ImportSummary) -> str:
    return (
        f"{summary.created} created, {summary.updated} updated, {summary.skipped} skipped "
        f"out of {summary.rows} rows."
    )


# -- pages ----------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Choose a contacts file")
        self.setSubTitle(
            "A CSV file (generic, Outlook or Google Contacts export; UTF-8 or Windows-1252) "
            "or an Excel workbook (.xlsx). You can also drop the file onto this window."
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.setPlaceholderText("Path of the file to import")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("&Browse…", self)
        browse.setAccessibleName("Browse for a file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch()

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:
        text = self.path_edit.text().strip()
        return bool(text) and Path(text).is_file()

    @Slot()
    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import contacts", "", FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Check the columns")
        self.setSubTitle("Say which column holds what. Columns marked 'not imported' are left out.")
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setAccessibleName("About the file")
        self.model = MappingModel(self)
        self.model.mapping_changed.connect(self.completeChanged)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Column mapping")
        self.table.setItemDelegateForColumn(
            MappingColumn.FIELD, ChoiceDelegate(FIELD_CHOICES, self)
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.remember = QCheckBox("&Remember this mapping for files with the same columns", self)
        self.remember.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table)
        layout.addWidget(self.remember)
        self.loaded: Preview | None = None

    def initializePage(self) -> None:
        self.loaded = None
        self.model.load((), (), {})
        self.about.setText("Reading the file…")
        self._wizard.tasks.run_on_store(
            partial(load_preview, self._wizard.file_page.path()), self._loaded, self._failed
        )

    @Slot(object)
    def _loaded(self, result: object) -> None:
        assert isinstance(result, Preview)
        self.loaded = result
        source = result.source
        encoding = f", {source.encoding}" if source.encoding else ""
        self.about.setText(
            f"{source.kind}{encoding}: {result.choice.file_format}, "
            f"{source.row_count:,} rows, {len(source.headers)} columns."
        )
        self.model.load(
            source.headers, [cells for _, cells in result.sample], result.choice.mapping
        )

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.about.setText(f"This file cannot be imported: {message}")

    def isComplete(self) -> bool:
        if self.loaded is None:
            return False
        try:
            check_mapping(self.model.mapping())
        except ConvenerError:
            return False
        return True


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Check the rows")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Check result")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Checking progress")
        self.errors = QPlainTextEdit(self)
        self.errors.setReadOnly(True)
        self.errors.setAccessibleName("Rows that cannot be imported")
        self.model = DecisionModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Duplicate decisions")
        self.table.setItemDelegateForColumn(
            DecisionColumn.DECISION, ChoiceDelegate(DECISION_CHOICES, self)
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.progress, self.errors, self.table):
            layout.addWidget(widget)
        self.result: CheckResult | None = None

    def initializePage(self) -> None:
        self.result = None
        self.errors.hide()
        self.table.hide()
        self.progress.show()
        self.progress.setValue(0)
        self.status.setText("Checking every row against the directory…")
        self._wizard.tasks.run_on_store(
            partial(
                check_import,
                self._wizard.file_page.path(),
                self._wizard.mapping_page.model.mapping(),
            ),
            self._checked,
            self._failed,
            self._progressed,
        )

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _checked(self, result: object) -> None:
        assert isinstance(result, CheckResult)
        self.progress.hide()
        summary = result.summary
        if result.rejected:
            self.status.setText(
                f"{len(summary.errors)} row(s) cannot be imported. Nothing will be written until "
                "they are fixed in the file (or the mapping is changed)."
            )
            self.errors.setPlainText("\n".join(f"Row {e.row}: {e.message}" for e in summary.errors))
            self.errors.show()
        else:
            self.model.load(summary.duplicates, result.labels)
            matches = len(summary.duplicates)
            self.status.setText(
                f"{summary.rows} rows are ready. {matches} look like people already in the "
                "directory; choose what to do with each (skipping changes nothing)."
                if matches
                else f"{summary.rows} rows are ready; none matches anyone in the directory."
            )
            self.table.setVisible(bool(matches))
        self.result = result
        self.completeChanged.emit()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(f"The file could not be checked: {message}")

    def isComplete(self) -> bool:
        return self.result is not None and not self.result.rejected


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Importing")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import result")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Import progress")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch()
        self.summary: ImportSummary | None = None
        self.finished_running = False

    def initializePage(self) -> None:
        wizard = self._wizard
        self.summary = None
        self.finished_running = False
        self.status.setText("Importing… nothing is saved until every row is in.")
        wizard.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        loaded = wizard.mapping_page.loaded
        wizard.tasks.run_on_store(
            partial(
                do_import,
                ImportRequest(
                    wizard.file_page.path(),
                    wizard.mapping_page.model.mapping(),
                    loaded.choice.file_format if loaded else FileFormat.GENERIC,
                    wizard.check_page.model.decisions(),
                    wizard.mapping_page.remember.isChecked(),
                ),
            ),
            self._done,
            self._failed,
            self._progressed,
        )

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _done(self, result: object) -> None:
        assert isinstance(result, ImportSummary)
        self.summary = result
        self.status.setText(f"Import finished: {summary_text(result)}")
        self._finish()
        self._wizard.imported.emit(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.setText(f"Nothing was imported: {message}")
        self._finish()

    def _finish(self) -> None:
        self.finished_running = True
        self.progress.setValue(self.progress.maximum())
        self._wizard.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished_running


class ImportWizard(QWizard):
    """Import contacts; emits `imported` with the summary when people were written."""

    imported = Signal(object)

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle("Import contacts")
        self.setAcceptDrops(True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        initial_size(self, 820, 560)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None and self.currentPage() is self.file_page:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None or self.currentPage() is not self.file_page:
            event.ignore()
            return
        self.file_page.path_edit.setText(str(path))
        event.acceptProposedAction()

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 and local[0].is_file() else None
