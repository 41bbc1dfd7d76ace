"""Protected contact rules hold on every write path; retracted findings never reach output."""

from __future__ import annotations

import sqlite3

import pytest

from convener.consent_recording import record_consent
from convener.directory import add_stakeholder, update_stakeholder
from convener.domain import Attribution, ConsentPurpose, FindingKind, StakeholderDraft
from convener.errors import ValidationError
from convener.findings_output import findings_for_output
from convener.privacy import Audience
from convener.storage import Store
from convener.storage.findings import FindingRecord
from convener.storage.stakeholders import StakeholderRecord


def _protected(store: Store) -> int:
    return add_stakeholder(
        store,
        StakeholderDraft(
            name="Mariam Haddad",
            pseudonym="Cedar",
            lived_experience=True,
            intermediary="Safe Harbour",
            safe_contact_notes="Only through Safe Harbour; no voicemail",
        ),
    )


def test_update_cannot_add_a_direct_email_to_a_protected_person(store: Store) -> None:
    sid = _protected(store)
    draft = StakeholderDraft(
        name="Mariam Haddad",
        lived_experience=True,
        intermediary="Safe Harbour",
        email="mariam@example.org",
    )
    with pytest.raises(ValidationError, match="intermediary"):
        update_stakeholder(store, sid, draft)
    assert store.stakeholders.get(sid).email is None
    assert store.stakeholders.get(sid).safe_contact_notes.startswith("Only through")


def test_the_store_refuses_it_whoever_calls(store: Store) -> None:
    sid = _protected(store)
    person = store.stakeholders.get(sid)
    record = StakeholderRecord(
        name=person.name,
        pseudonym=None,
        role=None,
        organisation_id=None,
        email=None,
        phone="+44 7700 900123",
        sector_id=None,
        jurisdiction_id=None,
        tags=[],
        lived_experience=True,
        intermediary_id=person.intermediary_id,
        access_needs="",
        safe_contact_notes="",
        notes="",
        lever_ids=[],
        theme_ids=[],
    )
    with pytest.raises(ValidationError, match="intermediary"):
        store.stakeholders.update(sid, record)
    with pytest.raises(ValidationError, match="intermediary"):
        store.stakeholders.insert(record)


def test_the_schema_refuses_it_for_raw_sql(store: Store) -> None:
    sid = _protected(store)
    with pytest.raises(sqlite3.IntegrityError, match="protected contact"):
        store.db.execute("UPDATE stakeholders SET email = 'x@example.org' WHERE id = ?", [sid])
    plain = add_stakeholder(store, StakeholderDraft(name="Open Person", phone="+44 20 7946 0000"))
    intermediary = store.stakeholders.get(sid).intermediary_id
    with pytest.raises(sqlite3.IntegrityError, match="protected contact"):
        store.db.execute(
            "UPDATE stakeholders SET intermediary_id = ? WHERE id = ?", [intermediary, plain]
        )


def _finding(store: Store, rid: int, text: str, by: int | None, how: Attribution) -> int:
    return store.findings.add(
        FindingRecord(rid, FindingKind.INSIGHT, text, attribution=how, by_stakeholder_id=by)
    )


def test_findings_for_output_never_returns_retracted_ones(demo_store: Store) -> None:
    rid = demo_store.roundtables.all()[0].id
    before = {f.id for f in findings_for_output(demo_store, [rid], Audience.PUBLIC)}
    kept = _finding(demo_store, rid, "Kept insight", None, Attribution.NONE)
    gone = _finding(demo_store, rid, "Retracted insight", None, Attribution.NONE)
    demo_store.findings.retract(gone, "contributor asked")
    for audience in Audience:
        shown = {f.id for f in findings_for_output(demo_store, [rid], audience)}
        assert kept in shown
        assert gone not in shown
    assert {f.id for f in findings_for_output(demo_store, [rid], Audience.PUBLIC)} == before | {
        kept
    }
    # The storage call reports use excludes them too, unless asked.
    assert gone not in {f.id for f in demo_store.findings.for_roundtable(rid)}
    assert gone in {f.id for f in demo_store.findings.for_roundtable(rid, include_retracted=True)}


def test_attribution_follows_current_consent(store: Store) -> None:
    with store.db.atomic():
        from convener.storage.roundtables import RoundtableRecord
        from tests.strategies import T0

        rid = store.roundtables.insert(
            RoundtableRecord(
                "Care sector", None, T0, T0.replace(hour=11), "UTC", chatham_house=False
            )
        )
    speaker = add_stakeholder(
        store, StakeholderDraft(name="Lena Fischer", sector="Charities and NGOs")
    )
    expert = _protected(store)
    store.roundtables.invite(rid, speaker)
    store.roundtables.invite(rid, expert)
    _finding(
        store, rid, "Lena Fischer said inspections miss agency staff", speaker, Attribution.NAMED
    )
    _finding(store, rid, "Mariam Haddad described the recruitment debt", expert, Attribution.NAMED)

    def public() -> list[tuple[str, str | None]]:
        return [
            (f.text, f.attributed_to) for f in findings_for_output(store, [rid], Audience.PUBLIC)
        ]

    assert public() == [
        ("[withheld] said inspections miss agency staff", None),
        ("[withheld] described the recruitment debt", None),
    ]
    for sid in (speaker, expert):
        record_consent(store, sid, ConsentPurpose.NAMED, given=True)
        record_consent(store, sid, ConsentPurpose.QUOTED, given=True)
    assert public() == [
        ("Lena Fischer said inspections miss agency staff", "Lena Fischer"),
        ("Cedar described the recruitment debt", "Cedar"),
    ]
    # Under the Chatham House rule nothing is attributed outside the office, consent or not.
    store.db.execute("UPDATE roundtables SET chatham_house = 1 WHERE id = ?", [rid])
    assert [said_by for _, said_by in public()] == [None, None]
    assert [f.attributed_to for f in findings_for_output(store, [rid], Audience.INTERNAL)] == [
        "Lena Fischer",
        "Cedar",
    ]
    store.db.execute("UPDATE roundtables SET chatham_house = 0 WHERE id = ?", [rid])
    record_consent(store, speaker, ConsentPurpose.QUOTED, given=False)
    assert public()[0] == ("Lena Fischer said inspections miss agency staff", None)
    record_consent(store, speaker, ConsentPurpose.NAMED, given=False)
    assert public()[0] == ("[withheld] said inspections miss agency staff", None)


def test_an_expert_named_in_a_finding_is_redacted_though_never_invited(store: Store) -> None:
    """Only the experts whose words occur in the findings are read whole; the others are not
    needed. An expert told about (not invited), among others, is still redacted however typed."""
    with store.db.atomic():
        from convener.storage.roundtables import RoundtableRecord
        from tests.strategies import T0

        rid = store.roundtables.insert(
            RoundtableRecord("Care sector", None, T0, T0.replace(hour=11), "UTC")
        )
    others = [
        add_stakeholder(
            store,
            StakeholderDraft(
                name=f"Expert Number{n}", pseudonym=f"Willow{n}", lived_experience=True
            ),
        )
        for n in range(30)
    ]
    told_about = add_stakeholder(
        store,
        StakeholderDraft(
            name="Mariam Haddad", pseudonym="Cedar", lived_experience=True, phone="07700 900123"
        ),
    )
    record_consent(store, told_about, ConsentPurpose.NAMED, given=True)  # as Cedar
    _finding(store, rid, "MARIAM\nhaddad's story: debts grew monthly", None, Attribution.NONE)
    _finding(store, rid, "Call 07700 900123 for the case notes", None, Attribution.NONE)
    _finding(store, rid, "Willowby council has no shelter places", None, Attribution.NONE)
    findings = findings_for_output(store, [rid], Audience.PUBLIC)
    assert [f.text for f in findings] == [
        "Cedar's story: debts grew monthly",
        "Call [withheld] for the case notes",
        "Willowby council has no shelter places",
    ]
    assert findings[0].named == (told_about,)
    assert [f.named for f in findings[1:]] == [(), ()]
    assert not set(others) & {sid for f in findings for sid in f.named}
