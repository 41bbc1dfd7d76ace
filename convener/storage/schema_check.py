"""Refusing files that are not exactly Convener's: the schema must be the one the migrations make.

A database file carries code of its own: a trigger runs on every write, a view on every read.
A file someone hands over (a restored backup, a copy opened with `--db`) could carry a trigger
that copies a person into a shadow table before erasure empties their row, or swallow the
erasure altogether. So before anything of a file runs, its `sqlite_master` (every table,
index, trigger and view) is compared with that of a fresh database migrated to the same
version; anything extra or missing is refused, by name.

The reference is built in memory once per version and process (about 8 ms for the whole
list of migrations, docs/performance.md), so opening stays fast.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable

from convener.errors import DatabaseError
from convener.storage import migrations as schema
from convener.storage.connection import convener_database

# Internal tables SQLite itself may add to a healthy file (ANALYZE, AUTOINCREMENT).
_SQLITE_OWN = frozenset({"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"})

SchemaObject = tuple[str, str, str, str]  # type, name, table it belongs to, SQL (spaces folded)


class SchemaMismatchError(DatabaseError):
    """The file's schema differs from Convener's at its version; nothing of it was run."""


def schema_objects(conn: sqlite3.Connection, where: str) -> frozenset[SchemaObject]:
    """The objects in a connection's `sqlite_master`, read as bytes so bad UTF-8 is an error.

    `where` names the file in the error message.
    """
    try:
        rows = conn.execute(
            "SELECT CAST(type AS BLOB), CAST(name AS BLOB), CAST(tbl_name AS BLOB),"
            " CAST(sql AS BLOB) FROM sqlite_master"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"the schema of {where} is damaged ({exc})") from exc
    found: set[SchemaObject] = set()
    for row in rows:
        try:
            kind, name, table, sql = (b.decode("utf-8") if b is not None else "" for b in row)
        except UnicodeDecodeError as exc:
            raise DatabaseError(
                f"the schema of {where} is damaged (it is not valid UTF-8)"
            ) from exc
        if name in _SQLITE_OWN:
            continue
        found.add((kind, name, table, " ".join(sql.split())))
    return frozenset(found)


@functools.cache
def reference_schema(version: int) -> frozenset[SchemaObject]:
    """The schema a fresh database has after the first `version` migrations."""
    conn = sqlite3.connect(":memory:")
    db = convener_database(conn)
    try:
        names = schema.migration_names()
        if version >= len(names):
            schema.migrations.apply(db)
        elif version > 0:
            schema.migrations.apply(db, stop_before=names[version])
        return schema_objects(conn, "the reference schema")
    finally:
        conn.close()


def verify_schema(conn: sqlite3.Connection, version: int, where: str) -> None:
    """Raise SchemaMismatchError naming what differs from Convener's schema at `version`.

    A file at version 0 may only be empty (a new database not yet migrated); one with tables
    of its own is some other program's file and is refused rather than adopted.
    """
    found = schema_objects(conn, where)
    if version == 0:
        if found:
            raise SchemaMismatchError(
                f"{where} is not a Convener database (it is an SQLite file holding "
                f"{_names(found)}); Convener does not adopt other programs' files"
            )
        return
    expected = reference_schema(version)
    extra = found - expected
    missing = expected - found
    if not extra and not missing:
        return
    problems = []
    extra_names = {name for _, name, _, _ in extra}
    missing_names = {name for _, name, _, _ in missing}
    changed = extra_names & missing_names
    if changed:
        problems.append("changed: " + _names(o for o in extra if o[1] in changed))
    if extra_names - changed:
        problems.append("not Convener's: " + _names(o for o in extra if o[1] not in changed))
    if missing_names - changed:
        problems.append("missing: " + _names(o for o in missing if o[1] not in changed))
    raise SchemaMismatchError(
        f"{where} does not have Convener's schema for version {version}, so nothing in it was "
        f"run ({'; '.join(problems)}); restore a backup with `convener restore`"
    )


def _names(objects: Iterable[SchemaObject]) -> str:
    listed = sorted(f"{kind} {name}" for kind, name, _, _ in objects)
    shown = ", ".join(listed[:6])
    return shown + (f" and {len(listed) - 6} more" if len(listed) > 6 else "")
