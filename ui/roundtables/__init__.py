"""The roundtables screen: list, editor, invite list, suggestions, checks and budget."""

from ui.roundtables.page import RoundtablesPage

__all__ = ["RoundtablesPage"]
