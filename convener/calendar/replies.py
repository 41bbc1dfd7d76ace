"""Reading iTIP REPLY files (.ics or .eml) and applying them to invitation statuses.

A reply is matched to a roundtable by UID and to an invitation by the attendee's address,
case-insensitively, against the address the invitation was sent to (for a protected person,
their intermediary's). Nothing is ever added: a reply from an address never invited is held
for a person to review, as is one older than the latest SEQUENCE sent to that invitee, one
older than a reply already applied, and any answer other than accept, tentative or decline.
"""

from __future__ import annotations

import email
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from enum import StrEnum
from pathlib import Path

from icalendar import Calendar

from convener.domain import Invitation, InvitationStatus
from convener.errors import ConvenerError
from convener.invitations import InvitationChange, update_invitation
from convener.privacy import Audience, render_person
from convener.storage import Store

_ANSWERS = {
    "ACCEPTED": InvitationStatus.ACCEPTED,
    "TENTATIVE": InvitationStatus.TENTATIVE,
    "DECLINED": InvitationStatus.DECLINED,
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Reply:
    """One attendee's answer found in a file."""

    source: str  # the file it came from
    uid: str
    sequence: int
    stamp: datetime  # DTSTAMP, UTC
    address: str
    name: str
    partstat: str


class HeldReason(StrEnum):
    UNKNOWN_ADDRESS = "address never invited to this roundtable"
    UNKNOWN_EVENT = "no roundtable has this UID"
    STALE = "answers an older version than the latest sent"
    SUPERSEDED = "older than a reply already applied"
    ALREADY_APPLIED = "already applied"
    AMBIGUOUS = "address shared by several invitees"
    UNSUPPORTED = "not an accept, tentative or decline"
    NOT_A_REPLY = "not an iTIP REPLY"


@dataclass(frozen=True, slots=True)
class StatusChange:
    source: str
    roundtable_id: int
    invitation_id: int
    invitee: str  # as the office sees them
    old: InvitationStatus
    new: InvitationStatus
    promoted: int | None = None  # the reserve's invitation that took a seat this freed


@dataclass(frozen=True, slots=True)
class HeldReply:
    source: str
    address: str
    reason: HeldReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReplyReport:
    changes: tuple[StatusChange, ...]
    held: tuple[HeldReply, ...]

    @property
    def for_review(self) -> tuple[HeldReply, ...]:
        """Replies from addresses never invited: a person decides what they mean."""
        return tuple(h for h in self.held if h.reason is HeldReason.UNKNOWN_ADDRESS)

    def lines(self) -> list[str]:
        out = [f"{len(self.changes)} status change(s), {len(self.held)} reply(ies) held back"]
        for change in self.changes:
            out.append(
                f"  {change.invitee} (roundtable {change.roundtable_id}): "
                f"{change.old} -> {change.new}  [{change.source}]"
            )
            if change.promoted is not None:
                out.append(f"    the first reserve (invitation {change.promoted}) takes the place")
        for held in self.held:
            detail = f" ({held.detail})" if held.detail else ""
            out.append(f"  held: {held.address or '-'}: {held.reason}{detail}  [{held.source}]")
        return out


def _calendars_in(path: Path, data: bytes) -> list[bytes]:
    """The calendar texts in a file: the file itself, or the calendar parts of an e-mail."""
    head = data.lstrip()[:64].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return [data]
    message = email.message_from_bytes(data, policy=policy.default)
    found: list[bytes] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        name = (part.get_filename() or "").lower()
        if kind in ("text/calendar", "application/ics") or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload not in found:
                found.append(payload)
    if not found:
        raise ConvenerError(f"{path.name} holds no calendar data")
    return found


def _address(value: object) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip()


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _stamp(value: object) -> datetime:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return _EPOCH


def read_replies(path: Path) -> tuple[list[Reply], list[HeldReply]]:
    """The replies in one file, and anything in it that is not a reply; raises if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConvenerError(f"cannot read {path}: {exc.strerror}") from exc
    replies: list[Reply] = []
    held: list[HeldReply] = []
    for text in _calendars_in(path, data):
        try:
            calendars = Calendar.from_ical(text, multiple=True)
        except ValueError as exc:
            raise ConvenerError(f"{path.name} is not a readable calendar file: {exc}") from exc
        for calendar in calendars:
            method = str(calendar.get("METHOD", "")).upper()
            if method != "REPLY":
                held.append(
                    HeldReply(path.name, "", HeldReason.NOT_A_REPLY, f"METHOD:{method or '-'}")
                )
                continue
            for event in calendar.walk("VEVENT"):
                for attendee in _as_list(event.get("ATTENDEE")):
                    params = getattr(attendee, "params", {})
                    replies.append(
                        Reply(
                            source=path.name,
                            uid=str(event.get("UID", "")),
                            sequence=int(event.get("SEQUENCE", 0)),
                            stamp=_stamp(event.get("DTSTAMP")),
                            address=_address(attendee),
                            name=str(params.get("CN", "")),
                            partstat=str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                        )
                    )
    return replies, held


@dataclass
class _Roundtable:
    id: int
    invitations: list[Invitation]
    addresses: dict[int, tuple[str, str, str]]  # invitation id -> (address, name, office label)
    sent: dict[int, int]


def _load(store: Store, roundtable_id: int) -> _Roundtable:
    invitations = store.roundtables.invitations(roundtable_id)
    people = {p.id: p for p in store.stakeholders.get_many([i.stakeholder_id for i in invitations])}
    consent = store.consent.states(list(people))
    addresses: dict[int, tuple[str, str, str]] = {}
    for invitation in invitations:
        person = people.get(invitation.stakeholder_id)
        if person is None:
            continue
        view = render_person(person, consent[person.id], Audience.INVITEE)
        office = render_person(person, consent[person.id], Audience.INTERNAL)
        if view is None or office is None or not view.email:
            continue
        addresses[invitation.id] = (view.email.lower(), view.name, office.name)
    return _Roundtable(
        roundtable_id, invitations, addresses, store.deliveries.latest_sequences(roundtable_id)
    )


def _match(known: _Roundtable, reply: Reply) -> list[int]:
    address = reply.address.lower()
    matches = [iid for iid, (email_, _, _) in known.addresses.items() if email_ == address]
    if len(matches) > 1:
        # An intermediary answering for several people: the CN we sent tells them apart.
        by_name = [iid for iid in matches if known.addresses[iid][1] == reply.name]
        return by_name or matches
    return matches


def apply_replies(store: Store, paths: Iterable[Path]) -> ReplyReport:
    """Apply every reply in `paths` in one transaction, oldest first."""
    replies: list[Reply] = []
    held: list[HeldReply] = []
    for path in paths:
        found, not_replies = read_replies(Path(path))
        replies += found
        held += not_replies
    replies.sort(key=lambda r: (r.sequence, r.stamp))
    changes: list[StatusChange] = []
    loaded: dict[int, _Roundtable] = {}
    with store.db.atomic():
        for reply in replies:
            outcome = _apply_one(store, reply, loaded)
            if isinstance(outcome, StatusChange):
                changes.append(outcome)
            else:
                held.append(outcome)
    return ReplyReport(tuple(changes), tuple(held))


def _find(
    store: Store, reply: Reply, loaded: dict[int, _Roundtable]
) -> tuple[_Roundtable, int] | HeldReply:
    roundtable_id = store.deliveries.roundtable_by_uid(reply.uid)
    if roundtable_id is None:
        return HeldReply(reply.source, reply.address, HeldReason.UNKNOWN_EVENT, reply.uid)
    if roundtable_id not in loaded:
        loaded[roundtable_id] = _load(store, roundtable_id)
    known = loaded[roundtable_id]
    matches = _match(known, reply)
    if len(matches) == 1:
        return known, matches[0]
    reason = HeldReason.AMBIGUOUS if matches else HeldReason.UNKNOWN_ADDRESS
    return HeldReply(reply.source, reply.address, reason)


def _judge(
    store: Store, reply: Reply, known: _Roundtable, invitation_id: int
) -> InvitationStatus | HeldReply:
    latest = known.sent.get(invitation_id)
    if latest is not None and reply.sequence < latest:
        detail = f"SEQUENCE {reply.sequence}, latest sent {latest}"
        return HeldReply(reply.source, reply.address, HeldReason.STALE, detail)
    new = _ANSWERS.get(reply.partstat)
    if new is None:
        return HeldReply(reply.source, reply.address, HeldReason.UNSUPPORTED, reply.partstat)
    last = store.deliveries.last_reply(invitation_id)
    if last is not None and (reply.sequence, reply.stamp) <= (last.sequence, last.replied_at):
        same = (reply.sequence, reply.stamp) == (last.sequence, last.replied_at)
        reason = HeldReason.ALREADY_APPLIED if same else HeldReason.SUPERSEDED
        return HeldReply(reply.source, reply.address, reason)
    return new


def _apply_one(
    store: Store, reply: Reply, loaded: dict[int, _Roundtable]
) -> StatusChange | HeldReply:
    found = _find(store, reply, loaded)
    if isinstance(found, HeldReply):
        return found
    known, invitation_id = found
    new = _judge(store, reply, known, invitation_id)
    if isinstance(new, HeldReply):
        return new
    invitation = next(i for i in known.invitations if i.id == invitation_id)
    store.deliveries.record_reply(
        invitation_id,
        sequence=reply.sequence,
        replied_at=reply.stamp,
        partstat=reply.partstat,
        file_name=reply.source,
    )
    # The one way statuses change: a decline frees the seat for the first reserve, in this
    # same transaction.
    promoted = update_invitation(store, invitation_id, InvitationChange(status=new))
    known.invitations = store.roundtables.invitations(known.id)
    label = known.addresses[invitation_id][2]
    return StatusChange(
        reply.source,
        known.id,
        invitation_id,
        label,
        invitation.status,
        new,
        promoted.id if promoted else None,
    )
