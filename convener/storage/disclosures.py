"""The disclosure ledger: which file carried whose data, to which audience, and when.

Every export writes here for each person it contains, in the same transaction as the export's
other bookkeeping, so a person's record can answer "where has my data gone".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from convener.storage.times import from_db, now_utc, to_db


@dataclass(frozen=True, slots=True)
class Disclosure:
    id: int
    stakeholder_id: int
    export_kind: str  # e.g. "invitation .ics", "public report PDF", "CSV export"
    audience: str  # an Audience value
    file_name: str
    created_at: datetime


class DisclosureStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self, stakeholder_ids: Iterable[int], export_kind: str, audience: str, file_name: str
    ) -> None:
        stamp = to_db(now_utc())
        with self._db.atomic():
            for sid in dict.fromkeys(stakeholder_ids):
                self._db.execute(
                    "INSERT INTO disclosures (stakeholder_id, export_kind, audience, file_name,"
                    " created_at) VALUES (?, ?, ?, ?, ?)",
                    [sid, export_kind, audience, file_name, stamp],
                )

    def for_person(self, stakeholder_id: int) -> list[Disclosure]:
        rows = self._db.query(
            "SELECT * FROM disclosures WHERE stakeholder_id = ? ORDER BY created_at, id",
            [stakeholder_id],
        )
        return [
            Disclosure(
                r["id"],
                r["stakeholder_id"],
                r["export_kind"],
                r["audience"],
                r["file_name"],
                from_db(r["created_at"]),
            )
            for r in rows
        ]
