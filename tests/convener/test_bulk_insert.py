"""Multi-row INSERTs: every row arrives, in order, within SQLite's limit on bound parameters,
and the schema's triggers still judge each row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from convener.storage import Store
from convener.storage.bulk import insert_rows
from tests.convener.db_digest import digest


def test_rows_split_into_statements_under_the_parameter_limit(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "rows.db")
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL)")
    # 100 parameters: 33 rows of three a statement, so 2,345 rows take 72 statements.
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    rows = [(i, f"row {i}", i / 2) for i in range(2_345)]
    insert_rows(conn, "INSERT INTO t (a, b, c)", rows)
    conn.set_trace_callback(None)
    assert conn.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 72
    insert_rows(conn, "INSERT INTO t (a, b, c)", [])
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == len(rows)
    conn.close()


def test_the_protected_contact_trigger_refuses_a_bad_row_among_many(
    store: Store, db_path: Path
) -> None:
    """The triggers of migration 6 guard the rule on any path, a multi-row INSERT too."""
    with store.db.atomic():
        org = store.organisations.ensure("Safe Haven")
    columns = "INSERT INTO stakeholders (name, email, intermediary_id, created_at, updated_at)"
    rows = [(f"P{i}", f"p{i}@example.org", None, "2026-01-01", "2026-01-01") for i in range(50)]
    rows[37] = ("Protected", "direct@example.org", org, "2026-01-01", "2026-01-01")
    before = digest(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="protected contact"), store.db.atomic():
        insert_rows(store.db.conn, columns, rows)
    assert digest(db_path) == before
    with store.db.atomic():
        insert_rows(store.db.conn, columns, rows[:37] + rows[38:])
    assert store.stakeholders.count() == 49
