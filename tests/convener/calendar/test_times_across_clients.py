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
    # 01:30 happens twice on 25 October; a planned 01:30 is the first (BST), as zoneinfo reads
    # it. libical and ical.js would read the second, so such a time is written in UTC.
    ("Europe/London", "2026-10-25T01:30", "2026-10-25T03:00"),
    ("Europe/London", "2026-10-25T00:00", "2026-10-25T01:45"),
    ("Europe/London", "2026-12-31T23:00", "2027-01-01T01:00"),
    ("America/New_York", "2026-03-08T01:00", "2026-03-08T04:00"),
    ("Australia/Sydney", "2026-04-05T01:00", "2026-04-05T04:00"),
]


def zone_written(local_text: str, tz: str) -> str:
    """The zone a time is written in: its own, or UTC for a time the clocks show twice."""
    moment = datetime.fromisoformat(local_text).replace(tzinfo=ZoneInfo(tz))
    repeated = moment.utcoffset() != moment.replace(fold=1).utcoffset()
    return "UTC" if repeated else tz


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
        assert event["DTSTART"].params.get("TZID", "UTC") == zone_written(start, tz)
        assert event["DTEND"].params.get("TZID", "UTC") == zone_written(end, tz)
    for seen in icaljs(texts):
        (event,) = seen["events"]
        assert (event["start"], event["end"]) == expected
        assert event["startZone"] == zone_written(start, tz)
        assert event["endZone"] == zone_written(end, tz)
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


def test_the_repeated_autumn_hour_is_written_so_both_parsers_agree(
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
) -> None:
    from convener.calendar.events import Addressed, Recipient
    from convener.domain import Roundtable

    # 01:15 UTC on 25 October 2026 is 01:15 GMT, the second time London's clocks show 01:15.
    start = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    end = datetime(2026, 10, 25, 2, 45, tzinfo=UTC)
    roundtable = Roundtable(
        id=1,
        uid="u",
        title="Late",
        theme=None,
        starts_at=start,
        ends_at=end,
        tz="Europe/London",
        organiser_email="o@office.example",
    )
    data = Addressed("REQUEST", roundtable, stamp=start).to(Recipient("Ann", "ann@example.org"))
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event["DTSTART"].dt == start
    assert event["DTEND"].dt == end
    (seen,) = icaljs([data])
    assert (seen["events"][0]["start"], seen["events"][0]["end"]) == (
        int(start.timestamp()),
        int(end.timestamp()),
    )
