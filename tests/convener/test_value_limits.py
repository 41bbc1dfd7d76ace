"""Limits on values, enforced in the core so the app and the command line refuse the same."""

from __future__ import annotations

import pytest

from convener.errors import ValidationError
from convener.findings import FindingDraft, add_finding
from convener.invitations import InvitationChange, update_invitation
from convener.roundtables import RoundtableDraft, create_roundtable
from convener.storage import Store
from convener.validation import parse_pounds


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("1500", 150_000), ("£850.50", 85_050), ("£1,500.50", 150_050), ("0.004", 0),
     ("10000000", 1_000_000_000)],
)  # fmt: skip
def test_amounts_in_pounds(typed: str, pence: int) -> None:
    assert parse_pounds(typed) == pence


@pytest.mark.parametrize(
    "typed", ["NaN", "sNaN", "Infinity", "-Infinity", "1e30", "1E2", "10000000.01", "-5", "£"]
)
def test_amounts_that_are_not_money(typed: str) -> None:
    with pytest.raises(ValidationError):
        parse_pounds(typed)


def draft(**changes: object) -> RoundtableDraft:
    base = RoundtableDraft("Prevention", "Prevention", "2026-05-01T10:00", "2026-05-01T12:00")
    for name, value in changes.items():
        setattr(base, name, value)
    return base


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": 10_001}, "capacity must be between 1 and 10,000"),
        ({"capacity": 2**63}, "capacity must be between 1 and 10,000"),
        ({"budget_pence": 2**63}, "the budget is more than £10,000,000"),
        ({"start": "1899-12-31T10:00"}, "the year 1899 is outside 1900–2200"),
        ({"end": "2201-01-01T10:00"}, "the year 2201 is outside 1900–2200"),
        ({"online_url": "https://x.org/a\u2028b"}, "cannot contain spaces or line breaks"),
        ({"online_url": "https://x.org/" + "a" * 2_000}, "longer than 2,000 characters"),
        ({"title": "t" * 1_001}, "the title is 1,001 characters long; at most 1,000"),
        ({"purpose": "p" * 20_001}, "the purpose is 20,001 characters long"),
    ],
)
def test_the_core_refuses_what_the_app_could_send(
    store: Store, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        create_roundtable(store, draft(**changes))


def test_fees_and_finding_text_are_bounded(demo_store: Store) -> None:
    invitation = demo_store.roundtables.invitations(1)[0]
    with pytest.raises(ValidationError, match="the fee is more than £10,000,000"):
        update_invitation(demo_store, invitation.id, InvitationChange(fee_pence=2**63))
    with pytest.raises(ValidationError, match="the text is 20,001 characters long"):
        add_finding(demo_store, FindingDraft(1, "x" * 20_001))
