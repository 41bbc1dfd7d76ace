"""The roundtable editor: one dialog for new and existing roundtables.

The dialog saves through the core itself, so a refused value (an unknown zone, a time the
clock change skips) is shown in the dialog, which stays open for the correction.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from convener.composer import PERSPECTIVE_LABELS
from convener.errors import ConvenerError
from convener.roundtables import (
    MeetingFormat,
    RoundtableDraft,
    create_roundtable,
    draft_from,
    update_roundtable,
)
from convener.storage import Store, Taxonomy
from convener.taxonomy import DEFAULT_MIX, Perspective
from convener.timezones import DEFAULT_ZONE

_ZONES = [DEFAULT_ZONE, "UTC", "Europe/Dublin", "Europe/Brussels", "America/New_York",
          "Australia/Sydney"]  # fmt: skip
_FORMAT = "yyyy-MM-dd HH:mm"


class RoundtableDialog(QDialog):
    def __init__(self, store: Store, roundtable_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._roundtable_id = roundtable_id
        self.saved_id: int | None = None
        self.setWindowTitle("New roundtable" if roundtable_id is None else "Edit roundtable")
        self._build_fields()
        self._lay_out()
        self._fill()

    def _build_fields(self) -> None:
        store = self._store
        self.title = QLineEdit(self)
        self.theme = QComboBox(self)
        self.theme.addItems([t.name for t in store.taxonomy.terms(Taxonomy.THEMES)])
        self.purpose = QPlainTextEdit(self)
        self.purpose.setTabChangesFocus(True)
        self.format = QComboBox(self)
        self.format.addItems([f.value for f in MeetingFormat])
        self.location = QLineEdit(self)
        self.online_url = QLineEdit(self)
        self.start = QDateTimeEdit(self)
        self.end = QDateTimeEdit(self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat(_FORMAT)
            edit.setCalendarPopup(True)
        self.tz = QComboBox(self)
        self.tz.setEditable(True)
        self.tz.addItems(_ZONES)
        self.organiser_name = QLineEdit(self)
        self.organiser_email = QLineEdit(self)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(0, 1000)
        self.capacity.setSpecialValueText("No limit")
        self.chatham_house = QCheckBox("Chatham House rule", self)
        self.budget = QDoubleSpinBox(self)
        self.budget.setRange(0, 1_000_000)
        self.budget.setPrefix("£")
        self.budget.setDecimals(2)
        self.budget.setSpecialValueText("No budget set")
        self.agenda = QPlainTextEdit(self)
        self.agenda.setTabChangesFocus(True)
        self.agenda.setPlaceholderText("One agenda item per line")
        self.mix: dict[str, QSpinBox] = {}
        for perspective in Perspective:
            spin = QSpinBox(self)
            spin.setRange(0, 20)
            spin.setAccessibleName(f"Target mix: {PERSPECTIVE_LABELS[perspective.value]}")
            self.mix[perspective.value] = spin
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")

    def _lay_out(self) -> None:
        mix_row = QHBoxLayout()
        for key, spin in self.mix.items():
            mix_row.addWidget(QLabel(PERSPECTIVE_LABELS[key], self))
            mix_row.addWidget(spin)
        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            ("&Title", self.title), ("T&heme", self.theme), ("&Purpose", self.purpose),
            ("&Format", self.format), ("&Location", self.location),
            ("Onl&ine link", self.online_url), ("&Starts", self.start), ("&Ends", self.end),
            ("Time &zone", self.tz), ("Organiser &name", self.organiser_name),
            ("Organiser e&mail", self.organiser_email), ("&Capacity", self.capacity),
            ("", self.chatham_house), ("&Budget", self.budget), ("&Agenda", self.agenda),
        ]  # fmt: skip
        for label, widget in rows:
            form.addRow(label, widget)
            if label:
                widget.setAccessibleName(label.replace("&", ""))
        form.addRow("Target mix", mix_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        if self._roundtable_id is None:
            self.chatham_house.setChecked(True)
            tomorrow = QDateTime.currentDateTime().addDays(14)
            tomorrow.setTime(tomorrow.time().fromString("10:00", "HH:mm"))
            self.start.setDateTime(tomorrow)
            self.end.setDateTime(tomorrow.addSecs(2 * 3600))
            for key, spin in self.mix.items():
                spin.setValue(DEFAULT_MIX[key])
            return
        roundtable = self._store.roundtables.get(self._roundtable_id)
        draft = draft_from(roundtable)
        self.title.setText(draft.title)
        self.theme.setCurrentText(draft.theme)
        self.purpose.setPlainText(draft.purpose)
        self.format.setCurrentText(draft.format)
        self.location.setText(draft.location or "")
        self.online_url.setText(draft.online_url or "")
        self.start.setDateTime(_qt(draft.start))
        self.end.setDateTime(_qt(draft.end))
        self.tz.setCurrentText(draft.tz)
        self.organiser_name.setText(draft.organiser_name or "")
        self.organiser_email.setText(draft.organiser_email or "")
        self.capacity.setValue(draft.capacity or 0)
        self.chatham_house.setChecked(draft.chatham_house)
        self.budget.setValue((draft.budget_pence or 0) / 100)
        self.agenda.setPlainText("\n".join(item.title for item in roundtable.agenda))
        mix = roundtable.target_mix or DEFAULT_MIX
        for key, spin in self.mix.items():
            spin.setValue(mix.get(key, 0))

    def draft(self) -> RoundtableDraft:
        mix = {key: spin.value() for key, spin in self.mix.items() if spin.value()}
        extra: RoundtableDraft | None = None
        if self._roundtable_id is not None:
            extra = draft_from(self._store.roundtables.get(self._roundtable_id))
        return RoundtableDraft(
            title=self.title.text(),
            theme=self.theme.currentText(),
            start=self.start.dateTime().toString("yyyy-MM-ddTHH:mm"),
            end=self.end.dateTime().toString("yyyy-MM-ddTHH:mm"),
            tz=self.tz.currentText(),
            purpose=self.purpose.toPlainText(),
            format=self.format.currentText(),
            location=self.location.text(),
            online_url=self.online_url.text(),
            organiser_name=self.organiser_name.text(),
            organiser_email=self.organiser_email.text(),
            capacity=self.capacity.value() or None,
            chatham_house=self.chatham_house.isChecked(),
            budget_pence=round(self.budget.value() * 100) if self.budget.value() else None,
            agenda=self.agenda.toPlainText().splitlines(),
            extra_themes=extra.extra_themes if extra else [],
            levers=extra.levers if extra else [],
            target_mix=None if mix == DEFAULT_MIX else mix,
        )

    @Slot()
    def save(self) -> None:
        try:
            draft = self.draft()
            if self._roundtable_id is None:
                self.saved_id = create_roundtable(self._store, draft)
            else:
                update_roundtable(self._store, self._roundtable_id, draft)
                self.saved_id = self._roundtable_id
        except ConvenerError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def _qt(iso: str) -> QDateTime:
    moment = datetime.fromisoformat(iso)
    return QDateTime.fromString(moment.strftime("%Y-%m-%d %H:%M"), _FORMAT)
