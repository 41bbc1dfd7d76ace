"""Errors a person can act on, kept apart from bugs.

Everything raised as a `ConvenerError` carries a message written for the user: the command line
prints it after `error: ` and exits 1, the desktop app shows it in a dialog. Anything else that
escapes is a bug and is reported as one.
"""

from __future__ import annotations


class ConvenerError(Exception):
    """A problem caused by input or environment, with a message the user can act on."""


class ValidationError(ConvenerError):
    """Input that cannot be accepted; `field` names the input it concerns, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ConvenerError):
    """An id or name that does not exist in the database."""


class DatabaseError(ConvenerError):
    """The database file cannot be used as it is (missing, damaged, newer, locked, full)."""


class SchemaTooNewError(DatabaseError):
    """The file was written by a newer version of Convener than this one."""
