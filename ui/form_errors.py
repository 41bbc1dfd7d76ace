"""Validation messages shown right under the field they are about."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


class FieldErrors:
    """One hidden message label per field of a form; `show` fills and reveals one."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> None:
        form.addRow(label, widget)
        message = QLabel(self._parent)
        message.setObjectName(f"error_{field}")
        message.setWordWrap(True)
        message.setStyleSheet("color: #b71c1c;")
        message.setAccessibleName(f"Problem with {label.rstrip(':').replace('&', '')}")
        message.hide()
        form.addRow("", message)
        widget.setAccessibleName(label.rstrip(":").replace("&", ""))
        self.labels[field] = message

    def show(self, field: str, text: str) -> None:
        label = self.labels[field]
        # Words first, then the colour: the message is readable without seeing red.
        label.setText(f"⚠ {text}")
        label.setAccessibleDescription(text)
        label.show()

    def clear(self, field: str | None = None) -> None:
        for name, label in self.labels.items():
            if field is None or name == field:
                label.clear()
                label.hide()

    def message(self, field: str) -> str:
        label = self.labels[field]
        return label.text() if label.isVisibleTo(self._parent) else ""
