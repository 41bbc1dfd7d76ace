"""A transaction that takes the write lock at its start.

sqlite-utils' `atomic()` begins a deferred transaction. A long import reads first (duplicate
matching) and writes later, and SQLite cannot wait to upgrade a reading transaction to a
writing one without risking deadlock, so it fails at once with "database is locked" whenever
the app saved something meanwhile. Taking the lock up front lets the import wait (for the
connection's busy timeout) for another writer to finish instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """All or nothing, like `db.atomic()`, holding the write lock from the start."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
