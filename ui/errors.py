"""How the app tells people that something went wrong: a dialog with a plain message."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal message written for the user; never a traceback (those go to the log)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("errorDialog")
    box.setAccessibleName(title)
    box.exec()
