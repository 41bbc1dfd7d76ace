"""Asking before invitations go out for a list that fails an engagement-principle check."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from convener.principles import Outcome
from convener.storage import Store
from convener.suggestions import checks_for


def export_confirmed(parent: QWidget, store: Store, roundtable_id: int) -> bool:
    """True when every check passes, or the user chooses to write the drafts anyway."""
    failing = [c for c in checks_for(store, roundtable_id) if c.outcome is Outcome.FAIL]
    if not failing:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Export invitations",
        f"The invite list fails {len(failing)} engagement-principle "
        f"check{'s' if len(failing) != 1 else ''}:\n\n"
        + "\n".join(f"• {c.title}: {c.message}" for c in failing)
        + "\n\nWrite the invitation drafts anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("failingChecks")
    box.setAccessibleName("Export with failing checks?")
    box.button(QMessageBox.StandardButton.Yes).setText("&Write drafts anyway")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
