"""The stakeholder editor: add or change one person, with messages next to the fields.

Field checks come from the core (`convener.validation`, `convener.directory`), so the editor
refuses exactly what the command line refuses, with the same words. While the name, email or
organisation is typed, a short pause runs the duplicate check (`convener.duplicates`) and says
which existing record may be the same person.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from convener.consent import NO_CONSENT
from convener.directory import add_stakeholder, update_stakeholder
from convener.domain import StakeholderDraft
from convener.duplicates import find_duplicates
from convener.errors import ConvenerError, ValidationError
from convener.privacy import Audience, render_person
from convener.storage import Store, Taxonomy
from convener.validation import check_email, check_name, check_phone
from ui.form_errors import FieldErrors
from ui.layout import initial_size
from ui.unsaved import GuardedDialog

DUPLICATE_PAUSE_MS = 250

_FIELD_ALIASES = {
    "lever": "levers",
    "theme": "themes",
    "intermediary": "intermediary",
}


def term_combo(store: Store, taxonomy: Taxonomy, current: str | None, parent: QWidget) -> QComboBox:
    """A choice of current terms (and the person's retired one, so it is not lost)."""
    combo = QComboBox(parent)
    combo.addItem("(none)", None)
    for term in store.taxonomy.terms(taxonomy, include_retired=True):
        if not term.retired or term.name == current:
            label = f"{term.name} (retired)" if term.retired else term.name
            combo.addItem(label, term.name)
    found = combo.findData(current) if current else 0
    combo.setCurrentIndex(max(found, 0))
    return combo


class StakeholderEditor(GuardedDialog):
    unsaved_what = "this person"

    def __init__(
        self, store: Store, stakeholder_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.stakeholder_id = stakeholder_id
        person = store.stakeholders.get(stakeholder_id) if stakeholder_id is not None else None
        self.setWindowTitle("Edit stakeholder" if person else "New stakeholder")
        self.setObjectName("stakeholderEditor")
        self.errors = FieldErrors(self)

        self.name = QLineEdit(person.name if person else "", self)
        self.pseudonym = QLineEdit((person.pseudonym or "") if person else "", self)
        self.role = QLineEdit((person.role or "") if person else "", self)
        org_names = [o.name for o in store.organisations.all()]
        self.organisation = QComboBox(self)
        self.organisation.setEditable(True)
        self.organisation.addItems(["", *org_names])
        self.organisation.setCurrentText((person.organisation or "") if person else "")
        self.email = QLineEdit((person.email or "") if person else "", self)
        self.email.setPlaceholderText("name@example.org")
        self.phone = QLineEdit((person.phone or "") if person else "", self)
        self.phone.setPlaceholderText("+44 20 7946 0000")
        self.sector = term_combo(store, Taxonomy.SECTORS, person.sector if person else None, self)
        self.jurisdiction = term_combo(
            store, Taxonomy.JURISDICTIONS, person.jurisdiction if person else None, self
        )
        self.lived_experience = QCheckBox("Lived experience expert", self)
        self.lived_experience.setChecked(bool(person and person.lived_experience))
        self.intermediary = QComboBox(self)
        self.intermediary.setEditable(True)
        self.intermediary.addItems(["", *org_names])
        self.intermediary.setCurrentText((person.intermediary or "") if person else "")
        self.tags = QLineEdit(", ".join(person.tags) if person else "", self)
        self.tags.setPlaceholderText("comma-separated")
        self.access_needs = QPlainTextEdit(person.access_needs if person else "", self)
        self.safe_contact_notes = QPlainTextEdit(person.safe_contact_notes if person else "", self)
        self.notes = QPlainTextEdit(person.notes if person else "", self)
        for box in (self.access_needs, self.safe_contact_notes, self.notes):
            box.setTabChangesFocus(True)
            box.setFixedHeight(54)

        self.lever_boxes = self._checks(
            Taxonomy.LEVERS, set(person.levers) if person else set(), "Levers"
        )
        self.theme_boxes = self._checks(
            Taxonomy.THEMES, set(person.themes) if person else set(), "Themes"
        )

        self.duplicate_label = QLabel(self)
        self.duplicate_label.setObjectName("duplicateWarning")
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setStyleSheet(
            "background: #fff3cd; color: #5c4400; padding: 6px; border: 1px solid #c9a227;"
        )
        self.duplicate_label.setAccessibleName("Possible duplicate")
        self.duplicate_label.hide()
        self.general_error = QLabel(self)
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b71c1c;")
        self.general_error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "&Name:", "name", self.name)
        self.errors.add_row(form, "&Pseudonym:", "pseudonym", self.pseudonym)
        self.errors.add_row(form, "&Role:", "role", self.role)
        self.errors.add_row(form, "&Organisation:", "organisation", self.organisation)
        self.errors.add_row(form, "&Email:", "email", self.email)
        self.errors.add_row(form, "P&hone:", "phone", self.phone)
        self.errors.add_row(form, "&Sector:", "sector", self.sector)
        self.errors.add_row(form, "&Jurisdiction:", "jurisdiction", self.jurisdiction)
        self.errors.add_row(form, "Lived e&xperience:", "lived_experience", self.lived_experience)
        self.errors.add_row(form, "Contact thro&ugh:", "intermediary", self.intermediary)
        self.errors.add_row(form, "&Tags:", "tags", self.tags)
        self.errors.add_row(form, "Levers:", "levers", self.lever_group)
        self.errors.add_row(form, "Themes:", "themes", self.theme_group)
        self.errors.add_row(form, "&Access needs:", "access_needs", self.access_needs)
        self.errors.add_row(
            form, "Safe &contact notes:", "safe_contact_notes", self.safe_contact_notes
        )
        self.errors.add_row(form, "Notes:", "notes", self.notes)

        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

        # Goes to the best match instead of adding the person twice (the page selects it).
        self.existing_id: int | None = None
        self._best_match: int | None = None
        self.open_existing = QPushButton("Open ex&isting", self)
        self.open_existing.setAccessibleName("Open the existing record")
        self.open_existing.clicked.connect(self._on_open_existing)
        self.open_existing.hide()
        duplicate_row = QHBoxLayout()
        duplicate_row.addWidget(self.duplicate_label, 1)
        duplicate_row.addWidget(self.open_existing, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(duplicate_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        initial_size(self, 700, 760)

        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_PAUSE_MS)
        self._duplicate_timer.timeout.connect(self._check_duplicates)
        self.name.textChanged.connect(self._on_identity_edited)
        self.email.textChanged.connect(self._on_identity_edited)
        self.organisation.currentTextChanged.connect(self._on_identity_edited)
        self.name.editingFinished.connect(self._check_name)
        self.email.editingFinished.connect(self._check_email)
        self.phone.editingFinished.connect(self._check_phone)
        self._set_tab_order()
        self.name.setFocus()
        self._opened_with = self.draft()

    def _set_tab_order(self) -> None:
        """Down the form as it reads, through every lever and theme, then Save and Cancel."""
        chain: list[QWidget] = [
            self.name, self.open_existing, self.pseudonym, self.role, self.organisation,
            self.email, self.phone, self.sector, self.jurisdiction, self.lived_experience,
            self.intermediary, self.tags, *self.lever_boxes, *self.theme_boxes,
            self.access_needs, self.safe_contact_notes, self.notes,
            *self.buttons.buttons(),
        ]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _checks(self, taxonomy: Taxonomy, chosen: set[str], title: str) -> list[QCheckBox]:
        group = QGroupBox(self)
        group.setFlat(True)
        grid = QGridLayout(group)
        grid.setContentsMargins(0, 0, 0, 0)
        boxes: list[QCheckBox] = []
        for term in self._store.taxonomy.terms(taxonomy, include_retired=True):
            if term.retired and term.name not in chosen:
                continue
            label = f"{term.name} (retired)" if term.retired else term.name
            box = QCheckBox(label, group)
            box.setProperty("term", term.name)
            box.setChecked(term.name in chosen)
            box.setAccessibleName(f"{title}: {term.name}")
            grid.addWidget(box, len(boxes) // 2, len(boxes) % 2)
            boxes.append(box)
        if taxonomy is Taxonomy.LEVERS:
            self.lever_group = group
        else:
            self.theme_group = group
        return boxes

    # -- what was typed ----------------------------------------------------------------------

    def draft(self) -> StakeholderDraft:
        return StakeholderDraft(
            name=self.name.text(),
            pseudonym=self.pseudonym.text(),
            role=self.role.text(),
            organisation=self.organisation.currentText(),
            email=self.email.text(),
            phone=self.phone.text(),
            sector=self.sector.currentData(),
            levers=[str(b.property("term")) for b in self.lever_boxes if b.isChecked()],
            themes=[str(b.property("term")) for b in self.theme_boxes if b.isChecked()],
            jurisdiction=self.jurisdiction.currentData(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            lived_experience=self.lived_experience.isChecked(),
            intermediary=self.intermediary.currentText(),
            access_needs=self.access_needs.toPlainText(),
            safe_contact_notes=self.safe_contact_notes.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    # -- checks while typing -----------------------------------------------------------------

    @Slot()
    def _check_name(self) -> bool:
        return self._check("name", check_name, self.name.text())

    @Slot()
    def _check_email(self) -> bool:
        return self._check("email", check_email, self.email.text())

    @Slot()
    def _check_phone(self) -> bool:
        return self._check("phone", check_phone, self.phone.text())

    def _check(self, field: str, check: Callable[[str | None], object], value: str) -> bool:
        self.errors.clear(field)
        try:
            check(value)
        except ValidationError as exc:
            self.errors.show(field, str(exc))
            return False
        return True

    @Slot()
    def _on_identity_edited(self) -> None:
        self._duplicate_timer.start()

    @Slot()
    def _check_duplicates(self) -> None:
        try:
            matches = find_duplicates(
                self._store,
                name=self.name.text(),
                email=self.email.text(),
                organisation=self.organisation.currentText(),
                exclude_id=self.stakeholder_id,
            )
        except ConvenerError:
            matches = []
        self._best_match = matches[0].stakeholder.id if matches else None
        self.open_existing.setVisible(bool(matches))
        if not matches:
            self.duplicate_label.hide()
            self.duplicate_label.clear()
            return
        lines = []
        for match in matches[:3]:
            shown = render_person(match.stakeholder, NO_CONSENT, Audience.INTERNAL)
            name = shown.name if shown else f"record {match.stakeholder.id}"
            lines.append(f"{name} (record {match.stakeholder.id}): {match.reason}")
        self.duplicate_label.setText(
            "Possible duplicate — this may be someone already in the directory:\n• "
            + "\n• ".join(lines)
            + "\nIf so, open the existing record instead of adding them again "
            "(or use Merge on the list)."
        )
        self.duplicate_label.show()

    @Slot()
    def _on_open_existing(self) -> None:
        """Leave this form for the existing record: the user chose it over what they typed."""
        self.existing_id = self._best_match
        QDialog.reject(self)

    def has_unsaved_changes(self) -> bool:
        return self.draft() != self._opened_with

    def done(self, result: int) -> None:
        # A check still waiting for its pause must not run once the dialog has closed.
        self._duplicate_timer.stop()
        super().done(result)

    # -- saving ------------------------------------------------------------------------------

    @Slot()
    def _on_save(self) -> None:
        self.general_error.hide()
        # Every field check first, so all the problems show at once.
        results = [self._check_name(), self._check_email(), self._check_phone()]
        if not all(results):
            return
        try:
            if self.stakeholder_id is None:
                self.stakeholder_id = add_stakeholder(self._store, self.draft())
            else:
                update_stakeholder(self._store, self.stakeholder_id, self.draft())
        except ValidationError as exc:
            field = _FIELD_ALIASES.get(exc.field or "", exc.field or "")
            if field in self.errors.labels:
                self.errors.show(field, str(exc))
            else:
                self.general_error.setText(f"⚠ {exc}")
                self.general_error.show()
            return
        except ConvenerError as exc:
            self.general_error.setText(f"⚠ {exc}")
            self.general_error.show()
            return
        self.accept()
