"""The consent panel of a stakeholder's record: the state per purpose, the history, a new event.

The state is said in words ("Named: withdrawn") and not by colour alone, and it is derived from
the history every time, as the core derives it (`convener.consent.current_consent`).
A new event goes through `convener.consent_recording.record_consent`, which checks the method
and keeps the wording the person was shown; after a withdrawal the panel lists the files
already made with the person's data, which the withdrawal cannot reach.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from convener.consent import current_consent
from convener.consent_recording import record_consent
from convener.domain import ConsentEvent, ConsentMethod, ConsentPurpose, ConsentStatus
from convener.errors import ConvenerError
from convener.storage import Store
from convener.storage.disclosures import Disclosure
from ui.errors import show_error
from ui.table_model import ListTableModel
from ui.undo import RecordConsent, UndoHistory

_Index = QModelIndex | QPersistentModelIndex

PURPOSE_LABELS = {
    ConsentPurpose.CONTACT: "Contact",
    ConsentPurpose.NAMED: "Named",
    ConsentPurpose.QUOTED: "Quoted",
    ConsentPurpose.RECORDED: "Recorded",
}


class ConsentColumn(IntEnum):
    RECORDED_AT = 0
    PURPOSE = 1
    DECISION = 2
    METHOD = 3
    RECORDED_BY = 4
    NOTE = 5


_HEADERS = {
    ConsentColumn.RECORDED_AT: "Recorded (UTC)",
    ConsentColumn.PURPOSE: "Purpose",
    ConsentColumn.DECISION: "Decision",
    ConsentColumn.METHOD: "Method",
    ConsentColumn.RECORDED_BY: "Recorded by",
    ConsentColumn.NOTE: "Note",
}


class ConsentHistoryModel(ListTableModel):
    """The consent events of one person, oldest first, as the history reads."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConsentEvent] = []

    headers = tuple(_HEADERS[c] for c in ConsentColumn)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        event = self.rows[index.row()]
        column = ConsentColumn(index.column())
        if column is ConsentColumn.RECORDED_AT:
            return event.recorded_at.strftime("%Y-%m-%d %H:%M")
        if column is ConsentColumn.PURPOSE:
            return PURPOSE_LABELS[event.purpose]
        if column is ConsentColumn.DECISION:
            return "Given" if event.given else "Withdrawn"
        if column is ConsentColumn.METHOD:
            return event.method
        if column is ConsentColumn.RECORDED_BY:
            return event.recorded_by
        return event.note


class ConsentPanel(QGroupBox):
    """Shows and extends the consent history of the stakeholder it is given."""

    consent_changed = Signal(int)  # stakeholder id

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self._store = store
        self._stakeholder_id: int | None = None
        self.model = ConsentHistoryModel(self)

        self.state_labels: dict[ConsentPurpose, QLabel] = {}
        states = QGridLayout()
        for n, purpose in enumerate(ConsentPurpose):
            label = QLabel(self)
            label.setObjectName(f"consentState_{purpose.value}")
            label.setAccessibleName(f"{PURPOSE_LABELS[purpose]} consent")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.state_labels[purpose] = label
            states.addWidget(label, n // 2, n % 2)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Consent history")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)

        # The new-event fields start blank for every person (`clear_form`): nothing carries
        # over from the last person, and nothing is assumed (a phone withdrawal was once
        # stored as "in person", the old default).
        self.purpose = QComboBox(self)
        for purpose in ConsentPurpose:
            self.purpose.addItem(PURPOSE_LABELS[purpose], purpose)
        self.purpose.setAccessibleName("Consent purpose")
        self.purpose.setPlaceholderText("Choose the purpose")
        self.decision = QComboBox(self)
        self.decision.addItem("Given", True)
        self.decision.addItem("Withdrawn", False)
        self.decision.setAccessibleName("Consent decision")
        self.decision.setPlaceholderText("Given or withdrawn?")
        self.method = QComboBox(self)
        for method in ConsentMethod:
            self.method.addItem(method.value.capitalize(), method.value)
        self.method.setAccessibleName("How consent was recorded")
        self.method.setPlaceholderText("Choose how it was given")
        self.default_recorder = ""  # the current user's name, from Settings
        self.undo: UndoHistory | None = None  # the window's, once it has one
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Consent note")
        self.note.setPlaceholderText("What was agreed, in their words if possible")
        self.recorded_by = QLineEdit(self)
        self.recorded_by.setAccessibleName("Consent recorded by")
        self.recorded_by.setPlaceholderText("Your name, for the record of who took it")
        self.add_button = QPushButton("&Record consent event", self)
        self.add_button.setAccessibleName("Record consent event")
        self.add_button.clicked.connect(self._on_add)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.purpose, 1)
        row.addWidget(self.decision, 1)
        purpose_label = QLabel("&Purpose:", self)
        purpose_label.setBuddy(self.purpose)
        form.addRow(purpose_label, row)
        form.addRow("&Method:", self.method)
        form.addRow("&Note:", self.note)
        form.addRow("Recorded &by:", self.recorded_by)
        form.addRow("", self.add_button)

        layout = QVBoxLayout(self)
        layout.addLayout(states)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self.setEnabled(False)
        self.clear_form()

    def show_stakeholder(self, stakeholder_id: int | None) -> None:
        if stakeholder_id != self._stakeholder_id:
            self.clear_form()
        self._stakeholder_id = stakeholder_id
        self.setEnabled(stakeholder_id is not None)
        self._reload()

    def set_default_recorder(self, name: str) -> None:
        """The name Settings holds for the current user; fills an empty "Recorded by"."""
        self.default_recorder = name.strip()
        if not self.recorded_by.text().strip():
            self.recorded_by.setText(self.default_recorder)

    def clear_form(self) -> None:
        for box in (self.purpose, self.decision, self.method):
            box.setCurrentIndex(-1)
        self.note.clear()
        self.recorded_by.setText(self.default_recorder)

    def _missing(self) -> tuple[str, QWidget] | None:
        """The first field a consent event cannot do without, with what to tell the user."""
        if self.purpose.currentIndex() < 0:
            return "Choose what the consent is for.", self.purpose
        if self.decision.currentIndex() < 0:
            return "Choose whether consent was given or withdrawn.", self.decision
        if self.method.currentIndex() < 0:
            return "Choose how consent was given (in person, email, phone…).", self.method
        if not self.recorded_by.text().strip():
            return (
                "Say who recorded it. Set your name once in Settings to have it filled in.",
                self.recorded_by,
            )
        return None

    def state_text(self, purpose: ConsentPurpose) -> str:
        return self.state_labels[purpose].text()

    def _reload(self) -> None:
        events = (
            self._store.consent.history(self._stakeholder_id)
            if self._stakeholder_id is not None
            else []
        )
        self.model.set_rows(events)
        state = current_consent(events)
        for purpose, label in self.state_labels.items():
            status = state.status(purpose)
            mark = {"given": "✔", "withdrawn": "✘", "not recorded": "–"}[status.value]
            label.setText(f"{mark} {PURPOSE_LABELS[purpose]}: {status.value}")
            label.setProperty("consentStatus", status.value)
            label.setStyleSheet(
                "font-weight: bold; color: #1b5e20;"
                if status is ConsentStatus.GIVEN
                else "font-weight: bold; color: #b71c1c;"
                if status is ConsentStatus.WITHDRAWN
                else "color: palette(text);"
            )

    @Slot()
    def _on_add(self) -> None:
        if self._stakeholder_id is None:
            return
        missing = self._missing()
        if missing is not None:
            message, field = missing
            show_error(self, "Consent not recorded", message)
            field.setFocus()
            return
        purpose = ConsentPurpose(self.purpose.currentData())
        given = bool(self.decision.currentData())
        method = str(self.method.currentData())
        try:
            result = record_consent(
                self._store,
                self._stakeholder_id,
                purpose,
                given=given,
                method=method,
                note=self.note.text(),
                recorded_by=self.recorded_by.text(),
            )
        except ConvenerError as exc:
            show_error(self, "Consent not recorded", str(exc))
            return
        self.clear_form()
        self._reload()
        if self.undo is not None:
            event = next(e for e in self.model.rows if e.id == result.event_id)
            self.undo.push_done(RecordConsent(self.undo, event))
        stakeholder_id = self._stakeholder_id
        self.consent_changed.emit(stakeholder_id)
        if not given:
            self._tell_earlier_outputs(purpose, result.earlier_outputs)

    def _tell_earlier_outputs(self, purpose: ConsentPurpose, outputs: list[Disclosure]) -> None:
        """A withdrawal stops future outputs; the user must chase the copies already made."""
        label = PURPOSE_LABELS[purpose]
        box = QMessageBox(self)
        box.setObjectName("earlierOutputs")
        box.setWindowTitle("Consent withdrawn")
        box.setAccessibleName("Consent withdrawn")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        if not outputs:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(
                f"{label} consent is withdrawn. No file made by Convener has carried this "
                "person's data, so there is nothing to chase."
            )
        else:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(
                f"{label} consent is withdrawn, and every file made from now on follows it. "
                f"{len(outputs)} file{'s' if len(outputs) != 1 else ''} already made carried "
                "this person's data; a withdrawal cannot reach them. Ask whoever received them "
                "to delete or correct their copies."
            )
            box.setDetailedText(
                "\n".join(
                    f"{row.created_at:%Y-%m-%d %H:%M} UTC  {row.export_kind} "
                    f"({row.audience}): {row.file_name}"
                    for row in outputs
                )
            )
            # The list is the point of the message: show it without an extra click.
            shown = [f"• {row.file_name} ({row.export_kind})" for row in outputs[:10]]
            if len(outputs) > 10:
                shown.append(f"… and {len(outputs) - 10} more (see Show Details)")
            box.setInformativeText("\n".join(shown))
        box.exec()
