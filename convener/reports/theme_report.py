"""The consolidated thematic report: every reported roundtable on a theme in a period.

It is a public document, so everyone in it passes through the public disclosure rules, and the
Chatham House rule of each roundtable holds here too (findings are never attributed).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

from convener.domain import FindingKind, RoundtableStatus
from convener.errors import ValidationError
from convener.findings_output import OutputFinding
from convener.privacy import Audience
from convener.reports.content import Bullets, Heading, Para, ReportContent, Table
from convener.reports.gather import (
    NO_SECTOR,
    SMALL_COUNT,
    RoundtableData,
    load_roundtables,
    local_day,
    long_date,
    sector_chart,
    shown_count,
)
from convener.storage import Store, Taxonomy

Progress = Callable[[int, int, str], None]


def _period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    if start:
        return f"from {start.day} {start:%B %Y}"
    if end:
        return f"up to {end.day} {end:%B %Y}"
    return "all dates"


def select_roundtables(
    store: Store, theme: str, start: date | None, end: date | None
) -> tuple[str, list[int]]:
    """The theme's name as stored, and the ids of its reported roundtables in the period."""
    if start and end and end < start:
        raise ValidationError("the period ends before it starts", "to")
    theme_id = store.taxonomy.resolve(Taxonomy.THEMES, theme)
    name = next(
        t.name
        for t in store.taxonomy.terms(Taxonomy.THEMES, include_retired=True)
        if t.id == theme_id
    )
    ids = [
        rt.id
        for rt in store.roundtables.all(theme_id=theme_id, status=RoundtableStatus.REPORTED)
        if (start is None or local_day(rt) >= start) and (end is None or local_day(rt) <= end)
    ]
    return name, ids


def _short(data: RoundtableData) -> str:
    return f"{data.roundtable.title}, {long_date(data.roundtable.starts_at, data.roundtable.tz)}"


def _participation(store: Store, rounds: list[RoundtableData], report: ReportContent) -> None:
    people: dict[int, str] = {}
    sector_rounds: dict[str, set[int]] = defaultdict(set)
    organisations: set[str] = set()
    for data in rounds:
        for attendee in data.attended:
            sector = attendee.person.sector or NO_SECTOR
            people[attendee.person.id] = sector
            sector_rounds[sector].add(data.roundtable.id)
            view = attendee.view(Audience.PUBLIC)
            if view is not None and view.organisation:
                report.disclosed.add(attendee.person.id)
                organisations.add(view.organisation)
    counts = Counter(people.values())
    report.add(Heading("Participation across the roundtables"))
    report.add(
        Para(
            f"{shown_count(len(people)).capitalize()} different people took part across "
            f"{len(rounds)} roundtable{'s' if len(rounds) != 1 else ''}. Each person is counted "
            f"once however many roundtables they attended; counts below {SMALL_COUNT} are shown "
            f"as “fewer than {SMALL_COUNT}”.",
        ),
        sector_chart(counts, "Participants by sector, all roundtables"),
    )
    report.add(Heading("Sector coverage"))
    rows = tuple(
        (sector, f"{len(sector_rounds[sector])} of {len(rounds)}", shown_count(counts[sector]))
        for sector in sorted(counts, key=str.casefold)
    )
    report.add(
        Table(
            "How many of the roundtables each sector took part in",
            ("Sector", "Roundtables", "Participants"),
            rows,
            (0.5, 0.25, 0.25),
        )
    )
    known = [t.name for t in store.taxonomy.terms(Taxonomy.SECTORS)]
    missing = [name for name in known if name not in counts]
    if missing:
        report.add(
            Para(f"Sectors not represented in any of these roundtables: {', '.join(missing)}.")
        )
    if organisations:
        report.add(Heading("Participating organisations", 2))
        report.add(Bullets(tuple(sorted(organisations, key=str.casefold))))


def _of_kind(rounds: list[RoundtableData], kind: FindingKind) -> list[tuple[OutputFinding, str]]:
    return [(f, _short(d)) for d in rounds for f in d.findings if f.kind is kind]


def _findings(rounds: list[RoundtableData], report: ReportContent) -> None:
    report.add(Heading("What we heard"))
    by_theme: dict[str, list[str]] = defaultdict(list)
    for finding, source in _of_kind(rounds, FindingKind.INSIGHT):
        by_theme[finding.theme or "Other findings"].append(f"{finding.text}\n({source})")
    if not by_theme:
        report.add(Para("No findings were recorded."))
    for theme in sorted(by_theme, key=str.casefold):
        report.add(Heading(theme, 2), Bullets(tuple(by_theme[theme])))

    recommendations = _of_kind(rounds, FindingKind.RECOMMENDATION)
    report.add(Heading("Recommendations"))
    if recommendations:
        ordered = sorted(recommendations, key=lambda r: ((r[0].lever or "~"), r[1]))
        rows = tuple(
            (f.text, f.addressed_to or "—", f.lever or "—", source) for f, source in ordered
        )
        report.add(
            Table(
                "Recommendations from all the roundtables, by lever",
                ("Recommendation", "Addressed to", "Lever", "Roundtable"),
                rows,
                # The lever column holds "Collaborating" unbroken (a test reads it back).
                (0.42, 0.18, 0.16, 0.24),
            )
        )
    else:
        report.add(Para("No recommendations were recorded."))

    gaps = _of_kind(rounds, FindingKind.EVIDENCE_GAP)
    report.add(Heading("Evidence gaps"))
    report.add(
        Bullets(tuple(f"{f.text}\n({s})" for f, s in gaps)) if gaps else Para("None recorded.")
    )
    actions = _of_kind(rounds, FindingKind.ACTION)
    report.add(Heading("Next steps"))
    report.add(
        Bullets(tuple(f"{f.text}\n({s})" for f, s in actions))
        if actions
        else Para("None recorded.")
    )


def build_theme_report(
    store: Store,
    theme: str,
    start: date | None = None,
    end: date | None = None,
    on_progress: Progress | None = None,
) -> ReportContent:
    name, ids = select_roundtables(store, theme, start, end)

    def loaded(done: int) -> None:
        if on_progress:
            on_progress(done, len(ids), "Reading roundtables")

    rounds = load_roundtables(store, ids, Audience.PUBLIC, loaded)
    period = _period(start, end)
    report = ReportContent(
        title=f"{name}: what our roundtables found",
        subtitle="Consolidated findings report",
        subject=f"Consolidated findings and recommendations on {name}, {period}",
        audience=Audience.PUBLIC,
        title_lines=(f"Period: {period}", f"Roundtables: {len(rounds)}"),
    )
    report.add(Heading("Summary"))
    if not rounds:
        report.add(Para(f"No roundtable on {name} was reported in this period."))
        return report
    findings = sum(len(d.findings) for d in rounds)
    # People named (with consent) in the text of the findings this report prints.
    report.disclosed.update(sid for d in rounds for f in d.findings for sid in f.named)
    report.add(
        Para(
            f"This report brings together {findings} findings, recommendations, evidence gaps "
            f"and actions from {len(rounds)} roundtable{'s' if len(rounds) != 1 else ''} on "
            f"{name} ({period}). Each was held under the Chatham House rule, so nothing is "
            "attributed to any participant."
        ),
        Table(
            "The roundtables in this report",
            ("Roundtable", "Date", "Participants"),
            tuple(
                (
                    d.roundtable.title,
                    long_date(d.roundtable.starts_at, d.roundtable.tz),
                    shown_count(len(d.attended)),
                )
                for d in rounds
            ),
            (0.58, 0.24, 0.18),
        ),
    )
    _participation(store, rounds, report)
    _findings(rounds, report)
    return report
