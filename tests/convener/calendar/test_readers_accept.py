"""Files every reader accepts: ORGANIZER in PUBLISH, whole names in CN, CRLF mail, a titled
HTML part, and a warning when invitations would not say how to join."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from icalendar import Calendar

from convener.calendar.export import write_invitations
from convener.principles import Outcome, joining_problem
from convener.storage import Store
from tests.conftest import CliResult
from tests.convener.calendar.conftest import Cast, calendar_texts

QUOTED = 'Dev "DJ" Patel; Forum'


def _export(store: Store, cast: Cast, out: Path) -> Any:
    store.db.execute("UPDATE stakeholders SET name = ? WHERE id = ?", [QUOTED, cast.people["dev"]])
    return write_invitations(store, cast.roundtable_id, out)


def _one(out: Path, pattern: str) -> Path:
    (path,) = out.glob(pattern)
    return path


def test_the_office_calendar_names_its_organizer(store: Store, cast: Cast, out: Path) -> None:
    _export(store, cast, out)
    cal = Calendar.from_ical(_one(out, "*office-calendar.ics").read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:priya.raman@office.example"
    assert event["ORGANIZER"].params["CN"] == "Priya Raman"
    assert "ATTENDEE" not in event


def test_a_name_with_quotes_and_a_semicolon_is_read_whole(
    store: Store,
    cast: Cast,
    out: Path,
    icaljs: Callable[[list[bytes]], list[dict[str, Any]]],
) -> None:
    _export(store, cast, out)
    ics = _one(out, f"*-invitation-{cast.invitations['dev']}-request.ics").read_bytes()
    assert b"^'" not in ics  # RFC 6868's escape, which several readers show or cut at
    whole = "Dev “DJ” Patel; Forum"
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert event["ATTENDEE"].params["CN"] == whole
    (read,) = icaljs([ics])
    (attendee,) = read["events"][0]["attendees"]
    assert attendee["cn"] == whole


def test_mail_drafts_end_every_line_with_crlf_and_title_their_html(
    store: Store, cast: Cast, out: Path
) -> None:
    _export(store, cast, out)
    for draft in out.glob("*.eml"):
        data = draft.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), draft.name
        message = email.message_from_bytes(data, policy=policy.default)
        assert isinstance(message, EmailMessage)
        (html_part,) = [p for p in message.walk() if p.get_content_type() == "text/html"]
        html = html_part.get_content()
        assert '<html lang="en-GB">' in html
        assert "<title>What works in prevention</title>" in html
        assert len(calendar_texts(draft)) == 2


def _roundtable(store: Store, cast: Cast) -> Any:
    return store.roundtables.get(cast.roundtable_id)


def test_the_check_warns_when_invitations_would_not_say_how_to_join(
    store: Store, cast: Cast
) -> None:
    hybrid = _roundtable(store, cast)
    assert joining_problem(hybrid)[0] is Outcome.PASS
    store.db.execute(
        "UPDATE roundtables SET online_url = NULL, format = 'online' WHERE id = ?",
        [cast.roundtable_id],
    )
    outcome, message, _ = joining_problem(_roundtable(store, cast))
    assert outcome is Outcome.WARN
    assert message.startswith("This online roundtable has no joining link")
    store.db.execute(
        "UPDATE roundtables SET location = NULL, format = 'in person' WHERE id = ?",
        [cast.roundtable_id],
    )
    outcome, message, _ = joining_problem(_roundtable(store, cast))
    assert outcome is Outcome.WARN
    assert message.startswith("This in person roundtable has no location")


def test_the_export_says_so_on_the_command_line(
    store: Store, cast: Cast, out: Path, cli: Callable[..., CliResult]
) -> None:
    store.db.execute(
        "UPDATE roundtables SET online_url = NULL, format = 'online', location = NULL WHERE id = ?",
        [cast.roundtable_id],
    )
    done = cli("invites", str(cast.roundtable_id), "--out", str(out), check=True)
    (line,) = done.err.splitlines()
    assert line.startswith("warning: This online roundtable has no joining link")
    assert list(out.glob("*.ics"))  # asked, not refused: the files are written
