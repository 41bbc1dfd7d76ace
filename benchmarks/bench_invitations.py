"""Exporting a roundtable's invitations: 500 invitees, each a REQUEST .ics and an .eml.

The operation is `write_invitations` end to end, as the app runs it: the disclosure policy for
each invitee, the .ics and the .eml built, every file written atomically, and the delivery log,
the disclosure ledger and the status changes in one transaction. It writes, so it runs on a
private copy of the generated database, with one new roundtable to which 500 people from the
directory (the first 500 in name order who have an email address) are invited. The count is
fixed by the issue; the run is at stress size, where the delivery log and ledger are largest
(and at small size in the test suite, with as many people as that has).

The floor is bare icalendar building and serialising the same 500 events, one attendee each,
with the library's own VTIMEZONE: no cleaning, no checks, no e-mail, no files, no ledger.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vCalAddress

from benchmarks.generate import TODAY
from benchmarks.harness import Context, Goal, Operation, benchmark
from convener.calendar.export import write_invitations
from convener.domain import InvitationStatus, Stakeholder
from convener.storage import StakeholderFilter, Store
from convener.storage.roundtables import RoundtableRecord
from convener.timezones import zone

INVITEES = 500


_STARTS = TODAY + timedelta(days=60, hours=9)
_ROUNDTABLE = RoundtableRecord(
    title="Secure reporting and remediation in supply chains",
    theme_id=None,
    starts_at=_STARTS,
    ends_at=_STARTS + timedelta(hours=3),
    tz="Europe/London",
    purpose="What makes reporting channels trusted; what good remediation looks like.",
    location="Responsible Sourcing Forum, 88 Tanner Street, London SE1 3LD",
    online_url="https://meet.example.org/remediation",
    organiser_name="Office of the Commissioner",
    organiser_email="events@example.gov.uk",
)


def _invitees(store: Store) -> list[Stakeholder]:
    """The first 500 people in name order who are not lived experience experts and have email."""
    ids = store.stakeholders.ids(StakeholderFilter(lived_experience=False))
    return [p for p in store.stakeholders.get_many(ids[: INVITEES * 2]) if p.email][:INVITEES]


def bare_icalendar(ctx: Context) -> Operation:
    """bare icalendar: the same events serialised"""
    rt = _ROUNDTABLE
    people = [(p.name, p.email or "") for p in _invitees(ctx.store)]
    local = zone(rt.tz)
    library_zone = Timezone.from_tzinfo(
        local, first_date=date(_STARTS.year, 1, 1), last_date=date(_STARTS.year + 1, 1, 1)
    )
    organiser = vCalAddress.new(rt.organiser_email or "", cn=rt.organiser_name or "")

    def run() -> None:
        stamp = datetime.now(UTC)
        for name, address in people:
            event = Event.new(
                uid="floor@example.org",
                summary=rt.title,
                description=rt.purpose,
                location=rt.location,
                url=rt.online_url,
                start=rt.starts_at.astimezone(local),
                end=rt.ends_at.astimezone(local),
                stamp=stamp,
                sequence=0,
                organizer=organiser,
                attendees=[vCalAddress.new(address, cn=name)],
            )
            cal = Calendar()
            cal.add("PRODID", "-//floor//EN")
            cal.add("VERSION", "2.0")
            cal.add("METHOD", "REQUEST")
            cal.add_component(library_zone)
            cal.add_component(event)
            cal.to_ical()

    return run


@benchmark(
    "export 500 invitations",
    floor=bare_icalendar,
    goal=Goal(median=1.0),
    repeats=7,
    warmup=1,
    sizes=frozenset({"small", "stress"}),
)
def export_invitations(ctx: Context) -> Operation:
    """write_invitations for a roundtable with 500 invitees (files, delivery log, ledger)."""
    path = ctx.scratch_copy()
    store = Store.open(path)
    ctx.on_cleanup(store.close)
    with store.db.atomic():
        rid = store.roundtables.insert(_ROUNDTABLE)
        for person in _invitees(store):
            store.roundtables.invite(rid, person.id, status=InvitationStatus.INVITED)
    runs = itertools.count()

    def run() -> int:
        summary = write_invitations(store, rid, path.parent / f"out-{next(runs)}")
        return len(summary.files)

    return run
