"""Adding and changing people in the directory: validation first, then one transaction."""

from __future__ import annotations

from convener.domain import Stakeholder, StakeholderDraft
from convener.errors import ValidationError
from convener.storage import Store, Taxonomy
from convener.storage.stakeholders import StakeholderRecord
from convener.validation import (
    MAX_LONG_TEXT,
    check_email,
    check_length,
    check_name,
    check_phone,
    clean_text,
)


def _record(
    store: Store, draft: StakeholderDraft, memo: dict[tuple[str, str], int] | None = None
) -> StakeholderRecord:
    """Validate a draft and resolve its names to ids; raises ValidationError naming the field.

    `memo` remembers names already resolved within one transaction (an import resolves the
    same few organisations and themes thousands of times).
    """
    known = {} if memo is None else memo

    def organisation_id(name: str) -> int:
        key = ("organisation", name)
        if key not in known:
            known[key] = store.organisations.ensure(name)
        return known[key]

    def term_id(taxonomy: Taxonomy, name: str) -> int:
        key = (taxonomy, name)  # a StrEnum member is its value, and cheaper to read
        if key not in known:
            known[key] = store.taxonomy.resolve(taxonomy, name)
        return known[key]

    _check_lengths(draft)
    name = check_name(draft.name)
    email = check_email(draft.email)
    phone = check_phone(draft.phone)
    intermediary = clean_text(draft.intermediary)
    if intermediary and (email or phone):
        raise ValidationError(
            "a person contacted through an intermediary has no direct email or phone stored; "
            "remove them or remove the intermediary",
            "email" if email else "phone",
        )
    sector = clean_text(draft.sector)
    jurisdiction = clean_text(draft.jurisdiction)
    organisation = clean_text(draft.organisation)
    return StakeholderRecord(
        name=name,
        pseudonym=clean_text(draft.pseudonym),
        role=clean_text(draft.role),
        organisation_id=organisation_id(organisation) if organisation else None,
        email=email,
        phone=phone,
        sector_id=term_id(Taxonomy.SECTORS, sector) if sector else None,
        jurisdiction_id=term_id(Taxonomy.JURISDICTIONS, jurisdiction) if jurisdiction else None,
        tags=[t.strip() for t in draft.tags if t.strip()],
        lived_experience=draft.lived_experience,
        intermediary_id=organisation_id(intermediary) if intermediary else None,
        access_needs=draft.access_needs.strip(),
        safe_contact_notes=draft.safe_contact_notes.strip(),
        notes=draft.notes.strip(),
        lever_ids=[term_id(Taxonomy.LEVERS, x) for x in draft.levers if x.strip()],
        theme_ids=[term_id(Taxonomy.THEMES, x) for x in draft.themes if x.strip()],
    )


def add_stakeholder(store: Store, draft: StakeholderDraft) -> int:
    with store.db.atomic():
        return store.stakeholders.insert(_record(store, draft))


def update_stakeholder(store: Store, stakeholder_id: int, draft: StakeholderDraft) -> None:
    with store.db.atomic():
        store.stakeholders.update(stakeholder_id, _record(store, draft))


def validated_record(
    store: Store, draft: StakeholderDraft, memo: dict[tuple[str, str], int] | None = None
) -> StakeholderRecord:
    """The checked, resolved record for `draft`, for callers that own the transaction.

    An import writes thousands of people in one transaction of its own, so it validates each
    draft here and writes through the store itself. Pass the same `memo` for every draft of
    one transaction, and only within it (a rollback would leave it naming rows that are gone).
    """
    return _record(store, draft, memo)


def draft_of(person: Stakeholder) -> StakeholderDraft:
    """A draft holding everything `person` has now: the starting point for a partial change."""
    return StakeholderDraft(
        name=person.name,
        pseudonym=person.pseudonym,
        role=person.role,
        organisation=person.organisation,
        email=person.email,
        phone=person.phone,
        sector=person.sector,
        levers=list(person.levers),
        themes=list(person.themes),
        jurisdiction=person.jurisdiction,
        tags=list(person.tags),
        lived_experience=person.lived_experience,
        intermediary=person.intermediary,
        access_needs=person.access_needs,
        safe_contact_notes=person.safe_contact_notes,
        notes=person.notes,
    )


def _check_lengths(draft: StakeholderDraft) -> None:
    """Each field within what a person would type and the reports print (see validation)."""
    for field in ("name", "pseudonym", "role", "organisation", "email", "phone", "sector",
                  "jurisdiction", "intermediary"):  # fmt: skip
        check_length(getattr(draft, field), field)
    for tag in draft.tags:
        check_length(tag, "tag")
    for field in ("access_needs", "safe_contact_notes", "notes"):
        check_length(getattr(draft, field), field, MAX_LONG_TEXT)
