"""Opening the database file safely: permissions, pragmas, schema, health check, migrations.

Only SQLite touches the file once it may be open: on POSIX, closing any descriptor of a file
drops every lock the process holds on it, so one `open()` and `close()` of the database
(to read its header, say) while the app's connections are open lets another process think
it is the last user, checkpoint and delete the write-ahead log under the app, and corrupt
the file. Everything here learns about the file through `os.stat` or through SQLite.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from convener.errors import DatabaseError, SchemaTooNewError
from convener.paths import backups_dir_for
from convener.storage import migrations as schema
from convener.storage.backup import backup_to
from convener.storage.connection import BUSY_TIMEOUT_SECONDS, convener_database
from convener.storage.erasure import ErasureStore
from convener.storage.errors import explain
from convener.storage.schema_check import SchemaMismatchError, verify_schema

_SQLITE_NOTADB = 26
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where symlinks need privileges


def open_database(
    path: str | os.PathLike[str],
    *,
    backups_dir: Path | None = None,
    migrate: bool = True,
    check: bool = True,
    create: bool = True,
) -> Database:
    """Open a Convener database and bring its schema up to date.

    The connection belongs to the calling thread. With `create`, a missing file is created
    readable by its owner only, because it holds people's names and their consent history;
    without it (every command but `init`), a missing file is an error naming the path, so a
    typo never makes a new empty database. An existing file must have exactly Convener's
    schema for its version (`schema_check`) before anything in it runs, and is backed up
    before any migration touches it.

    `check=False` is for the desktop app, which runs the full check (`check_health`) in the
    background once its window is up, and for its background connections: SQLite's quick check
    reads every page, over a second for 100k people when the file is not in the OS cache
    (docs/performance.md). The schema is still verified at open, and a file is always fully
    checked before a migration touches it.
    """
    path = Path(path)
    existed = _existing_file(path, create=create)
    if not existed:
        _create_private_file(path)

    db = _connect(path)
    try:
        version = _verified_version(db, path)
        _configure(db, path)
        if check:
            check_health(db, path)
        latest = schema.latest_version()
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


def _existing_file(path: Path, *, create: bool) -> bool:
    """Whether `path` is an existing database file; errors for anything that cannot be one.

    Only `os.stat` looks at the file here, never `open()` (see the module docstring).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise DatabaseError(
                f"the folder {path.parent} does not exist; create it or choose another"
            ) from None
        if not create:
            raise DatabaseError(
                f"there is no database at {path}; check the path, or create one there with "
                "`convener init`"
            ) from None
        return False
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseError(f"{path} is a folder, not a database file; give the file's path")
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseError(f"{path} is not a regular file, so it cannot be a database")
    if info.st_size == 0:
        # SQLite would silently treat it as a new empty database, and `check` would say ok.
        raise DatabaseError(
            f"{path} is an empty file (0 bytes), not a Convener database; restore a backup "
            "into it with `convener restore`, or remove it and run `convener init`"
        )
    return True


def _verified_version(db: Database, path: Path) -> int:
    """The file's schema version, after checking it is an SQLite file with Convener's schema.

    Nothing is written before this passes, so a refused file is left exactly as it was.
    """
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            raise DatabaseError(
                f"{path} is not a Convener database (it is not an SQLite file)"
            ) from exc
        raise DatabaseError(
            f"the schema of {path} is damaged ({exc}); restore it from a backup"
        ) from exc
    latest = schema.latest_version()
    if version > latest:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of Convener (schema {version}; this "
            f"version knows up to {latest}). Update Convener to open it."
        )
    try:
        verify_schema(db.conn, version, str(path))
    except SchemaMismatchError:
        # A damaged file can look like a changed one; damage is what to tell (and restore).
        check_health(db, path)
        raise
    return version


def _create_private_file(path: Path) -> None:
    """Create the empty file with owner-only permissions before SQLite opens it.

    SQLite gives the -wal and -shm files the permissions of the database file, so they are
    private too. O_EXCL: a file (or a planted symlink) that appeared meanwhile is not ours.
    Closing this descriptor drops no SQLite lock (invariant 9): O_EXCL means the inode is new,
    so no connection of this process can hold a lock on it yet.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, 0o600)
    except OSError as exc:
        raise DatabaseError(f"cannot create {path}: {exc.strerror}") from exc
    os.close(fd)


def _connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    return convener_database(conn)


def _configure(db: Database, path: Path) -> None:
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise DatabaseError(f"{path} cannot be opened for writing (journal mode stayed {mode})")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA secure_delete = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    # Defence in depth behind the schema check: SQL functions with side effects may not run
    # from a view or trigger.
    db.execute("PRAGMA trusted_schema = OFF")


def check_health(db: Database, path: Path) -> None:
    """Raise DatabaseError if SQLite's quick check finds damage; it reads the whole file."""
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged ({exc}); restore it from a backup") from exc
    if result != "ok":
        raise DatabaseError(f"{path} is damaged ({result}); restore it from a backup")
