"""The directory's display order, computed once per state of the database and reused.

Search as you type asks for "every match, in name order" on each keystroke. Sorting the
matches in SQL costs more than finding them: on 100k people a one-letter prefix matches two
thirds of the directory, and the ORDER BY took three times as long as the full-text search
itself (docs/performance.md). The order of the whole directory does not change while someone
types, so it is read once, and each keystroke only asks SQLite *which* ids match and puts them
in that order here, in time proportional to the matches.

The cache is dropped whenever the data may have changed: `PRAGMA data_version` moves when
another connection commits, `total_changes` when this one writes. Inside a transaction nothing
is cached, because a rollback would undo rows without moving either counter.

A connection opened for one question (every background search in the desktop app opens its
own) would read everyone's order to use it once, so the first ask may be answered by sorting
the matches in SQL instead (`OrderCache.reused`); the order is read when it is asked again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

# Below this share of the directory, sorting the matches by rank beats a pass over everyone.
_SORT_SHARE = 8


class Ordering:
    """Every id in one order, with each id's position for sorting subsets."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self._rank: dict[int, int] | None = None

    def arrange(self, matching: Iterable[int]) -> list[int]:
        """The ids of `matching` that are in this ordering, in its order."""
        wanted = set(matching)
        if len(wanted) * _SORT_SHARE >= len(self.ids):
            return [i for i in self.ids if i in wanted]
        if self._rank is None:
            self._rank = {sid: position for position, sid in enumerate(self.ids)}
        rank = self._rank
        return sorted((i for i in wanted if i in rank), key=rank.__getitem__)


class OrderCache:
    """Orderings by their SQL, valid for as long as the database has not changed."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._state: tuple[int, int] | None = None
        self._orderings: dict[str, Ordering] = {}
        self._asked: set[str] = set()  # orderings asked for since the state was last seen

    def get(self, sql: str) -> Ordering:
        """The ordering `sql` (a query of ids) gives now, from the cache when still valid."""
        if self._db.conn.in_transaction:
            self._drop()
            return self._read(sql)
        self._validate()
        found = self._orderings.get(sql)
        if found is None:
            found = self._orderings[sql] = self._read(sql)
        return found

    def reused(self, sql: str) -> Ordering | None:
        """The ordering `sql` gives now if it is cached, or read now if it was asked for before.

        The first time an ordering is asked for (on this connection, since the data last
        changed) this answers None without reading it, so that a connection opened for one
        question can sort a few matches in SQL instead; a connection that asks again is being
        reused, and reading the order once pays for itself.
        """
        conn = self._db.conn
        if conn.in_transaction:
            self._drop()
            return None
        self._validate()
        found = self._orderings.get(sql)
        if found is None and sql in self._asked:
            found = self._orderings[sql] = self._read(sql)
        self._asked.add(sql)
        return found

    def _validate(self) -> None:
        conn = self._db.conn
        state = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if state != self._state:
            self._orderings.clear()
            self._asked.clear()
            self._state = state

    def _drop(self) -> None:
        self._state = None
        self._orderings.clear()
        self._asked.clear()

    def _read(self, sql: str) -> Ordering:
        return Ordering([row[0] for row in self._db.execute(sql).fetchall()])
