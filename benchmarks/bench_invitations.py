"""Timing: invitation files for 500 invitees, against a floor of bare icalendar serialisation.

Run: python benchmarks/bench_invitations.py [--invitees 500] [--repeat 5]

Three timings, each the median of --repeat runs, all in the same process:
- floor: icalendar builds and serialises the same 500 events (one attendee each, the
  library's VTIMEZONE), with no cleaning, no checks and no e-mail: the least any
  icalendar-based exporter could spend;
- build: our pure builders, one REQUEST .ics and one .eml per invitee;
- export: `write_invitations` end to end on a real database: disclosure policy, files written
  atomically, delivery log and disclosure ledger in one transaction.
Goal: export <= 1 s for 500 invitees.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icalendar import Calendar, Event, Timezone, vCalAddress  # noqa: E402

from convener.calendar.drafts import Mailbox, build_email  # noqa: E402
from convener.calendar.events import Recipient, build_request  # noqa: E402
from convener.calendar.export import write_invitations  # noqa: E402
from convener.calendar.wording import html_body, plain_body, subject, wording  # noqa: E402
from convener.directory import add_stakeholder  # noqa: E402
from convener.domain import InvitationStatus, StakeholderDraft  # noqa: E402
from convener.storage import Store  # noqa: E402
from convener.storage.roundtables import RoundtableRecord  # noqa: E402
from convener.timezones import parse_planned  # noqa: E402


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def setup(folder: Path, invitees: int) -> tuple[Store, int]:
    store = Store.open(folder / "bench.db")
    with store.db.atomic():
        roundtable_id = store.roundtables.insert(
            RoundtableRecord(
                title="Secure reporting and remediation in supply chains",
                theme_id=None,
                starts_at=parse_planned("2026-10-25T10:00"),
                ends_at=parse_planned("2026-10-25T13:00"),
                tz="Europe/London",
                purpose="What makes reporting channels trusted; what good remediation looks like.",
                location="Responsible Sourcing Forum, 88 Tanner Street, London SE1 3LD",
                online_url="https://meet.example.org/remediation",
                organiser_name="Tom Hargreaves",
                organiser_email="tom.hargreaves@office.example",
            )
        )
        for n in range(invitees):
            sid = add_stakeholder(
                store, StakeholderDraft(name=f"Person {n:04d} Ñame", email=f"p{n}@example.org")
            )
            store.roundtables.invite(roundtable_id, sid, status=InvitationStatus.INVITED)
    return store, roundtable_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invitees", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        store, roundtable_id = setup(folder, args.invitees)
        roundtable = store.roundtables.get(roundtable_id)
        stamp = datetime.now(UTC)
        people = [(f"Person {n:04d} Ñame", f"p{n}@example.org") for n in range(args.invitees)]
        london = ZoneInfo("Europe/London")
        library_zone = Timezone.from_tzinfo(
            london, first_date=date(2026, 1, 1), last_date=date(2027, 1, 1)
        )

        def floor() -> None:
            for name, address in people:
                event = Event.new(
                    uid=roundtable.uid,
                    summary=roundtable.title,
                    description=roundtable.purpose,
                    location=roundtable.location,
                    url=roundtable.online_url,
                    start=roundtable.starts_at.astimezone(london),
                    end=roundtable.ends_at.astimezone(london),
                    stamp=stamp,
                    sequence=0,
                    organizer=vCalAddress.new("tom.hargreaves@office.example", cn="Tom"),
                    attendees=[vCalAddress.new(address, cn=name)],
                )
                cal = Calendar()
                cal.add("PRODID", "-//floor//EN")
                cal.add("VERSION", "2.0")
                cal.add("METHOD", "REQUEST")
                cal.add_component(library_zone)
                cal.add_component(event)
                cal.to_ical()

        def build() -> None:
            words = wording(roundtable)
            sender = Mailbox(roundtable.organiser_name or "", roundtable.organiser_email or "")
            for name, address in people:
                ics = build_request(roundtable, Recipient(name, address), stamp=stamp, words=words)
                build_email(
                    ics,
                    method="REQUEST",
                    sender=sender,
                    recipient=Mailbox(name, address),
                    subject=subject("Invitation", words),
                    plain=plain_body(name, "You are invited.", words),
                    html=html_body(name, "You are invited.", words),
                    stamp=stamp,
                )

        runs = iter(range(10**6))

        def export() -> None:
            write_invitations(store, roundtable_id, folder / f"out-{next(runs)}")

        floor_s = median_seconds(floor, args.repeat)
        build_s = median_seconds(build, args.repeat)
        export_s = median_seconds(export, args.repeat)
        store.close()

    rows = [
        ("floor  (bare icalendar .ics)", floor_s),
        ("build  (our .ics + .eml)", build_s),
        ("export (files + log + ledger, disk)", export_s),
    ]
    print(f"{args.invitees} invitees, median of {args.repeat} runs")
    for label, seconds in rows:
        print(f"  {label:<36} {seconds:7.3f} s  = {seconds / floor_s:4.2f}x floor")
    verdict = "met" if export_s <= 1.0 else "MISSED"
    print(f"  goal: export <= 1 s for 500 invitees: {verdict}")


if __name__ == "__main__":
    main()
