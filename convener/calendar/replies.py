"""Applying iTIP REPLY files (.ics or .eml) to invitation statuses.

Each file is read and checked on its own (`convener.calendar.reply_files`): a file that cannot
be trusted is held back by name with the reason, and the good files in the same batch are
still applied. A reply is matched to a roundtable by UID and must answer that roundtable's
ORGANIZER; it is matched to an invitation by the attendee's address, case-insensitively,
against the address the invitation was sent to (for a protected person, their
intermediary's). Nothing is ever added: a reply from an address never invited is held for a
person to review, as is one older than the latest SEQUENCE sent to that invitee, one older
than a reply already applied, and any answer other than accept, tentative or decline. A reply
to a cancelled roundtable is recorded but changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from convener.calendar.reply_files import RefusedReplyError, Reply, read_reply_file
from convener.domain import Invitation, InvitationStatus, RoundtableStatus
from convener.invitations import InvitationChange, update_invitation
from convener.privacy import Audience, render_person
from convener.storage import Store
from convener.storage.times import now_utc

_ANSWERS = {
    "ACCEPTED": InvitationStatus.ACCEPTED,
    "TENTATIVE": InvitationStatus.TENTATIVE,
    "DECLINED": InvitationStatus.DECLINED,
}


class HeldReason(StrEnum):
    UNKNOWN_ADDRESS = "address never invited to this roundtable"
    UNKNOWN_EVENT = "no roundtable has this UID"
    STALE = "answers an older version than the latest sent"
    SUPERSEDED = "older than a reply already applied"
    ALREADY_APPLIED = "already applied"
    AMBIGUOUS = "address shared by several invitees"
    UNSUPPORTED = "not an accept, tentative or decline"
    REFUSED = "not a reply that can be trusted"
    WRONG_ORGANIZER = "answers an organiser other than this roundtable's"
    CANCELLED = "the roundtable is cancelled: recorded, status unchanged"


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

    def explained(self) -> str:
        return f"{self.reason} ({self.detail})" if self.detail else str(self.reason)


@dataclass(frozen=True, slots=True)
class ReplyReport:
    changes: tuple[StatusChange, ...]
    held: tuple[HeldReply, ...]

    @property
    def for_review(self) -> tuple[HeldReply, ...]:
        """Replies from addresses never invited: a person decides what they mean."""
        return tuple(h for h in self.held if h.reason is HeldReason.UNKNOWN_ADDRESS)

    def headline(self) -> str:
        """ "3 applied, 1 held back: NAME: reason" (every held reply named, by file)."""
        line = f"{len(self.changes)} applied, {len(self.held)} held back"
        if self.held:
            line += ": " + "; ".join(f"{h.source}: {h.explained()}" for h in self.held)
        return line

    def lines(self) -> list[str]:
        out = [self.headline()]
        for change in self.changes:
            out.append(
                f"  {change.invitee} (roundtable {change.roundtable_id}): "
                f"{change.old} -> {change.new}  [{change.source}]"
            )
            if change.promoted is not None:
                out.append(f"    the first reserve (invitation {change.promoted}) takes the place")
        for held in self.held:
            out.append(f"  held: {held.address or '-'}: {held.explained()}  [{held.source}]")
        return out


@dataclass
class _Roundtable:
    id: int
    invitations: list[Invitation]
    addresses: dict[int, tuple[str, str, str]]  # invitation id -> (address, name, office label)
    sent: dict[int, int]
    organizer: str  # the organiser address the invitations carried, lower case
    cancelled: bool


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
    roundtable = store.roundtables.get(roundtable_id)
    return _Roundtable(
        roundtable_id,
        invitations,
        addresses,
        store.deliveries.latest_sequences(roundtable_id),
        (roundtable.organiser_email or "").strip().lower(),
        roundtable.status is RoundtableStatus.CANCELLED,
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
    """Apply every reply in `paths` in one transaction, oldest first; hold back the rest."""
    replies: list[Reply] = []
    held: list[HeldReply] = []
    now = now_utc()
    for path in paths:
        try:
            replies += read_reply_file(Path(path), now)
        except RefusedReplyError as exc:
            held.append(HeldReply(Path(path).name, "", HeldReason.REFUSED, str(exc)))
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
    if reply.organizer != known.organizer:
        detail = f"ORGANIZER {reply.organizer or '(none)'}"
        return HeldReply(reply.source, reply.address, HeldReason.WRONG_ORGANIZER, detail)
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
    if known.cancelled:
        return HeldReply(reply.source, reply.address, HeldReason.CANCELLED, reply.partstat)
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
