"""Moving one person's history onto another record, for merging duplicates.

Callers run this inside the one transaction of the merge (`convener.merge`), after the kept
record has been updated, so a failure anywhere leaves both records as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from convener.domain import InvitationStatus
from convener.storage.stakeholders import StakeholderStore
from convener.storage.times import now_utc, to_db

# When both records were on the list for the same roundtable, the merged invitation keeps the
# status that says most about what the person did.
_STATUS_WEIGHT = {
    InvitationStatus.ATTENDED: 6,
    InvitationStatus.ACCEPTED: 5,
    InvitationStatus.NO_SHOW: 4,
    InvitationStatus.TENTATIVE: 3,
    InvitationStatus.DECLINED: 2,
    InvitationStatus.INVITED: 1,
    InvitationStatus.PROPOSED: 0,
}


@dataclass(frozen=True, slots=True)
class MovedHistory:
    """How many rows of each kind now belong to the kept record."""

    consent_events: int
    invitations: int
    findings: int
    disclosures: int
    conflicts: int


class MergeStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def move_history(self, from_id: int, to_id: int) -> MovedHistory:
        """Give every history row of `from_id` to `to_id`, then delete `from_id`."""
        db = self._db
        consent = db.execute(
            "UPDATE consent_events SET stakeholder_id = ? WHERE stakeholder_id = ?",
            [to_id, from_id],
        ).rowcount
        invitations = self._move_invitations(from_id, to_id)
        findings = db.execute(
            "UPDATE findings SET by_stakeholder_id = ? WHERE by_stakeholder_id = ?",
            [to_id, from_id],
        ).rowcount
        disclosures = db.execute(
            "UPDATE disclosures SET stakeholder_id = ? WHERE stakeholder_id = ?", [to_id, from_id]
        ).rowcount
        conflicts = db.execute(
            "UPDATE conflicts SET stakeholder_id = ? WHERE stakeholder_id = ?", [to_id, from_id]
        ).rowcount
        conflicts += db.execute(
            "UPDATE conflicts SET other_stakeholder_id = ? WHERE other_stakeholder_id = ?",
            [to_id, from_id],
        ).rowcount
        # A conflict between the two records is now a conflict of a person with themself.
        db.execute("DELETE FROM conflicts WHERE stakeholder_id = other_stakeholder_id")
        db.execute("DELETE FROM stakeholders WHERE id = ?", [from_id])
        StakeholderStore(db).reindex([from_id, to_id])
        return MovedHistory(consent, invitations, findings, disclosures, conflicts)

    def _move_invitations(self, from_id: int, to_id: int) -> int:
        db = self._db
        moved = 0
        rows = db.execute(
            """SELECT o.id, k.id, o.status, k.status FROM invitations o
               LEFT JOIN invitations k ON k.roundtable_id = o.roundtable_id
                    AND k.stakeholder_id = ?
               WHERE o.stakeholder_id = ?""",
            [to_id, from_id],
        ).fetchall()
        for other_inv, kept_inv, other_status, kept_status in rows:
            moved += 1
            if kept_inv is None:
                db.execute(
                    "UPDATE invitations SET stakeholder_id = ? WHERE id = ?", [to_id, other_inv]
                )
                continue
            # Both were on this list: fold the other invitation into the kept one, keeping the
            # stronger status, any fee, expenses and payment, and the log of what was sent.
            status = max(
                (InvitationStatus(kept_status), InvitationStatus(other_status)),
                key=_STATUS_WEIGHT.__getitem__,
            )
            db.execute(
                """UPDATE invitations SET status = :status,
                       fee_pence = coalesce(invitations.fee_pence, o.fee_pence),
                       expenses_pence = coalesce(invitations.expenses_pence, o.expenses_pence),
                       paid_on = coalesce(invitations.paid_on, o.paid_on),
                       access_needs = CASE
                           WHEN o.access_needs IN ('', invitations.access_needs)
                               THEN invitations.access_needs
                           WHEN invitations.access_needs = '' THEN o.access_needs
                           ELSE invitations.access_needs || char(10) || o.access_needs END,
                       updated_at = :now
                   FROM (SELECT fee_pence, expenses_pence, paid_on, access_needs
                         FROM invitations WHERE id = :other) AS o
                   WHERE invitations.id = :kept""",
                {"status": str(status), "other": other_inv, "kept": kept_inv, "now": _now()},
            )
            db.execute(
                "UPDATE deliveries SET invitation_id = ? WHERE invitation_id = ?",
                [kept_inv, other_inv],
            )
            db.execute("DELETE FROM invitations WHERE id = ?", [other_inv])
        return moved


def _now() -> str:
    return to_db(now_utc())
