"""Backups through SQLite's online backup API, which is safe while the app has the file open."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from sqlite_utils import Database

from convener.errors import DatabaseError
from convener.paths import backups_dir_for
from convener.safe_files import private_folder, replace_private
from convener.storage.migrations import latest_version
from convener.storage.schema_check import verify_schema

BACKUPS_KEPT = 7  # of each kind: daily, and those taken before a restore
_DAILY = "-daily-"
BEFORE_RESTORE = "-before-restore-"
_SQLITE_NOTADB = 26


def backup_to(db: Database, target: Path) -> Path:
    """Write a consistent copy of `db` to `target` (owner-only), replacing nothing on failure."""
    private_folder(target.parent)

    def copy(partial: Path) -> None:
        dest = sqlite3.connect(str(partial))
        try:
            db.conn.backup(dest)
            # The copy must be a single self-contained file: no WAL beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error as exc:
            raise DatabaseError(f"the backup to {target} failed: {exc}") from exc
        finally:
            dest.close()

    replace_private(target, copy)
    return target


def integrity_problems(db: Database) -> list[str]:
    """Run SQLite's full integrity and foreign-key checks; an empty list means healthy."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [p for p in problems if p != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"row {rowid} of {table} points at a missing row of {parent}")
    return problems


def check_backup(source: Path) -> None:
    """Refuse a file that is missing, damaged, not Convener's, or from a newer Convener."""
    with _open_checked_backup(source):
        pass


@contextmanager
def _open_checked_backup(source: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a backup that passed the checks; closed afterwards."""
    if not source.is_file():
        raise DatabaseError(f"there is no backup file at {source}")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the backup {source}: {exc}") from exc
    try:
        _check_open_backup(src, source)
        yield src
    finally:
        src.close()


def _check_open_backup(src: sqlite3.Connection, source: Path) -> None:
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
    verify_schema(src, version, str(source))


def stamp() -> str:
    """The time in backup file names: sortable, and distinct between two in one second."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def replace_damaged(database: Path, source: Path, *, backups_dir: Path | None = None) -> Path:
    """Put the backup `source` in place of a database that cannot be opened at all.

    The damaged file (with its -wal and -shm, which belong to it and would corrupt the restored
    copy) is moved into the backups folder, not deleted; returns where it went.
    """
    check_backup(source)
    folder = backups_dir or backups_dir_for(database)
    private_folder(folder)
    fd, name = tempfile.mkstemp(
        prefix=f".{database.name}.", suffix=".restoring", dir=database.parent
    )
    os.close(fd)
    partial = Path(name)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(str(partial))
    try:
        src.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        dest.close()
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"restoring {source} failed: {exc}") from exc
    finally:
        src.close()
    dest.close()
    aside = folder / f"{database.stem}-damaged-{stamp()}.db"
    for suffix in ("", "-wal", "-shm"):
        part = database.with_name(database.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    os.replace(partial, database)
    return aside


def daily_backup(
    db: Database,
    database: Path,
    *,
    backups_dir: Path | None = None,
    today: date | None = None,
    keep: int = BACKUPS_KEPT,
) -> Path | None:
    """Take today's backup if there is none yet, and keep only the `keep` newest daily ones.

    Called when the app starts (and before an import). Backups taken before a migration or a
    restore are named differently and are never pruned here. Returns the new file, if any.
    """
    folder = backups_dir or backups_dir_for(database)
    day = today or date.today()
    target = folder / f"{database.stem}{_DAILY}{day.isoformat()}.db"
    made = None if target.exists() else backup_to(db, target)
    prune(folder, f"{database.stem}{_DAILY}*.db", keep=keep)
    return made


def prune(folder: Path, pattern: str, *, keep: int) -> None:
    """Keep the `keep` newest backups matching `pattern` (names sort by their time stamp)."""
    found = sorted(folder.glob(pattern))
    for old in found[:-keep] if keep > 0 else found:
        old.unlink(missing_ok=True)


def backups_of(database: Path, *, backups_dir: Path | None = None) -> list[Path]:
    """Every backup of `database`, newest first (damaged files set aside are not backups)."""
    folder = backups_dir or backups_dir_for(database)
    if not folder.is_dir():
        return []
    found = [
        p for p in folder.glob(f"{database.stem}-*.db") if "-damaged-" not in p.name and p.is_file()
    ]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def latest_good_backup(database: Path, *, backups_dir: Path | None = None) -> Path | None:
    """The newest backup that passes the integrity check, or None."""
    for candidate in backups_of(database, backups_dir=backups_dir):
        try:
            check_backup(candidate)
        except DatabaseError:
            continue
        return candidate
    return None


def damage_of(database: Path) -> str | None:
    """What is wrong with the file itself, or None when it is readable and consistent.

    Used to tell a damaged database (offer a backup) from one that is merely locked, busy or
    read-only (restoring would not help and would lose recent work).
    """
    # Through SQLite only, never open(): the app may hold connections to this very file, and
    # closing another descriptor of it would drop their locks (see storage.database).
    try:
        if database.stat().st_size == 0:
            return "it is an empty file"
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1.0)
    except (OSError, sqlite3.Error):
        return None
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError:
        return None  # locked or busy: the file is not the problem
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            return "it is not an SQLite database"
        return str(exc)
    finally:
        con.close()
    return None if result == "ok" else str(result)
