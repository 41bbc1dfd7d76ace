"""The pure builders: what each kind of file holds, read back by icalendar and ical.js."""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar

from convener.calendar.drafts import Drafts, Mailbox
from convener.calendar.events import Addressed, Recipient, build_publish, organizer
from convener.domain import AgendaItem, InvitationRole, Roundtable, RoundtableStatus
from convener.errors import ValidationError

STAMP = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
HOSTILE_TITLE = (
    'Round, table; with "quotes", back\\slashes\\n, a\nnew line, emoji 🧭👩🏽‍⚖️ and Ünïcödé — '
    + "x" * 2000
)
HOSTILE_PURPOSE = "Line one;\nline two, with \\ and ; and , and: colons\n\n\tindented 🙂"
HOSTILE_LOCATION = "Room 1; Building 2, 3 Road\\Street"
CONTROLS = "\x00\x07\x1b\x7f\x85\x9b"


def roundtable(**changes: Any) -> Roundtable:
    fields: dict[str, Any] = {
        "id": 7,
        "uid": "5b0d3c4e-2f55-4d8e-9f63-8c1a3f6b2a10",
        "title": "What works in prevention",
        "theme": None,
        "starts_at": datetime(2026, 1, 15, 10, tzinfo=UTC),
        "ends_at": datetime(2026, 1, 15, 12, 30, tzinfo=UTC),
        "tz": "Europe/London",
        "purpose": "Review the evidence.",
        "location": "Room G.04",
        "online_url": "https://meet.example.org/p?x=1,2;3",
        "organiser_name": "Priya Raman, Office",
        "organiser_email": "priya@office.example",
        "sequence": 3,
        "agenda": (AgendaItem(1, 0, "Welcome"), AgendaItem(2, 1, "Evidence")),
    }
    fields.update(changes)
    return Roundtable(**fields)


ANN = Recipient('Ann O\'Neil; "Nan"', "ann@example.org", InvitationRole.CHAIR)


def only_event(data: bytes) -> tuple[Calendar, Any]:
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def attendees(event: Any) -> list[Any]:
    value = event.get("ATTENDEE")
    return [] if value is None else value if isinstance(value, list) else [value]


def test_request_names_its_one_attendee_and_the_organiser() -> None:
    data = Addressed("REQUEST", roundtable(), stamp=STAMP).to(ANN)
    cal, event = only_event(data)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(cal["VERSION"]) == "2.0"
    assert "Convener" in str(cal["PRODID"])
    assert str(event["UID"]) == "5b0d3c4e-2f55-4d8e-9f63-8c1a3f6b2a10"
    assert event["DTSTAMP"].dt == STAMP
    assert event["SEQUENCE"] == 3
    assert str(event["CLASS"]) == "PRIVATE"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/London"]
    (attendee,) = attendees(event)
    assert str(attendee) == "mailto:ann@example.org"
    # A straight quote cannot be in a parameter; a typographic one needs no escape.
    assert attendee.params["CN"] == "Ann O'Neil; “Nan”"
    assert attendee.params["ROLE"] == "CHAIR"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "TRUE"
    assert str(event["ORGANIZER"]) == "mailto:priya@office.example"
    assert event["ORGANIZER"].params["CN"] == "Priya Raman, Office"
    assert str(event["URL"]) == "https://meet.example.org/p?x=1,2;3"
    assert str(event["LOCATION"]) == "Room G.04"
    assert "https://meet.example.org/p?x=1,2;3" in str(event["DESCRIPTION"])
    assert "- Evidence" in str(event["DESCRIPTION"])


def test_online_only_meetings_put_the_link_in_location() -> None:
    _, event = only_event(Addressed("REQUEST", roundtable(location=None), stamp=STAMP).to(ANN))
    assert str(event["LOCATION"]) == "https://meet.example.org/p?x=1,2;3"


def test_publish_names_its_organizer_and_no_attendee() -> None:
    data = build_publish(roundtable(), stamp=STAMP)
    cal, event = only_event(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert b"ATTENDEE" not in data
    assert str(event["ORGANIZER"]) == str(organizer(roundtable()))  # RFC 5546 requires it
    assert str(event["STATUS"]) == "CONFIRMED"
    cancelled = build_publish(roundtable(status=RoundtableStatus.CANCELLED), stamp=STAMP)
    assert str(only_event(cancelled)[1]["STATUS"]) == "CANCELLED"


def test_cancel_carries_status_and_the_given_sequence() -> None:
    cal, event = only_event(Addressed("CANCEL", roundtable(), stamp=STAMP, sequence=4).to(ANN))
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 4
    assert len(attendees(event)) == 1


def test_a_request_needs_an_organiser_address() -> None:
    with pytest.raises(ValidationError, match="organiser email"):
        Addressed("REQUEST", roundtable(organiser_email=None), stamp=STAMP).to(ANN)


def test_utc_roundtables_need_no_vtimezone() -> None:
    cal, event = only_event(Addressed("REQUEST", roundtable(tz="UTC"), stamp=STAMP).to(ANN))
    assert cal.walk("VTIMEZONE") == []
    assert event["DTSTART"].dt == datetime(2026, 1, 15, 10, tzinfo=UTC)


def test_hostile_text_round_trips_through_both_parsers(
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
) -> None:
    hostile = roundtable(
        title=HOSTILE_TITLE + CONTROLS,
        purpose=CONTROLS + HOSTILE_PURPOSE,
        location=HOSTILE_LOCATION.replace(" ", " \x01"),
        organiser_name='Office; of the "Commissioner", UK\n\x02',
    )
    person = Recipient('Zoë "Z" Ödegaard; Jr., \\ 🧭', "zoe@example.org")
    data = Addressed("REQUEST", hostile, stamp=STAMP).to(person)
    assert not any(ch in data.decode("utf-8") for ch in CONTROLS + "\x01\x02")

    _, event = only_event(data)
    assert str(event["SUMMARY"]) == HOSTILE_TITLE
    assert HOSTILE_PURPOSE in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == HOSTILE_LOCATION
    (attendee,) = attendees(event)
    assert attendee.params["CN"] == "Zoë “Z” Ödegaard; Jr., \\ 🧭"
    assert event["ORGANIZER"].params["CN"] == "Office; of the “Commissioner”, UK"

    (seen,) = icaljs([data])
    (js,) = seen["events"]
    assert js["summary"] == HOSTILE_TITLE
    assert HOSTILE_PURPOSE in js["description"]
    assert js["location"] == HOSTILE_LOCATION
    assert js["attendees"][0]["cn"] == "Zoë “Z” Ödegaard; Jr., \\ 🧭"
    assert js["organizer"]["cn"] == "Office; of the “Commissioner”, UK"


def test_email_draft_is_a_meeting_request_for_one_person() -> None:
    ics = Addressed("REQUEST", roundtable(), stamp=STAMP).to(ANN)
    drafts = Drafts(
        method="REQUEST", sender=Mailbox("Priya Raman, Office", "priya@office.example"), stamp=STAMP
    )
    data = drafts.draft(
        ics,
        recipient=Mailbox("Zoë Ödegaard", ANN.email),
        subject="Invitation: What works\nin prevention — 🧭",
        plain="Dear Ann,\n",
        html="<p>Dear Ann,</p>",
    )
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/mixed"
    assert message["From"].addresses[0].addr_spec == "priya@office.example"
    assert message["From"].addresses[0].display_name == "Priya Raman, Office"
    assert [a.addr_spec for a in message["To"].addresses] == ["ann@example.org"]
    assert message["To"].addresses[0].display_name == "Zoë Ödegaard"
    assert message["Cc"] is None and message["Bcc"] is None
    assert message["Subject"] == "Invitation: What works in prevention — 🧭"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html, calendar = alternative.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_param("charset") == "UTF-8"
    assert calendar.get_payload(decode=True) == ics
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_payload(decode=True) == ics


def test_text_cannot_inject_properties(
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
) -> None:
    sneaky = roundtable(
        title="Hi\r\nATTENDEE:mailto:eve@example.org\r\nX:y",
        location="L\nORGANIZER:mailto:eve@example.org",
    )
    person = Recipient('Ann"\r\nATTENDEE:mailto:eve@example.org', "ann@example.org")
    data = Addressed("REQUEST", sneaky, stamp=STAMP).to(person)
    _, event = only_event(data)
    assert [str(a) for a in attendees(event)] == ["mailto:ann@example.org"]
    assert str(event["SUMMARY"]) == "Hi\nATTENDEE:mailto:eve@example.org\nX:y"
    (seen,) = icaljs([data])
    assert [a["value"] for a in seen["events"][0]["attendees"]] == ["mailto:ann@example.org"]
    assert seen["events"][0]["organizer"]["value"] == "mailto:priya@office.example"
