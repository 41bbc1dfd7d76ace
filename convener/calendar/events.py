"""Pure builders of iCalendar files (RFC 5545 with iTIP methods, RFC 5546).

One VEVENT per file. A REQUEST or CANCEL names exactly one ATTENDEE, the person it is
addressed to, so no invitee can learn from the file who else is invited. A PUBLISH is for the
office's own calendar and names nobody.

Properties are written in the order they are added (icalendar's `sorted=False`), which puts the
ATTENDEE last in the event; `Addressed` relies on that to serialise the rest once per export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from icalendar import Calendar, Event, vCalAddress
from icalendar.parser import Contentline, Contentlines

from convener.calendar.text import parameter_text
from convener.calendar.timezones import vtimezone
from convener.calendar.wording import Wording, wording
from convener.domain import InvitationRole, Roundtable, RoundtableStatus
from convener.errors import ValidationError
from convener.timezones import zone

PRODID = "-//Convener//Roundtable invitations//EN"
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Zulu", "Etc/Zulu"})

# The event's STATUS in each kind of message addressed to an attendee.
_STATUS = {"REQUEST": "CONFIRMED", "CANCEL": "CANCELLED"}

# iCalendar has no words for our roles; a chair chairs, an observer may stay away, and
# everyone else is needed.
_ROLES = {
    InvitationRole.CHAIR: "CHAIR",
    InvitationRole.OBSERVER: "OPT-PARTICIPANT",
}


@dataclass(frozen=True, slots=True)
class Recipient:
    """The one person a file is addressed to, as the disclosure policy lets them be shown."""

    name: str
    email: str
    role: InvitationRole = InvitationRole.PARTICIPANT


def _address(email: str, **params: object) -> vCalAddress:
    return vCalAddress.new(email, **params)  # type: ignore[arg-type]


def organizer(roundtable: Roundtable) -> vCalAddress:
    email = (roundtable.organiser_email or "").strip()
    if not email:
        raise ValidationError(
            f"roundtable {roundtable.id} has no organiser email; set one before sending "
            "invitations (replies go to it)",
            "organiser_email",
        )
    name = parameter_text(roundtable.organiser_name) or email
    return _address(email, cn=name)


def attendee(recipient: Recipient, partstat: str = "NEEDS-ACTION") -> vCalAddress:
    return _address(
        recipient.email,
        cn=parameter_text(recipient.name) or recipient.email,
        cutype="INDIVIDUAL",
        role=_ROLES.get(recipient.role, "REQ-PARTICIPANT"),
        partstat=partstat,
        rsvp=True,
    )


def _event_time(moment: datetime, tz_name: str) -> datetime:
    if tz_name in _UTC_NAMES:
        return moment.astimezone(UTC)
    local = moment.astimezone(zone(tz_name))
    if is_repeated(local):
        # A wall-clock time that happens twice (autumn): RFC 5545 and icalendar read it as the
        # first, libical and ical.js (Thunderbird) as the second. Only UTC means one instant
        # to every client.
        return moment.astimezone(UTC)
    return local


def is_repeated(local: datetime) -> bool:
    """Whether this wall-clock time occurs twice in its zone (the hour the clocks go back)."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _calendar(method: str, roundtable: Roundtable, event: Event) -> Calendar:
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", method)
    if roundtable.tz not in _UTC_NAMES:
        # Cover the whole of the event's years, so the zone is right wherever a client looks.
        first = datetime(roundtable.starts_at.year, 1, 1, tzinfo=UTC)
        last = datetime(roundtable.ends_at.year + 1, 1, 1, tzinfo=UTC)
        cal.add_component(vtimezone(roundtable.tz, first, last))
    cal.add_component(event)
    return cal


def _event(
    roundtable: Roundtable, words: Wording, *, stamp: datetime, sequence: int, status: str
) -> Event:
    event = Event()
    event.add("UID", roundtable.uid)
    event.add("DTSTAMP", stamp.astimezone(UTC))
    event.add("SEQUENCE", sequence)
    event.add("DTSTART", _event_time(roundtable.starts_at, roundtable.tz))
    event.add("DTEND", _event_time(roundtable.ends_at, roundtable.tz))
    event.add("SUMMARY", words.title)
    if words.description:
        event.add("DESCRIPTION", words.description)
    if words.location:
        event.add("LOCATION", words.location)
    if words.online_url:
        event.add("URL", words.online_url)
    event.add("CLASS", "PRIVATE")
    event.add("TRANSP", "OPAQUE")
    event.add("STATUS", status)
    return event


def _sequence(roundtable: Roundtable, sequence: int | None) -> int:
    return roundtable.sequence if sequence is None else sequence


class Addressed:
    """One roundtable's REQUEST or CANCEL, addressed to each recipient in turn (RFC 5546).

    Every recipient's file is the same calendar but for its one ATTENDEE, and serialising the
    whole calendar (VTIMEZONE, event, organiser) for each of them was most of the time of a
    500-invitee export. So icalendar serialises the shared content lines once, split where
    the ATTENDEE goes (last in the event, before its END line), and each file is those bytes
    around the recipient's ATTENDEE line, serialised and folded by icalendar as well. Every
    piece ends with its line break, so each file is byte for byte what `Calendar.to_ical`
    writes for the calendar with that attendee added (test_shared_builds.py in the calendar
    tests compares them). Nothing of one recipient is kept for the next.
    """

    def __init__(
        self,
        method: str,  # REQUEST or CANCEL
        roundtable: Roundtable,
        *,
        stamp: datetime,
        sequence: int | None = None,
        words: Wording | None = None,
    ) -> None:
        self._method = method
        self._status = _STATUS[method]
        self._roundtable = roundtable
        self._stamp = stamp
        self._sequence = _sequence(roundtable, sequence)
        self._words = words

    @cached_property
    def _shared(self) -> tuple[bytes, bytes]:
        # Built at the first recipient, so an export whose invitees are all skipped needs no
        # organiser address.
        roundtable = self._roundtable
        event = _event(
            roundtable,
            self._words or wording(roundtable),
            stamp=self._stamp,
            sequence=self._sequence,
            status=self._status,
        )
        event.add("ORGANIZER", organizer(roundtable))
        lines = _calendar(self._method, roundtable, event).content_lines(sorted=False)
        end = lines.index("END:VEVENT")  # the one event's own END line
        return _serialised(lines[:end]), _serialised(lines[end:])

    def to(self, recipient: Recipient) -> bytes:
        """The file for `recipient` alone."""
        before, after = self._shared
        address = attendee(recipient)
        line = Contentline.from_parts("ATTENDEE", address.params, address, sorted=False)
        return before + _serialised([line]) + after


def _serialised(lines: list[Contentline]) -> bytes:
    """icalendar's own serialisation of content lines: each folded and ended by CRLF."""
    return bytes(Contentlines(lines).to_ical())  # type: ignore[no-untyped-call]


def build_publish(
    roundtable: Roundtable,
    *,
    stamp: datetime,
    sequence: int | None = None,
    words: Wording | None = None,
) -> bytes:
    """A METHOD:PUBLISH copy for the office's own calendar: the ORGANIZER (RFC 5546 requires
    one in a PUBLISH) when the roundtable has an organiser email, and no ATTENDEE."""
    cancelled = roundtable.status is RoundtableStatus.CANCELLED
    event = _event(
        roundtable,
        words or wording(roundtable),
        stamp=stamp,
        sequence=_sequence(roundtable, sequence),
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    if (roundtable.organiser_email or "").strip():
        event.add("ORGANIZER", organizer(roundtable))
    return bytes(_calendar("PUBLISH", roundtable, event).to_ical(sorted=False))
