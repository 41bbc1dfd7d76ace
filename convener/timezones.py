"""Planned times: local wall-clock time in an IANA zone, stored as UTC plus that zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convener.errors import ValidationError
from convener.validation import check_year

DEFAULT_ZONE = "Europe/London"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f"unknown time zone '{name}' (use an IANA name such as Europe/London)", "tz"
        ) from exc


def parse_planned(text: str, tz_name: str = DEFAULT_ZONE, field: str = "start") -> datetime:
    """Read an ISO time; one without an offset is wall-clock time in `tz_name`. Returns UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(
            f"'{text}' is not a date and time (expected e.g. 2026-03-12T10:00)", field
        ) from exc
    check_year(moment.year, field)  # before any arithmetic: year 1 or 9999 cannot be shifted
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(tz_name))
    return moment.astimezone(UTC)


def local(moment: datetime, tz_name: str) -> datetime:
    return moment.astimezone(zone(tz_name))


def parse_wall_time(text: str, tz_name: str = DEFAULT_ZONE, field: str = "start") -> datetime:
    """Like `parse_planned`, but refuse local times the clock change makes doubtful.

    A time skipped when clocks go forward (01:30 on the last Sunday of March in London) does
    not exist, and one repeated when they go back (01:30 on the last Sunday of October) names
    two different instants. Guessing would send people a meeting an hour out, so both are
    refused with a message saying what to type instead.
    """
    moment = parse_planned(text, tz_name, field)  # refuses text that is not a time
    wall = datetime.fromisoformat(text.strip())
    if wall.tzinfo is not None:
        return moment
    place = zone(tz_name)
    first = wall.replace(tzinfo=place, fold=0)
    second = wall.replace(tzinfo=place, fold=1)
    if first.utcoffset() == second.utcoffset():
        return moment
    back = first.astimezone(UTC).astimezone(place).replace(tzinfo=None)
    shown = wall.strftime("%Y-%m-%d %H:%M")
    if back != wall:
        raise ValidationError(
            f"{shown} does not exist in {tz_name}: the clocks go forward then. "
            "Choose a time at least an hour later, or give an explicit UTC offset.",
            field,
        )
    raise ValidationError(
        f"{shown} happens twice in {tz_name}: the clocks go back then. Give an explicit "
        f"offset to say which, e.g. {wall.isoformat(timespec='minutes')}"
        f"{_offset_text(first)} or {wall.isoformat(timespec='minutes')}{_offset_text(second)}.",
        field,
    )


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
