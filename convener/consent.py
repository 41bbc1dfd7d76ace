"""Consent as a history: the current state is whatever the latest event for a purpose says.

Nothing is consented until an event records it, and a withdrawal is an event like any other,
so the history is never rewritten and a later "given" can follow a withdrawal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from convener.domain import ConsentEvent, ConsentPurpose, ConsentStatus


@dataclass(frozen=True, slots=True)
class ConsentState:
    """The current consent of one person, per purpose."""

    statuses: Mapping[ConsentPurpose, ConsentStatus]

    def status(self, purpose: ConsentPurpose) -> ConsentStatus:
        return self.statuses.get(purpose, ConsentStatus.NOT_RECORDED)

    def allows(self, purpose: ConsentPurpose) -> bool:
        return self.status(purpose) is ConsentStatus.GIVEN


NO_CONSENT = ConsentState({})


def current_consent(events: Iterable[ConsentEvent]) -> ConsentState:
    """Derive the state per purpose from the latest event (by time, then by insertion order)."""
    latest: dict[ConsentPurpose, ConsentEvent] = {}
    for event in events:
        seen = latest.get(event.purpose)
        if seen is None or (event.recorded_at, event.id) >= (seen.recorded_at, seen.id):
            latest[event.purpose] = event
    return ConsentState(
        {
            purpose: ConsentStatus.GIVEN if event.given else ConsentStatus.WITHDRAWN
            for purpose, event in latest.items()
        }
    )
