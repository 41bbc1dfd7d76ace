"""Report file names: a default per kind of report, and a question before one is replaced.

An internal summary once kept the public report's name and was written over it without a
word. Each kind now gets its own name (ids and taxonomy terms only, never a person or a
free-text title), the name follows the kind while the user has not typed one of their own,
and an existing PDF or HTML twin is replaced only when the user says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

from convener.privacy import Audience
from ui.questions import agreed


def default_report_name(
    roundtable_id: int | None, audience: Audience | None, theme: str | None
) -> str:
    if roundtable_id is not None and audience is not None:
        kind = "internal-summary" if audience is Audience.INTERNAL else "public-findings"
        return f"roundtable-{roundtable_id}-{kind}.pdf"
    slug = re.sub(r"[^a-z0-9]+", "-", (theme or "all").lower()).strip("-") or "theme"
    return f"theme-{slug}-report.pdf"


class SuggestedName:
    """Keeps a path field on the current kind's default name until the user types their own."""

    def __init__(self, field: QLineEdit, folder: Path) -> None:
        self._field = field
        self._folder = folder
        self._suggested = ""

    def suggest(self, name: str) -> None:
        text = self._field.text().strip()
        current = Path(text).expanduser() if text else None
        if current is not None and current.name != self._suggested:
            return  # a name of the user's own: leave it
        folder = current.parent if current is not None else self._folder
        self._field.setText(str(folder / name))
        self._suggested = name


def replace_confirmed(parent: QWidget, pdf: Path) -> bool:
    """True when neither the PDF nor its HTML twin exists, or the user agrees to replace them."""
    existing = [p for p in (pdf, pdf.with_suffix(".html")) if p.exists()]
    if not existing:
        return True
    return agreed(
        parent,
        name="replaceReport",
        title="Replace report?",
        text=f"{' and '.join(p.name for p in existing)} already "
        f"exist{'s' if len(existing) == 1 else ''} in {pdf.parent}. Replace "
        f"{'it' if len(existing) == 1 else 'them'} with this report?",
        go="&Replace",
    )
