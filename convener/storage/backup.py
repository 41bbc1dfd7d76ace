"""Backups through SQLite's online backup API, which is safe while the app has the file open."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from convener.errors import DatabaseError
from convener.storage.erasure import ErasureStore
from convener.storage.migrations import latest_version, migrations


def backup_to(db: Database, target: Path) -> Path:
    """Write a consistent copy of `db` to `target` (owner-only), replacing nothing on failure."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        # The copy must be a single self-contained file: no WAL beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        dest.close()
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"the backup to {target} failed: {exc}") from exc
    dest.close()
    os.replace(partial, target)
    return target


def integrity_problems(db: Database) -> list[str]:
    """Run SQLite's full integrity and foreign-key checks; an empty list means healthy."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [p for p in problems if p != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"row {rowid} of {table} points at a missing row of {parent}")
    return problems


def restore_from(db: Database, source: Path) -> None:
    """Replace the contents of `db` with the backup at `source`, after checking the backup."""
    if not source.is_file():
        raise DatabaseError(f"there is no backup file at {source}")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the backup {source}: {exc}") from exc
    try:
        try:
            check = src.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(src.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{source} is not a Convener backup ({exc})") from exc
        if check != "ok":
            raise DatabaseError(f"the backup {source} is damaged ({check}); choose another")
        if version == 0 or version > latest_version():
            raise DatabaseError(
                f"{source} is not a backup this version of Convener can restore (schema {version})"
            )
        src.backup(db.conn)
    finally:
        src.close()
    migrations.apply(db)
    # The backup may predate erasures; the log beside the database outlives the restore.
    ErasureStore(db).reapply_logged()
