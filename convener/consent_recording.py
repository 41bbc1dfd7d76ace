"""Recording a consent decision: validation, the wording shown, and what a withdrawal reaches.

A withdrawal takes effect at once for everything generated afterwards (every export asks the
disclosure policy, which reads the latest event). What it cannot undo is a file already made,
so recording one returns the outputs the ledger says already carried the person's data, for
the app or the command line to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from convener.consent_wording import current_wording, load_wording
from convener.domain import ConsentMethod, ConsentPurpose, ConsentStatus
from convener.errors import ValidationError
from convener.privacy import Audience
from convener.storage import Store
from convener.storage.disclosures import Disclosure


@dataclass(frozen=True, slots=True)
class ConsentRecorded:
    event_id: int
    purpose: ConsentPurpose
    status: ConsentStatus
    wording_version: str
    # Outputs made before a withdrawal that carried this person's data (empty for a "given").
    earlier_outputs: list[Disclosure]


def parse_method(text: str | None) -> ConsentMethod | None:
    """Accept the method as typed: "in person", "in-person", "With_Interpreter"..."""
    if text is None or not text.strip():
        return None
    wanted = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    for method in ConsentMethod:
        if method.value == wanted:
            return method
    known = ", ".join(m.value for m in ConsentMethod)
    raise ValidationError(f"'{text}' is not a consent method (use one of: {known})", "method")


def outputs_with_data(store: Store, stakeholder_id: int) -> list[Disclosure]:
    """Files already made that carried this person's data, oldest first.

    Copies given to the person themselves (their subject access export) are left out: they
    are not something a withdrawal needs to chase.
    """
    return [
        row
        for row in store.disclosures.for_person(stakeholder_id)
        if row.audience != Audience.RECORD.value
    ]


def record_consent(
    store: Store,
    stakeholder_id: int,
    purpose: ConsentPurpose,
    *,
    given: bool,
    method: str | None = None,
    wording_version: str | None = None,
    recorded_by: str = "",
    note: str = "",
    recorded_at: datetime | None = None,
) -> ConsentRecorded:
    """Append one consent event after checking it; a withdrawal lists the earlier outputs."""
    person = store.stakeholders.get(stakeholder_id)
    if person.erased:
        raise ValidationError(f"stakeholder {stakeholder_id} has been erased")
    how = parse_method(method)
    if how is ConsentMethod.VIA_INTERMEDIARY and person.intermediary_id is None:
        raise ValidationError(
            "consent 'via intermediary' needs an intermediary on the person's record", "method"
        )
    # A decision to give consent is informed by a wording; the newest one unless told which.
    # A withdrawal needs no wording, but keeps one if the person was shown it.
    if wording_version:
        wording = load_wording(wording_version)
    elif given:
        wording = current_wording()
    else:
        wording = None
    with store.db.atomic():
        event_id = store.consent.record(
            stakeholder_id,
            purpose,
            given=given,
            method=how.value if how else "",
            note=note.strip(),
            recorded_by=recorded_by.strip(),
            recorded_at=recorded_at,
            wording_version=wording.version if wording else "",
            wording_hash=wording.sha256 if wording else "",
        )
        status = store.consent.state(stakeholder_id).status(purpose)
    earlier = [] if given else outputs_with_data(store, stakeholder_id)
    return ConsentRecorded(event_id, purpose, status, wording.version if wording else "", earlier)
