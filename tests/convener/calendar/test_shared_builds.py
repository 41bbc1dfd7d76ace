"""What an export builds once and shares: each invitee's files equal the ones built alone.

`Addressed` serialises a calendar once and adds each recipient's ATTENDEE line; `Drafts`
folds the headers every draft shares once. Here their output for several invitees, zones,
clock-change dates and both methods is compared with the calendar icalendar writes when the
whole component, attendee included, is serialised at once (byte for byte, then as icalendar
and ical.js read it), and with a draft built alone.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar

from convener.calendar import events
from convener.calendar.drafts import Drafts, Mailbox
from convener.calendar.events import Addressed, Recipient
from convener.calendar.text import parameter_text
from convener.calendar.wording import wording
from convener.domain import AgendaItem, InvitationRole, Roundtable

RECIPIENTS = [
    Recipient('Ann O\'Neil; "Nan"', "ann@example.org", InvitationRole.CHAIR),
    Recipient("Lam", "referrals@harbour.example"),  # a protected expert, via the intermediary
    Recipient(
        'Zoë "Z" Ödegaard; Jr., \\ 🧭 ' + "Long-Name " * 12,
        "zoe@example.org",
        InvitationRole.OBSERVER,
    ),
    Recipient("", "no.name@example.org"),
    Recipient("Trần Văn Minh", "minh@example.org"),
]


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# (zone, start, end): winter, the spring change inside the event, the repeated autumn hour
# (written in UTC), other hemispheres, a fixed offset and UTC itself.
TIMES = [
    ("Europe/London", utc(2026, 1, 15, 10), utc(2026, 1, 15, 12)),
    ("Europe/London", utc(2026, 3, 29, 0), utc(2026, 3, 29, 3)),
    ("Europe/London", utc(2026, 10, 25, 1, 15), utc(2026, 10, 25, 3)),
    ("America/New_York", utc(2026, 11, 1, 5), utc(2026, 11, 1, 8)),
    ("Australia/Sydney", utc(2026, 4, 4, 14), utc(2026, 4, 4, 18)),
    ("Asia/Kolkata", utc(2027, 2, 1, 4), utc(2027, 2, 1, 6)),
    ("UTC", utc(2026, 6, 1, 9), utc(2026, 6, 1, 10)),
]
STAMP = utc(2026, 1, 2, 9, 30)

STATUS = {"REQUEST": "CONFIRMED", "CANCEL": "CANCELLED"}


def roundtable(tz: str, start: datetime, end: datetime) -> Roundtable:
    return Roundtable(
        id=3,
        uid="9a7e2f4c-1d3b-4c55-8e0a-2b6f7d1c9e33",
        title='Remediation; "what works", and for whom — ' + "a long title " * 8,
        theme=None,
        starts_at=start,
        ends_at=end,
        tz=tz,
        purpose="Line one;\nline two, with \\ and ; and , and: colons",
        location="Room 1; Building 2, 3 Road\\Street",
        online_url="https://meet.example.org/r?x=1,2;3",
        organiser_name="Office of the Commissioner, UK",
        organiser_email="events@office.example",
        sequence=2,
        agenda=(AgendaItem(1, 0, "Welcome"), AgendaItem(2, 1, "Évidence")),
    )


def built_alone(method: str, rt: Roundtable, recipient: Recipient) -> bytes:
    """The whole calendar, attendee included, built as components and serialised at once.

    It uses the module's own component builders: what is under test is the splice.
    """
    event = events._event(rt, wording(rt), stamp=STAMP, sequence=rt.sequence, status=STATUS[method])
    event.add("ORGANIZER", events.organizer(rt))
    event.add("ATTENDEE", events.attendee(recipient))
    return bytes(events._calendar(method, rt, event).to_ical(sorted=False))


def without_attendee(text: bytes) -> tuple[Calendar, list[str]]:
    cal = Calendar.from_ical(text)
    (event,) = cal.walk("VEVENT")
    found = event.pop("ATTENDEE")
    addresses = found if isinstance(found, list) else [found]
    return cal, [str(a) for a in addresses]


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
@pytest.mark.parametrize("times", TIMES, ids=lambda t: f"{t[0]}-{t[1]:%Y%m%dT%H%M}")
def test_each_file_is_the_calendar_built_alone_for_that_invitee(
    method: str,
    times: tuple[str, datetime, datetime],
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
) -> None:
    rt = roundtable(*times)
    shared = Addressed(method, rt, stamp=STAMP)
    fast = [shared.to(r) for r in RECIPIENTS]
    alone = [built_alone(method, rt, r) for r in RECIPIENTS]
    assert fast == alone

    for recipient, text in zip(RECIPIENTS, fast, strict=True):
        cal, addresses = without_attendee(text)
        assert addresses == [f"mailto:{recipient.email}"]
        # Apart from its one attendee, every invitee's calendar is the same calendar.
        assert cal == without_attendee(fast[0])[0]
        assert str(cal["METHOD"]) == method
        (event,) = cal.walk("VEVENT")
        assert event["DTSTART"].dt == rt.starts_at
        assert event["DTEND"].dt == rt.ends_at

    read = icaljs(fast + alone)
    assert read[: len(fast)] == read[len(fast) :]
    for recipient, seen in zip(RECIPIENTS, read[: len(fast)], strict=True):
        (event,) = seen["events"]
        assert [a["value"] for a in event["attendees"]] == [f"mailto:{recipient.email}"]
        assert event["attendees"][0]["cn"] == (parameter_text(recipient.name) or recipient.email)
        assert (event["start"], event["end"]) == (
            int(rt.starts_at.timestamp()),
            int(rt.ends_at.timestamp()),
        )


def test_a_recipient_s_file_does_not_depend_on_who_came_before() -> None:
    rt = roundtable(*TIMES[1])
    shared = Addressed("REQUEST", rt, stamp=STAMP)
    in_turn = [shared.to(r) for r in RECIPIENTS]
    assert in_turn == [Addressed("REQUEST", rt, stamp=STAMP).to(r) for r in RECIPIENTS]
    for recipient, text in zip(RECIPIENTS, in_turn, strict=True):
        others = [r.email for r in RECIPIENTS if r.email != recipient.email]
        assert not any(address.encode() in text for address in others)


_SUBJECT = re.compile(rb"^Subject: .*\n(?: .*\n)*", re.MULTILINE)
_VARYING = re.compile(rb"=_convener_[0-9a-f]{32}|^Message-ID: <[^>]*>\r$", re.MULTILINE)


def test_each_draft_is_the_draft_built_alone() -> None:
    rt = roundtable(*TIMES[0])
    words = wording(rt)
    sender = Mailbox(rt.organiser_name or "", rt.organiser_email or "")
    drafts = Drafts(method="REQUEST", sender=sender, stamp=STAMP)
    ics = Addressed("REQUEST", rt, stamp=STAMP)
    for recipient in RECIPIENTS + RECIPIENTS[:2]:  # and again, once every header is remembered
        to = Mailbox(recipient.name, recipient.email)
        texts = {
            "subject": f"Invitation: {words.title} — {words.when}",
            "plain": f"Dear {recipient.name},\n\n{words.description}\n",
            "html": f"<p>Dear {recipient.name},</p>",
        }
        shared = drafts.draft(ics.to(recipient), recipient=to, **texts)
        fresh = Drafts(method="REQUEST", sender=sender, stamp=STAMP)  # nothing remembered yet
        alone = fresh.draft(ics.to(recipient), recipient=to, **texts)
        # The same bytes but for the random boundaries and Message-ID.
        assert _VARYING.sub(b"", shared) == _VARYING.sub(b"", alone)
        (subject_lines,) = _SUBJECT.findall(shared)
        assert all(len(line) <= 78 for line in subject_lines.splitlines())

        message = email.message_from_bytes(shared, policy=policy.default)
        assert isinstance(message, EmailMessage)
        assert [a.addr_spec for a in message["To"].addresses] == [recipient.email]
        assert message["To"].addresses[0].display_name == " ".join(recipient.name.split())
        assert message["Subject"] == " ".join(texts["subject"].split())
        plain, _, calendar = next(message.iter_parts()).iter_parts()
        assert plain.get_content().replace("\r\n", "\n") == texts["plain"]  # CRLF on the wire
        assert calendar.get_payload(decode=True) == ics.to(recipient)
