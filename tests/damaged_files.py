"""Making a database file that is damaged the way failing disks and bad copies damage files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

_PAGE = 4096


def damage_page(path: Path, page: int) -> None:
    """Overwrite one page in the middle of the file, as a failing disk or a bad copy would."""
    with path.open("r+b") as handle:
        handle.seek((page - 1) * _PAGE)
        handle.write(b"\xa5" * _PAGE)


def fill_pages(conn: sqlite3.Connection, *, convener: bool = False) -> int:
    """A table spanning many pages; the number of pages in the file.

    In a Convener database (`convener`) the rows go into its settings table, since a table
    of our own would make the file fail the schema check before any damage is looked for.
    """
    conn.execute(f"PRAGMA page_size = {_PAGE}")
    if convener:
        rows = [(f"filler {n}", "x" * 300) for n in range(2000)]
        conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", rows)
    else:
        conn.execute("CREATE TABLE IF NOT EXISTS filler (text TEXT)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 300,) for _ in range(2000)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(conn.execute("PRAGMA page_count").fetchone()[0])
