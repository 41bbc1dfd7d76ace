"""Small builders for purpose-made roundtables and people in a real store."""

from __future__ import annotations

from convener.directory import add_stakeholder
from convener.domain import ConsentPurpose, StakeholderDraft
from convener.roundtables import RoundtableDraft, create_roundtable
from convener.storage import Store


def person(
    store: Store,
    name: str,
    *,
    sector: str = "Charities and NGOs",
    themes: tuple[str, ...] = ("Prevention",),
    levers: tuple[str, ...] = ("Convening",),
    jurisdiction: str | None = "England",
    lived_experience: bool = False,
    organisation: str | None = None,
    consent: bool | None = True,
) -> int:
    sid = add_stakeholder(
        store,
        StakeholderDraft(
            name=name,
            sector=sector,
            themes=list(themes),
            levers=list(levers),
            jurisdiction=jurisdiction,
            lived_experience=lived_experience,
            organisation=organisation,
        ),
    )
    if consent is not None:
        store.consent.record(sid, ConsentPurpose.CONTACT, given=consent)
    return sid


def roundtable(
    store: Store,
    *,
    theme: str = "Prevention",
    capacity: int | None = None,
    start: str = "2027-03-10T10:00",
    end: str = "2027-03-10T12:00",
) -> int:
    return create_roundtable(
        store,
        RoundtableDraft(title="Test roundtable", theme=theme, start=start, end=end,
                        capacity=capacity),
    )  # fmt: skip
