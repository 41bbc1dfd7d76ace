"""Backups while another process writes, daily rotation, safe restore, damaged-file recovery."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.errors import DatabaseError
from convener.storage import Store
from convener.storage.backup import (
    backup_to,
    backups_of,
    daily_backup,
    latest_good_backup,
    replace_damaged,
)
from convener.storage.restore import safe_restore
from tests.conftest import CliResult
from tests.convener.db_digest import count, digest

# Writes pairs of settings rows, one pair per transaction, until told to stop: a consistent
# copy always holds an even number of them.
WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 30000")
    print("writing", flush=True)
    i = 0
    while i < int(sys.argv[2]):
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO settings (key, value) VALUES (?, 'a')", (f"w{i}a",))
        con.execute("INSERT INTO settings (key, value) VALUES (?, 'b')", (f"w{i}b",))
        con.execute("COMMIT")
        i += 1
    """
)


def test_backup_while_another_process_writes(store: Store, db_path: Path, tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "1500"], stdout=subprocess.PIPE, text=True
    ) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        copies = [backup_to(store.db, tmp_path / "copies" / f"copy{i}.db") for i in range(5)]
        still_writing = writer.poll() is None
        assert writer.wait(timeout=60) == 0
    assert still_writing  # the copies really were taken during the writes
    counts = []
    for copy in copies:
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        counts.append(
            con.execute("SELECT count(*) FROM settings WHERE key LIKE 'w%'").fetchone()[0]
        )
        con.close()
        assert copy.stat().st_mode & 0o777 == 0o600
    assert all(n % 2 == 0 for n in counts), counts
    assert counts[-1] > 0


def test_daily_backups_keep_one_a_day_for_seven_days(store: Store, db_path: Path) -> None:
    folder = db_path.parent / "backups"
    before_migration = backup_to(store.db, folder / "convener-before-schema-2-x.db")
    start = date(2026, 3, 1)
    made = [daily_backup(store.db, db_path, today=start + timedelta(days=i)) for i in range(9)]
    assert all(m is not None for m in made)
    assert daily_backup(store.db, db_path, today=start + timedelta(days=8)) is None  # once a day
    daily = sorted(p.name for p in folder.glob("convener-daily-*.db"))
    assert daily == [f"convener-daily-2026-03-{d:02d}.db" for d in range(3, 10)]
    assert before_migration.exists()
    assert len(backups_of(db_path)) == 8


def test_safe_restore_keeps_what_was_there(store: Store, db_path: Path, tmp_path: Path) -> None:
    add_stakeholder(store, StakeholderDraft(name="Before Backup"))
    backup = backup_to(store.db, tmp_path / "saved.db")
    add_stakeholder(store, StakeholderDraft(name="After Backup"))
    safety = safe_restore(store.db, db_path, backup)
    assert [p.name for p in store.stakeholders.find()] == ["Before Backup"]
    assert count(safety) == 2


def test_restore_refuses_a_bad_backup_before_touching_anything(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    add_stakeholder(store, StakeholderDraft(name="Kept"))
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"hello" * 1000)
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="not a Convener backup"):
        safe_restore(store.db, db_path, not_a_db)
    assert digest(db_path) == before
    assert backups_of(db_path) == []


def corrupt(path: Path) -> None:
    """Overwrite the middle of the file, keeping the SQLite header so it still looks like one."""
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_replaced_by_the_latest_good_backup(
    db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:
        add_stakeholder(store, StakeholderDraft(name="Safe In Backup"))
        daily_backup(store.db, db_path, today=date(2026, 3, 1))
        newer = daily_backup(store.db, db_path, today=date(2026, 3, 2))
    assert newer is not None
    corrupt(newer)  # the newest backup is damaged too: the one before it must be chosen
    corrupt(db_path)
    with pytest.raises(DatabaseError):
        Store.open(db_path).close()
    good = latest_good_backup(db_path)
    assert good is not None and good.name == "convener-daily-2026-03-01.db"
    aside = replace_damaged(db_path, good)
    assert aside.exists() and "damaged" in aside.name
    with Store.open(db_path) as store:
        assert [p.name for p in store.stakeholders.find()] == ["Safe In Backup"]
    assert latest_good_backup(tmp_path / "elsewhere.db") is None


def test_cli_backup_restore_and_check(
    cli: Callable[..., CliResult], db_path: Path, tmp_path: Path
) -> None:
    cli("init", check=True)
    cli("stakeholder", "add", "--name", "First", check=True)
    backup = tmp_path / "copy.db"
    assert cli("backup", str(backup)).code == 0
    cli("stakeholder", "add", "--name", "Second", check=True)
    restored = cli("restore", str(backup))
    assert restored.code == 0, restored.err
    assert "previous contents were saved as" in restored.out
    assert count(db_path) == 1
    assert cli("check").out.strip() == "ok"
    corrupt(db_path)
    assert cli("check").code == 1
    recovered = cli("restore", str(backup))
    assert recovered.code == 0, recovered.err
    assert "could not be opened" in recovered.out
    assert cli("check").out.strip() == "ok"
    assert count(db_path) == 1


# Takes the write lock, writes a row, says so, and commits a second later.
HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO settings (key, value) VALUES ('committed meanwhile', 'yes')")
    print("locked", flush=True)
    time.sleep(1.0)
    con.execute("COMMIT")
    """
)


def test_restore_waits_for_another_writer_and_keeps_its_row(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    add_stakeholder(store, StakeholderDraft(name="In The Backup"))
    backup = backup_to(store.db, tmp_path / "saved.db")
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        safety = safe_restore(store.db, db_path, backup)
        assert holder.wait(timeout=30) == 0
    copy = sqlite3.connect(safety)
    kept = copy.execute("SELECT value FROM settings WHERE key = 'committed meanwhile'").fetchall()
    copy.close()
    assert kept == [("yes",)]  # the other writer's row is in the safety copy, not lost
    assert [p.name for p in store.stakeholders.find()] == ["In The Backup"]
    assert stat_mode(safety) == 0o600
    assert not list(safety.parent.glob(".restoring-*"))


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
