"""Light read-only connections for queries run on a background thread.

`Store.open` checks the file, backs it up and migrates it, which is right once per app start
but far too slow to repeat for every search a person types. A background query instead reads
through its own read-only connection to the already-open file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from convener.errors import DatabaseError
from convener.storage import Store


def open_reader(path: Path) -> Store:
    """A read-only Store over a database that the app has already opened and migrated.

    Any thread may use it (it is opened on the reader's thread and closed by the GUI thread
    once that thread is idle); the caller makes sure only one uses it at a time.
    """
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=5.0,
            check_same_thread=False,
        )
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot read {path}: {exc}") from exc
    conn.execute("PRAGMA busy_timeout = 5000")
    return Store(Database(conn, execute_plugins=False), path)
