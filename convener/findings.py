"""Recording what a roundtable found, and retracting it: validation first, then one write.

A finding's kind decides which details it may carry (a lever and addressee for a
recommendation, an owner and due date for an action). Attributing a finding to a person by
name needs that person's current consent to be quoted, checked when it is recorded; the
reports check consent again when they are generated, so a later withdrawal still wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from convener.domain import Attribution, ConsentPurpose, Finding, FindingKind
from convener.errors import ValidationError
from convener.storage import Store, Taxonomy
from convener.storage.findings import FindingRecord
from convener.validation import MAX_LONG_TEXT, check_length, clean_text


@dataclass(slots=True)
class FindingDraft:
    """What an author types for one finding, before validation."""

    roundtable_id: int
    text: str
    kind: FindingKind = FindingKind.INSIGHT
    agenda_item_id: int | None = None
    theme: str | None = None  # None: the roundtable's own theme
    lever: str | None = None
    addressed_to: str | None = None
    owner: str | None = None
    due_on: date | None = None
    attribution: Attribution = Attribution.NONE
    by_stakeholder_id: int | None = None


def _only_for(kind: FindingKind, allowed: FindingKind, field: str, value: object) -> None:
    if value is not None and kind is not allowed:
        raise ValidationError(
            f"{field.replace('_', ' ')} is recorded only for {allowed.value}s, "
            f"not for a finding of kind {kind.value}",
            field,
        )


def _check_attribution(store: Store, draft: FindingDraft) -> None:
    if draft.by_stakeholder_id is None:
        if draft.attribution is not Attribution.NONE:
            raise ValidationError(
                f"an attribution by {draft.attribution.value} needs the person who said it",
                "by",
            )
        return
    person = store.stakeholders.get(draft.by_stakeholder_id)
    if person.erased:
        raise ValidationError(f"stakeholder {person.id} has been erased", "by")
    if draft.attribution is Attribution.SECTOR and not person.sector:
        raise ValidationError(
            f"stakeholder {person.id} has no sector recorded, so the finding cannot be "
            "attributed by sector",
            "attribution",
        )
    if draft.attribution is Attribution.NAMED and not store.consent.state(person.id).allows(
        ConsentPurpose.QUOTED
    ):
        raise ValidationError(
            f"stakeholder {person.id} has no current consent to be quoted, so the finding "
            "cannot be attributed to them by name; record their consent first or attribute "
            "it by sector or not at all",
            "attribution",
        )


def _record(store: Store, draft: FindingDraft) -> FindingRecord:
    text = clean_text(draft.text)
    if text is None:
        raise ValidationError("a finding needs its text", "text")
    check_length(text, "text", MAX_LONG_TEXT)
    for field in ("lever", "addressed_to", "owner", "theme"):
        check_length(getattr(draft, field), field)
    roundtable = store.roundtables.get(draft.roundtable_id)
    if draft.agenda_item_id is not None and draft.agenda_item_id not in {
        item.id for item in roundtable.agenda
    }:
        raise ValidationError(
            f"agenda item {draft.agenda_item_id} is not on the agenda of roundtable "
            f"{roundtable.id}",
            "agenda_item",
        )
    kind = draft.kind
    lever, addressed_to = clean_text(draft.lever), clean_text(draft.addressed_to)
    owner = clean_text(draft.owner)
    _only_for(kind, FindingKind.RECOMMENDATION, "lever", lever)
    _only_for(kind, FindingKind.RECOMMENDATION, "addressed_to", addressed_to)
    _only_for(kind, FindingKind.ACTION, "owner", owner)
    _only_for(kind, FindingKind.ACTION, "due_on", draft.due_on)
    _check_attribution(store, draft)
    theme = clean_text(draft.theme) or roundtable.theme
    taxonomy = store.taxonomy
    return FindingRecord(
        roundtable_id=roundtable.id,
        kind=kind,
        text=text,
        agenda_item_id=draft.agenda_item_id,
        theme_id=taxonomy.resolve(Taxonomy.THEMES, theme) if theme else None,
        lever_id=taxonomy.resolve(Taxonomy.LEVERS, lever) if lever else None,
        addressed_to=addressed_to,
        owner=owner,
        due_on=draft.due_on,
        attribution=draft.attribution,
        by_stakeholder_id=draft.by_stakeholder_id,
    )


def add_finding(store: Store, draft: FindingDraft) -> Finding:
    with store.db.atomic():
        finding_id = store.findings.add(_record(store, draft))
        return store.findings.get(finding_id)


def retract_finding(store: Store, finding_id: int, note: str = "") -> Finding:
    """Retract a finding; it stays in the database for the record but leaves every report."""
    with store.db.atomic():
        if store.findings.get(finding_id).retracted:
            raise ValidationError(f"finding {finding_id} is already retracted")
        store.findings.retract(finding_id, note.strip())
        return store.findings.get(finding_id)


def parse_kind(text: str) -> FindingKind:
    """A kind as people type it: "evidence gap", "evidence-gap" and "Evidence_Gap" all work."""
    wanted = text.strip().lower().replace(" ", "-").replace("_", "-")
    try:
        return FindingKind(wanted)
    except ValueError:
        known = ", ".join(k.value for k in FindingKind)
        raise ValidationError(f"unknown kind '{text}'; known kinds: {known}", "kind") from None
