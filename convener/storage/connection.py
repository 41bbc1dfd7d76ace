"""A connection with what Convener's schema needs: the folding function of its search index."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from convener.collation import fold

# How long any connection waits for another writer: every command, the app and restore alike.
BUSY_TIMEOUT_SECONDS = 5.0


def convener_database(conn: sqlite3.Connection) -> Database:
    """Wrap `conn`, registering `convener_fold` (migrations and the index call it)."""
    conn.create_function("convener_fold", 1, fold, deterministic=True)
    return Database(conn, execute_plugins=False)
