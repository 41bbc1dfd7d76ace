"""Fixtures for the calendar tests: roundtables and people in a real store, and ical.js."""

from __future__ import annotations

import email
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

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
