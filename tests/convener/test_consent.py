from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from convener.consent import current_consent
from convener.domain import ConsentEvent, ConsentPurpose, ConsentStatus

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def _event(n: int, purpose: ConsentPurpose, given: bool, hours: int) -> ConsentEvent:
    return ConsentEvent(n, 1, purpose, given, T0 + timedelta(hours=hours))


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ([], ConsentStatus.NOT_RECORDED),
        ([True], ConsentStatus.GIVEN),
        ([True, False], ConsentStatus.WITHDRAWN),
        ([True, False, True], ConsentStatus.GIVEN),
        ([False], ConsentStatus.WITHDRAWN),
    ],
)
def test_latest_event_decides(decisions: list[bool], expected: ConsentStatus) -> None:
    events = [_event(i, ConsentPurpose.NAMED, g, i) for i, g in enumerate(decisions)]
    assert current_consent(events).status(ConsentPurpose.NAMED) is expected


def test_order_of_arrival_does_not_matter_only_time() -> None:
    given_late = _event(1, ConsentPurpose.CONTACT, True, 5)
    withdrawn_early = _event(2, ConsentPurpose.CONTACT, False, 1)
    state = current_consent([given_late, withdrawn_early])
    assert state.allows(ConsentPurpose.CONTACT)


def test_same_instant_later_entry_wins() -> None:
    first = _event(1, ConsentPurpose.QUOTED, True, 0)
    second = _event(2, ConsentPurpose.QUOTED, False, 0)
    assert current_consent([second, first]).status(ConsentPurpose.QUOTED) is ConsentStatus.WITHDRAWN


def test_purposes_are_independent() -> None:
    state = current_consent([_event(1, ConsentPurpose.CONTACT, True, 0)])
    assert state.allows(ConsentPurpose.CONTACT)
    assert not state.allows(ConsentPurpose.NAMED)
    assert state.status(ConsentPurpose.NAMED) is ConsentStatus.NOT_RECORDED
