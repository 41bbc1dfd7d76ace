"""Changing an invite list: adding people, editing invitations, the reserve list.

Every function is one user action in one transaction. When someone holding a seat declines,
the first person on the reserve list takes the place in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from convener.domain import Invitation, InvitationRole, InvitationStatus
from convener.domain import RoundtableStatus as Status
from convener.errors import ValidationError
from convener.invite_list import counts_toward_capacity, is_active, is_reserve, seats_taken
from convener.storage import Store
from convener.validation import check_pence

_T = TypeVar("_T")


def add_invitations(
    store: Store,
    roundtable_id: int,
    stakeholder_ids: Sequence[int],
    *,
    role: InvitationRole = InvitationRole.PARTICIPANT,
    reserve: bool = False,
) -> list[int]:
    """Put people on the list (or at the end of the reserve list), all or none."""
    roundtable = store.roundtables.get(roundtable_id)
    if roundtable.status is Status.CANCELLED:
        raise ValidationError(f"roundtable {roundtable_id} is cancelled")
    ids: list[int] = []
    with store.db.atomic():
        existing = store.roundtables.invitations(roundtable_id)
        next_rank = max((i.reserve_rank or 0 for i in existing), default=0) + 1
        for sid in stakeholder_ids:
            person = store.stakeholders.get(sid)
            if person.erased:
                raise ValidationError(f"stakeholder {sid} has been erased and cannot be invited")
            ids.append(
                store.roundtables.invite(
                    roundtable_id,
                    sid,
                    role=role,
                    reserve_rank=next_rank if reserve else None,
                )
            )
            if reserve:
                next_rank += 1
    return ids


@dataclass(frozen=True, slots=True)
class InvitationChange:
    """New values for one invitation; None leaves a field as it is."""

    role: InvitationRole | None = None
    status: InvitationStatus | None = None
    fee_pence: int | None = None
    expenses_pence: int | None = None
    paid_on: date | None = None
    access_needs: str | None = None
    access_asked: bool | None = None
    clear_payment: bool = False  # set fee, expenses and paid date back to empty


def update_invitation(
    store: Store, invitation_id: int, change: InvitationChange
) -> Invitation | None:
    """Change one invitation; returns the reserve promoted into a place it freed, if any.

    When someone holding a seat declines, the first person on the reserve list takes the
    place in the same transaction, so the list is never left short by a crash in between.
    """
    before = store.roundtables.invitation(invitation_id)
    check_pence(change.fee_pence, "fee")
    check_pence(change.expenses_pence, "expenses")
    after = replace(
        before,
        role=change.role or before.role,
        status=change.status or before.status,
        fee_pence=None if change.clear_payment else _keep(change.fee_pence, before.fee_pence),
        expenses_pence=None
        if change.clear_payment
        else _keep(change.expenses_pence, before.expenses_pence),
        paid_on=None if change.clear_payment else _keep(change.paid_on, before.paid_on),
        access_needs=_keep(change.access_needs, before.access_needs).strip(),
    )
    asked = change.access_asked
    if asked is None:
        asked = before.access_asked or bool(after.access_needs)
    after = replace(after, access_asked=asked)
    if is_reserve(after) and after.status is InvitationStatus.DECLINED:
        after = replace(after, reserve_rank=None)  # leaves the reserve list, stays on record
    with store.db.atomic():
        store.roundtables.save_invitation(after)
        freed = (
            is_active(before)
            and counts_toward_capacity(before.role)
            and not (is_active(after) and counts_toward_capacity(after.role))
            and after.status is InvitationStatus.DECLINED
        )
        return _promote_reserve(store, before.roundtable_id) if freed else None


def _keep(new: _T | None, old: _T) -> _T:
    return old if new is None else new


def _promote_reserve(store: Store, roundtable_id: int) -> Invitation | None:
    """Give a free seat to the first reserve; must run inside the caller's transaction."""
    roundtable = store.roundtables.get(roundtable_id)
    invitations = store.roundtables.invitations(roundtable_id)
    if roundtable.capacity is not None and seats_taken(invitations) >= roundtable.capacity:
        return None
    reserves = sorted(
        (i for i in invitations if is_reserve(i)), key=lambda i: (i.reserve_rank or 0, i.id)
    )
    if not reserves:
        return None
    promoted = replace(reserves[0], reserve_rank=None, status=InvitationStatus.PROPOSED)
    store.roundtables.save_invitation(promoted)
    return promoted


def remove_invitation(store: Store, invitation_id: int) -> None:
    with store.db.atomic():
        store.roundtables.remove_invitation(invitation_id)
