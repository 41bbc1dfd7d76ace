"""Writing a roundtable's invitation files to a folder, and logging who was sent what.

Who gets a file (the rule event leads can rely on):
- Not cancelled: a REQUEST (.ics and .eml) for everyone on the main list (not on the reserve
  list) whose status is proposed, invited, accepted or tentative, and for anyone else who
  received an earlier version and has not declined (an update must reach everyone holding the
  old one). People who declined get no updates. Proposed people become invited.
- Cancelled: a CANCEL (.ics and .eml) for exactly the people who were sent a REQUEST before,
  whatever their status now; nobody else ever had it in their calendar.
- Always: one PUBLISH .ics for the office's own calendar, naming nobody (STATUS:CANCELLED once
  cancelled).
People are shown only as the disclosure policy renders them for the invitee audience (a
protected lived experience expert: their pseudonym at their intermediary's address). File
names carry ids, never names. Files are written atomically; the delivery log, the disclosure
ledger and the status changes are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from convener.calendar.drafts import Drafts, Mailbox
from convener.calendar.events import Addressed, Recipient, build_publish
from convener.calendar.wording import Wording, html_body, plain_body, subject, wording
from convener.domain import Invitation, InvitationStatus, Roundtable, RoundtableStatus
from convener.free_text import roundtable_for
from convener.principles import Outcome, joining_problem
from convener.privacy import Audience, render_person
from convener.safe_files import private_folder, write_private
from convener.storage import Store
from convener.storage.times import now_utc

OnProgress = Callable[[int, int, str], None]

ICS_KIND = "invitation .ics"
EML_KIND = "invitation .eml"

_SENDABLE = frozenset(
    {
        InvitationStatus.PROPOSED,
        InvitationStatus.INVITED,
        InvitationStatus.ACCEPTED,
        InvitationStatus.TENTATIVE,
    }
)


@dataclass(frozen=True, slots=True)
class WrittenFile:
    file_name: str
    method: str  # REQUEST, CANCEL or PUBLISH
    invitation_id: int | None = None
    stakeholder_id: int | None = None
    recipient: str = ""  # as the office sees them (protected people by pseudonym)
    address: str = ""  # where the draft is addressed


@dataclass(frozen=True, slots=True)
class SkippedInvitee:
    invitation_id: int
    stakeholder_id: int
    recipient: str
    reason: str


@dataclass(frozen=True, slots=True)
class ExportSummary:
    roundtable_id: int
    title: str
    sequence: int
    cancelled: bool
    folder: Path
    files: tuple[WrittenFile, ...] = ()
    skipped: tuple[SkippedInvitee, ...] = ()
    # Invitations that do not say how to join (no link online, no place in person).
    warning: str | None = None

    @property
    def recipients(self) -> tuple[WrittenFile, ...]:
        """One entry per invitee written for (their .ics; the .eml sits beside it)."""
        return tuple(f for f in self.files if f.invitation_id and f.file_name.endswith(".ics"))

    def lines(self) -> list[str]:
        what = "cancellations" if self.cancelled else "invitations"
        out = [f"{len(self.recipients)} {what} (SEQUENCE {self.sequence}) in {self.folder}"]
        for item in self.recipients:
            out.append(f"  {item.method:<7} {item.file_name} (+ .eml) -> {item.recipient}")
        for item in self.files:
            if item.method == "PUBLISH":
                out.append(f"  PUBLISH {item.file_name} (office calendar, no attendees)")
        for skipped in self.skipped:
            out.append(
                f"  skipped {skipped.recipient} (invitation {skipped.invitation_id}): "
                f"{skipped.reason}"
            )
        return out


@dataclass
class _Plan:
    files: list[tuple[WrittenFile, bytes]] = field(default_factory=list)
    skipped: list[SkippedInvitee] = field(default_factory=list)
    requested: list[int] = field(default_factory=list)


def _targets(
    roundtable: Roundtable, invitations: list[Invitation], sent: dict[int, int]
) -> list[Invitation]:
    if roundtable.status is RoundtableStatus.CANCELLED:
        return [inv for inv in invitations if inv.id in sent]
    return [
        inv
        for inv in invitations
        if (inv.status in _SENDABLE and inv.reserve_rank is None)
        or (inv.id in sent and inv.status is not InvitationStatus.DECLINED)
    ]


def _base_name(roundtable: Roundtable, invitation_id: int, method: str) -> str:
    return f"roundtable-{roundtable.id}-invitation-{invitation_id}-{method.lower()}"


def _files_for(
    words: Wording,
    calendars: Addressed,
    drafts: Drafts,
    recipient: Recipient,
    *,
    method: str,
    updated: bool,
) -> tuple[bytes, bytes]:
    ics = calendars.to(recipient)
    if method == "CANCEL":
        kind, lead = "Cancelled", "This roundtable has been cancelled. We are sorry."
    elif updated:
        kind, lead = "Updated invitation", "The details of this roundtable have changed."
    else:
        kind, lead = "Invitation", "You are invited to this roundtable."
    eml = drafts.draft(
        ics,
        recipient=Mailbox(recipient.name, recipient.email),
        subject=subject(kind, words),
        plain=plain_body(recipient.name, lead, words),
        html=html_body(recipient.name, lead, words),
    )
    return ics, eml


def write_invitations(
    store: Store,
    roundtable_id: int,
    out_dir: Path,
    on_progress: OnProgress | None = None,
    *,
    now: datetime | None = None,
) -> ExportSummary:
    """Write the files for the roundtable's current state into `out_dir`; see the module doc."""
    roundtable = store.roundtables.get(roundtable_id)
    invitations = store.roundtables.invitations(roundtable_id)
    sent = store.deliveries.latest_sequences(roundtable_id)
    cancelled = roundtable.status is RoundtableStatus.CANCELLED
    method = "CANCEL" if cancelled else "REQUEST"
    sequence = roundtable.sequence
    if cancelled and sent:
        # A cancellation must outrank every request sent (RFC 5546), even if the roundtable
        # was cancelled without raising its SEQUENCE.
        requested = [
            d.sequence
            for d in store.deliveries.for_roundtable(roundtable_id)
            if d.method == "REQUEST"
        ]
        sequence = max(sequence, max(requested, default=-1) + 1)
    stamp = now or now_utc()
    # Names typed into the title, purpose or agenda reach invitees only as the public may
    # see them; the office's own calendar copy shows them as the office may.
    words = wording(roundtable_for(store, roundtable, Audience.PUBLIC))
    targets = _targets(roundtable, invitations, sent)
    # What every invitee's files share is built once, for all of them.
    calendars = Addressed(method, roundtable, stamp=stamp, sequence=sequence, words=words)
    sender = Mailbox(roundtable.organiser_name or "", roundtable.organiser_email or "")
    drafts = Drafts(method=method, sender=sender, stamp=stamp)
    people = {p.id: p for p in store.stakeholders.get_many([i.stakeholder_id for i in targets])}
    consent = store.consent.states(list(people))
    total = len(targets) + 1
    plan = _Plan()
    for done, invitation in enumerate(targets):
        person = people[invitation.stakeholder_id]
        view = render_person(person, consent[person.id], Audience.INVITEE)
        office = render_person(person, consent[person.id], Audience.INTERNAL)
        label = office.name if office else f"erased person (invitation {invitation.id})"
        if on_progress:
            on_progress(done, total, label)
        if view is None or not view.email:
            reason = (
                "erased"
                if view is None
                else (
                    "their intermediary organisation has no email address"
                    if person.is_protected
                    else "no email address"
                )
            )
            plan.skipped.append(SkippedInvitee(invitation.id, person.id, label, reason))
            continue
        recipient = Recipient(view.name, view.email, invitation.role)
        ics, eml = _files_for(
            words, calendars, drafts, recipient, method=method, updated=invitation.id in sent
        )
        base = _base_name(roundtable, invitation.id, method)
        for suffix, data in ((".ics", ics), (".eml", eml)):
            written = WrittenFile(
                base + suffix, method, invitation.id, person.id, label, view.email
            )
            plan.files.append((written, data))
        plan.requested.append(invitation.id)
    if on_progress:
        on_progress(len(targets), total, "office calendar")
    office_words = wording(roundtable_for(store, roundtable, Audience.INTERNAL))
    publish = build_publish(roundtable, stamp=stamp, sequence=sequence, words=office_words)
    plan.files.append(
        (WrittenFile(f"roundtable-{roundtable.id}-office-calendar.ics", "PUBLISH"), publish)
    )
    _commit(store, roundtable, plan, out_dir, method=method, sequence=sequence, stamp=stamp)
    if on_progress:
        on_progress(total, total, "done")
    return ExportSummary(
        roundtable_id=roundtable.id,
        title=words.title,
        sequence=sequence,
        cancelled=cancelled,
        folder=out_dir,
        files=tuple(item for item, _ in plan.files),
        skipped=tuple(plan.skipped),
        warning=None if cancelled else joining_warning(roundtable),
    )


def joining_warning(roundtable: Roundtable) -> str | None:
    """The engagement check's sentence when invitations would not say how to join."""
    outcome, message, _ = joining_problem(roundtable)
    return None if outcome is Outcome.PASS else message


def _commit(
    store: Store,
    roundtable: Roundtable,
    plan: _Plan,
    out_dir: Path,
    *,
    method: str,
    sequence: int,
    stamp: datetime,
) -> None:
    private_folder(out_dir)
    with store.db.atomic():
        if sequence > roundtable.sequence:
            store.deliveries.raise_sequence(roundtable.id, sequence)
        for item, data in plan.files:
            write_private(out_dir / item.file_name, data, database=store.path)
            if item.invitation_id is None or item.stakeholder_id is None:
                continue  # the office calendar copy names nobody
            kind = ICS_KIND if item.file_name.endswith(".ics") else EML_KIND
            store.disclosures.record(
                [item.stakeholder_id], kind, str(Audience.INVITEE), item.file_name
            )
            if kind == ICS_KIND:
                store.deliveries.record(item.invitation_id, sequence, method, item.file_name, stamp)
        if method == "REQUEST" and plan.requested:
            # Only drafts were written: the roundtable becomes "invitations sent" when the user
            # says so, after sending them from their mail program.
            store.deliveries.mark_invited(plan.requested)
