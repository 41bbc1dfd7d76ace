"""The findings summary of one roundtable: public by default, or internal for the office."""

from __future__ import annotations

from collections import defaultdict

from convener.domain import FindingKind, InvitationStatus, RoundtableStatus
from convener.errors import ConvenerError
from convener.findings_output import OutputFinding
from convener.privacy import Audience
from convener.reports.content import Bullets, Heading, Para, ReportContent, Table
from convener.reports.gather import (
    NO_SECTOR,
    SMALL_COUNT,
    RoundtableData,
    attribution_text,
    load_roundtables,
    local_day,
    pounds,
    sector_chart,
    sector_counts,
    shown_count,
    when,
)
from convener.storage import Store

INTERNAL_BANNER = "INTERNAL — not for publication"
_STATUS = {
    RoundtableStatus.DRAFT: "draft",
    RoundtableStatus.INVITATIONS_SENT: "invitations sent",
    RoundtableStatus.HELD: "held",
    RoundtableStatus.REPORTED: "reported",
    RoundtableStatus.CANCELLED: "cancelled",
}


def _held(data: RoundtableData) -> bool:
    return data.roundtable.status in (RoundtableStatus.HELD, RoundtableStatus.REPORTED)


_FORMATS = {"online": "Online", "in person": "In person", "hybrid": "Hybrid"}


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _of_kind(data: RoundtableData, kind: FindingKind) -> list[OutputFinding]:
    return [f for f in data.findings if f.kind is kind]


def _with_attribution(finding: OutputFinding, report: ReportContent) -> str:
    said_by = attribution_text(finding)
    if said_by is None:
        return finding.text
    if finding.by_stakeholder_id is not None:
        report.disclosed.add(finding.by_stakeholder_id)
    return f"{finding.text}\n— {said_by}"


def _produced(data: RoundtableData, audience: Audience) -> str:
    """What was recorded, every kind the report shows counted, so the total is what it shows."""
    kinds = [
        (FindingKind.INSIGHT, "insight"),
        (FindingKind.RECOMMENDATION, "recommendation"),
        (FindingKind.EVIDENCE_GAP, "evidence gap"),
        (FindingKind.ACTION, "action" if audience is Audience.INTERNAL else "next step"),
    ]
    parts = [_plural(n, word) for kind, word in kinds if (n := len(_of_kind(data, kind)))]
    if not parts:
        return "No findings were recorded."
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"The discussion produced {_plural(len(data.findings), 'finding')}: {listed}."


def _summary(data: RoundtableData, report: ReportContent) -> None:
    rt = data.roundtable
    attended = data.attended
    sectors = sector_counts(a.person for a in attended)
    report.add(Heading("Summary"))
    if rt.purpose:
        report.add(Para(rt.purpose))
    if not _held(data):
        report.add(Para(f"This roundtable has not been held yet ({_STATUS[rt.status]})."))
        return
    counts = (
        f"{shown_count(len(attended)).capitalize()} people took part, from "
        f"{_plural(len(sectors), 'sector')}. {_produced(data, report.audience)}"
    )
    report.add(Para(counts))
    if rt.chatham_house:
        report.add(
            Para(
                "The roundtable was held under the Chatham House rule: this summary reports "
                "what was said, not who said it.",
                note=True,
            )
        )


def _participation(data: RoundtableData, report: ReportContent) -> None:
    attended = data.attended
    report.add(Heading("Who took part"))
    report.add(
        sector_chart(sector_counts(a.person for a in attended), "Participants by sector"),
        Para(
            f"Counts below {SMALL_COUNT} are shown as “fewer than {SMALL_COUNT}” so that no "
            "participant can be identified from them.",
            note=True,
        ),
    )
    named: list[tuple[str, str]] = []
    organisations: set[str] = set()
    for attendee in attended:
        view = attendee.view(Audience.PUBLIC)
        if view is None:
            continue
        report.disclosed.add(attendee.person.id)
        named.append((view.name, view.organisation or ""))
        if view.organisation:
            organisations.add(view.organisation)
    if organisations:
        report.add(Heading("Participating organisations", 2))
        report.add(Bullets(tuple(sorted(organisations, key=str.casefold))))
    if named:
        report.add(Heading("Participants named with their consent", 2))
        report.add(
            Bullets(tuple(f"{n}, {o}" if o else n for n, o in sorted(named, key=_casefold_pair)))
        )
    report.add(
        Para(
            "Other participants took part without being named, by their choice or because "
            "they have not recorded consent to be named.",
            note=True,
        )
    )


def _casefold_pair(pair: tuple[str, str]) -> tuple[str, str]:
    return (pair[0].casefold(), pair[1].casefold())


def _findings(data: RoundtableData, report: ReportContent) -> None:
    insights = _of_kind(data, FindingKind.INSIGHT)
    report.add(Heading("What we heard"))
    if not insights:
        report.add(Para("No findings were recorded."))
        return
    by_item: dict[int | None, list[OutputFinding]] = defaultdict(list)
    for finding in insights:
        by_item[finding.agenda_item_id].append(finding)
    for item in data.roundtable.agenda:
        if item.id in by_item:
            report.add(Heading(item.title, 2))
            texts = (_with_attribution(f, report) for f in by_item[item.id])
            report.add(Bullets(tuple(texts)))
    # Findings outside any agenda item are grouped by their theme instead.
    by_theme: dict[str, list[OutputFinding]] = defaultdict(list)
    for finding in by_item.get(None, []):
        by_theme[finding.theme or "Other findings"].append(finding)
    for theme, found in sorted(by_theme.items()):
        report.add(Heading(theme, 2))
        report.add(Bullets(tuple(_with_attribution(f, report) for f in found)))


def _recommendations(data: RoundtableData, report: ReportContent) -> None:
    found = _of_kind(data, FindingKind.RECOMMENDATION)
    report.add(Heading("Recommendations"))
    if not found:
        report.add(Para("No recommendations were recorded."))
        return
    rows = tuple((f.text, f.addressed_to or "—", f.lever or "—") for f in found)
    report.add(
        Table(
            "Recommendations, the body each is addressed to, and the Commissioner's lever",
            ("Recommendation", "Addressed to", "Lever"),
            rows,
            (0.6, 0.24, 0.16),
        )
    )


def _gaps_and_next_steps(data: RoundtableData, audience: Audience, report: ReportContent) -> None:
    gaps = _of_kind(data, FindingKind.EVIDENCE_GAP)
    report.add(Heading("Evidence gaps"))
    report.add(Bullets(tuple(f.text for f in gaps)) if gaps else Para("None were identified."))
    actions = _of_kind(data, FindingKind.ACTION)
    if audience is Audience.INTERNAL:
        report.add(Heading("Actions"))
        if actions:
            rows = tuple(
                (f.text, f.owner or "—", f.due_on.isoformat() if f.due_on else "—") for f in actions
            )
            report.add(
                Table(
                    "Actions with owners and due dates",
                    ("Action", "Owner", "Due"),
                    rows,
                    (0.62, 0.22, 0.16),
                )
            )
        else:
            report.add(Para("No actions were recorded."))
        return
    report.add(Heading("Next steps"))
    if actions:
        steps = tuple(
            f"{f.text} (by {f.due_on.day} {f.due_on:%B %Y})" if f.due_on else f.text
            for f in actions
        )
        report.add(Bullets(steps))
    else:
        report.add(Para("No next steps were recorded."))


def _attendees(data: RoundtableData, report: ReportContent) -> None:
    report.add(Heading("Invite list and attendance"))
    rows = []
    left_out = 0
    for attendee in data.invited:
        view = attendee.view(Audience.INTERNAL)
        if view is None:
            left_out += 1
            continue
        report.disclosed.add(attendee.person.id)
        inv = attendee.invitation
        rows.append(
            (
                view.name,
                view.organisation or "—",
                view.sector or NO_SECTOR,
                str(inv.role),
                str(inv.status),
            )
        )
    report.add(
        Table(
            "Everyone on the invite list, with their role and status",
            ("Name", "Organisation", "Sector", "Role", "Status"),
            tuple(rows),
            (0.24, 0.26, 0.2, 0.15, 0.15),
        )
    )
    if left_out:
        report.add(
            Para(f"{_plural(left_out, 'person')} erased from the directory not listed.", note=True)
        )
    if data.retracted_count:
        report.add(
            Para(
                f"{_plural(data.retracted_count, 'finding')} retracted by contributors not shown.",
                note=True,
            )
        )


def _remuneration(data: RoundtableData, report: ReportContent) -> None:
    report.add(Heading("Remuneration"))
    paid = [a for a in data.invited if a.invitation.fee_pence or a.invitation.expenses_pence]
    if not paid:
        report.add(Para("No fees or expenses were set for this roundtable."))
        return
    held_on = local_day(data.roundtable)
    rows = []
    for attendee in paid:
        view = attendee.view(Audience.INTERNAL)
        if view is None:
            continue
        inv = attendee.invitation
        if inv.paid_on:
            days = (inv.paid_on - held_on).days
            paid_text = f"{inv.paid_on.isoformat()} ({_plural(days, 'day')} after)"
        elif inv.status is InvitationStatus.ATTENDED:
            paid_text = "not yet paid"
        else:
            paid_text = f"not due ({inv.status})"
        rows.append(
            (view.name, str(inv.role), pounds(inv.fee_pence), pounds(inv.expenses_pence), paid_text)
        )
    fees = sum(a.invitation.fee_pence or 0 for a in paid)
    expenses = sum(a.invitation.expenses_pence or 0 for a in paid)
    report.add(
        Table(
            "Fees and expenses for each person paid for their time",
            ("Name", "Role", "Fee", "Expenses", "Paid"),
            tuple(rows),
            (0.24, 0.18, 0.14, 0.14, 0.3),
        ),
        Para(f"Total set: fees {pounds(fees)}, expenses {pounds(expenses)}."),
    )
    if data.roundtable.budget_pence is not None:
        report.add(Para(f"Budget: {pounds(data.roundtable.budget_pence)}."))


def build_roundtable_report(
    store: Store, roundtable_id: int, audience: Audience = Audience.PUBLIC
) -> ReportContent:
    """Assemble the summary of one roundtable for the public or for the office."""
    if audience not in (Audience.PUBLIC, Audience.INTERNAL):
        raise ValueError(f"reports are public or internal, not {audience}")
    (data,) = load_roundtables(store, [roundtable_id], audience)
    rt = data.roundtable
    internal = audience is Audience.INTERNAL
    if not internal and not _held(data):
        raise ConvenerError(
            f"roundtable {rt.id} has not been held ({_STATUS[rt.status]}): a public summary "
            "reports what happened, so it can be written once the roundtable is held "
            "(an internal summary can be written now)"
        )
    lines = [when(rt), _FORMATS.get(rt.format, rt.format.capitalize())]
    if not _held(data):
        lines.append("Not yet held" if rt.status is not RoundtableStatus.CANCELLED else "Cancelled")
    if rt.location:
        lines.append(rt.location)
    if rt.theme:
        lines.append(f"Theme: {rt.theme}")
    report = ReportContent(
        title=rt.title,
        subtitle="Internal summary" if internal else "Findings summary",
        subject=f"{'Internal' if internal else 'Public'} findings summary of the roundtable "
        f"“{rt.title}”",
        audience=audience,
        title_lines=tuple(lines),
        banner=INTERNAL_BANNER if internal else None,
    )
    _summary(data, report)
    if internal:
        _attendees(data, report)
    else:
        _participation(data, report)
    # People named (with consent) in the text of the findings this report prints.
    report.disclosed.update(sid for f in data.findings for sid in f.named)
    _findings(data, report)
    _recommendations(data, report)
    _gaps_and_next_steps(data, audience, report)
    if internal:
        _remuneration(data, report)
    return report
