"""Writing a roundtable's invitation files: who gets what, and what each file may contain."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar

from convener.calendar.export import write_invitations
from convener.domain import InvitationStatus, RoundtableStatus
from convener.errors import ConvenerError
from convener.storage import Store
from tests.convener.calendar.conftest import PEOPLE, Cast, calendar_texts, record

SENT_FIRST = {"ruth", "dev", "lena", "minh"}  # main list, not declined


def event_of(path: Path) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(calendar_texts(path)[0])
    (event,) = cal.walk("VEVENT")
    return cal, event


def attendee_addresses(event: object) -> list[str]:
    value = event.get("ATTENDEE")  # type: ignore[attr-defined]
    items = [] if value is None else value if isinstance(value, list) else [value]
    return [str(a).lower() for a in items]


def visible_text(path: Path) -> str:
    """Everything a reader of the file can see: raw text, decoded parts, decoded headers."""
    data = path.read_bytes()
    if path.suffix == ".ics":
        return data.decode("utf-8")
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    pieces = [str(v) for _, v in message.items()]
    for part in message.walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            pieces.append(payload.decode("utf-8"))
    return "\n".join(pieces)


def files_by_invitation(folder: Path, cast: Cast, suffix: str) -> dict[str, Path]:
    found = {}
    for key, invitation_id in cast.invitations.items():
        matches = [
            p for p in folder.glob(f"*-invitation-{invitation_id}-*") if p.name.endswith(suffix)
        ]
        if matches:
            (found[key],) = matches
    return found


def test_first_export_writes_requests_for_the_main_list(
    store: Store, cast: Cast, out: Path
) -> None:
    progress: list[tuple[int, int, str]] = []
    summary = write_invitations(
        store, cast.roundtable_id, out, on_progress=lambda *a: progress.append(a)
    )
    requests = files_by_invitation(out, cast, "-request.ics")
    assert set(requests) == SENT_FIRST
    assert set(files_by_invitation(out, cast, "-request.eml")) == SENT_FIRST
    assert {f.recipient for f in summary.recipients} == {
        "Ruth Okonkwo",
        "Dev Patel",
        "Lena Kraus",
        "Lam",
    }
    publish = out / f"roundtable-{cast.roundtable_id}-office-calendar.ics"
    assert publish.exists()
    assert len(list(out.iterdir())) == 2 * len(SENT_FIRST) + 1  # no temporary files left
    assert progress[-1][0] == progress[-1][1]

    statuses = {i.id: i.status for i in store.roundtables.invitations(cast.roundtable_id)}
    assert statuses[cast.invitations["ruth"]] is InvitationStatus.INVITED  # was proposed
    assert statuses[cast.invitations["lena"]] is InvitationStatus.ACCEPTED
    assert statuses[cast.invitations["reserve"]] is InvitationStatus.PROPOSED
    # Drafts were written, nothing was sent: the user marks the roundtable sent themselves.
    assert store.roundtables.get(cast.roundtable_id).status is RoundtableStatus.DRAFT
    assert store.deliveries.latest_sequences(cast.roundtable_id) == {
        cast.invitations[k]: 0 for k in SENT_FIRST
    }


def test_each_request_names_only_its_invitee(store: Store, cast: Cast, out: Path) -> None:
    write_invitations(store, cast.roundtable_id, out)
    everyone = {key: (d.name, d.email) for key, d in PEOPLE.items()}
    everyone["minh"] = ("Lam", "referrals@harbour.example")
    for key, path in files_by_invitation(out, cast, ".ics").items():
        _, event = event_of(path)
        assert attendee_addresses(event) == [f"mailto:{everyone[key][1]}".lower()]
        for suffix in (".ics", ".eml"):
            text = visible_text(path.with_suffix(suffix)).lower()
            for other, (name, address) in everyone.items():
                if other != key:
                    assert name.lower() not in text, (path.name, other)
                    assert (address or "").lower() not in text or not address
    publish_text = visible_text(out / f"roundtable-{cast.roundtable_id}-office-calendar.ics")
    for name, address in everyone.values():
        assert name not in publish_text
        assert (address or "-") not in publish_text


def test_a_protected_expert_is_reached_through_the_intermediary_by_pseudonym(
    store: Store, cast: Cast, out: Path
) -> None:
    write_invitations(store, cast.roundtable_id, out)
    ics = files_by_invitation(out, cast, ".ics")["minh"]
    _, event = event_of(ics)
    (attendee,) = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]  # type: ignore[index]
    assert str(attendee) == "mailto:referrals@harbour.example"
    assert attendee.params["CN"] == "Lam"
    message = email.message_from_bytes(ics.with_suffix(".eml").read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["referrals@harbour.example"]
    assert message["To"].addresses[0].display_name == "Lam"
    for path in out.iterdir():
        assert "Trần" not in path.name and "Minh" not in path.name
        assert "Trần" not in visible_text(path)
        assert "Minh" not in visible_text(path)


def test_the_ledger_records_every_person_in_every_file(store: Store, cast: Cast, out: Path) -> None:
    write_invitations(store, cast.roundtable_id, out)
    for key in SENT_FIRST:
        rows = store.disclosures.for_person(cast.people[key])
        assert sorted(r.export_kind for r in rows) == ["invitation .eml", "invitation .ics"]
        assert {r.audience for r in rows} == {"invitee"}
        invitation_id = cast.invitations[key]
        assert {r.file_name for r in rows} == {
            f"roundtable-{cast.roundtable_id}-invitation-{invitation_id}-request.ics",
            f"roundtable-{cast.roundtable_id}-invitation-{invitation_id}-request.eml",
        }
    assert store.disclosures.for_person(cast.people["reserve"]) == []


def test_an_update_reaches_everyone_who_had_an_earlier_version(
    store: Store, cast: Cast, out: Path
) -> None:
    write_invitations(store, cast.roundtable_id, out / "v0")
    # Dev declines, the reserve is promoted, and the time changes.
    store.db.execute(
        "UPDATE invitations SET status = 'declined' WHERE id = ?", [cast.invitations["dev"]]
    )
    store.db.execute(
        "UPDATE invitations SET reserve_rank = NULL WHERE id = ?", [cast.invitations["reserve"]]
    )
    store.roundtables.update(
        cast.roundtable_id,
        record(start="2026-01-16T10:00", end="2026-01-16T12:00"),
        bump_sequence=True,
    )
    summary = write_invitations(store, cast.roundtable_id, out / "v1")
    assert summary.sequence == 1
    updated = files_by_invitation(out / "v1", cast, "-request.ics")
    assert set(updated) == {"ruth", "lena", "minh", "reserve"}
    for key, path in updated.items():
        _, event = event_of(path)
        assert event["SEQUENCE"] == 1  # type: ignore[index]
        subject = email.message_from_bytes(
            path.with_suffix(".eml").read_bytes(), policy=policy.default
        )["Subject"]
        assert subject.startswith("Updated invitation:" if key != "reserve" else "Invitation:")


def test_a_cancellation_goes_to_exactly_those_who_were_sent_a_request(
    store: Store, cast: Cast, out: Path
) -> None:
    write_invitations(store, cast.roundtable_id, out / "v0")
    store.db.execute(
        "UPDATE invitations SET status = 'declined' WHERE id = ?", [cast.invitations["ruth"]]
    )
    store.roundtables.update(cast.roundtable_id, record(), bump_sequence=True)
    write_invitations(store, cast.roundtable_id, out / "v1")
    # Cancelled without raising SEQUENCE: the export still outranks what was sent.
    store.roundtables.update(
        cast.roundtable_id, record(status=RoundtableStatus.CANCELLED), bump_sequence=False
    )
    summary = write_invitations(store, cast.roundtable_id, out / "cancel")
    cancels = files_by_invitation(out / "cancel", cast, "-cancel.ics")
    assert set(cancels) == SENT_FIRST  # Ruth declined later but still holds version 0
    assert not list((out / "cancel").glob("*-request.*"))
    assert summary.sequence == 2
    assert store.roundtables.get(cast.roundtable_id).sequence == 2
    for path in cancels.values():
        cal, event = event_of(path)
        assert str(cal["METHOD"]) == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"  # type: ignore[index]
        assert event["SEQUENCE"] == 2  # type: ignore[index]
        assert len(attendee_addresses(event)) == 1
        message = email.message_from_bytes(
            path.with_suffix(".eml").read_bytes(), policy=policy.default
        )
        assert message["Subject"].startswith("Cancelled:")
        calendar_part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar_part.get_param("method") == "CANCEL"
    _, office = event_of(out / "cancel" / f"roundtable-{cast.roundtable_id}-office-calendar.ics")
    assert str(office["STATUS"]) == "CANCELLED"  # type: ignore[index]
    # Exporting the cancellation again does not raise SEQUENCE a second time.
    assert write_invitations(store, cast.roundtable_id, out / "again").sequence == 2


def test_sequence_rises_across_update_and_cancel(store: Store, cast: Cast, out: Path) -> None:
    seen = []
    for step, status in enumerate(
        [RoundtableStatus.DRAFT, RoundtableStatus.INVITATIONS_SENT, RoundtableStatus.CANCELLED]
    ):
        if step:
            store.roundtables.update(cast.roundtable_id, record(status=status), bump_sequence=True)
        folder = out / str(step)
        write_invitations(store, cast.roundtable_id, folder)
        path = files_by_invitation(folder, cast, ".ics")["dev"]
        seen.append(event_of(path)[1]["SEQUENCE"])  # type: ignore[index]
    assert seen == [0, 1, 2]


def test_uid_and_stamp_are_stable_and_given(store: Store, cast: Cast, out: Path) -> None:
    now = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
    write_invitations(store, cast.roundtable_id, out, now=now)
    uid = store.roundtables.get(cast.roundtable_id).uid
    for path in out.glob("*.ics"):
        _, event = event_of(path)
        assert str(event["UID"]) == uid  # type: ignore[index]
        assert event["DTSTAMP"].dt == now  # type: ignore[index]


def test_people_without_an_address_are_skipped_and_listed(
    store: Store, cast: Cast, out: Path
) -> None:
    store.db.execute("UPDATE organisations SET email = NULL WHERE name = 'Harbour Trust'")
    summary = write_invitations(store, cast.roundtable_id, out)
    assert [(s.recipient, s.reason) for s in summary.skipped] == [
        ("Lam", "their intermediary organisation has no email address")
    ]
    assert "minh" not in files_by_invitation(out, cast, ".ics")
    assert any("skipped Lam" in line for line in summary.lines())


def test_an_unwritable_folder_changes_nothing(store: Store, cast: Cast, out: Path) -> None:
    out.mkdir()
    blocker = out / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ConvenerError):
        write_invitations(store, cast.roundtable_id, blocker)
    assert store.deliveries.latest_sequences(cast.roundtable_id) == {}
    assert store.disclosures.for_person(cast.people["ruth"]) == []
    statuses = {i.id: i.status for i in store.roundtables.invitations(cast.roundtable_id)}
    assert statuses[cast.invitations["ruth"]] is InvitationStatus.PROPOSED
