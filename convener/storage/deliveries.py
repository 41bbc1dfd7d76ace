"""The calendar side of invitations: which SEQUENCE each invitee was sent, and their replies.

Updates and cancellations go to exactly the people with a row here, and a reply is judged
against the latest SEQUENCE that person was sent (RFC 5546: an older one is stale).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from convener.domain import InvitationStatus
from convener.storage.times import from_db, now_utc, to_db


@dataclass(frozen=True, slots=True)
class Delivery:
    invitation_id: int
    sequence: int
    method: str
    file_name: str
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class AppliedReply:
    invitation_id: int
    sequence: int
    replied_at: datetime
    partstat: str


class DeliveryStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self, invitation_id: int, sequence: int, method: str, file_name: str, sent_at: datetime
    ) -> None:
        self._db.execute(
            "INSERT INTO deliveries (invitation_id, sequence, method, file_name, sent_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [invitation_id, sequence, method, file_name, to_db(sent_at)],
        )

    def for_roundtable(self, roundtable_id: int) -> list[Delivery]:
        rows = self._db.query(
            "SELECT d.* FROM deliveries d JOIN invitations i ON i.id = d.invitation_id"
            " WHERE i.roundtable_id = ? ORDER BY d.id",
            [roundtable_id],
        )
        return [
            Delivery(
                r["invitation_id"],
                r["sequence"],
                r["method"],
                r["file_name"],
                from_db(r["sent_at"]),
            )
            for r in rows
        ]

    def latest_sequences(self, roundtable_id: int) -> dict[int, int]:
        """Invitation id -> the highest SEQUENCE that invitee was sent."""
        rows = self._db.execute(
            "SELECT d.invitation_id, max(d.sequence) FROM deliveries d"
            " JOIN invitations i ON i.id = d.invitation_id WHERE i.roundtable_id = ?"
            " GROUP BY d.invitation_id",
            [roundtable_id],
        ).fetchall()
        return {int(row[0]): int(row[1]) for row in rows}

    def raise_sequence(self, roundtable_id: int, at_least: int) -> int:
        """Make the roundtable's SEQUENCE at least `at_least`; returns the SEQUENCE now held."""
        self._db.execute(
            "UPDATE roundtables SET sequence = max(sequence, ?) WHERE id = ?",
            [at_least, roundtable_id],
        )
        row = self._db.execute(
            "SELECT sequence FROM roundtables WHERE id = ?", [roundtable_id]
        ).fetchone()
        return int(row[0])

    def mark_invited(self, invitation_ids: Iterable[int]) -> None:
        """Proposed people whose invitation was just written are now invited."""
        stamp = to_db(now_utc())
        for invitation_id in invitation_ids:
            self._db.execute(
                "UPDATE invitations SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                [
                    str(InvitationStatus.INVITED),
                    stamp,
                    invitation_id,
                    str(InvitationStatus.PROPOSED),
                ],
            )

    def roundtable_by_uid(self, uid: str) -> int | None:
        row = self._db.execute("SELECT id FROM roundtables WHERE uid = ?", [uid]).fetchone()
        return int(row[0]) if row else None

    def last_reply(self, invitation_id: int) -> AppliedReply | None:
        rows = list(
            self._db.query(
                "SELECT * FROM replies WHERE invitation_id = ?"
                " ORDER BY sequence DESC, replied_at DESC, id DESC LIMIT 1",
                [invitation_id],
            )
        )
        if not rows:
            return None
        r = rows[0]
        return AppliedReply(
            r["invitation_id"], r["sequence"], from_db(r["replied_at"]), r["partstat"]
        )

    def record_reply(
        self,
        invitation_id: int,
        *,
        sequence: int,
        replied_at: datetime,
        partstat: str,
        file_name: str,
    ) -> None:
        """Log a reply as applied; the status itself changes through `update_invitation`."""
        self._db.execute(
            "INSERT INTO replies (invitation_id, sequence, replied_at, partstat, file_name,"
            " applied_at) VALUES (?, ?, ?, ?, ?, ?)",
            [invitation_id, sequence, to_db(replied_at), partstat, file_name, to_db(now_utc())],
        )
