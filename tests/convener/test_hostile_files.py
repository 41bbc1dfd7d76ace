"""Files that are not exactly Convener's: refused at open and at restore, nothing in them run.

Each hostile file is a real SQLite file made here the way a person (or a bad copy) would make
it. "Nothing run" is shown by the file's bytes: refusing leaves it exactly as it was, and the
trigger or view in it would have left a mark (a row in its shadow table) had it run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from convener.errors import DatabaseError
from convener.storage import Store
from convener.storage.backup import backup_to, check_backup
from tests.conftest import CliResult
from tests.convener.db_digest import count, digest

SHADOW = """
    CREATE TABLE shadow (name TEXT, email TEXT);
    CREATE TRIGGER keep_a_copy BEFORE UPDATE ON stakeholders BEGIN
        INSERT INTO shadow VALUES (OLD.name, OLD.email);
    END;
"""


def _convener_file(path: Path, extra_sql: str = "") -> Path:
    with Store.open(path) as store:
        store.db.execute(
            "INSERT INTO stakeholders (name, email, created_at, updated_at)"
            " VALUES ('Amara Keane', 'amara@example.org', 'x', 'x')"
        )
        store.db.conn.commit()
    if extra_sql:
        conn = sqlite3.connect(path)
        conn.executescript(extra_sql)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return path


def _with_trigger(path: Path) -> Path:
    return _convener_file(path, SHADOW)


def _with_view(path: Path) -> Path:
    return _convener_file(path, "CREATE VIEW everyone AS SELECT name, email FROM stakeholders;")


def _with_extra_table(path: Path) -> Path:
    return _convener_file(path, "CREATE TABLE copies (name TEXT);")


def _with_missing_table(path: Path) -> Path:
    return _convener_file(path, "DROP TABLE retention_reviews;")


def _with_bad_utf8_in_schema(path: Path) -> Path:
    _convener_file(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = CAST(sql || X'2d2d20ff' AS TEXT)"
        " WHERE name = 'stakeholders'"
    )
    conn.commit()
    conn.close()
    return path


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (title TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    return path


def _zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "trigger": (_with_trigger, "not Convener's: table shadow, trigger keep_a_copy"),
    "view": (_with_view, "not Convener's: view everyone"),
    "extra table": (_with_extra_table, "not Convener's: table copies"),
    "missing table": (_with_missing_table, "missing: index retention_reviews_person, table ret"),
    "bad UTF-8 in the schema": (_with_bad_utf8_in_schema, "schema of .* is damaged"),
    "foreign file": (_foreign, "not a Convener database .*table recipes"),
    "zero-byte file": (_zero_bytes, "empty file"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_opening_a_hostile_file_is_refused_and_leaves_it_as_it_was(
    kind: str, tmp_path: Path
) -> None:
    make, message = HOSTILE[kind]
    path = make(tmp_path / "hostile.db")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=message):
        Store.open(path, check=False)
    assert path.read_bytes() == before
    assert not path.with_name("hostile.db-wal").exists()


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_restoring_a_hostile_file_is_refused_and_changes_nothing(
    kind: str, store: Store, db_path: Path, tmp_path: Path
) -> None:
    make, _ = HOSTILE[kind]
    hostile = make(tmp_path / "hostile.db")
    store.db.execute(
        "INSERT INTO settings (key, value) VALUES ('kept', 'yes')",
    )
    store.db.conn.commit()
    before = digest(db_path)
    with pytest.raises(DatabaseError):
        check_backup(hostile)
    assert digest(db_path) == before


def test_a_refused_trigger_never_ran(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    path = _with_trigger(tmp_path / "hostile.db")
    erased = cli("erase", "1", "--reason", "asked", db=path)
    assert erased.code == 1
    assert erased.err.startswith("error: ") and "trigger keep_a_copy" in erased.err
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM shadow").fetchone()[0] == 0
    conn.close()


def test_cli_restore_of_a_hostile_backup_is_one_error_line(
    cli: Callable[..., CliResult], db_path: Path, tmp_path: Path
) -> None:
    cli("stakeholder", "add", "--name", "Kept Person", check=True)
    hostile = _with_trigger(tmp_path / "hostile.db")
    restored = cli("restore", str(hostile))
    assert restored.code == 1
    assert restored.err.startswith("error: ") and "trigger keep_a_copy" in restored.err
    assert len(restored.err.strip().splitlines()) == 1
    assert count(db_path) == 1


@pytest.mark.parametrize("kind", ["missing table", "bad UTF-8 in the schema", "zero-byte file"])
def test_check_and_restore_still_work_on_a_refused_database(
    kind: str, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """The way out of a broken file: `check` says what is wrong, `restore` replaces it."""
    good = tmp_path / "good.db"
    with Store.open(good) as store:
        store.db.execute(
            "INSERT INTO stakeholders (name, created_at, updated_at) VALUES ('Safe', 'x', 'x')"
        )
        store.db.conn.commit()
        backup = backup_to(store.db, tmp_path / "saved.db")
    broken = HOSTILE[kind][0](tmp_path / "broken.db")
    checked = cli("check", db=broken)
    assert checked.code == 1 and checked.err.startswith("error: ")
    assert "Traceback" not in checked.err
    restored = cli("restore", str(backup), db=broken)
    assert restored.code == 0, restored.err
    assert "could not be opened" in restored.out
    assert cli("check", db=broken).out.strip() == "ok"
    assert count(broken) == 1


def test_a_missing_db_path_is_an_error_naming_it(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    typo = tmp_path / "convenr.db"
    listed = cli("stakeholders", db=typo)
    assert listed.code == 1
    assert listed.err == (
        f"error: there is no database at {typo}; check the path, or create one there with "
        "`convener init`\n"
    )
    assert not typo.exists()
    assert cli("init", db=typo).code == 0
    assert typo.exists()


def test_a_db_path_that_is_a_folder_is_an_error(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for command in (["stakeholders"], ["init"], ["check"]):
        result = cli(*command, db=folder)
        assert result.code == 1, command
        assert result.err.startswith("error: ") and "is a folder" in result.err
        assert "Traceback" not in result.err
