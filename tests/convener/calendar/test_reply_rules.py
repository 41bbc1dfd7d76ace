"""Replies checked as a mail server would: each bad file is held back by name with its reason,
and a genuine reply in the same batch is applied all the same."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from convener.calendar.export import write_invitations
from convener.calendar.replies import HeldReason, ReplyReport, apply_replies
from convener.domain import InvitationStatus, RoundtableStatus
from convener.storage import Store
from tests.conftest import CliResult
from tests.convener.calendar.conftest import Cast, record, reply, statuses

RUTH = "ruth.okonkwo@police.example"
DEV = "dev.patel@forum.example"


def genuine(tmp_path: Path, uid: str) -> Path:
    """Ruth's honest acceptance, sent as an e-mail from her own address."""
    return reply(tmp_path, "genuine", uid=uid, address=RUTH, partstat="ACCEPTED", as_email=True)


def applied_with_genuine(store: Store, cast: Cast, report: ReplyReport) -> None:
    assert [(c.invitee, c.new) for c in report.changes] == [
        ("Ruth Okonkwo", InvitationStatus.ACCEPTED)
    ]
    assert statuses(store, cast)["ruth"] is InvitationStatus.ACCEPTED


def held_one(report: ReplyReport, name: str, reason: HeldReason) -> str:
    assert [(h.source, h.reason) for h in report.held] == [(name, reason)]
    assert report.headline().startswith(f"1 applied, 1 held back: {name}: {reason}")
    return report.held[0].detail


def test_an_email_from_someone_else_cannot_answer_for_an_invitee(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    spoof = reply(tmp_path, "spoof", uid=sent, address=DEV, partstat="DECLINED", as_email=True,
                  sender="mallory@else.example")  # fmt: skip
    report = apply_replies(store, [spoof, genuine(tmp_path, sent)])
    detail = held_one(report, "spoof.eml", HeldReason.REFUSED)
    assert "from mallory@else.example but answers for dev.patel@forum.example" in detail
    assert statuses(store, cast)["dev"] is InvitationStatus.INVITED
    applied_with_genuine(store, cast, report)


def test_a_reply_answers_for_exactly_one_attendee(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    everyone = ("lena.kraus@uni.example", "rosa@reserve.example", "dora@decline.example",
                "referrals@harbour.example", "someone@else.example")  # fmt: skip
    six = reply(tmp_path, "six", uid=sent, address=DEV, partstat="DECLINED", also=everyone)
    report = apply_replies(store, [six, genuine(tmp_path, sent)])
    assert "answers for 6 attendees" in held_one(report, "six.ics", HeldReason.REFUSED)
    assert statuses(store, cast)["dev"] is InvitationStatus.INVITED
    assert statuses(store, cast)["lena"] is InvitationStatus.ACCEPTED
    applied_with_genuine(store, cast, report)


def test_a_reply_to_another_organiser_is_held(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    other = reply(tmp_path, "other", uid=sent, address=DEV, partstat="DECLINED",
                  organizer="boss@elsewhere.example")  # fmt: skip
    report = apply_replies(store, [other, genuine(tmp_path, sent)])
    detail = held_one(report, "other.ics", HeldReason.WRONG_ORGANIZER)
    assert "boss@elsewhere.example" in detail
    assert statuses(store, cast)["dev"] is InvitationStatus.INVITED
    applied_with_genuine(store, cast, report)


def test_a_reply_dated_in_the_future_does_not_block_later_answers(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    ahead = reply(tmp_path, "ahead", uid=sent, address=DEV, partstat="DECLINED",
                  stamp=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))  # fmt: skip
    report = apply_replies(store, [ahead, genuine(tmp_path, sent)])
    assert "in the future" in held_one(report, "ahead.ics", HeldReason.REFUSED)
    applied_with_genuine(store, cast, report)
    # Dev's real answer, written later than the forged one claims to be, is still applied.
    honest = reply(tmp_path, "honest", uid=sent, address=DEV, partstat="ACCEPTED")
    assert [c.invitee for c in apply_replies(store, [honest]).changes] == ["Dev Patel"]
    assert statuses(store, cast)["dev"] is InvitationStatus.ACCEPTED


@pytest.mark.parametrize(
    ("swap", "expected"),
    [
        ((b"SEQUENCE:0", b"SEQUENCE:abc"), "SEQUENCE 'abc' is not a whole number"),
        ((b"SEQUENCE:0", b"SEQUENCE:9223372036854775808"), "SEQUENCE 9223372036854775808 is out"),
        ((b"SEQUENCE:0", b"SEQUENCE:-1"), "SEQUENCE -1 is out of range"),
        ((b"DTSTAMP:20260103T090000Z", b"DTSTAMP:2026XX03T0900Z"), "DTSTAMP is not a date"),
        ((b"DTSTAMP:20260103T090000Z\r\n", b""), "no DTSTAMP"),
    ],
)
def test_unreadable_numbers_and_stamps_hold_the_file_back(
    store: Store, cast: Cast, sent: str, tmp_path: Path, *, swap: tuple[bytes, bytes], expected: str
) -> None:
    bad = reply(tmp_path, "bad", uid=sent, address=DEV, partstat="DECLINED")
    text = bad.read_bytes()
    assert swap[0] in text
    bad.write_bytes(text.replace(*swap))
    report = apply_replies(store, [bad, genuine(tmp_path, sent)])
    assert expected in held_one(report, "bad.ics", HeldReason.REFUSED)
    applied_with_genuine(store, cast, report)


def test_a_reply_to_a_cancelled_roundtable_is_recorded_and_changes_nothing(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    other_id = store.roundtables.insert(record(title="Another roundtable"))
    store.roundtables.invite(other_id, cast.people["ruth"], status=InvitationStatus.INVITED)
    write_invitations(store, other_id, tmp_path / "other")
    cancelled = record(status=RoundtableStatus.CANCELLED)
    store.roundtables.update(cast.roundtable_id, cancelled, bump_sequence=True)
    write_invitations(store, cast.roundtable_id, tmp_path / "cancel")
    # An accept that answers the cancellation itself (its SEQUENCE), so it is not stale.
    late = reply(tmp_path, "late", uid=sent, address=DEV, partstat="ACCEPTED", sequence=1)
    report = apply_replies(store, [late, genuine(tmp_path, store.roundtables.get(other_id).uid)])
    assert "ACCEPTED" in held_one(report, "late.ics", HeldReason.CANCELLED)
    assert statuses(store, cast)["dev"] is InvitationStatus.INVITED
    recorded = store.deliveries.last_reply(cast.invitations["dev"])
    assert recorded is not None and recorded.partstat == "ACCEPTED"
    assert [i.status for i in store.roundtables.invitations(other_id)] == [
        InvitationStatus.ACCEPTED
    ]
    assert [c.roundtable_id for c in report.changes] == [other_id]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_only_regular_files_are_read(
    store: Store, cast: Cast, sent: str, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)  # nobody writes to it: opening it for a blocking read would never return
    folder = tmp_path / "folder.ics"
    folder.mkdir()
    # The real command, in a process of its own that the fixture's timeout would end.
    done = cli("replies", str(fifo), str(folder), str(genuine(tmp_path, sent)))
    assert (done.code, done.err) == (
        1,
        "error: 2 of 3 reply file(s) refused: pipe.ics, folder.ics"
        " (the reasons are listed above)\n",
    )
    assert done.out.splitlines()[0] == (
        "1 applied, 2 held back: pipe.ics: not a reply that can be trusted (it is not a "
        "regular file); folder.ics: not a reply that can be trusted (it is not a regular file)"
    )
    assert statuses(store, cast)["ruth"] is InvitationStatus.ACCEPTED
