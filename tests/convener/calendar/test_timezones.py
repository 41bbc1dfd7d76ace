"""The VTIMEZONE we write is checked against the calendar rules and against zoneinfo."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from convener.calendar.timezones import vtimezone


def last_sunday(year: int, month: int) -> date:
    days = calendar.monthrange(year, month)[1]
    day = date(year, month, days)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def observances(tz_name: str, year: int) -> list[dict[str, object]]:
    """The VTIMEZONE for one year, written to text and read back by icalendar."""
    component = vtimezone(
        tz_name, datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    )
    cal = Calendar()
    cal.add_component(component)
    parsed = Calendar.from_ical(cal.to_ical())
    (zone,) = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == tz_name
    return [
        {
            "kind": sub.name,
            "start": sub["DTSTART"].dt,
            "from": sub["TZOFFSETFROM"].td,
            "to": sub["TZOFFSETTO"].td,
            "name": str(sub.get("TZNAME", "")),
        }
        for sub in zone.subcomponents
    ]


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2031])
def test_london_changes_at_one_utc_on_the_last_sundays(year: int) -> None:
    hour = timedelta(hours=1)
    expected = [
        # the change in force on 1 January: the end of the previous summer
        (
            "STANDARD",
            datetime.combine(last_sunday(year - 1, 10), datetime.min.time()) + 2 * hour,
            hour,
            timedelta(0),
            "GMT",
        ),
        (
            "DAYLIGHT",
            datetime.combine(last_sunday(year, 3), datetime.min.time()) + hour,
            timedelta(0),
            hour,
            "BST",
        ),
        (
            "STANDARD",
            datetime.combine(last_sunday(year, 10), datetime.min.time()) + 2 * hour,
            hour,
            timedelta(0),
            "GMT",
        ),
    ]
    got = [
        (o["kind"], o["start"], o["from"], o["to"], o["name"])
        for o in observances("Europe/London", year)
    ]
    assert got == expected
    # RFC 5545 reads DTSTART in the offset before the change: every onset is 01:00 UTC.
    for _, start, offset_from, _, _ in got:
        assert isinstance(start, datetime) and isinstance(offset_from, timedelta)
        assert (start - offset_from).time() == datetime.min.time().replace(hour=1)


def offset_from_vtimezone(items: list[dict[str, object]], instant: datetime) -> timedelta:
    """What a client that trusts the VTIMEZONE computes: the latest onset at or before."""
    current: timedelta | None = None
    for item in items:
        start, before, after = item["start"], item["from"], item["to"]
        assert isinstance(start, datetime) and isinstance(before, timedelta)
        assert isinstance(after, timedelta)
        onset = (start - before).replace(tzinfo=UTC)
        if onset <= instant:
            current = after
    assert current is not None, f"the VTIMEZONE does not reach back to {instant}"
    return current


@pytest.mark.parametrize(
    "tz_name",
    ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata"],
)
def test_every_half_hour_of_the_year_matches_zoneinfo(tz_name: str) -> None:
    items = observances(tz_name, 2026)
    zone = ZoneInfo(tz_name)
    instant = datetime(2026, 1, 1, tzinfo=UTC)
    while instant < datetime(2027, 1, 1, tzinfo=UTC):
        assert offset_from_vtimezone(items, instant) == instant.astimezone(zone).utcoffset(), (
            f"{tz_name} at {instant}"
        )
        instant += timedelta(minutes=30)


def test_a_zone_without_changes_has_one_standard_observance() -> None:
    (only,) = observances("Asia/Tokyo", 2026)
    assert only["kind"] == "STANDARD"
    assert only["from"] == only["to"] == timedelta(hours=9)
