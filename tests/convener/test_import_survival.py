"""The database survives a full disk, a read-only file, a lock, and a process killed mid-import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.errors import DatabaseError
from convener.importing import choose_mapping, open_source, run_import
from convener.storage import Store
from tests.conftest import REPO_ROOT, CliResult
from tests.convener.db_digest import count, digest


def big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Email,Organisation,Notes\r\n")
        for i in range(rows):
            handle.write(f"Person {i},p{i}@example.org,Org {i % 300},{'note ' * 20}\r\n")
    return path


def import_into(store: Store, path: Path) -> None:
    source = open_source(path)
    run_import(store, source, choose_mapping(store, source.headers).mapping)


@pytest.fixture
def seeded(store: Store) -> Store:
    add_stakeholder(store, StakeholderDraft(name="Already Here", email="here@example.org"))
    return store


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "big.csv", 3000)
    pages = seeded.db.execute("PRAGMA page_count").fetchone()[0]
    seeded.db.execute(f"PRAGMA max_page_count = {pages + 20}")
    before = digest(db_path)
    with pytest.raises(DatabaseError, match=r"disk holding .* is full\. Nothing was changed"):
        import_into(seeded, path)
    assert digest(db_path) == before
    seeded.db.execute("PRAGMA max_page_count = 1073741823")
    import_into(seeded, path)  # with room again, the same import goes through
    assert count(db_path) == 3001


def test_a_read_only_database_gives_a_clear_error(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "small.csv", 5)
    seeded.db.execute("PRAGMA query_only = ON")  # what SQLite reports for a read-only file
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="is read-only"):
        import_into(seeded, path)
    assert digest(db_path) == before


def test_a_locked_database_gives_a_clear_error(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "small.csv", 5)
    seeded.db.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseError, match="another program is writing to it"):
            import_into(seeded, path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert count(db_path) == 1


def test_killing_the_import_process_leaves_the_database_intact_and_unchanged(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "big.csv", 60_000)
    seeded.close()
    before = digest(db_path)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("CONVENER_DB", None)
    with subprocess.Popen(
        [sys.executable, "-m", "convener", "--db", str(db_path), "import", str(path)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    ) as process:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("importing: 5000 of 60000 rows"), line
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    assert Path(str(db_path) + "-wal").exists()  # it had written into the log when killed
    assert digest(db_path) == before
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with Store.open(db_path) as reopened:
        assert reopened.stakeholders.count() == 1


def test_the_command_line_explains_a_locked_database(
    seeded: Store, db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    path = big_csv(tmp_path / "small.csv", 5)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = cli("import", str(path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.code == 1
    assert "another program is writing to it. Nothing was changed." in result.err
    assert "Traceback" not in result.err
    assert count(db_path) == 1
