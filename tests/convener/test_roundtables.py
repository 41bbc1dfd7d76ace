from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from convener.domain import RoundtableStatus
from convener.errors import ValidationError
from convener.roundtables import (
    RoundtableDraft,
    cancel_roundtable,
    change_status,
    create_roundtable,
    draft_from,
    update_roundtable,
)
from convener.storage import Store

LONDON = ZoneInfo("Europe/London")


def _draft(**changes: object) -> RoundtableDraft:
    draft = RoundtableDraft(
        title="Prevention what works", theme="Prevention", start="2027-01-14T10:00",
        end="2027-01-14T12:00",
    )  # fmt: skip
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


@pytest.mark.parametrize("day", ["2027-01-14", "2027-07-14"])
def test_ten_oclock_london_stays_ten_oclock_london(store: Store, day: str) -> None:
    rid = create_roundtable(store, _draft(start=f"{day}T10:00", end=f"{day}T12:00"))
    saved = store.roundtables.get(rid)
    expected = datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=LONDON).astimezone(UTC)
    assert saved.starts_at == expected
    assert saved.tz == "Europe/London"
    assert saved.starts_at.astimezone(LONDON).strftime("%H:%M") == "10:00"
    # Editing anything else and saving again keeps the wall time.
    update_roundtable(store, rid, draft_from(saved))
    again = store.roundtables.get(rid)
    assert again.starts_at.astimezone(LONDON).strftime("%H:%M") == "10:00"


def test_summer_and_winter_differ_in_utc_by_the_clock_change(store: Store) -> None:
    winter = store.roundtables.get(create_roundtable(store, _draft()))
    summer = store.roundtables.get(
        create_roundtable(store, _draft(start="2027-07-14T10:00", end="2027-07-14T12:00"))
    )
    assert winter.starts_at.hour == 10
    assert summer.starts_at.hour == 9


def test_other_zone_is_kept_beside_utc(store: Store) -> None:
    rid = create_roundtable(
        store, _draft(start="2027-01-14T09:00", end="2027-01-14T10:00", tz="Australia/Sydney")
    )
    saved = store.roundtables.get(rid)
    assert saved.tz == "Australia/Sydney"
    assert saved.starts_at == datetime(2027, 1, 13, 22, 0, tzinfo=UTC)


def test_time_skipped_by_the_clock_change_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        create_roundtable(store, _draft(start="2027-03-28T01:30", end="2027-03-28T03:00"))


def test_time_repeated_by_the_clock_change_is_refused_with_both_offsets(store: Store) -> None:
    with pytest.raises(ValidationError, match=r"happens twice.*\+01:00.*\+00:00"):
        create_roundtable(store, _draft(start="2027-10-31T01:30", end="2027-10-31T03:00"))


def test_explicit_offset_settles_a_repeated_time(store: Store) -> None:
    rid = create_roundtable(store, _draft(start="2027-10-31T01:30+00:00", end="2027-10-31T03:00"))
    assert store.roundtables.get(rid).starts_at == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"theme": "Unknown theme"}, "theme"),
        ({"end": "2027-01-14T09:00"}, "end"),
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"format": "telepathy"}, "format"),
        ({"online_url": "meet.example.org"}, "online_url"),
        ({"organiser_email": "not-an-address"}, "organiser_email"),
        ({"capacity": 0}, "capacity"),
        ({"target_mix": {"astrology": 1}}, "target_mix"),
    ],
)
def test_bad_details_are_refused_naming_the_field(
    store: Store, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_roundtable(store, _draft(**changes))
    assert caught.value.field == field
    assert store.roundtables.all() == []


def test_details_round_trip(store: Store) -> None:
    rid = create_roundtable(
        store,
        _draft(
            format="hybrid", location="Room 1", online_url="https://meet.example.org/x",
            organiser_name="Priya", organiser_email="priya@example.org", capacity=12,
            budget_pence=150000, agenda=["Welcome", "Evidence"], extra_themes=["Research and data"],
            levers=["Convening", "Influencing"], target_mix={"lived_experience": 2, "policy": 1},
        ),
    )  # fmt: skip
    r = store.roundtables.get(rid)
    assert (r.format, r.location, r.capacity, r.budget_pence) == ("hybrid", "Room 1", 12, 150000)
    assert r.chatham_house is True
    assert [a.title for a in r.agenda] == ["Welcome", "Evidence"]
    assert r.extra_themes == ("Research and data",)
    assert set(r.levers) == {"Convening", "Influencing"}
    assert r.target_mix == {"lived_experience": 2, "policy": 1}


def test_visible_changes_raise_the_sequence_and_others_do_not(store: Store) -> None:
    rid = create_roundtable(store, _draft())
    base = store.roundtables.get(rid)
    quiet = draft_from(base)
    quiet.capacity, quiet.purpose, quiet.budget_pence = 20, "New purpose", 1000
    assert update_roundtable(store, rid, quiet) is False
    assert store.roundtables.get(rid).sequence == 0
    for change in (
        {"start": "2027-01-14T11:00"},
        {"location": "Somewhere else"},
        {"online_url": "https://meet.example.org/new"},
        {"title": "A new title"},
    ):
        before = store.roundtables.get(rid).sequence
        draft = draft_from(store.roundtables.get(rid))
        for key, value in change.items():
            setattr(draft, key, value)
        assert update_roundtable(store, rid, draft) is True
        assert store.roundtables.get(rid).sequence == before + 1
    before = store.roundtables.get(rid).sequence
    change_status(store, rid, RoundtableStatus.INVITATIONS_SENT)
    assert store.roundtables.get(rid).sequence == before
    cancel_roundtable(store, rid)
    assert store.roundtables.get(rid).sequence == before + 1


def test_editing_the_agenda_keeps_existing_items(store: Store) -> None:
    rid = create_roundtable(store, _draft(agenda=["One", "Two", "Three"]))
    first_ids = [a.id for a in store.roundtables.get(rid).agenda]
    draft = draft_from(store.roundtables.get(rid))
    draft.agenda = ["One (renamed)", "Two"]
    update_roundtable(store, rid, draft)
    agenda = store.roundtables.get(rid).agenda
    assert [(a.id, a.title) for a in agenda] == [
        (first_ids[0], "One (renamed)"),
        (first_ids[1], "Two"),
    ]


def test_status_moves_forward_one_step_at_a_time(store: Store) -> None:
    rid = create_roundtable(store, _draft())
    for status in ("invitations_sent", "held", "reported"):
        change_status(store, rid, RoundtableStatus(status))
        assert store.roundtables.get(rid).status == status


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], RoundtableStatus.HELD),
        ([], RoundtableStatus.REPORTED),
        ([RoundtableStatus.INVITATIONS_SENT], RoundtableStatus.DRAFT),
        ([RoundtableStatus.INVITATIONS_SENT, RoundtableStatus.HELD], RoundtableStatus.DRAFT),
        ([RoundtableStatus.CANCELLED], RoundtableStatus.DRAFT),
    ],
)
def test_invalid_transitions_are_refused(
    store: Store, path: list[RoundtableStatus], refused: RoundtableStatus
) -> None:
    rid = create_roundtable(store, _draft())
    for status in path:
        change_status(store, rid, status)
    with pytest.raises(ValidationError, match=r"cannot move|stays cancelled"):
        change_status(store, rid, refused)
    assert store.roundtables.get(rid).status == (path[-1] if path else RoundtableStatus.DRAFT)


@pytest.mark.parametrize("steps", [0, 1, 2, 3])
def test_cancel_from_any_state(store: Store, steps: int) -> None:
    rid = create_roundtable(store, _draft())
    order = [RoundtableStatus.INVITATIONS_SENT, RoundtableStatus.HELD, RoundtableStatus.REPORTED]
    for status in order[:steps]:
        change_status(store, rid, status)
    cancel_roundtable(store, rid)
    assert store.roundtables.get(rid).status is RoundtableStatus.CANCELLED
    with pytest.raises(ValidationError, match="cancelled"):
        update_roundtable(store, rid, draft_from(store.roundtables.get(rid)))


def test_a_change_and_a_cancellation_together_are_one_step(store: Store) -> None:
    rid = create_roundtable(store, _draft())
    draft = draft_from(store.roundtables.get(rid))
    draft.title = "Postponed"
    assert update_roundtable(store, rid, draft, RoundtableStatus.CANCELLED) is True
    after = store.roundtables.get(rid)
    assert (after.title, after.status, after.sequence) == ("Postponed", "cancelled", 1)


def test_a_refused_status_leaves_the_details_unchanged(store: Store) -> None:
    rid = create_roundtable(store, _draft())
    draft = draft_from(store.roundtables.get(rid))
    draft.title = "Should not be saved"
    with pytest.raises(ValidationError, match="cannot move"):
        update_roundtable(store, rid, draft, RoundtableStatus.REPORTED)
    assert store.roundtables.get(rid).title == "Prevention what works"


def test_a_meeting_in_the_repeated_hour_can_be_saved_again(store: Store) -> None:
    rid = create_roundtable(store, _draft(start="2027-10-31T01:30+00:00", end="2027-10-31T03:00"))
    draft = draft_from(store.roundtables.get(rid))
    draft.purpose = "Unchanged time"
    assert update_roundtable(store, rid, draft) is False
    assert store.roundtables.get(rid).starts_at == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
