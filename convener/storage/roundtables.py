"""Roundtables, their agenda and their invite lists."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from convener.domain import (
    AgendaItem,
    Conflict,
    Invitation,
    InvitationRole,
    InvitationStatus,
    InviteeFacts,
    Roundtable,
    RoundtableStatus,
)
from convener.errors import NotFoundError, ValidationError
from convener.storage.times import from_db, now_utc, to_db
from convener.taxonomy import perspective_of

# The latest contact consent of stakeholder `s`: 1 given, 0 withdrawn, NULL never recorded.
LATEST_CONTACT = """(SELECT ce.given FROM consent_events ce
    WHERE ce.stakeholder_id = s.id AND ce.purpose = 'contact'
    ORDER BY ce.recorded_at DESC, ce.id DESC LIMIT 1)"""

_SELECT = """
    SELECT r.*, t.name AS theme,
        (SELECT json_group_array(name) FROM (SELECT x.name FROM roundtable_themes rt
            JOIN themes x ON x.id = rt.theme_id WHERE rt.roundtable_id = r.id ORDER BY x.id))
            AS extra_themes,
        (SELECT json_group_array(name) FROM (SELECT l.name FROM roundtable_levers rl
            JOIN levers l ON l.id = rl.lever_id WHERE rl.roundtable_id = r.id ORDER BY l.id))
            AS levers
    FROM roundtables r LEFT JOIN themes t ON t.id = r.theme_id
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
    extra_theme_ids: Sequence[int] = field(default_factory=tuple)
    lever_ids: Sequence[int] = field(default_factory=tuple)
    target_mix: dict[str, int] | None = None


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
        extra_themes=tuple(json.loads(row["extra_themes"] or "[]")),
        levers=tuple(json.loads(row["levers"] or "[]")),
        target_mix=json.loads(row["target_mix"]) if row["target_mix"] else None,
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
        access_asked=bool(row["access_asked"]),
    )


def _columns(record: RoundtableRecord) -> list[Any]:
    """The written columns, in the order both INSERT and UPDATE list them."""
    if record.ends_at <= record.starts_at:
        raise ValidationError("a roundtable must end after it starts", "end")
    return [
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
        _mix_json(record.target_mix),
    ]


class RoundtableStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, roundtable_id: int) -> Roundtable:
        found = self.get_many([roundtable_id])
        if not found:
            raise NotFoundError(f"no roundtable with id {roundtable_id}")
        return found[0]

    def get_many(self, roundtable_ids: Sequence[int]) -> list[Roundtable]:
        """These roundtables in the order given, leaving out any that do not exist."""
        ids = list(roundtable_ids)
        chosen = " WHERE r.id IN (SELECT value FROM json_each(?))"
        by_id = {r.id: r for r in self._read(chosen, [json.dumps(ids)])}
        return [by_id[i] for i in ids if i in by_id]

    def all(
        self, *, theme_id: int | None = None, status: RoundtableStatus | None = None
    ) -> list[Roundtable]:
        """Every roundtable by start, or those with this main theme and/or status."""
        where: list[str] = []
        params: list[object] = []
        if theme_id is not None:
            where.append("r.theme_id = ?")
            params.append(theme_id)
        if status is not None:
            where.append("r.status = ?")
            params.append(str(status))
        chosen = " WHERE " + " AND ".join(where) if where else ""
        return self._read(chosen, params, " ORDER BY r.starts_at")

    def _read(self, chosen: str, params: list[object], order: str = "") -> list[Roundtable]:
        rows = list(self._db.query(_SELECT + chosen + order, params))
        # Their agendas in one query: one per roundtable took half the time at 2,000 of them.
        agendas: dict[int, list[AgendaItem]] = {}
        for r in self._db.query(
            "SELECT roundtable_id, id, position, title FROM agenda_items"
            f" WHERE roundtable_id IN (SELECT r.id FROM roundtables r{chosen})"
            " ORDER BY roundtable_id, position",
            params,
        ):
            item = AgendaItem(r["id"], r["position"], r["title"])
            agendas.setdefault(r["roundtable_id"], []).append(item)
        return [_roundtable(row, tuple(agendas.get(row["id"], ()))) for row in rows]

    def insert(self, record: RoundtableRecord) -> int:
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO roundtables (uid, title, theme_id, purpose, format, location,
                   online_url, starts_at, ends_at, tz, organiser_name, organiser_email,
                   capacity, chatham_house, budget_pence, status, target_mix, created_at,
                   updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                str(uuid.uuid4()),
                *_columns(record),
                stamp,
                stamp,
            ],
        )
        roundtable_id = int(cursor.lastrowid or 0)
        self._write_links(roundtable_id, record)
        return roundtable_id

    def update(self, roundtable_id: int, record: RoundtableRecord, *, bump_sequence: bool) -> None:
        """Write new details; `bump_sequence` when invitees must see the change (RFC 5546)."""
        cursor = self._db.execute(
            """UPDATE roundtables SET title = ?, theme_id = ?, purpose = ?, format = ?,
                   location = ?, online_url = ?, starts_at = ?, ends_at = ?, tz = ?,
                   organiser_name = ?, organiser_email = ?, capacity = ?, chatham_house = ?,
                   budget_pence = ?, status = ?, target_mix = ?, sequence = sequence + ?,
                   updated_at = ?
               WHERE id = ?""",
            [
                *_columns(record),
                int(bump_sequence),
                to_db(now_utc()),
                roundtable_id,
            ],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no roundtable with id {roundtable_id}")
        self._db.execute("DELETE FROM roundtable_themes WHERE roundtable_id = ?", [roundtable_id])
        self._db.execute("DELETE FROM roundtable_levers WHERE roundtable_id = ?", [roundtable_id])
        self._write_links(roundtable_id, record)

    def _write_links(self, roundtable_id: int, record: RoundtableRecord) -> None:
        for theme_id in dict.fromkeys(record.extra_theme_ids):
            if theme_id != record.theme_id:
                self._db.execute(
                    "INSERT INTO roundtable_themes (roundtable_id, theme_id) VALUES (?, ?)",
                    [roundtable_id, theme_id],
                )
        for lever_id in dict.fromkeys(record.lever_ids):
            self._db.execute(
                "INSERT INTO roundtable_levers (roundtable_id, lever_id) VALUES (?, ?)",
                [roundtable_id, lever_id],
            )

    def replace_agenda(self, roundtable_id: int, titles: Sequence[str]) -> None:
        """Set the agenda to these titles in this order (the editor saves the whole list).

        Items are retitled in place rather than recreated, so findings filed under an agenda
        item keep their link; only surplus items at the end are removed.
        """
        existing = self.get(roundtable_id).agenda
        for item, title in zip(existing, titles, strict=False):
            if item.title != title:
                self._db.execute("UPDATE agenda_items SET title = ? WHERE id = ?", [title, item.id])
        for title in titles[len(existing) :]:
            self.add_agenda_item(roundtable_id, title)
        for item in existing[len(titles) :]:
            self._db.execute("DELETE FROM agenda_items WHERE id = ?", [item.id])

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
        return self.invitation_lists([roundtable_id])[roundtable_id]

    def invitation_lists(self, roundtable_ids: Sequence[int]) -> dict[int, list[Invitation]]:
        """Each roundtable's invite list, in list order: the invited, then reserves by rank.

        One query however many roundtables (a consolidated report reads hundreds).
        """
        lists: dict[int, list[Invitation]] = {rid: [] for rid in roundtable_ids}
        rows = self._db.query(
            "SELECT * FROM invitations WHERE roundtable_id IN (SELECT value FROM json_each(?))"
            " ORDER BY reserve_rank IS NOT NULL, reserve_rank, id",
            [json.dumps(list(lists))],
        )
        for row in rows:
            lists[row["roundtable_id"]].append(_invitation(row))
        return lists

    def invitation(self, invitation_id: int) -> Invitation:
        row = list(self._db.query("SELECT * FROM invitations WHERE id = ?", [invitation_id]))
        if not row:
            raise NotFoundError(f"no invitation with id {invitation_id}")
        return _invitation(row[0])

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
        access_asked: bool | None = None,
        reserve_rank: int | None = None,
    ) -> int:
        """Put someone on the list. A recorded access need implies the question was asked."""
        already = self._db.execute(
            "SELECT id FROM invitations WHERE roundtable_id = ? AND stakeholder_id = ?",
            [roundtable_id, stakeholder_id],
        ).fetchone()
        if already:
            raise ValidationError(
                f"stakeholder {stakeholder_id} is already on the list for roundtable "
                f"{roundtable_id}"
            )
        asked = bool(access_needs.strip()) if access_asked is None else access_asked
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO invitations (roundtable_id, stakeholder_id, role, status, reserve_rank,
                   fee_pence, expenses_pence, paid_on, access_needs, access_asked, created_at,
                   updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                roundtable_id,
                stakeholder_id,
                str(role),
                str(status),
                reserve_rank,
                fee_pence,
                expenses_pence,
                paid_on.isoformat() if paid_on else None,
                access_needs,
                int(asked),
                stamp,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)

    def save_invitation(self, invitation: Invitation) -> None:
        """Write every changeable field of one invitation as given."""
        cursor = self._db.execute(
            """UPDATE invitations SET role = ?, status = ?, reserve_rank = ?, fee_pence = ?,
                   expenses_pence = ?, paid_on = ?, access_needs = ?, access_asked = ?,
                   updated_at = ?
               WHERE id = ?""",
            [
                str(invitation.role),
                str(invitation.status),
                invitation.reserve_rank,
                invitation.fee_pence,
                invitation.expenses_pence,
                invitation.paid_on.isoformat() if invitation.paid_on else None,
                invitation.access_needs,
                int(invitation.access_asked),
                to_db(now_utc()),
                invitation.id,
            ],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no invitation with id {invitation.id}")

    def remove_invitation(self, invitation_id: int) -> None:
        cursor = self._db.execute("DELETE FROM invitations WHERE id = ?", [invitation_id])
        if cursor.rowcount == 0:
            raise NotFoundError(f"no invitation with id {invitation_id}")

    def invitee_facts(self, roundtable_id: int) -> dict[int, InviteeFacts]:
        """What the checks and the composer need about everyone on a list, in one query."""
        rows = self._db.query(
            f"""SELECT s.id, sec.name AS sector, sec.kind AS sector_kind, j.name AS jurisdiction,
                   s.organisation_id, s.lived_experience, {LATEST_CONTACT} AS contact
               FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
               LEFT JOIN sectors sec ON sec.id = s.sector_id
               LEFT JOIN jurisdictions j ON j.id = s.jurisdiction_id
               WHERE i.roundtable_id = ?""",
            [roundtable_id],
        )
        return {
            row["id"]: InviteeFacts(
                stakeholder_id=row["id"],
                sector=row["sector"],
                perspective=perspective_of(bool(row["lived_experience"]), row["sector_kind"]),
                jurisdiction=row["jurisdiction"],
                organisation_id=row["organisation_id"],
                lived_experience=bool(row["lived_experience"]),
                contact_consent=row["contact"] == 1,
            )
            for row in rows
        }

    def conflicts_touching(
        self, stakeholder_ids: Sequence[int], organisation_ids: Sequence[int]
    ) -> list[Conflict]:
        """Conflicts that name any of these people, or any of these organisations."""
        people = list(dict.fromkeys(stakeholder_ids))
        orgs = list(dict.fromkeys(organisation_ids))
        if not people and not orgs:
            return []
        marks_p = ",".join("?" * len(people)) or "NULL"
        marks_o = ",".join("?" * len(orgs)) or "NULL"
        rows = self._db.query(
            f"""SELECT * FROM conflicts WHERE stakeholder_id IN ({marks_p})
                   OR other_stakeholder_id IN ({marks_p}) OR organisation_id IN ({marks_o})
               ORDER BY id""",
            [*people, *people, *orgs],
        )
        return [
            Conflict(
                r["id"],
                r["stakeholder_id"],
                r["other_stakeholder_id"],
                r["organisation_id"],
                r["note"],
            )
            for r in rows
        ]

    def add_conflict(
        self,
        stakeholder_id: int,
        *,
        other_stakeholder_id: int | None = None,
        organisation_id: int | None = None,
        note: str = "",
    ) -> int:
        if (other_stakeholder_id is None) == (organisation_id is None):
            raise ValidationError("a conflict is with one other person or one organisation")
        cursor = self._db.execute(
            """INSERT INTO conflicts (stakeholder_id, other_stakeholder_id, organisation_id, note,
                   created_at) VALUES (?, ?, ?, ?, ?)""",
            [stakeholder_id, other_stakeholder_id, organisation_id, note, to_db(now_utc())],
        )
        return int(cursor.lastrowid or 0)


def _mix_json(mix: dict[str, int] | None) -> str | None:
    return None if mix is None else json.dumps(mix, sort_keys=True)
