"""Actions with their inverses, for the app's undo: each is one transaction, as any action.

The app's undo commands (ui/undo.py) call these and keep what they return. People, terms and
invite-list places come back under the ids they had, so commands further along the undo
history still name the right rows. Consent stays append-only: a deleted record's history
returns whole with it, and a consent decision itself is "undone" only by a new, correcting
event (`correct_consent`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from convener.consent_recording import record_consent
from convener.directory import draft_of, validated_record
from convener.domain import ConsentEvent, Invitation, StakeholderDraft
from convener.errors import ValidationError
from convener.storage import Store, Taxonomy


@dataclass(frozen=True, slots=True)
class DeletedStakeholder:
    """Everything a deletion removed: enough to put the person back as they were."""

    stakeholder_id: int
    draft: StakeholderDraft
    consent: tuple[ConsentEvent, ...]


def delete_stakeholder(store: Store, stakeholder_id: int) -> DeletedStakeholder:
    """Delete a record with no roundtable history (see `StakeholderStore.delete`)."""
    with store.db.atomic():
        person = store.stakeholders.get(stakeholder_id)
        deleted = DeletedStakeholder(
            stakeholder_id, draft_of(person), tuple(store.consent.history(stakeholder_id))
        )
        store.stakeholders.delete(stakeholder_id)
    return deleted


def restore_stakeholder(store: Store, deleted: DeletedStakeholder) -> None:
    with store.db.atomic():
        record = validated_record(store, deleted.draft)
        store.stakeholders.insert(record, stakeholder_id=deleted.stakeholder_id)
        store.consent.restore(deleted.consent)


def readd_stakeholder(store: Store, stakeholder_id: int, draft: StakeholderDraft) -> None:
    """Add a person again under the id an undone addition took away."""
    with store.db.atomic():
        store.stakeholders.insert(validated_record(store, draft), stakeholder_id=stakeholder_id)


def take_off_list(
    store: Store, roundtable_id: int, stakeholder_ids: Sequence[int]
) -> list[Invitation]:
    """Remove these people's places on the list; returns the places, to put back as they were."""
    with store.db.atomic():
        wanted = set(stakeholder_ids)
        removed = [
            i for i in store.roundtables.invitations(roundtable_id) if i.stakeholder_id in wanted
        ]
        for invitation in removed:
            store.roundtables.remove_invitation(invitation.id)
    return removed


def put_back_on_list(store: Store, invitations: Sequence[Invitation]) -> None:
    """Put places back with their role, status, reserve rank, payments and access needs."""
    with store.db.atomic():
        for i in invitations:
            store.roundtables.invite(
                i.roundtable_id,
                i.stakeholder_id,
                role=i.role,
                status=i.status,
                fee_pence=i.fee_pence,
                expenses_pence=i.expenses_pence,
                paid_on=i.paid_on,
                access_needs=i.access_needs,
                access_asked=i.access_asked,
                reserve_rank=i.reserve_rank,
            )


def add_term(store: Store, taxonomy: Taxonomy, name: str, term_id: int | None = None) -> int:
    with store.db.atomic():
        return store.taxonomy.add(taxonomy, name, term_id=term_id)


def remove_term(store: Store, taxonomy: Taxonomy, term_id: int) -> None:
    with store.db.atomic():
        store.taxonomy.remove_unused(taxonomy, term_id)


def rename_term(store: Store, taxonomy: Taxonomy, term_id: int, name: str) -> None:
    with store.db.atomic():
        store.taxonomy.rename(taxonomy, term_id, name)


def set_term_retired(store: Store, taxonomy: Taxonomy, term_id: int, retired: bool) -> None:
    with store.db.atomic():
        store.taxonomy.set_retired(taxonomy, term_id, retired)


def correct_consent(store: Store, event: ConsentEvent, recorded_by: str) -> None:
    """Undo a consent decision the only way the history allows: a new event reversing it."""
    if not recorded_by.strip():
        raise ValidationError("say who is correcting the consent record", "recorded_by")
    record_consent(
        store,
        event.stakeholder_id,
        event.purpose,
        given=not event.given,
        method=event.method or None,
        note=f"Correction: the event of {event.recorded_at:%Y-%m-%d %H:%M} UTC was recorded "
        "in error (undone in the app).",
        recorded_by=recorded_by,
    )
