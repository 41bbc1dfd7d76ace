"""Settings about the person using this copy of the app, kept in QSettings (not the database).

The name is who records consent events: set once here, it fills "Recorded by" for every
person, so no event is stored with nobody's name on it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

USER_NAME_KEY = "user/name"


def current_user_name(settings: QSettings) -> str:
    return str(settings.value(USER_NAME_KEY, "") or "").strip()


class UserSettingsBox(QGroupBox):
    user_name_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("You", parent)
        self._settings = settings
        self.user_name = QLineEdit(current_user_name(settings), self)
        self.user_name.setAccessibleName("Your name")
        self.user_name.setPlaceholderText("How you sign consent records, e.g. Priya Raman")
        self.user_name.editingFinished.connect(self._on_name_edited)
        label = QLabel("Your &name:", self)
        label.setBuddy(self.user_name)
        form = QFormLayout(self)
        form.addRow(label, self.user_name)
        form.addRow("", QLabel("Filled in as “Recorded by” when you record consent.", self))

    @Slot()
    def _on_name_edited(self) -> None:
        name = self.user_name.text().strip()
        if name == current_user_name(self._settings):
            return
        self._settings.setValue(USER_NAME_KEY, name)
        self.user_name_changed.emit(name)
