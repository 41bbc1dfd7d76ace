"""Fixtures for the calendar tests: roundtables and people in a real store, and ical.js."""

from __future__ import annotations

import email
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event, vCalAddress

from convener.calendar.export import write_invitations
from convener.directory import add_stakeholder
from convener.domain import InvitationRole, InvitationStatus, RoundtableStatus, StakeholderDraft
from convener.storage import Store
from convener.storage.roundtables import RoundtableRecord
from convener.timezones import parse_planned

REPO_ROOT = Path(__file__).resolve().parents[3]
ICALJS_SCRIPT = REPO_ROOT / "tests" / "icaljs" / "read_calendars.mjs"


def record(
    title: str = "What works in prevention",
    start: str = "2026-01-15T10:00",
    end: str = "2026-01-15T12:30",
    tz: str = "Europe/London",
    **extra: Any,
) -> RoundtableRecord:
    fields: dict[str, Any] = {
        "theme_id": None,
        "purpose": "Review the evidence on prevention.",
        "format": "hybrid",
        "location": "Room G.04, 12 Carrow Yard, London",
        "online_url": "https://meet.example.org/prevention",
        "organiser_name": "Priya Raman",
        "organiser_email": "priya.raman@office.example",
        "status": RoundtableStatus.DRAFT,
    }
    fields.update(extra)
    return RoundtableRecord(
        title=title,
        starts_at=parse_planned(start, tz),
        ends_at=parse_planned(end, tz, "end"),
        tz=tz,
        **fields,
    )


@dataclass
class Cast:
    """A roundtable with a realistic list: named people, a protected expert, a reserve."""

    roundtable_id: int
    people: dict[str, int]  # key -> stakeholder id
    invitations: dict[str, int]  # key -> invitation id


PEOPLE = {
    "ruth": StakeholderDraft(name="Ruth Okonkwo", email="ruth.okonkwo@police.example"),
    "dev": StakeholderDraft(name="Dev Patel", email="Dev.Patel@Forum.example"),
    "lena": StakeholderDraft(name="Lena Kraus", email="lena.kraus@uni.example"),
    "minh": StakeholderDraft(
        name="Trần Văn Minh",
        pseudonym="Lam",
        lived_experience=True,
        intermediary="Harbour Trust",
    ),
    "reserve": StakeholderDraft(name="Rosa Reserve", email="rosa@reserve.example"),
    "declined": StakeholderDraft(name="Dora Decline", email="dora@decline.example"),
}


@pytest.fixture
def cast(store: Store) -> Cast:
    return make_cast(store)


def make_cast(store: Store) -> Cast:
    """Six people on one roundtable: four on the main list, one reserve, one declined."""
    store.organisations.add("Harbour Trust", email="referrals@harbour.example")
    with store.db.atomic():
        rid = store.roundtables.insert(record())
        people = {key: add_stakeholder(store, draft) for key, draft in PEOPLE.items()}
        invitations = {
            "ruth": store.roundtables.invite(rid, people["ruth"], role=InvitationRole.CHAIR),
            "dev": store.roundtables.invite(rid, people["dev"], status=InvitationStatus.INVITED),
            "lena": store.roundtables.invite(
                rid, people["lena"], role=InvitationRole.OBSERVER, status=InvitationStatus.ACCEPTED
            ),
            "minh": store.roundtables.invite(rid, people["minh"]),
            "reserve": store.roundtables.invite(rid, people["reserve"]),
            "declined": store.roundtables.invite(
                rid, people["declined"], status=InvitationStatus.DECLINED
            ),
        }
        store.db.execute(
            "UPDATE invitations SET reserve_rank = 1 WHERE id = ?", [invitations["reserve"]]
        )
    return Cast(rid, people, invitations)


def calendar_texts(path: Path) -> list[bytes]:
    """The calendar data in an exported file: the file itself, or every calendar part."""
    data = path.read_bytes()
    if path.suffix == ".ics":
        return [data]
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    found = []
    for part in message.walk():
        if part.get_content_type() in ("text/calendar", "application/ics"):
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found.append(payload)
    assert len(found) == 2, f"{path.name}: expected the inline calendar and the attachment"
    return found


def run_icaljs(texts: list[bytes]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed for the ical.js cross-check (install nodejs)"
    assert (REPO_ROOT / "node_modules" / "ical.js").is_dir(), (
        "node_modules/ical.js is missing: run scripts/check (it runs npm ci) first"
    )
    done = subprocess.run(
        [node, str(ICALJS_SCRIPT)],
        input=json.dumps([t.decode("utf-8") for t in texts]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


@pytest.fixture
def icaljs() -> Callable[[list[bytes]], list[dict[str, Any]]]:
    return run_icaljs


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The export folder, apart from the database files."""
    return tmp_path / "out"


def reply(
    folder: Path,
    name: str,
    *,
    uid: str,
    address: str,
    partstat: str,
    sequence: int = 0,
    stamp: datetime = datetime(2026, 1, 3, 9, 0, tzinfo=UTC),
    cn: str = "",
    as_email: bool = False,
    organizer: str = "priya.raman@office.example",
    sender: str = "",
    also: tuple[str, ...] = (),
) -> Path:
    """A REPLY as a calendar client writes one (built with icalendar, like a client would)."""
    event = Event()
    event.add("UID", uid)
    event.add("SEQUENCE", sequence)
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", datetime(2026, 1, 15, 10, tzinfo=UTC))
    event.add("ORGANIZER", vCalAddress(f"mailto:{organizer}"))
    for each in (address, *also):  # `also`: more attendees than a genuine reply carries
        attendee = vCalAddress(f"MAILTO:{each}")
        attendee.params["PARTSTAT"] = partstat
        if cn:
            attendee.params["CN"] = cn
        event.add("ATTENDEE", attendee)
    cal = Calendar()
    cal.add("PRODID", "-//Some Client//EN")
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "REPLY")
    cal.add_component(event)
    folder.mkdir(parents=True, exist_ok=True)
    if not as_email:
        path = folder / f"{name}.ics"
        path.write_bytes(cal.to_ical())
        return path
    message = EmailMessage()
    message["From"] = sender or address
    message["To"] = "priya.raman@office.example"
    message["Subject"] = "Accepted: What works in prevention"
    message.set_content("Accepted")
    message.add_alternative(
        cal.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"}
    )
    path = folder / f"{name}.eml"
    path.write_bytes(message.as_bytes())
    return path


def statuses(store: Store, cast: Cast) -> dict[str, InvitationStatus]:
    by_id = {i.id: i.status for i in store.roundtables.invitations(cast.roundtable_id)}
    return {key: by_id[iid] for key, iid in cast.invitations.items()}


@pytest.fixture
def sent(store: Store, cast: Cast, tmp_path: Path) -> str:
    write_invitations(store, cast.roundtable_id, tmp_path / "out")
    return store.roundtables.get(cast.roundtable_id).uid
