"""The retention review: who has not been engaged for a while, and the "keep" decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from convener.errors import NotFoundError
from convener.storage.times import from_db, now_utc, to_db

# The last sign of a working relationship: the latest roundtable they were on the list for,
# else when the record was made; a "keep" decision in the review restarts the clock.
_SINCE = """
    SELECT s.id, s.lived_experience, s.created_at,
        (SELECT max(r.starts_at) FROM invitations i JOIN roundtables r ON r.id = i.roundtable_id
            WHERE i.stakeholder_id = s.id) AS last_engaged,
        (SELECT max(rr.reviewed_at) FROM retention_reviews rr
            WHERE rr.stakeholder_id = s.id) AS last_reviewed
    FROM stakeholders s WHERE s.erased_at IS NULL
"""


@dataclass(frozen=True, slots=True)
class RetentionRow:
    stakeholder_id: int
    lived_experience: bool
    created_at: datetime
    last_engaged: datetime | None
    last_reviewed: datetime | None


class RetentionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def due(self, cutoff: datetime, cutoff_lived_experience: datetime) -> list[RetentionRow]:
        """People whose latest engagement, review or creation is older than their cutoff."""
        idle_since = """max(coalesce(last_engaged, created_at), coalesce(last_reviewed, ''),
            created_at)"""
        rows = self._db.query(
            f"""SELECT * FROM ({_SINCE})
                WHERE {idle_since} < CASE WHEN lived_experience THEN ? ELSE ? END
                ORDER BY {idle_since}, id""",
            [to_db(cutoff_lived_experience), to_db(cutoff)],
        )
        return [
            RetentionRow(
                r["id"],
                bool(r["lived_experience"]),
                from_db(r["created_at"]),
                from_db(r["last_engaged"]) if r["last_engaged"] else None,
                from_db(r["last_reviewed"]) if r["last_reviewed"] else None,
            )
            for r in rows
        ]

    def keep(self, stakeholder_id: int, *, at: datetime | None = None) -> None:
        exists = self._db.execute(
            "SELECT 1 FROM stakeholders WHERE id = ? AND erased_at IS NULL", [stakeholder_id]
        ).fetchone()
        if not exists:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        self._db.execute(
            "INSERT INTO retention_reviews (stakeholder_id, reviewed_at, decision)"
            " VALUES (?, ?, 'keep')",
            [stakeholder_id, to_db(at or now_utc())],
        )
