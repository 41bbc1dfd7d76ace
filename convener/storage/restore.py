"""Restoring a backup over the open database without losing what another writer committed.

SQLite's backup API cannot write into a connection that holds a transaction, so restoring
with it leaves a gap between the safety copy and the restore in which another process (the
app beside the command line) may commit a row that ends up in neither. Instead the restore is
one write transaction on the live connection, taken with the busy timeout every command uses:
inside it, every table is copied into the safety file, then replaced by the backup's rows
(staged in a file of its own and migrated to this version first), and the erasure list is
applied again. Either all of it happens or none; a row committed before the lock was taken is
in the safety copy, and no row can be committed in between.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from convener.errors import DatabaseError
from convener.paths import backups_dir_for
from convener.storage.backup import BACKUPS_KEPT, BEFORE_RESTORE, check_backup, prune, stamp
from convener.storage.connection import convener_database
from convener.storage.erasure import ErasureStore
from convener.storage.migrations import latest_version, migrations
from convener.storage.schema_check import reference_schema
from convener.storage.transactions import write_transaction


def safe_restore(
    db: Database, database: Path, source: Path, *, backups_dir: Path | None = None
) -> Path:
    """Restore `source` over the open database, keeping a copy of what it held before.

    The backup is checked first (integrity and schema), so a bad choice changes nothing;
    returns the safety copy.
    """
    check_backup(source)
    folder = backups_dir or backups_dir_for(database)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    safety = folder / f"{database.stem}{BEFORE_RESTORE}{stamp()}.db"
    with _schema_file(folder) as staged, _schema_file(folder) as saved:
        _copy_backup_into(source, staged)
        db.execute("ATTACH DATABASE ? AS restored", [str(staged)])
        db.execute("ATTACH DATABASE ? AS saved", [str(saved)])
        try:
            with write_transaction(db):
                db.execute("PRAGMA defer_foreign_keys = ON")
                for table, columns in _tables():
                    _replace_rows(db, "saved", "main", table, columns)
                    _replace_rows(db, "main", "restored", table, columns)
                # Who was erased is never forgotten by a restore: the live file's list joins
                # the backup's, and the backup's people are erased again before the commit.
                for table in _KEPT_THROUGH_RESTORE:
                    db.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM saved.{table}")
                reapplied = ErasureStore(db).reapply_logged(purge=False)
        finally:
            db.execute("DETACH DATABASE restored")
            db.execute("DETACH DATABASE saved")
        os.replace(saved, safety)
    if reapplied:
        ErasureStore(db).purge_files()
    prune(folder, f"{database.stem}{BEFORE_RESTORE}*.db", keep=BACKUPS_KEPT)
    return safety


_KEPT_THROUGH_RESTORE = ("erasure_log", "erasure_suppression")


def _tables() -> list[tuple[str, list[str]]]:
    """Every table that holds data in the latest schema, with its columns.

    Shadow tables of a virtual table (the full-text index's) are the index's own business:
    copying the virtual table's rows rebuilds them.
    """
    objects = reference_schema(latest_version())
    virtual = {name for kind, name, _, sql in objects if sql.startswith("CREATE VIRTUAL TABLE")}
    conn = sqlite3.connect(":memory:")
    try:
        migrations.apply(convener_database(conn))
        tables = []
        for kind, name, _, _ in sorted(objects):
            if kind != "table" or any(name.startswith(f"{v}_") for v in virtual):
                continue
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
            if name in virtual:
                columns = ["rowid", *columns]
            tables.append((name, columns))
        return tables
    finally:
        conn.close()


def _replace_rows(db: Database, target: str, source: str, table: str, columns: list[str]) -> None:
    listed = ", ".join(f'"{c}"' for c in columns)
    db.execute(f'DELETE FROM {target}."{table}"')
    db.execute(f'INSERT INTO {target}."{table}" ({listed}) SELECT {listed} FROM {source}."{table}"')


@contextmanager
def _schema_file(folder: Path) -> Iterator[Path]:
    """A private file in `folder` with the latest empty schema; removed unless moved away."""
    fd, name = tempfile.mkstemp(prefix=".restoring-", suffix=".db", dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        conn = sqlite3.connect(path)
        try:
            migrations.apply(convener_database(conn))
        finally:
            conn.close()
        yield path
    finally:
        path.unlink(missing_ok=True)


def _copy_backup_into(source: Path, staged: Path) -> None:
    """Copy the backup into `staged` and bring it to this version's schema."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(staged)
    try:
        src.backup(dest)
        migrations.apply(convener_database(dest))
    except sqlite3.Error as exc:
        raise DatabaseError(f"restoring {source} failed: {exc}") from exc
    finally:
        src.close()
        dest.close()
