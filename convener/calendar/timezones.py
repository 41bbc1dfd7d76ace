"""VTIMEZONE components computed from Python's zoneinfo, checked against it.

icalendar's own `Timezone.from_tzinfo` (7.x) writes the onset of summer time as the wall-clock
time *after* the change (Europe/London: 02:00 on the last Sunday of March). RFC 5545 reads an
observance's DTSTART in the offset in force *before* the change (TZOFFSETFROM), so that
component puts the change an hour late (02:00 UTC instead of 01:00 UTC). Clients that trust
the embedded VTIMEZONE (ical.js in Thunderbird, libical) would then disagree with zoneinfo.
This module finds the real transitions in UTC and builds the observances with icalendar's
component classes, so the onset written is the wall-clock time before the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from convener.timezones import zone

_DAY = timedelta(days=1)
_LOOKBACK_DAYS = 3 * 366  # how far back to look for the transition in force at the start


@dataclass(frozen=True, slots=True)
class Transition:
    at: datetime  # UTC instant of the change
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_dst: bool

    @property
    def local_onset(self) -> datetime:
        """The onset as RFC 5545 writes it: wall-clock time in the offset before the change."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def _offset(tz_name: str, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone(tz_name)).utcoffset()
    assert offset is not None  # zoneinfo always knows its offset
    return offset


def _change_within(tz_name: str, low: datetime, high: datetime) -> datetime:
    """The first second in (low, high] with the offset of `high`, by bisection."""
    target = _offset(tz_name, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _offset(tz_name, middle) == target:
            high = middle
        else:
            low = middle
    return high


def _transition(tz_name: str, at: datetime, before: timedelta) -> Transition:
    local = at.astimezone(zone(tz_name))
    dst = local.dst()
    return Transition(
        at=at,
        offset_from=before,
        offset_to=_offset(tz_name, at),
        name=local.tzname() or "",
        is_dst=bool(dst),
    )


@lru_cache(maxsize=64)
def transitions(tz_name: str, first: datetime, last: datetime) -> tuple[Transition, ...]:
    """Every change of UTC offset in [first, last], plus the last one before `first`.

    Scans day by day in UTC and bisects to the second; real zones never change twice within
    one day. An empty tuple means the zone had a fixed offset over the whole lookback.
    """
    start = first - timedelta(days=_LOOKBACK_DAYS)
    found: list[Transition] = []
    moment = start
    before = _offset(tz_name, moment)
    while moment < last:
        following = min(moment + _DAY, last)
        after = _offset(tz_name, following)
        if after != before:
            at = _change_within(tz_name, moment, following)
            found.append(_transition(tz_name, at, before))
            before = after
        moment = following
    in_force = [t for t in found if t.at <= first]
    within = [t for t in found if first < t.at <= last]
    return tuple(in_force[-1:] + within)


def vtimezone(tz_name: str, first: datetime, last: datetime) -> Timezone:
    """A VTIMEZONE for `tz_name` that is right for every instant from `first` to `last`.

    The component is shared between calls with the same arguments (an export of 500 files
    needs one): add it to calendars, never change it.
    """
    return _vtimezone(tz_name, first.astimezone(UTC), last.astimezone(UTC))


@lru_cache(maxsize=64)
def _vtimezone(tz_name: str, first: datetime, last: datetime) -> Timezone:
    component = Timezone()
    component.add("TZID", tz_name)
    changes = transitions(tz_name, first, last)
    if not changes:
        # A fixed offset: one standard observance from long before the event.
        fixed = _offset(tz_name, first)
        standard = TimezoneStandard()
        standard.add("DTSTART", datetime(1970, 1, 1))  # RFC 5545 wall-clock time
        standard.add("TZOFFSETFROM", fixed)
        standard.add("TZOFFSETTO", fixed)
        standard.add("TZNAME", first.astimezone(zone(tz_name)).tzname() or tz_name)
        component.add_component(standard)
        return component
    for change in changes:
        observance = TimezoneDaylight() if change.is_dst else TimezoneStandard()
        observance.add("DTSTART", change.local_onset)
        observance.add("TZOFFSETFROM", change.offset_from)
        observance.add("TZOFFSETTO", change.offset_to)
        if change.name:
            observance.add("TZNAME", change.name)
        component.add_component(observance)
    return component
