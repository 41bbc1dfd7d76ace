"""Erasing a person in the app: a reason, a typed confirmation, then the work in the background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from convener.erasure import ErasureResult, erase_person
from convener.storage import Store
from ui.tasks import Progress, TaskManager

CONFIRMATION = "ERASE"


def _erase(stakeholder_id: int, reason: str) -> Callable[[Store, Progress], ErasureResult]:
    def work(store: Store, progress: Progress) -> ErasureResult:
        progress(0, 1, "Erasing")
        return erase_person(store, stakeholder_id, reason)

    return work


class EraseDialog(QDialog):
    """Ask why, make the user type ERASE, then erase; `erased` says it is done."""

    erased = Signal(int)

    def __init__(
        self,
        tasks: TaskManager,
        stakeholder_id: int,
        display_name: str,
        *,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._stakeholder_id = stakeholder_id
        self.setWindowTitle(f"Erase {display_name}")
        explanation = QLabel(
            f"This removes {display_name}'s personal data for good: names, contact details, "
            "notes, and their name wherever it was typed. Anonymous counts stay (the "
            "roundtables they joined keep their numbers). It cannot be undone, and it is "
            "applied again if an older backup is restored.",
            self,
        )
        explanation.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlainText(reason)
        self.reason.setPlaceholderText("Why (kept in the audit log, without their name)")
        self.reason.setAccessibleName("Reason for erasure")
        self.reason.setTabChangesFocus(True)
        self.confirmation = QLineEdit(self)
        self.confirmation.setPlaceholderText(f"Type {CONFIRMATION} to confirm")
        self.confirmation.setAccessibleName("Confirmation")
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = QPushButton("Erase", self)
        self.erase_button.setAccessibleName("Erase this person")
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel("Reason:", self))
        layout.addWidget(self.reason)
        layout.addWidget(QLabel(f"Type {CONFIRMATION}:", self))
        layout.addWidget(self.confirmation)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update_button)
        self.confirmation.textChanged.connect(self._update_button)
        self.erase_button.clicked.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        self._update_button()

    @Slot()
    def _update_button(self) -> None:
        ready = bool(self.reason.toPlainText().strip()) and (
            self.confirmation.text().strip() == CONFIRMATION
        )
        self.erase_button.setEnabled(ready)

    @Slot()
    def _start(self) -> None:
        for widget in (self.reason, self.confirmation, self.erase_button):
            widget.setEnabled(False)
        self.status.setText("Erasing and clearing the files…")
        self._tasks.run_on_store(
            _erase(self._stakeholder_id, self.reason.toPlainText()), self._on_done, self._on_failed
        )

    @Slot(object)
    def _on_done(self, result: ErasureResult) -> None:
        self.status.setText("Erased.")
        self.erased.emit(result.stakeholder_id)
        self.accept()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(f"The erasure did not complete: {message}")
        self.reason.setEnabled(True)
        self.confirmation.setEnabled(True)
        self._update_button()
