"""The consent history: append-only events, one row per recorded decision."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlite_utils import Database

from convener.consent import ConsentState, current_consent
from convener.domain import ConsentEvent, ConsentPurpose
from convener.errors import NotFoundError
from convener.storage.times import from_db, now_utc, to_db


def _event(row: dict) -> ConsentEvent:
    return ConsentEvent(
        id=row["id"],
        stakeholder_id=row["stakeholder_id"],
        purpose=ConsentPurpose(row["purpose"]),
        given=bool(row["given"]),
        recorded_at=from_db(row["recorded_at"]),
        method=row["method"],
        note=row["note"],
        recorded_by=row["recorded_by"],
        wording_version=row["wording_version"],
        wording_hash=row["wording_hash"],
    )


class ConsentStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        stakeholder_id: int,
        purpose: ConsentPurpose,
        *,
        given: bool,
        method: str = "",
        note: str = "",
        recorded_by: str = "",
        recorded_at: datetime | None = None,
        wording_version: str = "",
        wording_hash: str = "",
    ) -> int:
        exists = self._db.execute(
            "SELECT 1 FROM stakeholders WHERE id = ? AND erased_at IS NULL", [stakeholder_id]
        ).fetchone()
        if not exists:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        cursor = self._db.execute(
            """INSERT INTO consent_events (stakeholder_id, purpose, given, recorded_at, method,
                   note, recorded_by, wording_version, wording_hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                stakeholder_id,
                str(purpose),
                int(given),
                to_db(recorded_at or now_utc()),
                method,
                note,
                recorded_by,
                wording_version,
                wording_hash,
            ],
        )
        return int(cursor.lastrowid or 0)

    def restore(self, events: Sequence[ConsentEvent]) -> None:
        """Put back the events of a deleted record exactly as they were (ids and times).

        Only for undoing the deletion of a record: the history returns whole, unaltered.
        """
        for event in events:
            self._db.execute(
                """INSERT INTO consent_events (id, stakeholder_id, purpose, given, recorded_at,
                       method, note, recorded_by, wording_version, wording_hash)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    event.id,
                    event.stakeholder_id,
                    str(event.purpose),
                    int(event.given),
                    to_db(event.recorded_at),
                    event.method,
                    event.note,
                    event.recorded_by,
                    event.wording_version,
                    event.wording_hash,
                ],
            )

    def history(self, stakeholder_id: int) -> list[ConsentEvent]:
        rows = self._db.query(
            "SELECT * FROM consent_events WHERE stakeholder_id = ? ORDER BY recorded_at, id",
            [stakeholder_id],
        )
        return [_event(row) for row in rows]

    def state(self, stakeholder_id: int) -> ConsentState:
        return current_consent(self.history(stakeholder_id))

    def states(self, stakeholder_ids: Sequence[int]) -> dict[int, ConsentState]:
        """Current consent for many people in one query (exports ask for whole lists)."""
        events: dict[int, list[ConsentEvent]] = defaultdict(list)
        ids = list(stakeholder_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.query(
                f"SELECT * FROM consent_events WHERE stakeholder_id IN ({marks})", chunk
            )
            for row in rows:
                events[row["stakeholder_id"]].append(_event(row))
        return {sid: current_consent(events.get(sid, ())) for sid in ids}
