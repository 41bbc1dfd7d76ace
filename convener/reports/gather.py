"""What reports read from the store, and the small rules every report shares.

People reach a report only as `PersonView`s from `convener.privacy.render_person`; this module
never decides on its own whether someone may be named.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from convener.consent import ConsentState
from convener.domain import (
    Attribution,
    Invitation,
    InvitationStatus,
    Roundtable,
    Stakeholder,
)
from convener.errors import NotFoundError
from convener.findings_output import OutputFinding, findings_and_text
from convener.free_text import redacted_roundtable
from convener.privacy import Audience, PersonView, render_person
from convener.reports.content import Bar, BarChart
from convener.storage import Store
from convener.timezones import local

SMALL_COUNT = 3  # counts below this are shown as "fewer than 3" so no one can be singled out
NO_SECTOR = "Sector not recorded"


@dataclass(frozen=True, slots=True)
class Attendee:
    invitation: Invitation
    person: Stakeholder
    consent: ConsentState

    def view(self, audience: Audience) -> PersonView | None:
        return render_person(self.person, self.consent, audience)


@dataclass(frozen=True, slots=True)
class RoundtableData:
    roundtable: Roundtable
    invited: tuple[Attendee, ...]  # everyone on the list, in list order
    findings: tuple[OutputFinding, ...]  # never the retracted ones; names redacted in text
    retracted_count: int

    @property
    def attended(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.invited if a.invitation.status is InvitationStatus.ATTENDED)


def load_roundtables(
    store: Store,
    roundtable_ids: Sequence[int],
    audience: Audience,
    on_loaded: Callable[[int], None] | None = None,
) -> list[RoundtableData]:
    """The roundtables as a report for `audience` may print them, in the order asked.

    Findings come through `findings_for_output`, the one place that drops retracted findings
    and redacts names typed into finding text, so reports follow the same rules as every
    other output. It is asked once for all the roundtables: its redaction covers every lived
    experience expert in the directory, which costs as much to set up as to apply.
    `on_loaded` is told how many roundtables have been read so far.
    """
    lists = store.roundtables.invitation_lists(roundtable_ids)
    ids = sorted({i.stakeholder_id for invitations in lists.values() for i in invitations})
    consent = store.consent.states(ids)
    people = {p.id: (p, consent[p.id]) for p in store.stakeholders.get_many(ids)}
    roundtables = {r.id: r for r in store.roundtables.get_many(roundtable_ids)}
    # Names typed into the roundtables' own text and into findings: one matcher for both.
    output, text = findings_and_text(
        store,
        roundtable_ids,
        audience,
        invited=people,
        roundtables=roundtables,
        roundtable_text=True,
    )
    findings: defaultdict[int, list[OutputFinding]] = defaultdict(list)
    for finding in output:
        findings[finding.roundtable_id].append(finding)
    retracted = store.findings.retracted_counts(roundtable_ids)
    loaded = []
    for roundtable_id in roundtable_ids:
        if roundtable_id not in roundtables:
            raise NotFoundError(f"no roundtable with id {roundtable_id}")
        invited = tuple(
            Attendee(inv, *people[inv.stakeholder_id])
            for inv in lists[roundtable_id]
            if inv.stakeholder_id in people
        )
        loaded.append(
            RoundtableData(
                redacted_roundtable(roundtables[roundtable_id], text),
                invited,
                tuple(findings[roundtable_id]),
                retracted[roundtable_id],
            )
        )
        if on_loaded:
            on_loaded(len(loaded))
    return loaded


def long_date(moment: datetime, tz: str) -> str:
    day = local(moment, tz)
    return f"{day.day} {day:%B %Y}"


def local_day(roundtable: Roundtable) -> date:
    return local(roundtable.starts_at, roundtable.tz).date()


def when(roundtable: Roundtable) -> str:
    start = local(roundtable.starts_at, roundtable.tz)
    end = local(roundtable.ends_at, roundtable.tz)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} ({roundtable.tz})"


def shown_count(count: int) -> str:
    return f"fewer than {SMALL_COUNT}" if 0 < count < SMALL_COUNT else str(count)


def sector_counts(people: Iterable[Stakeholder]) -> Counter[str]:
    return Counter(p.sector or NO_SECTOR for p in people)


def sector_chart(counts: Counter[str], caption: str) -> BarChart:
    """Participation by sector, largest first; small counts suppressed in bar and label alike."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    bars = tuple(
        Bar(
            label=sector,
            value=max(count, SMALL_COUNT) if count < SMALL_COUNT else count,
            shown=shown_count(count),
            suppressed=count < SMALL_COUNT,
        )
        for sector, count in ordered
    )
    parts = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    description = (
        f"Bar chart of participants by sector, largest first; counts below {SMALL_COUNT} are "
        f"drawn as dashed bars of length {SMALL_COUNT}. {parts}."
        if bars
        else "No attendance has been recorded."
    )
    return BarChart(caption, description, "Sector", "Participants", bars)


def attribution_text(finding: OutputFinding) -> str | None:
    """Who said it, as the report's audience may see it; None when it must not be attributed.

    Whether and how a finding is attributed (Chatham House, consent to be quoted, the name or
    sector the disclosure policy shows) is decided once, by `findings_for_output`; a report
    only words it.
    """
    said_by = finding.attributed_to
    if said_by is None:
        return None
    if finding.attribution is Attribution.SECTOR:
        return f"a participant from {said_by}"
    return said_by


def pounds(pence: int | None) -> str:
    return "—" if pence is None else f"£{pence / 100:,.2f}"
