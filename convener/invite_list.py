"""Rules of the invite list that every part agrees on: who holds a seat, who is a reserve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    """What the list commits of a roundtable's budget (fees and expenses of active people)."""

    budget_pence: int | None
    fees_pence: int
    expenses_pence: int
    unpaid: int  # people with a fee or expenses and no paid date

    @property
    def committed_pence(self) -> int:
        return self.fees_pence + self.expenses_pence

    @property
    def remaining_pence(self) -> int | None:
        return None if self.budget_pence is None else self.budget_pence - self.committed_pence


def budget_summary(budget_pence: int | None, invitations: Sequence[Invitation]) -> BudgetSummary:
    active = [i for i in invitations if is_active(i)]
    return BudgetSummary(
        budget_pence=budget_pence,
        fees_pence=sum(i.fee_pence or 0 for i in active),
        expenses_pence=sum(i.expenses_pence or 0 for i in active),
        unpaid=sum(1 for i in active if (i.fee_pence or i.expenses_pence) and i.paid_on is None),
    )
