"""Rules of the invite list that every part agrees on: who holds a seat, who is a reserve."""

from __future__ import annotations

from collections.abc import Sequence

from convener.domain import Invitation, InvitationRole, InvitationStatus

# Roles that take a seat at the table. Observers and note-takers are present but do not
# take part in the discussion, so they do not use up the places the capacity is about.
CAPACITY_ROLES: frozenset[InvitationRole] = frozenset(
    {
        InvitationRole.CHAIR,
        InvitationRole.CO_DESIGNER,
        InvitationRole.SPEAKER,
        InvitationRole.PARTICIPANT,
    }
)


def counts_toward_capacity(role: InvitationRole) -> bool:
    return role in CAPACITY_ROLES


def is_reserve(invitation: Invitation) -> bool:
    return invitation.reserve_rank is not None


def is_active(invitation: Invitation) -> bool:
    """On the list proper and not declined: someone the roundtable is counting on."""
    return not is_reserve(invitation) and invitation.status is not InvitationStatus.DECLINED


def seats_taken(invitations: Sequence[Invitation]) -> int:
    return sum(1 for i in invitations if is_active(i) and counts_toward_capacity(i.role))
