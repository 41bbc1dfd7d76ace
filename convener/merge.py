"""Merging two records of the same person into one, keeping everything both of them lived.

The kept record's own entries win; where it is blank it takes the other's, lists (levers,
themes, tags) are joined, and free-text notes are kept side by side. Consent events, invitations,
findings authored, disclosures and conflicts of the other record move to the kept one, and the
other record is deleted and dropped from the search index, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from convener.directory import update_stakeholder
from convener.domain import Stakeholder, StakeholderDraft
from convener.errors import ValidationError
from convener.storage import Store
from convener.storage.merging import MovedHistory


def _union(*lists: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for items in lists for item in items))


def _both_texts(first: str, second: str) -> str:
    parts = [p.strip() for p in (first, second) if p.strip()]
    return "\n\n".join(dict.fromkeys(parts))


def merged_draft(keep: Stakeholder, other: Stakeholder) -> StakeholderDraft:
    """The kept record with its gaps filled from the other one."""
    # One contact route: a person reached through an intermediary has no direct email or phone
    # stored, so the route comes whole from the kept record when it has one.
    keep_has_route = bool(keep.email or keep.phone or keep.intermediary)
    route = keep if keep_has_route else other
    return StakeholderDraft(
        name=keep.name,
        pseudonym=keep.pseudonym or other.pseudonym,
        role=keep.role or other.role,
        organisation=keep.organisation or other.organisation,
        email=route.email,
        phone=route.phone,
        sector=keep.sector or other.sector,
        levers=_union(keep.levers, other.levers),
        themes=_union(keep.themes, other.themes),
        jurisdiction=keep.jurisdiction or other.jurisdiction,
        tags=_union(keep.tags, other.tags),
        lived_experience=keep.lived_experience or other.lived_experience,
        intermediary=route.intermediary,
        access_needs=_both_texts(keep.access_needs, other.access_needs),
        safe_contact_notes=_both_texts(keep.safe_contact_notes, other.safe_contact_notes),
        notes=_both_texts(keep.notes, other.notes),
    )


def merge_stakeholders(store: Store, keep_id: int, other_id: int) -> MovedHistory:
    """Fold `other_id` into `keep_id`; returns how much history moved across."""
    if keep_id == other_id:
        raise ValidationError("choose two different records to merge")
    with store.db.atomic():
        keep = store.stakeholders.get(keep_id)
        other = store.stakeholders.get(other_id)
        if keep.erased or other.erased:
            raise ValidationError("an erased record cannot be merged")
        update_stakeholder(store, keep_id, merged_draft(keep, other))
        return store.merging.move_history(other_id, keep_id)
