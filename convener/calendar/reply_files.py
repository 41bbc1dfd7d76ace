"""Reading one reply file (.ics, or an .eml carrying one) as a mail server would check it.

A reply file is untrusted: anyone can write one. Each file is read and checked on its own,
and anything wrong with it refuses that file alone (`RefusedReplyError`, with the reason), so
that one bad file never stops the good ones in the same batch. What a file must be:

- a regular file of at most `MAX_REPLY_BYTES` (a FIFO or a device is never opened for a
  blocking read: it is checked with stat first and opened non-blocking);
- iCalendar whose every calendar is a METHOD:REPLY in which each event answers for exactly
  one ATTENDEE, the same one throughout the file;
- a SEQUENCE that is a whole number in iCalendar's range, a readable DTSTAMP that is not in
  the future (a reply dated ahead would otherwise outrank every genuine answer after it);
- for an e-mail, a From address that is the answering ATTENDEE's.
Whether the UID, ORGANIZER and ATTENDEE are the ones this office sent is judged against the
database by `convener.calendar.replies`.
"""

from __future__ import annotations

import email
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.headerregistry import Address
from pathlib import Path

from icalendar import Calendar, Component

from convener.errors import ConvenerError

MAX_REPLY_BYTES = 5 * 1024 * 1024  # a reply with its e-mail is a few kilobytes
MAX_SEQUENCE = 2**31 - 1  # RFC 5545 integers are 32-bit
CLOCK_SKEW = timedelta(minutes=15)  # how far ahead a sender's clock may run


class RefusedReplyError(ConvenerError):
    """This file is not a reply that can be trusted; the message says why."""


@dataclass(frozen=True, slots=True)
class Reply:
    """One attendee's answer found in a file."""

    source: str  # the file it came from
    uid: str
    sequence: int
    stamp: datetime  # DTSTAMP, UTC
    address: str
    name: str
    partstat: str
    organizer: str  # the ORGANIZER address it answers, lower case ("" when missing)


def read_reply_file(path: Path, now: datetime) -> list[Reply]:
    """The replies in one file; raises RefusedReplyError when the file cannot be trusted."""
    data = _read_regular(path)
    if data.lstrip()[:64].upper().startswith(b"BEGIN:VCALENDAR"):
        texts, sender = [data], None
    else:
        texts, sender = _from_email(data)
    replies: list[Reply] = []
    for text in texts:
        replies += _replies_in(path.name, text, now)
    addresses = {r.address.lower() for r in replies}
    if len(addresses) > 1:
        raise RefusedReplyError(
            f"it answers for {len(addresses)} attendees; a reply answers for one"
        )
    if sender is not None and addresses and addresses != {sender}:
        raise RefusedReplyError(
            f"the e-mail is from {sender or 'nobody'} but answers for {next(iter(addresses))}"
        )
    return replies


def _read_regular(path: Path) -> bytes:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise RefusedReplyError("it is not a regular file")
        # Non-blocking, in case the path was swapped for a FIFO between the check and the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise RefusedReplyError(f"it cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedReplyError("it is not a regular file")
        data = handle.read(MAX_REPLY_BYTES + 1)
    if len(data) > MAX_REPLY_BYTES:
        raise RefusedReplyError(f"it is larger than {MAX_REPLY_BYTES // 1024 // 1024} MB")
    return data


def _from_email(data: bytes) -> tuple[list[bytes], str]:
    """The calendar parts of an e-mail, and its From address (lower case, "" if none)."""
    message = email.message_from_bytes(data, policy=policy.default)
    found: list[bytes] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in ("text/calendar", "application/ics") or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload not in found:
                found.append(payload)
    if not found:
        raise RefusedReplyError("it holds no calendar data")
    return found, _sender(message)


def _sender(message: email.message.Message) -> str:
    try:
        header = message["From"]
        senders: tuple[Address, ...] = getattr(header, "addresses", ()) if header else ()
    except (ValueError, TypeError, IndexError):  # a From the header parser cannot read
        return ""
    if len(senders) != 1:
        return ""
    return senders[0].addr_spec.strip().lower()


def _replies_in(source: str, text: bytes, now: datetime) -> list[Reply]:
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise RefusedReplyError(f"it is not a readable calendar ({exc})") from exc
    if not calendars:
        raise RefusedReplyError("it holds no calendar")
    replies: list[Reply] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD", "")).upper()
        if method != "REPLY":
            raise RefusedReplyError(f"it is not an iTIP REPLY (METHOD:{method or '-'})")
        events = calendar.walk("VEVENT")
        if not events:
            raise RefusedReplyError("the REPLY holds no event")
        for event in events:
            replies.append(_reply(source, event, now))
    return replies


def _reply(source: str, event: Component, now: datetime) -> Reply:
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    attendees = [a for a in attendees if a is not None]
    if len(attendees) != 1:
        raise RefusedReplyError(
            f"an event answers for {len(attendees)} attendees; a reply answers for exactly one"
        )
    (attendee,) = attendees
    params = getattr(attendee, "params", {})
    return Reply(
        source=source,
        uid=str(event.get("UID", "")),
        sequence=_sequence(event.get("SEQUENCE")),
        stamp=_stamp(event.get("DTSTAMP"), now),
        address=_address(attendee),
        name=str(params.get("CN", "")),
        partstat=str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
        organizer=_address(event.get("ORGANIZER", "")).lower(),
    )


def _address(value: object) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip()


def _sequence(value: object) -> int:
    if value is None:
        return 0
    # icalendar gives an int, or keeps a value it could not read as it stood in the file.
    text = str(value).strip()
    try:
        number = int(value) if isinstance(value, int) else int(text)
    except ValueError:
        raise RefusedReplyError(f"SEQUENCE '{text[:40]}' is not a whole number") from None
    if not 0 <= number <= MAX_SEQUENCE:
        raise RefusedReplyError(f"SEQUENCE {text[:40]} is out of range (0 to {MAX_SEQUENCE})")
    return number


def _stamp(value: object, now: datetime) -> datetime:
    if value is None:
        raise RefusedReplyError("it has no DTSTAMP")
    try:
        moment = value.dt  # type: ignore[attr-defined]
    except Exception:  # icalendar raises its own error for a DTSTAMP it could not parse
        raise RefusedReplyError("its DTSTAMP is not a date and time") from None
    if not isinstance(moment, datetime):
        raise RefusedReplyError("its DTSTAMP is not a date and time")
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > now + CLOCK_SKEW:
        raise RefusedReplyError(
            f"its DTSTAMP {moment:%Y-%m-%d %H:%M} UTC is in the future; it cannot be ordered"
        )
    return moment
