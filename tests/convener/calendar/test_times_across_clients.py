"""Start and end instants agree in icalendar, ical.js and zoneinfo, in every exported file.

ical.js computes the instants from the VTIMEZONE inside each file (it has no zone database of
its own), so this also checks what Thunderbird and other libical-style readers will see.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from convener.calendar.export import write_invitations
from convener.domain import RoundtableStatus
from convener.storage import Store
from tests.convener.calendar.conftest import Cast, calendar_texts, record

CASES = [
    # (zone, local start, local end): winter, summer, the change days, events spanning them
    ("Europe/London", "2026-01-15T10:00", "2026-01-15T12:30"),
    ("Europe/London", "2026-07-15T10:00", "2026-07-15T12:30"),
    ("Europe/London", "2026-03-29T10:00", "2026-03-29T12:00"),
    ("Europe/London", "2026-10-25T10:00", "2026-10-25T12:00"),
    ("Europe/London", "2026-03-29T00:30", "2026-03-29T03:30"),
    ("Europe/London", "2026-10-25T00:15", "2026-10-25T03:00"),
    ("Europe/London", "2027-03-27T22:00", "2027-03-28T09:00"),
    ("Europe/London", "2026-12-31T23:00", "2027-01-01T01:00"),
    ("America/New_York", "2026-03-08T01:00", "2026-03-08T04:00"),
    ("Australia/Sydney", "2026-04-05T01:00", "2026-04-05T04:00"),
]


def utc_seconds(local_text: str, tz: str) -> int:
    moment = datetime.fromisoformat(local_text).replace(tzinfo=ZoneInfo(tz))
    return int(moment.timestamp())


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_every_file_gives_the_same_instants(
    store: Store,
    cast: Cast,
    tmp_path: Path,
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
    case: tuple[str, str, str],
) -> None:
    tz, start, end = case
    store.roundtables.update(
        cast.roundtable_id, record(start=start, end=end, tz=tz), bump_sequence=True
    )
    write_invitations(store, cast.roundtable_id, tmp_path / "first")
    store.roundtables.update(
        cast.roundtable_id,
        record(start=start, end=end, tz=tz, status=RoundtableStatus.CANCELLED),
        bump_sequence=True,
    )
    write_invitations(store, cast.roundtable_id, tmp_path / "cancel")

    files = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".ics", ".eml"))
    assert {p.name.rsplit("-", 1)[-1] for p in files} == {
        "request.ics",
        "request.eml",
        "cancel.ics",
        "cancel.eml",
        "calendar.ics",
    }
    texts = [text for path in files for text in calendar_texts(path)]
    expected = (utc_seconds(start, tz), utc_seconds(end, tz))
    for text in texts:
        (event,) = Calendar.from_ical(text).walk("VEVENT")
        got = (int(event["DTSTART"].dt.timestamp()), int(event["DTEND"].dt.timestamp()))
        assert got == expected
        assert event["DTSTART"].params["TZID"] == tz
    for seen in icaljs(texts):
        (event,) = seen["events"]
        assert (event["start"], event["end"]) == expected
        assert event["startZone"] == event["endZone"] == tz
        assert seen["timezones"] == [tz]


def test_the_instants_are_the_planned_wall_clock_times() -> None:
    # The expectation itself, spelt out once: 10:00 in London is 10:00 UTC in January and
    # 09:00 UTC in July.
    assert utc_seconds("2026-01-15T10:00", "Europe/London") == int(
        datetime(2026, 1, 15, 10, tzinfo=UTC).timestamp()
    )
    assert utc_seconds("2026-07-15T10:00", "Europe/London") == int(
        datetime(2026, 7, 15, 9, tzinfo=UTC).timestamp()
    )
