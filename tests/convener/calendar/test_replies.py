"""Applying calendar replies: statuses change, stale and unknown replies are held back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from convener.calendar.export import write_invitations
from convener.calendar.replies import HeldReason, apply_replies
from convener.directory import add_stakeholder
from convener.domain import InvitationStatus, StakeholderDraft
from convener.storage import Store
from tests.convener.calendar.conftest import Cast, record, reply, statuses


def test_replies_update_statuses(store: Store, cast: Cast, sent: str, tmp_path: Path) -> None:
    files = [
        # Address case differs from the stored Dev.Patel@Forum.example.
        reply(tmp_path, "dev", uid=sent, address="DEV.PATEL@forum.EXAMPLE", partstat="ACCEPTED"),
        reply(
            tmp_path,
            "ruth",
            uid=sent,
            address="ruth.okonkwo@police.example",
            partstat="DECLINED",
            as_email=True,
        ),
        reply(tmp_path, "lena", uid=sent, address="lena.kraus@uni.example", partstat="TENTATIVE"),
    ]
    report = apply_replies(store, files)
    assert report.held == ()
    assert {(c.invitee, c.old, c.new) for c in report.changes} == {
        ("Dev Patel", InvitationStatus.INVITED, InvitationStatus.ACCEPTED),
        ("Ruth Okonkwo", InvitationStatus.INVITED, InvitationStatus.DECLINED),
        ("Lena Kraus", InvitationStatus.ACCEPTED, InvitationStatus.TENTATIVE),
    }
    now = statuses(store, cast)
    assert now["dev"] is InvitationStatus.ACCEPTED
    assert now["ruth"] is InvitationStatus.DECLINED
    assert now["lena"] is InvitationStatus.TENTATIVE


def test_an_intermediary_answers_for_a_protected_expert(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    path = reply(
        tmp_path,
        "lam",
        uid=sent,
        address="Referrals@Harbour.example",
        partstat="ACCEPTED",
        cn="Lam",
    )
    report = apply_replies(store, [path])
    assert [(c.invitee, c.new) for c in report.changes] == [("Lam", InvitationStatus.ACCEPTED)]
    assert "Trần" not in "\n".join(report.lines())


def test_unknown_addresses_are_listed_for_review_not_added(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    before = store.roundtables.invitations(cast.roundtable_id)
    path = reply(tmp_path, "x", uid=sent, address="stranger@else.example", partstat="ACCEPTED")
    report = apply_replies(store, [path])
    assert report.changes == ()
    assert [(h.address, h.reason) for h in report.for_review] == [
        ("stranger@else.example", HeldReason.UNKNOWN_ADDRESS)
    ]
    assert store.roundtables.invitations(cast.roundtable_id) == before


def test_replies_to_an_older_sequence_are_held_back(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    store.roundtables.update(cast.roundtable_id, record(title="Moved"), bump_sequence=True)
    write_invitations(store, cast.roundtable_id, tmp_path / "v1")
    old = reply(
        tmp_path,
        "old",
        uid=sent,
        address="dev.patel@forum.example",
        partstat="DECLINED",
        sequence=0,
    )
    new = reply(
        tmp_path,
        "new",
        uid=sent,
        address="ruth.okonkwo@police.example",
        partstat="ACCEPTED",
        sequence=1,
    )
    report = apply_replies(store, [old, new])
    assert [(h.address, h.reason) for h in report.held] == [
        ("dev.patel@forum.example", HeldReason.STALE)
    ]
    assert "latest sent 1" in report.held[0].detail
    assert statuses(store, cast)["dev"] is InvitationStatus.INVITED
    assert statuses(store, cast)["ruth"] is InvitationStatus.ACCEPTED


def test_the_latest_reply_wins_whatever_the_file_order(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    later = reply(
        tmp_path,
        "later",
        uid=sent,
        address="dev.patel@forum.example",
        partstat="ACCEPTED",
        stamp=datetime(2026, 1, 5, tzinfo=UTC),
    )
    earlier = reply(
        tmp_path,
        "earlier",
        uid=sent,
        address="dev.patel@forum.example",
        partstat="DECLINED",
        stamp=datetime(2026, 1, 4, tzinfo=UTC),
    )
    apply_replies(store, [later])
    report = apply_replies(store, [earlier, later])
    assert statuses(store, cast)["dev"] is InvitationStatus.ACCEPTED
    assert sorted(h.reason for h in report.held) == sorted(
        [HeldReason.SUPERSEDED, HeldReason.ALREADY_APPLIED]
    )


def test_other_files_are_held_each_by_name(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    unknown_event = reply(
        tmp_path, "u", uid="no-such-uid", address="dev.patel@forum.example", partstat="ACCEPTED"
    )
    delegated = reply(
        tmp_path, "d", uid=sent, address="dev.patel@forum.example", partstat="DELEGATED"
    )
    request = next((tmp_path / "out").glob("*-request.ics"))
    garbage = tmp_path / "garbage.ics"
    garbage.write_text("BEGIN:VCALENDAR\nthis is not\n")
    plain = tmp_path / "note.eml"
    plain.write_text("Subject: hello\n\nno calendar here\n")
    genuine = reply(tmp_path, "ruth", uid=sent, address="ruth.okonkwo@police.example",
                    partstat="ACCEPTED")  # fmt: skip
    files = [unknown_event, delegated, request, garbage, tmp_path / "missing.ics", plain, genuine]
    report = apply_replies(store, files)
    held = {h.source: h for h in report.held}
    assert held["u.ics"].reason is HeldReason.UNKNOWN_EVENT
    assert held["d.ics"].reason is HeldReason.UNSUPPORTED
    assert held[request.name].reason is HeldReason.REFUSED
    assert "not an iTIP REPLY (METHOD:REQUEST)" in held[request.name].detail
    assert "not a readable calendar" in held["garbage.ics"].detail
    assert "cannot be read" in held["missing.ics"].detail
    assert "no calendar data" in held["note.eml"].detail
    assert [c.invitee for c in report.changes] == ["Ruth Okonkwo"]
    assert statuses(store, cast)["ruth"] is InvitationStatus.ACCEPTED
    assert report.headline().startswith("1 applied, 6 held back: ")


def test_an_intermediary_for_two_experts_is_told_apart_by_name(
    store: Store, cast: Cast, tmp_path: Path
) -> None:
    second = add_stakeholder(
        store,
        StakeholderDraft(
            name="Real Name", pseudonym="Kai", lived_experience=True, intermediary="Harbour Trust"
        ),
    )
    kai = store.roundtables.invite(cast.roundtable_id, second)
    write_invitations(store, cast.roundtable_id, tmp_path / "out")
    uid = store.roundtables.get(cast.roundtable_id).uid
    by_name = reply(
        tmp_path, "kai", uid=uid, address="referrals@harbour.example", partstat="ACCEPTED", cn="Kai"
    )
    nameless = reply(
        tmp_path,
        "who",
        uid=uid,
        address="referrals@harbour.example",
        partstat="DECLINED",
        stamp=datetime(2026, 1, 4, tzinfo=UTC),
    )
    report = apply_replies(store, [by_name, nameless])
    assert [(c.invitation_id, c.invitee, c.new) for c in report.changes] == [
        (kai, "Kai", InvitationStatus.ACCEPTED)
    ]
    assert [h.reason for h in report.held] == [HeldReason.AMBIGUOUS]
    assert statuses(store, cast)["minh"] is InvitationStatus.INVITED


def test_a_decline_gives_the_seat_to_the_first_reserve(
    store: Store, cast: Cast, sent: str, tmp_path: Path
) -> None:
    def reserve() -> tuple[InvitationStatus, int | None]:
        inv = store.roundtables.invitation(cast.invitations["reserve"])
        return inv.status, inv.reserve_rank

    assert reserve() == (InvitationStatus.PROPOSED, 1)
    declined = reply(
        tmp_path, "dev", uid=sent, address="dev.patel@forum.example", partstat="DECLINED"
    )
    report = apply_replies(store, [declined])
    assert [(c.invitee, c.new, c.promoted) for c in report.changes] == [
        ("Dev Patel", InvitationStatus.DECLINED, cast.invitations["reserve"])
    ]
    assert statuses(store, cast)["dev"] is InvitationStatus.DECLINED
    assert reserve() == (InvitationStatus.PROPOSED, None)
    assert any("first reserve" in line for line in report.lines())
    # An accept frees no seat: nobody else moves.
    accepted = reply(
        tmp_path, "lena", uid=sent, address="lena.kraus@uni.example", partstat="ACCEPTED"
    )
    assert [c.promoted for c in apply_replies(store, [accepted]).changes] == [None]
