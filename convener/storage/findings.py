"""Findings recorded from roundtables, and their retraction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from convener.domain import Attribution, Finding, FindingKind
from convener.errors import NotFoundError
from convener.storage.times import now_utc, to_db

_SELECT = """
    SELECT f.*, t.name AS theme, l.name AS lever FROM findings f
    LEFT JOIN themes t ON t.id = f.theme_id
    LEFT JOIN levers l ON l.id = f.lever_id
"""


@dataclass(frozen=True, slots=True)
class FindingRecord:
    roundtable_id: int
    kind: FindingKind
    text: str
    agenda_item_id: int | None = None
    theme_id: int | None = None
    lever_id: int | None = None
    addressed_to: str | None = None
    owner: str | None = None
    due_on: date | None = None
    attribution: Attribution = Attribution.NONE
    by_stakeholder_id: int | None = None


def _finding(row: dict[str, Any]) -> Finding:
    return Finding(
        id=row["id"],
        roundtable_id=row["roundtable_id"],
        kind=FindingKind(row["kind"]),
        text=row["text"],
        agenda_item_id=row["agenda_item_id"],
        theme=row["theme"],
        lever=row["lever"],
        addressed_to=row["addressed_to"],
        owner=row["owner"],
        due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
        attribution=Attribution(row["attribution"]),
        by_stakeholder_id=row["by_stakeholder_id"],
        retracted=row["retracted_at"] is not None,
        retraction_note=row["retraction_note"],
    )


class FindingStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, record: FindingRecord) -> int:
        cursor = self._db.execute(
            """INSERT INTO findings (roundtable_id, agenda_item_id, kind, text, theme_id,
                   lever_id, addressed_to, owner, due_on, attribution, by_stakeholder_id,
                   created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                record.roundtable_id,
                record.agenda_item_id,
                str(record.kind),
                record.text,
                record.theme_id,
                record.lever_id,
                record.addressed_to,
                record.owner,
                record.due_on.isoformat() if record.due_on else None,
                str(record.attribution),
                record.by_stakeholder_id,
                to_db(now_utc()),
            ],
        )
        return int(cursor.lastrowid or 0)

    def get(self, finding_id: int) -> Finding:
        rows = list(self._db.query(_SELECT + " WHERE f.id = ?", [finding_id]))
        if not rows:
            raise NotFoundError(f"no finding with id {finding_id}")
        return _finding(rows[0])

    def for_roundtable(
        self, roundtable_id: int, *, include_retracted: bool = False
    ) -> list[Finding]:
        """Findings in the order recorded; retracted ones only when asked for explicitly."""
        return self.for_roundtables([roundtable_id], include_retracted=include_retracted)[
            roundtable_id
        ]

    def for_roundtables(
        self, roundtable_ids: Sequence[int], *, include_retracted: bool = False
    ) -> dict[int, list[Finding]]:
        """Each roundtable's findings as `for_roundtable` gives them, in one query."""
        found: dict[int, list[Finding]] = {rid: [] for rid in roundtable_ids}
        extra = "" if include_retracted else " AND f.retracted_at IS NULL"
        rows = self._db.query(
            _SELECT
            + " WHERE f.roundtable_id IN (SELECT value FROM json_each(?))"
            + extra
            + " ORDER BY f.id",
            [json.dumps(list(found))],
        )
        for row in rows:
            found[row["roundtable_id"]].append(_finding(row))
        return found

    def retracted_counts(self, roundtable_ids: Sequence[int]) -> dict[int, int]:
        """How many of each roundtable's findings were retracted (reports say so, without them)."""
        counts = dict.fromkeys(roundtable_ids, 0)
        rows = self._db.execute(
            "SELECT roundtable_id, count(*) FROM findings"
            " WHERE roundtable_id IN (SELECT value FROM json_each(?))"
            " AND retracted_at IS NOT NULL GROUP BY roundtable_id",
            [json.dumps(list(counts))],
        )
        counts.update(rows)
        return counts

    def retract(self, finding_id: int, note: str = "") -> None:
        cursor = self._db.execute(
            "UPDATE findings SET retracted_at = ?, retraction_note = ? WHERE id = ?",
            [to_db(now_utc()), note, finding_id],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no finding with id {finding_id}")
