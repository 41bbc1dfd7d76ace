from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from convener.domain import (
    Invitation,
    InvitationRole,
    InvitationStatus,
    InviteeFacts,
    Roundtable,
    RoundtableStatus,
)
from convener.invitations import add_invitations
from convener.principles import CHECKS, CheckResult, Outcome, PlanFacts, run_checks
from convener.storage import Store
from convener.suggestions import checks_for
from tests.convener.planning_data import person, roundtable

EVENT = Roundtable(
    id=1, uid="u", title="T", theme="Prevention", tz="Europe/London",
    starts_at=datetime(2027, 3, 10, 10, tzinfo=UTC), ends_at=datetime(2027, 3, 10, 12, tzinfo=UTC),
    capacity=10,
)  # fmt: skip
BEFORE = date(2027, 3, 1)


def _inv(sid: int, **changes: object) -> Invitation:
    base = Invitation(
        id=sid, roundtable_id=1, stakeholder_id=sid, role=InvitationRole.PARTICIPANT,
        status=InvitationStatus.INVITED, access_asked=True,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def _who(sid: int, **changes: object) -> InviteeFacts:
    base = InviteeFacts(
        stakeholder_id=sid, sector="Health", perspective="practice", jurisdiction="England",
        organisation_id=None, lived_experience=False, contact_consent=True,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def _lee(sid: int) -> InviteeFacts:
    return _who(sid, lived_experience=True, sector="Lived experience experts",
                perspective="lived_experience")  # fmt: skip


def _check(
    key: str,
    invitations: list[Invitation],
    people: list[InviteeFacts],
    *,
    roundtable: Roundtable = EVENT,
    today: date = BEFORE,
    settings: dict[str, str] | None = None,
) -> CheckResult:
    facts = PlanFacts(roundtable, invitations, {p.stakeholder_id: p for p in people}, today)
    return next(r for r in run_checks(facts, settings) if r.key == key)


def test_every_check_has_a_result_with_a_sentence() -> None:
    results = run_checks(PlanFacts(EVENT, [], {}, BEFORE))
    assert [r.key for r in results] == [d.key for d in CHECKS]
    assert all(r.message.endswith(".") for r in results)


def test_lone_lee() -> None:
    one = _check("lone_lee", [_inv(1), _inv(2)], [_lee(1), _who(2)])
    assert one.outcome is Outcome.FAIL and one.stakeholder_ids == (1,)
    two = _check("lone_lee", [_inv(1), _inv(2)], [_lee(1), _lee(2)])
    assert two.outcome is Outcome.PASS
    declined = _check("lone_lee", [_inv(1), _inv(2, status=InvitationStatus.DECLINED)],
                      [_lee(1), _lee(2)])  # fmt: skip
    assert declined.outcome is Outcome.FAIL  # a decline leaves the other alone


def test_lee_in_a_co_design_role() -> None:
    people = [_lee(1), _lee(2)]
    missing = [_inv(1), _inv(2)]
    draft = replace(EVENT, status=RoundtableStatus.DRAFT)
    sent = replace(EVENT, status=RoundtableStatus.INVITATIONS_SENT)
    assert _check("lee_codesign", missing, people, roundtable=draft).outcome is Outcome.WARN
    assert _check("lee_codesign", missing, people, roundtable=sent).outcome is Outcome.FAIL
    with_role = [_inv(1, role=InvitationRole.CO_DESIGNER), _inv(2)]
    assert _check("lee_codesign", with_role, people, roundtable=sent).outcome is Outcome.PASS


def test_fee_and_expenses_set() -> None:
    people = [_lee(1), _lee(2)]
    unset = [_inv(1, fee_pence=15000, expenses_pence=0), _inv(2, fee_pence=15000)]
    result = _check("lee_fees", unset, people)
    assert result.outcome is Outcome.FAIL and result.stakeholder_ids == (2,)
    both = [_inv(1, fee_pence=15000, expenses_pence=0), _inv(2, fee_pence=0, expenses_pence=0)]
    assert _check("lee_fees", both, people).outcome is Outcome.PASS


@pytest.mark.parametrize(
    ("paid_on", "today", "expected"),
    [
        (None, date(2027, 3, 1), Outcome.PASS),  # before the event
        (None, date(2027, 3, 20), Outcome.WARN),  # after it, within 30 days
        (None, date(2027, 4, 20), Outcome.FAIL),  # more than 30 days after it
        (date(2027, 3, 30), date(2027, 4, 20), Outcome.PASS),  # paid in time
        (date(2027, 4, 15), date(2027, 4, 20), Outcome.FAIL),  # paid late
    ],
)
def test_payment_within_thirty_days(paid_on: date | None, today: date, expected: Outcome) -> None:
    invitation = _inv(1, status=InvitationStatus.ATTENDED, fee_pence=15000, expenses_pence=1000,
                      paid_on=paid_on)  # fmt: skip
    assert _check("lee_payment", [invitation], [_lee(1)], today=today).outcome is expected


def test_contact_consent() -> None:
    result = _check(
        "contact_consent", [_inv(1), _inv(2)], [_who(1), _who(2, contact_consent=False)]
    )
    assert result.outcome is Outcome.FAIL and result.stakeholder_ids == (2,)
    assert _check("contact_consent", [_inv(1)], [_who(1)]).outcome is Outcome.PASS
    held = replace(EVENT, status=RoundtableStatus.HELD)
    withdrawn_since = _check("contact_consent", [_inv(1)], [_who(1, contact_consent=False)],
                             roundtable=held)  # fmt: skip
    assert withdrawn_since.outcome is Outcome.WARN and "follow-up" in withdrawn_since.message


def test_access_needs_asked() -> None:
    sent = replace(EVENT, status=RoundtableStatus.INVITATIONS_SENT)
    unasked = [_inv(1), _inv(2, access_asked=False)]
    assert (
        _check("access_asked", unasked, [_who(1), _who(2)], roundtable=sent).outcome is Outcome.FAIL
    )
    assert _check("access_asked", [_inv(1)], [_who(1)], roundtable=sent).outcome is Outcome.PASS
    draft = replace(EVENT, status=RoundtableStatus.DRAFT)
    assert (
        _check("access_asked", unasked, [_who(1), _who(2)], roundtable=draft).outcome
        is Outcome.WARN
    )
    held = replace(EVENT, status=RoundtableStatus.HELD)
    assert (
        _check("access_asked", unasked, [_who(1), _who(2)], roundtable=held).outcome is Outcome.WARN
    )


def test_sector_diversity() -> None:
    two = [_who(1, sector="Health"), _who(2, sector="Business")]
    invitations = [_inv(1), _inv(2), _inv(3)]
    assert (
        _check("sector_diversity", invitations, [*two, _who(3, sector="Health")]).outcome
        is Outcome.FAIL
    )
    three = [*two, _who(3, sector="Trade unions")]
    assert _check("sector_diversity", invitations, three).outcome is Outcome.PASS


def test_capacity_counts_only_seated_roles() -> None:
    small = replace(EVENT, capacity=2)
    people = [_who(1), _who(2), _who(3)]
    over = [_inv(1), _inv(2), _inv(3)]
    assert _check("capacity", over, people, roundtable=small).outcome is Outcome.FAIL
    observer = [_inv(1), _inv(2), _inv(3, role=InvitationRole.OBSERVER)]
    assert _check("capacity", observer, people, roundtable=small).outcome is Outcome.PASS
    reserve = [_inv(1), _inv(2), _inv(3, reserve_rank=1)]
    assert _check("capacity", reserve, people, roundtable=small).outcome is Outcome.PASS


def test_cross_uk_spread_where_the_theme_calls_for_it() -> None:
    english = [_who(1), _who(2, jurisdiction="UK-wide")]
    invitations = [_inv(1), _inv(2)]
    assert _check("cross_uk", invitations, english).outcome is Outcome.WARN
    spread = [_who(1), _who(2, jurisdiction="Scotland")]
    assert _check("cross_uk", invitations, spread).outcome is Outcome.PASS
    international = replace(EVENT, theme="International")
    assert (
        _check("cross_uk", invitations, english, roundtable=international).outcome is Outcome.PASS
    )


def test_thresholds_and_severity_come_from_settings() -> None:
    three = [_who(1, sector="Health"), _who(2, sector="Business"), _who(3, sector="Trade unions")]
    invitations = [_inv(1), _inv(2), _inv(3)]
    stricter = {"checks.sector_diversity.min_sectors": "4"}
    assert _check("sector_diversity", invitations, three, settings=stricter).outcome is Outcome.FAIL
    softer = {**stricter, "checks.sector_diversity.on_problem": "warn"}
    assert _check("sector_diversity", invitations, three, settings=softer).outcome is Outcome.WARN


def test_checks_read_the_settings_table(store: Store) -> None:
    rid = roundtable(store)
    people = [person(store, f"P{n}", sector=s) for n, s in enumerate(["Health", "Business"])]
    add_invitations(store, rid, people)
    assert next(c for c in checks_for(store, rid) if c.key == "sector_diversity").outcome == "fail"
    store.settings.put("checks.sector_diversity.min_sectors", "2")
    assert next(c for c in checks_for(store, rid) if c.key == "sector_diversity").outcome == "pass"
