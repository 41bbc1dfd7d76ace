"""Planning a roundtable: its record and its status (the invite list is in `invitations`).

Every function here is one user action and runs in one transaction. Changes that invitees
must see (time, place, online link, title, cancellation) raise the roundtable's SEQUENCE so
calendar clients replace the earlier invitation; other changes leave it alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from convener.domain import Roundtable
from convener.domain import RoundtableStatus as Status
from convener.errors import ValidationError
from convener.storage import Store, Taxonomy
from convener.storage.roundtables import RoundtableRecord
from convener.taxonomy import Perspective
from convener.timezones import DEFAULT_ZONE, local, parse_wall_time, zone
from convener.validation import (
    MAX_LONG_TEXT,
    check_capacity,
    check_email,
    check_length,
    check_pence,
    check_url,
    clean_text,
)


class MeetingFormat(StrEnum):
    IN_PERSON = "in person"
    ONLINE = "online"
    HYBRID = "hybrid"


# Where a roundtable may go next. Cancelling is possible from any state but itself.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.INVITATIONS_SENT, Status.CANCELLED}),
    Status.INVITATIONS_SENT: frozenset({Status.HELD, Status.CANCELLED}),
    Status.HELD: frozenset({Status.REPORTED, Status.CANCELLED}),
    Status.REPORTED: frozenset({Status.CANCELLED}),
    Status.CANCELLED: frozenset(),
}


@dataclass(slots=True)
class RoundtableDraft:
    """What a person types to create or change a roundtable, before validation.

    `start` and `end` are ISO text; without an offset they are wall-clock time in `tz`.
    """

    title: str
    theme: str
    start: str
    end: str
    tz: str = DEFAULT_ZONE
    purpose: str = ""
    format: str = MeetingFormat.ONLINE.value
    location: str | None = None
    online_url: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    capacity: int | None = None
    chatham_house: bool = True
    budget_pence: int | None = None
    agenda: list[str] | None = None  # None leaves the agenda as it is
    extra_themes: list[str] = field(default_factory=list)
    levers: list[str] = field(default_factory=list)
    target_mix: dict[str, int] | None = None


def draft_from(roundtable: Roundtable) -> RoundtableDraft:
    """The draft that would recreate `roundtable`: the starting point of an edit."""
    return RoundtableDraft(
        title=roundtable.title,
        theme=roundtable.theme or "",
        start=_wall_text(roundtable.starts_at, roundtable.tz),
        end=_wall_text(roundtable.ends_at, roundtable.tz),
        tz=roundtable.tz,
        purpose=roundtable.purpose,
        format=roundtable.format,
        location=roundtable.location,
        online_url=roundtable.online_url,
        organiser_name=roundtable.organiser_name,
        organiser_email=roundtable.organiser_email,
        capacity=roundtable.capacity,
        chatham_house=roundtable.chatham_house,
        budget_pence=roundtable.budget_pence,
        agenda=None,
        extra_themes=list(roundtable.extra_themes),
        levers=list(roundtable.levers),
        target_mix=dict(roundtable.target_mix) if roundtable.target_mix else None,
    )


def _wall_text(moment: datetime, tz: str) -> str:
    """Local wall time as typed; with its offset only when the clock change makes it ambiguous,
    so a meeting planned in the repeated hour can be saved again unchanged."""
    shown = local(moment, tz)
    wall = shown.replace(tzinfo=None)
    place = zone(tz)
    if (
        wall.replace(tzinfo=place, fold=0).utcoffset()
        != wall.replace(tzinfo=place, fold=1).utcoffset()
    ):
        return shown.isoformat()
    return wall.isoformat()


def _check_mix(mix: dict[str, int] | None) -> dict[str, int] | None:
    if mix is None:
        return None
    known = {p.value for p in Perspective}
    for key, weight in mix.items():
        if key not in known:
            raise ValidationError(
                f"unknown perspective '{key}' in the target mix; use {', '.join(sorted(known))}",
                "target_mix",
            )
        if weight < 0:
            raise ValidationError("target mix weights cannot be negative", "target_mix")
    if not any(mix.values()):
        raise ValidationError("the target mix needs at least one perspective", "target_mix")
    return {k: int(v) for k, v in sorted(mix.items())}


def _record(store: Store, draft: RoundtableDraft, status: Status) -> RoundtableRecord:
    title = clean_text(draft.title)
    if title is None:
        raise ValidationError("a roundtable needs a title", "title")
    theme = clean_text(draft.theme)
    if theme is None:
        raise ValidationError("a roundtable needs a theme", "theme")
    tz = (clean_text(draft.tz) or DEFAULT_ZONE).strip()
    zone(tz)
    starts_at = parse_wall_time(draft.start, tz, "start")
    ends_at = parse_wall_time(draft.end, tz, "end")
    if ends_at <= starts_at:
        raise ValidationError("a roundtable must end after it starts", "end")
    try:
        meeting_format = MeetingFormat(draft.format.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in MeetingFormat)
        raise ValidationError(
            f"unknown format '{draft.format}'; use one of: {choices}", "format"
        ) from None
    capacity = check_capacity(draft.capacity)
    budget_pence = check_pence(draft.budget_pence, "budget")
    for name in ("title", "location", "organiser_name"):
        check_length(getattr(draft, name), name)
    check_length(draft.purpose, "purpose", MAX_LONG_TEXT)
    for item in draft.agenda or ():
        check_length(item, "agenda item")
    taxonomy = store.taxonomy
    return RoundtableRecord(
        title=title,
        theme_id=taxonomy.resolve(Taxonomy.THEMES, theme),
        starts_at=starts_at,
        ends_at=ends_at,
        tz=tz,
        purpose=draft.purpose.strip(),
        format=meeting_format.value,
        location=clean_text(draft.location),
        online_url=check_url(draft.online_url),
        organiser_name=clean_text(draft.organiser_name),
        organiser_email=check_email(draft.organiser_email, "organiser_email"),
        capacity=capacity,
        chatham_house=draft.chatham_house,
        budget_pence=budget_pence,
        status=status,
        extra_theme_ids=[
            taxonomy.resolve(Taxonomy.THEMES, t) for t in draft.extra_themes if t.strip()
        ],
        lever_ids=[taxonomy.resolve(Taxonomy.LEVERS, x) for x in draft.levers if x.strip()],
        target_mix=_check_mix(draft.target_mix),
    )


def _agenda(draft: RoundtableDraft) -> list[str] | None:
    if draft.agenda is None:
        return None
    return [t.strip() for t in draft.agenda if t.strip()]


def create_roundtable(store: Store, draft: RoundtableDraft) -> int:
    record = _record(store, draft, Status.DRAFT)
    with store.db.atomic():
        roundtable_id = store.roundtables.insert(record)
        store.roundtables.replace_agenda(roundtable_id, _agenda(draft) or [])
    return roundtable_id


def _visible_change(before: Roundtable, after: RoundtableRecord) -> bool:
    """Whether invitees must be sent the change (RFC 5546: a new SEQUENCE)."""
    return (
        before.title != after.title
        or before.starts_at != after.starts_at
        or before.ends_at != after.ends_at
        or before.location != after.location
        or before.online_url != after.online_url
        or before.format != after.format
        or (after.status is Status.CANCELLED and before.status is not Status.CANCELLED)
    )


def _check_transition(roundtable: Roundtable, new_status: Status) -> None:
    if new_status is roundtable.status or new_status in TRANSITIONS[roundtable.status]:
        return
    if roundtable.status is Status.CANCELLED:
        raise ValidationError(f"roundtable {roundtable.id} is cancelled; it stays cancelled")
    options = " or ".join(sorted(s.value for s in TRANSITIONS[roundtable.status]))
    raise ValidationError(
        f"a roundtable in status '{roundtable.status}' cannot move to '{new_status}'; "
        f"next it can be: {options}",
        "status",
    )


def update_roundtable(
    store: Store, roundtable_id: int, draft: RoundtableDraft, status: Status | None = None
) -> bool:
    """Save changed details, and a new status if given, in one transaction.

    Returns whether invitees must be told (the SEQUENCE was raised). A cancelled roundtable
    cannot be changed at all.
    """
    before = store.roundtables.get(roundtable_id)
    new_status = before.status if status is None else status
    _check_transition(before, new_status)
    if before.status is Status.CANCELLED:
        raise ValidationError(f"roundtable {roundtable_id} is cancelled and cannot be changed")
    record = _record(store, draft, new_status)
    bump = _visible_change(before, record)
    with store.db.atomic():
        store.roundtables.update(roundtable_id, record, bump_sequence=bump)
        agenda = _agenda(draft)
        if agenda is not None:
            store.roundtables.replace_agenda(roundtable_id, agenda)
    return bump


def change_status(store: Store, roundtable_id: int, new_status: Status) -> None:
    """Move along draft → invitations_sent → held → reported, or cancel; refuse anything else."""
    before = store.roundtables.get(roundtable_id)
    _check_transition(before, new_status)
    if new_status is not before.status:
        update_roundtable(store, roundtable_id, draft_from(before), new_status)


def cancel_roundtable(store: Store, roundtable_id: int) -> None:
    change_status(store, roundtable_id, Status.CANCELLED)
