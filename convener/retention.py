"""The retention review: people not engaged for a while are listed, then kept or anonymised.

Thresholds are settings (default 24 months, 12 for lived experience experts, whose data is the
most sensitive). "Keep" records a review so the person leaves the list until the period has
passed again; "anonymise" is an erasure with the review as its reason.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from convener.consent import NO_CONSENT
from convener.erasure import ErasureResult, erase_person
from convener.errors import ValidationError
from convener.privacy import Audience, render_person
from convener.storage import Store
from convener.storage.times import now_utc

SETTING_MONTHS = "retention_months"
SETTING_MONTHS_LIVED_EXPERIENCE = "retention_months_lived_experience"


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    months: int = 24
    months_lived_experience: int = 12


@dataclass(frozen=True, slots=True)
class ReviewItem:
    stakeholder_id: int
    display_name: str  # as the office sees it: protected people by pseudonym
    lived_experience: bool
    last_engaged: datetime | None  # latest roundtable they were on the list for
    last_reviewed: datetime | None
    idle_since: datetime  # the later of those and the record's creation
    threshold_months: int


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` calendar months earlier (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def load_policy(store: Store) -> RetentionPolicy:
    default = RetentionPolicy()
    return RetentionPolicy(
        _months(store.settings.get(SETTING_MONTHS), default.months),
        _months(
            store.settings.get(SETTING_MONTHS_LIVED_EXPERIENCE), default.months_lived_experience
        ),
    )


def save_policy(store: Store, policy: RetentionPolicy) -> None:
    for value in (policy.months, policy.months_lived_experience):
        if not 1 <= value <= 240:
            raise ValidationError("a retention period is between 1 and 240 months", "months")
    with store.db.atomic():
        store.settings.put(SETTING_MONTHS, str(policy.months))
        store.settings.put(SETTING_MONTHS_LIVED_EXPERIENCE, str(policy.months_lived_experience))


def _months(text: str | None, default: int) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if value > 0 else default


def review_list(store: Store, *, now: datetime | None = None) -> list[ReviewItem]:
    """Everyone due for review, longest idle first."""
    policy = load_policy(store)
    moment = now or now_utc()
    rows = store.retention.due(
        months_before(moment, policy.months),
        months_before(moment, policy.months_lived_experience),
    )
    people = {p.id: p for p in store.stakeholders.get_many([r.stakeholder_id for r in rows])}
    items: list[ReviewItem] = []
    for row in rows:
        # The office's view needs no consent state: it never depends on it.
        view = render_person(people[row.stakeholder_id], NO_CONSENT, Audience.INTERNAL)
        marks = [m for m in (row.last_engaged, row.last_reviewed) if m is not None]
        items.append(
            ReviewItem(
                row.stakeholder_id,
                view.name if view else "",
                row.lived_experience,
                row.last_engaged,
                row.last_reviewed,
                max([row.created_at, *marks]),
                policy.months_lived_experience if row.lived_experience else policy.months,
            )
        )
    return items


def keep(store: Store, stakeholder_id: int, *, now: datetime | None = None) -> None:
    with store.db.atomic():
        store.retention.keep(stakeholder_id, at=now)


def anonymise(store: Store, stakeholder_id: int) -> ErasureResult:
    return erase_person(store, stakeholder_id, "retention review: no longer engaged")
