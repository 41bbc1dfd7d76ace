"""Adding and changing organisations: validation first, then one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from convener.storage import Store
from convener.validation import check_email, check_name, clean_text


@dataclass(slots=True)
class OrganisationDraft:
    """What a person types for an organisation, before validation."""

    name: str
    sector: str | None = None
    jurisdiction: str | None = None
    email: str | None = None
    website: str | None = None
    notes: str = ""


def save_organisation(
    store: Store, draft: OrganisationDraft, organisation_id: int | None = None
) -> int:
    """Create (no id) or change an organisation; raises ValidationError naming the field."""
    name = check_name(draft.name)
    email = check_email(draft.email)
    sector = clean_text(draft.sector)
    jurisdiction = clean_text(draft.jurisdiction)
    website = clean_text(draft.website)
    notes = draft.notes.strip()
    orgs = store.organisations
    with store.db.atomic():
        if organisation_id is None:
            return orgs.add(
                name,
                sector=sector,
                jurisdiction=jurisdiction,
                email=email,
                website=website,
                notes=notes,
            )
        orgs.update(
            organisation_id,
            name,
            sector=sector,
            jurisdiction=jurisdiction,
            email=email,
            website=website,
            notes=notes,
        )
        return organisation_id
