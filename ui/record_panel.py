"""A stakeholder's record: the only place that shows a protected person's real details.

Tabs: details, consent, engagement history and, when the record is given a task manager,
"where their data went" (the disclosure ledger, loaded in the background only while that tab
is open).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from convener.consent import NO_CONSENT
from convener.errors import NotFoundError
from convener.privacy import Audience, render_person
from convener.storage import Store
from ui.consent_panel import ConsentPanel
from ui.engagement_model import EngagementModel
from ui.privacy.ledger_widget import DisclosureLedgerWidget
from ui.tasks import TaskManager


class RecordPanel(QWidget):
    """Details, consent and engagement history of the selected stakeholder."""

    consent_changed = Signal(int)

    def __init__(
        self, store: Store, parent: QWidget | None = None, tasks: TaskManager | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.stakeholder_id: int | None = None

        self.details = QLabel(self)
        self.details.setObjectName("recordDetails")
        self.details.setAccessibleName("Stakeholder details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)

        self.consent = ConsentPanel(store, self)
        self.consent.consent_changed.connect(self._on_consent_changed)

        self.engagements = EngagementModel(self)
        self.engagement_table = QTableView(self)
        self.engagement_table.setModel(self.engagements)
        self.engagement_table.setAccessibleName("Engagement history")
        self.engagement_table.verticalHeader().hide()
        self.engagement_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.engagement_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.engagement_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Record sections")
        self.tabs.addTab(scroll, "&Details")
        self.tabs.addTab(self.consent, "&Consent")
        self.tabs.addTab(self.engagement_table, "Eng&agement")
        self.ledger: DisclosureLedgerWidget | None = None
        if tasks is not None:
            self.ledger = DisclosureLedgerWidget(tasks, self)
            self.ledger.setAccessibleName("Where this person's data went")
            index = self.tabs.addTab(self.ledger, "Where data &went")
            self.tabs.setTabToolTip(index, "Every file Convener made that carried their data")
        self.tabs.currentChanged.connect(self._on_tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.show_stakeholder(None)

    def show_stakeholder(self, stakeholder_id: int | None) -> None:
        self.stakeholder_id = stakeholder_id
        person = None
        if stakeholder_id is not None:
            try:
                person = self._store.stakeholders.get(stakeholder_id)
            except NotFoundError:
                person = None
        if person is None:
            self.stakeholder_id = None
            self.details.setText("<p>Select a stakeholder to see their record.</p>")
            self.consent.show_stakeholder(None)
            self.engagements.set_rows([])
            self._load_ledger()
            return
        view = render_person(person, NO_CONSENT, Audience.RECORD)
        lines: list[tuple[str, str]] = []
        if view is not None:
            lines.append(("Name", view.name))
        if person.is_protected:
            listed = render_person(person, NO_CONSENT, Audience.INTERNAL)
            lines.append(("Shown in lists as", listed.name if listed else ""))
        lines += [
            ("Pseudonym", person.pseudonym or ""),
            ("Role", person.role or ""),
            ("Organisation", person.organisation or ""),
            ("Email", person.email or ""),
            ("Phone", person.phone or ""),
            ("Contact through", person.intermediary or ""),
            ("Sector", person.sector or ""),
            ("Jurisdiction", person.jurisdiction or ""),
            ("Levers", ", ".join(person.levers)),
            ("Themes", ", ".join(person.themes)),
            ("Tags", ", ".join(person.tags)),
            ("Lived experience", "Yes" if person.lived_experience else "No"),
            ("Access needs", person.access_needs),
            ("Safe contact notes", person.safe_contact_notes),
            ("Notes", person.notes),
        ]
        rows = "".join(
            f"<tr><th align='left' valign='top' style='padding-right:12px'>{escape(k)}</th>"
            f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in lines
            if v
        )
        warning = (
            "<p><b>Protected person:</b> the real name and contact details are shown only "
            "here; lists and exports use the pseudonym.</p>"
            if person.is_protected
            else ""
        )
        self.details.setText(f"{warning}<table>{rows}</table>")
        self.consent.show_stakeholder(stakeholder_id)
        self.engagements.set_rows(self._store.stakeholders.engagements(person.id))
        self._load_ledger()

    def _load_ledger(self) -> None:
        if self.ledger is None or self.tabs.currentWidget() is not self.ledger:
            return
        if self.stakeholder_id is None:
            self.ledger.model.set_rows([])
            self.ledger.summary.setText("Select a stakeholder to see where their data went.")
        else:
            self.ledger.show_person(self.stakeholder_id)

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self._load_ledger()

    @Slot(int)
    def _on_consent_changed(self, stakeholder_id: int) -> None:
        self.consent_changed.emit(stakeholder_id)
