"""Planned times: local wall-clock time in an IANA zone, stored as UTC plus that zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convener.errors import ValidationError

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
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(tz_name))
    return moment.astimezone(UTC)


def local(moment: datetime, tz_name: str) -> datetime:
    return moment.astimezone(zone(tz_name))
