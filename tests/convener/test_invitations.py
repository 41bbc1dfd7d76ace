from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from convener.domain import Invitation, InvitationRole, InvitationStatus
from convener.errors import ValidationError
from convener.invitations import InvitationChange, add_invitations, update_invitation
from convener.invite_list import budget_summary
from convener.storage import Store
from tests.convener.planning_data import person, roundtable


def _list_with_reserves(store: Store, capacity: int) -> tuple[int, list[int], list[int]]:
    rid = roundtable(store, capacity=capacity)
    seated = [person(store, f"Seated {n}") for n in range(capacity)]
    reserves = [person(store, f"Reserve {n}") for n in range(2)]
    add_invitations(store, rid, seated)
    add_invitations(store, rid, reserves, reserve=True)
    return rid, seated, reserves


def _by_person(store: Store, rid: int) -> dict[int, Invitation]:
    return {i.stakeholder_id: i for i in store.roundtables.invitations(rid)}


def test_reserves_are_ranked_in_the_order_added(store: Store) -> None:
    rid, _, reserves = _list_with_reserves(store, 3)
    ranks = {i.stakeholder_id: i.reserve_rank for i in store.roundtables.invitations(rid)}
    assert [ranks[r] for r in reserves] == [1, 2]


def test_a_decline_promotes_the_first_reserve(store: Store) -> None:
    rid, seated, reserves = _list_with_reserves(store, 3)
    declined = _by_person(store, rid)[seated[1]]
    promoted = update_invitation(
        store, declined.id, InvitationChange(status=InvitationStatus.DECLINED)
    )
    assert promoted is not None and promoted.stakeholder_id == reserves[0]
    after = _by_person(store, rid)
    assert after[reserves[0]].reserve_rank is None
    assert after[reserves[0]].status is InvitationStatus.PROPOSED
    assert after[reserves[1]].reserve_rank == 2
    assert after[seated[1]].status is InvitationStatus.DECLINED


def test_observer_declining_frees_no_seat(store: Store) -> None:
    rid, _, reserves = _list_with_reserves(store, 3)
    observer = person(store, "Observer")
    (oid,) = add_invitations(store, rid, [observer], role=InvitationRole.OBSERVER)
    assert update_invitation(store, oid, InvitationChange(status=InvitationStatus.DECLINED)) is None
    assert _by_person(store, rid)[reserves[0]].reserve_rank == 1


def test_no_promotion_while_the_list_is_over_capacity(store: Store) -> None:
    rid, seated, _ = _list_with_reserves(store, 3)
    extra = person(store, "Over capacity")
    add_invitations(store, rid, [extra])
    declined = _by_person(store, rid)[seated[0]]
    change = InvitationChange(status=InvitationStatus.DECLINED)
    assert update_invitation(store, declined.id, change) is None


def test_promotion_is_one_transaction_with_the_decline(store: Store) -> None:
    rid, seated, reserves = _list_with_reserves(store, 3)
    declined = _by_person(store, rid)[seated[0]]
    # A promotion that cannot be saved makes the whole action fail...
    store.db.execute(
        "CREATE TRIGGER no_promotion BEFORE UPDATE OF reserve_rank ON invitations"
        " WHEN OLD.reserve_rank IS NOT NULL BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="boom"):
        update_invitation(store, declined.id, InvitationChange(status=InvitationStatus.DECLINED))
    # ... and the decline is not recorded either.
    after = _by_person(store, rid)
    assert after[seated[0]].status is InvitationStatus.PROPOSED
    assert after[reserves[0]].reserve_rank == 1


def test_payment_and_access_fields_are_saved(store: Store) -> None:
    rid = roundtable(store)
    lee = person(store, "Expert", lived_experience=True, sector="Lived experience experts")
    (iid,) = add_invitations(store, rid, [lee])
    update_invitation(
        store, iid,
        InvitationChange(fee_pence=15000, expenses_pence=2500, access_needs="Step-free access"),
    )  # fmt: skip
    saved = store.roundtables.invitation(iid)
    assert (saved.fee_pence, saved.expenses_pence) == (15000, 2500)
    assert saved.access_needs == "Step-free access" and saved.access_asked
    with pytest.raises(ValidationError, match="fee"):
        update_invitation(store, iid, InvitationChange(fee_pence=-1))


def test_inviting_twice_or_an_unknown_person_changes_nothing(store: Store) -> None:
    rid = roundtable(store)
    a = person(store, "A")
    add_invitations(store, rid, [a])
    with pytest.raises(ValidationError, match="already on the list"):
        add_invitations(store, rid, [person(store, "B"), a])
    assert len(store.roundtables.invitations(rid)) == 1


def test_budget_summary_counts_active_people_only() -> None:
    def inv(n: int, **changes: object) -> Invitation:
        base = Invitation(n, 1, n, InvitationRole.PARTICIPANT, InvitationStatus.ACCEPTED)
        return replace(base, **changes)  # type: ignore[arg-type]

    summary = budget_summary(
        50000,
        [
            inv(1, fee_pence=15000, expenses_pence=2000),
            inv(2, fee_pence=15000, expenses_pence=0, paid_on=date(2027, 1, 1)),
            inv(3, fee_pence=15000, status=InvitationStatus.DECLINED),
            inv(4, fee_pence=15000, reserve_rank=1),
        ],
    )
    assert (summary.fees_pence, summary.expenses_pence, summary.unpaid) == (30000, 2000, 1)
    assert summary.remaining_pence == 18000
