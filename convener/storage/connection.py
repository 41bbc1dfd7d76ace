"""A connection with what Convener's schema needs: the folding function of its search index,
and scripts run in linear time."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from convener.collation import fold

# How long any connection waits for another writer: every command, the app and restore alike.
BUSY_TIMEOUT_SECONDS = 5.0


class ConvenerDatabase(Database):
    """sqlite-utils' Database, with `executescript` inside a transaction in linear time.

    sqlite-utils splits a script into statements one character at a time, joining the whole
    statement so far at each character: quadratic in the statement's length. The first
    migration's script took most of the 30-190 ms a new database (and the schema check's
    reference) cost. Here the script is cut only at semicolons, where SQLite says whether
    the statement is complete (a trigger's body has semicolons of its own).
    """

    def executescript(self, sql: str) -> sqlite3.Cursor:
        if not self.conn.in_transaction:
            return super().executescript(sql)
        cursor = self.conn.cursor()
        statement = ""
        pieces = sql.split(";")
        for piece in pieces[:-1]:
            statement += piece + ";"
            if sqlite3.complete_statement(statement):
                cursor.execute(statement)
                statement = ""
        rest = statement + pieces[-1]
        if rest.strip():
            cursor.execute(rest)
        return cursor


def convener_database(conn: sqlite3.Connection) -> Database:
    """Wrap `conn`, registering `convener_fold` (migrations and the index call it)."""
    conn.create_function("convener_fold", 1, fold, deterministic=True)
    return ConvenerDatabase(conn, execute_plugins=False)
