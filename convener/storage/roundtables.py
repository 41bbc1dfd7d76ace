"""Roundtables, their agenda and their invite lists."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from convener.domain import (
    AgendaItem,
    Invitation,
    InvitationRole,
    InvitationStatus,
    Roundtable,
    RoundtableStatus,
)
from convener.errors import NotFoundError, ValidationError
from convener.storage.times import from_db, now_utc, to_db

_SELECT = """
    SELECT r.*, t.name AS theme FROM roundtables r LEFT JOIN themes t ON t.id = r.theme_id
"""


@dataclass(frozen=True, slots=True)
class RoundtableRecord:
    """The columns written for one roundtable, validated and resolved to ids."""

    title: str
    theme_id: int | None
    starts_at: datetime
    ends_at: datetime
    tz: str
    purpose: str = ""
    format: str = "online"
    location: str | None = None
    online_url: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    capacity: int | None = None
    chatham_house: bool = True
    budget_pence: int | None = None
    status: RoundtableStatus = RoundtableStatus.DRAFT


def _roundtable(row: dict[str, Any], agenda: tuple[AgendaItem, ...]) -> Roundtable:
    return Roundtable(
        id=row["id"],
        uid=row["uid"],
        title=row["title"],
        theme=row["theme"],
        starts_at=from_db(row["starts_at"]),
        ends_at=from_db(row["ends_at"]),
        tz=row["tz"],
        purpose=row["purpose"],
        format=row["format"],
        location=row["location"],
        online_url=row["online_url"],
        organiser_name=row["organiser_name"],
        organiser_email=row["organiser_email"],
        capacity=row["capacity"],
        chatham_house=bool(row["chatham_house"]),
        budget_pence=row["budget_pence"],
        status=RoundtableStatus(row["status"]),
        sequence=row["sequence"],
        agenda=agenda,
    )


def _invitation(row: dict[str, Any]) -> Invitation:
    return Invitation(
        id=row["id"],
        roundtable_id=row["roundtable_id"],
        stakeholder_id=row["stakeholder_id"],
        role=InvitationRole(row["role"]),
        status=InvitationStatus(row["status"]),
        reserve_rank=row["reserve_rank"],
        fee_pence=row["fee_pence"],
        expenses_pence=row["expenses_pence"],
        paid_on=date.fromisoformat(row["paid_on"]) if row["paid_on"] else None,
        access_needs=row["access_needs"],
    )


class RoundtableStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, roundtable_id: int) -> Roundtable:
        rows = list(self._db.query(_SELECT + " WHERE r.id = ?", [roundtable_id]))
        if not rows:
            raise NotFoundError(f"no roundtable with id {roundtable_id}")
        return _roundtable(rows[0], self._agenda(roundtable_id))

    def all(self) -> list[Roundtable]:
        rows = list(self._db.query(_SELECT + " ORDER BY r.starts_at"))
        return [_roundtable(row, self._agenda(row["id"])) for row in rows]

    def _agenda(self, roundtable_id: int) -> tuple[AgendaItem, ...]:
        rows = self._db.query(
            "SELECT id, position, title FROM agenda_items"
            " WHERE roundtable_id = ? ORDER BY position",
            [roundtable_id],
        )
        return tuple(AgendaItem(r["id"], r["position"], r["title"]) for r in rows)

    def insert(self, record: RoundtableRecord) -> int:
        if record.ends_at <= record.starts_at:
            raise ValidationError("a roundtable must end after it starts", "end")
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO roundtables (uid, title, theme_id, purpose, format, location,
                   online_url, starts_at, ends_at, tz, organiser_name, organiser_email,
                   capacity, chatham_house, budget_pence, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                str(uuid.uuid4()),
                record.title,
                record.theme_id,
                record.purpose,
                record.format,
                record.location,
                record.online_url,
                to_db(record.starts_at),
                to_db(record.ends_at),
                record.tz,
                record.organiser_name,
                record.organiser_email,
                record.capacity,
                int(record.chatham_house),
                record.budget_pence,
                str(record.status),
                stamp,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)

    def update(self, roundtable_id: int, record: RoundtableRecord, *, bump_sequence: bool) -> None:
        """Write new details; `bump_sequence` when invitees must see the change (RFC 5546)."""
        if record.ends_at <= record.starts_at:
            raise ValidationError("a roundtable must end after it starts", "end")
        cursor = self._db.execute(
            """UPDATE roundtables SET title = ?, theme_id = ?, purpose = ?, format = ?,
                   location = ?, online_url = ?, starts_at = ?, ends_at = ?, tz = ?,
                   organiser_name = ?, organiser_email = ?, capacity = ?, chatham_house = ?,
                   budget_pence = ?, status = ?, sequence = sequence + ?, updated_at = ?
               WHERE id = ?""",
            [
                record.title,
                record.theme_id,
                record.purpose,
                record.format,
                record.location,
                record.online_url,
                to_db(record.starts_at),
                to_db(record.ends_at),
                record.tz,
                record.organiser_name,
                record.organiser_email,
                record.capacity,
                int(record.chatham_house),
                record.budget_pence,
                str(record.status),
                int(bump_sequence),
                to_db(now_utc()),
                roundtable_id,
            ],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no roundtable with id {roundtable_id}")

    def add_agenda_item(self, roundtable_id: int, title: str) -> int:
        position = self._db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM agenda_items WHERE roundtable_id = ?",
            [roundtable_id],
        ).fetchone()[0]
        cursor = self._db.execute(
            "INSERT INTO agenda_items (roundtable_id, position, title) VALUES (?, ?, ?)",
            [roundtable_id, position, title],
        )
        return int(cursor.lastrowid or 0)

    def invitations(self, roundtable_id: int) -> list[Invitation]:
        rows = self._db.query(
            "SELECT * FROM invitations WHERE roundtable_id = ? ORDER BY reserve_rank IS NOT NULL,"
            " reserve_rank, id",
            [roundtable_id],
        )
        return [_invitation(row) for row in rows]

    def invite(
        self,
        roundtable_id: int,
        stakeholder_id: int,
        *,
        role: InvitationRole = InvitationRole.PARTICIPANT,
        status: InvitationStatus = InvitationStatus.PROPOSED,
        fee_pence: int | None = None,
        expenses_pence: int | None = None,
        paid_on: date | None = None,
        access_needs: str = "",
    ) -> int:
        already = self._db.execute(
            "SELECT id FROM invitations WHERE roundtable_id = ? AND stakeholder_id = ?",
            [roundtable_id, stakeholder_id],
        ).fetchone()
        if already:
            raise ValidationError(
                f"stakeholder {stakeholder_id} is already on the list for roundtable "
                f"{roundtable_id}"
            )
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO invitations (roundtable_id, stakeholder_id, role, status, fee_pence,
                   expenses_pence, paid_on, access_needs, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                roundtable_id,
                stakeholder_id,
                str(role),
                str(status),
                fee_pence,
                expenses_pence,
                paid_on.isoformat() if paid_on else None,
                access_needs,
                stamp,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)
