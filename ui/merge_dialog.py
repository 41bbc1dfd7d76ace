"""Merging two records of the same person: choose which one to keep, then confirm."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from convener.domain import Stakeholder
from convener.errors import ConvenerError
from convener.merge import merge_stakeholders
from convener.storage import Store
from convener.storage.merging import MovedHistory


def _summary(store: Store, person: Stakeholder) -> str:
    engagements = store.stakeholders.engagements(person.id)
    consent = store.consent.history(person.id)
    lines = [
        ("Name", person.name),
        ("Pseudonym", person.pseudonym or ""),
        ("Organisation", person.organisation or ""),
        ("Email", person.email or ""),
        ("Phone", person.phone or ""),
        ("Sector", person.sector or ""),
        ("Consent events", str(len(consent))),
        ("Roundtables", str(len(engagements))),
    ]
    return (
        "<table>"
        + "".join(
            f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in lines
        )
        + "</table>"
    )


class MergeDialog(QDialog):
    """Shows both records side by side; the chosen one is kept and the other folded into it."""

    def __init__(self, store: Store, first_id: int, second_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Merge two records")
        self.setObjectName("mergeDialog")
        self.result_history: MovedHistory | None = None
        self._ids = (first_id, second_id)
        people = [store.stakeholders.get(first_id), store.stakeholders.get(second_id)]
        self.keep_buttons: list[QRadioButton] = []
        columns = QHBoxLayout()
        for person in people:
            box = QGroupBox(f"Record {person.id}", self)
            inner = QVBoxLayout(box)
            label = "&Keep this record" if not self.keep_buttons else "K&eep this record"
            button = QRadioButton(label, box)
            button.setAccessibleName(f"Keep record {person.id}")
            details = QLabel(_summary(store, person), box)
            details.setWordWrap(True)
            inner.addWidget(button)
            inner.addWidget(details)
            inner.addStretch(1)
            columns.addWidget(box)
            self.keep_buttons.append(button)
        self.keep_buttons[0].setChecked(True)
        explain = QLabel(
            "The kept record keeps its own entries and takes the other's where it has none. "
            "Consent history, invitations, findings and disclosures of both are kept. The other "
            "record is then removed. This cannot be undone.",
            self,
        )
        explain.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        buttons.accepted.connect(self._on_merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(explain)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @property
    def kept_id(self) -> int:
        return self._ids[0] if self.keep_buttons[0].isChecked() else self._ids[1]

    @property
    def removed_id(self) -> int:
        return self._ids[1] if self.keep_buttons[0].isChecked() else self._ids[0]

    @Slot()
    def _on_merge(self) -> None:
        try:
            self.result_history = merge_stakeholders(self._store, self.kept_id, self.removed_id)
        except ConvenerError as exc:
            self.error.setText(f"⚠ The records were not merged: {exc}")
            self.error.show()
            return
        self.accept()
