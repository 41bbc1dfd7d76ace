"""Writing thousands of rows in few statements.

Inside a transaction, a statement that may fail part way (a trigger that can RAISE, a
constraint) gets a statement journal: before changing a page, SQLite saves it, so that it can
undo that statement alone. `executemany` runs one statement per row, so a page is saved again
for every row that touches it; on the people table, with its five indexes and the
protected-contact trigger, that was half the time of adding 100k people. One INSERT with many
rows saves each page once, and still runs every trigger and check for every row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

# Rows per statement: enough to spread the statement's cost, few enough to keep its text short.
_MOST_ROWS = 1_000


def insert_rows(conn: sqlite3.Connection, into: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run `into` (an `INSERT INTO table (columns)`) with `rows` as its VALUES."""
    if not rows:
        return
    width = len(rows[0])
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(_MOST_ROWS, limit // width))
    values = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), per_statement):
        part = rows[start : start + per_statement]
        conn.execute(
            f"{into} VALUES {', '.join([values] * len(part))}",
            [value for row in part for value in row],
        )
