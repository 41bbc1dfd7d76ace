"""Asking before invitations go out for a list that fails an engagement-principle check."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from convener.principles import Outcome
from convener.storage import Store
from convener.suggestions import checks_for
from ui.questions import agreed


def export_confirmed(parent: QWidget, store: Store, roundtable_id: int) -> bool:
    """True when every check passes, or the user chooses to write the drafts anyway."""
    failing = [c for c in checks_for(store, roundtable_id) if c.outcome is Outcome.FAIL]
    if not failing:
        return True
    return agreed(
        parent,
        name="failingChecks",
        title="Export invitations",
        accessible_name="Export with failing checks?",
        text=f"The invite list fails {len(failing)} engagement-principle "
        f"check{'s' if len(failing) != 1 else ''}:\n\n"
        + "\n".join(f"• {c.title}: {c.message}" for c in failing)
        + "\n\nWrite the invitation drafts anyway?",
        go="&Write drafts anyway",
    )
