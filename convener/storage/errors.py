"""Turning SQLite's failures that a person can fix into messages that say how.

A full disk, a read-only file and a database another program holds locked are not bugs: each
becomes a `DatabaseError` naming the file and the remedy. The transaction that failed has
already been rolled back by then, so nothing half-written is left behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from convener.errors import DatabaseError

# Primary result codes (the low byte of SQLite's extended codes).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14

_NOTHING_CHANGED = "Nothing was changed."


def explain(exc: sqlite3.Error, path: Path) -> DatabaseError | None:
    """The user-facing error for `exc`, or None when it is not one a person can act on."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DatabaseError(
            f"the disk holding {path} is full. {_NOTHING_CHANGED} Free some space (or move the "
            "database to a disk with room) and try again."
        )
    if primary == _SQLITE_READONLY or "readonly database" in text:
        return DatabaseError(
            f"{path} is read-only, so Convener cannot save changes. {_NOTHING_CHANGED} Check the "
            "file's permissions, or copy it to a folder you can write to."
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseError(
            f"{path} is busy: another program is writing to it. {_NOTHING_CHANGED} Wait for it "
            "to finish (or close it) and try again."
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return DatabaseError(
            f"{path} could not be read or written ({exc}). {_NOTHING_CHANGED} Check that the "
            "disk or network folder is still available."
        )
    return None


@contextmanager
def friendly_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite errors a person can act on as `DatabaseError`; others pass unchanged."""
    try:
        yield
    except sqlite3.Error as exc:
        explained = explain(exc, path)
        if explained is None:
            raise
        raise explained from exc
