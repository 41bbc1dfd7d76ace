"""Opening, creating and migrating real database files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from convener.collation import fold
from convener.errors import DatabaseError, SchemaTooNewError
from convener.storage import Store, open_database
from convener.storage.migrations import latest_version, migration_names, migrations


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_new_file_is_created_private_with_wal_and_latest_schema(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    finally:
        db.close()
    if os.name == "posix":
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert {"stakeholders", "consent_events", "roundtables", "stakeholder_search"} <= _tables(
        db_path
    )


def test_wal_file_is_private_too(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.settings.put("touch", "1")
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.exists()
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_migrating_from_previous_version_keeps_data_and_backs_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    names = migration_names()
    assert len(names) >= 2, "this test needs a previous schema version to start from"
    conn = sqlite3.connect(path)
    conn.create_function("convener_fold", 1, fold, deterministic=True)  # as the app's own
    old = Database(conn)
    migrations.apply(old, stop_before=names[-1])
    old.execute(
        "INSERT INTO organisations (name, created_at, updated_at) VALUES ('Home Office', 'x', 'x')"
    )
    previous_version = old.execute("PRAGMA user_version").fetchone()[0]
    old.close()
    assert previous_version == len(names) - 1

    backups = tmp_path / "backups"
    db = open_database(path, backups_dir=backups)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert db.execute("SELECT name FROM organisations").fetchall() == [("Home Office",)]
    finally:
        db.close()

    made = list(backups.glob("*.db"))
    assert len(made) == 1
    with sqlite3.connect(made[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == previous_version
        assert copy.execute("SELECT name FROM organisations").fetchall() == [("Home Office",)]


def test_no_backup_when_nothing_to_migrate(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path, backups_dir=tmp_path / "backups").close()
    assert not (tmp_path / "backups").exists()


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of Convener"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("meeting notes, not a database")
    with pytest.raises(DatabaseError, match="not a Convener database"):
        open_database(path)
    assert path.read_text() == "meeting notes, not a database"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "convener.db")


def test_damaged_file_is_reported(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for n in range(300):
            store.organisations.add(f"Organisation {n}")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200  # scribble over a b-tree page
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        open_database(db_path)
