"""Opening the database file safely: permissions, pragmas, health check, backup, migrations."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from convener.collation import fold
from convener.errors import DatabaseError, SchemaTooNewError
from convener.paths import backups_dir_for
from convener.storage import migrations as schema
from convener.storage.backup import backup_to
from convener.storage.erasure import ErasureStore
from convener.storage.errors import explain

_SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(
    path: str | os.PathLike[str],
    *,
    backups_dir: Path | None = None,
    migrate: bool = True,
    check: bool = True,
) -> Database:
    """Open (creating if needed) a Convener database and bring its schema up to date.

    The connection belongs to the calling thread. A new file is created readable by its owner
    only, because it holds people's names and their consent history. An existing file is
    checked before use and backed up before any migration touches it.

    `check=False` is for the desktop app, which runs the full check (`check_health`) in the
    background once its window is up, and for its background connections: SQLite's quick check
    reads every page, over a second for 100k people when the file is not in the OS cache
    (docs/performance.md). The header and the schema are still read at open, and a file is
    always fully checked before a migration touches it.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise DatabaseError(f"the folder {path.parent} does not exist; create it or choose another")
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_header(path)
    else:
        _create_private_file(path)

    db = _connect(path)
    try:
        _configure(db, path)
        if check:
            check_health(db, path)
        else:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = _user_version(db)
        latest = schema.latest_version()
        if version > latest:
            raise SchemaTooNewError(
                f"{path} was written by a newer version of Convener (schema {version}; this "
                f"version knows up to {latest}). Update Convener to open it."
            )
        if migrate and schema.migrations.pending(db):
            if not check:
                check_health(db, path)
            if existed and version > 0:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
                target = (backups_dir or backups_dir_for(path)) / (
                    f"{path.stem}-before-schema-{latest}-{stamp}.db"
                )
                backup_to(db, target)
            schema.migrations.apply(db)
        if migrate:
            # Before anything is read: a file restored or copied back from an older backup
            # must not show people who were erased since.
            ErasureStore(db).reapply_logged()
    except sqlite3.DatabaseError as exc:
        db.close()
        raise explain(exc, path) or DatabaseError(f"{path} cannot be used: {exc}") from exc
    except BaseException:
        db.close()
        raise
    return db


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseError(f"{path} cannot be read: permission denied") from exc
    if header != _SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a Convener database (it is not an SQLite file)")


def _create_private_file(path: Path) -> None:
    """Create the empty file with owner-only permissions before SQLite opens it.

    SQLite gives the -wal and -shm files the permissions of the database file, so they are
    private too.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise DatabaseError(f"cannot create {path}: {exc.strerror}") from exc
    os.close(fd)


def _connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=5.0)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    # The full-text index stores folded text; the same function folds what people type.
    conn.create_function("convener_fold", 1, fold, deterministic=True)
    return Database(conn, execute_plugins=False)


def _configure(db: Database, path: Path) -> None:
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise DatabaseError(f"{path} cannot be opened for writing (journal mode stayed {mode})")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA busy_timeout = 5000")


def check_health(db: Database, path: Path) -> None:
    """Raise DatabaseError if SQLite's quick check finds damage; it reads the whole file."""
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged ({exc}); restore it from a backup") from exc
    if result != "ok":
        raise DatabaseError(f"{path} is damaged ({result}); restore it from a backup")


def _user_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])
