"""Forms that ask before typed changes are thrown away (Escape, Cancel or the window's close).

A form says whether it holds changes (`has_unsaved_changes`); the question defaults to keeping
the form, so a stray Escape never loses work. A close the program asks for (the app shutting
down, a test tearing down) is not the user's and closes without asking.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.questions import Button, agreed


def discard_confirmed(parent: QWidget, what: str) -> bool:
    """Ask whether to throw away the changes to `what`; True when the user says discard."""
    return agreed(
        parent,
        name="discardChanges",
        title="Discard changes?",
        text=f"Close without saving {what}? What you typed will be lost.",
        go="&Discard",
        keep="&Keep editing",
        go_button=Button.Discard,
        icon=QMessageBox.Icon.Question,
    )


class GuardedDialog(QDialog):
    """A dialog whose Cancel, Escape and close button ask first when it holds changes."""

    unsaved_what = "your changes"  # "this person", "this finding": said in the question
    _asking = True

    def has_unsaved_changes(self) -> bool:
        return False

    def reject(self) -> None:
        if (
            self._asking
            and self.has_unsaved_changes()
            and not discard_confirmed(self, self.unsaved_what)
        ):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._asking = event.spontaneous()  # the user's window close button, not close()
        try:
            super().closeEvent(event)
        finally:
            self._asking = True
