"""Consolidated report over 200 roundtables, against the floor of bare reportlab.

Run: `python benchmarks/bench_reports.py [--roundtables 200] [--repeat 3]`.

It generates a database of reported roundtables on one theme (about 12 attendees and
8 findings each, names in several scripts), then times, in the same run:
- convener: `write_theme_report` end to end (reading the store, disclosure rules, the text
  pipeline with glyph checks, PDF with bookmarks, the HTML twin, the ledger);
- floor: bare reportlab building the same paragraphs and tables (the text only escaped, the
  same fonts) into a SimpleDocTemplate, which is the least any PDF of this content costs.
Goal: convener ≤ 5 s for 200 roundtables.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from convener.directory import add_stakeholder
from convener.domain import (
    ConsentPurpose,
    FindingKind,
    InvitationStatus,
    RoundtableStatus,
    StakeholderDraft,
)
from convener.reports import write_theme_report
from convener.reports.content import BarChart, Bullets, Heading, Para
from convener.reports.content import Table as TableBlock
from convener.reports.fonts import BOLD, REGULAR, report_fonts
from convener.reports.theme_report import build_theme_report
from convener.storage import Store, Taxonomy
from convener.storage.findings import FindingRecord
from convener.storage.roundtables import RoundtableRecord

THEME = "Domestic and global supply chains"
NAMES = [
    "Łucja Wójcik",
    "Nguyễn Thị Hương",
    "Siân Llŷr",
    "Ștefan Țurcanu",
    "Gülşen Öztürk",
    "Αλέξανδρος Παπαδόπουλος",
    "Олена Коваленко",
    "Oliver Grant",
]
KINDS = (
    [FindingKind.INSIGHT] * 4
    + [FindingKind.RECOMMENDATION] * 2
    + [FindingKind.EVIDENCE_GAP, FindingKind.ACTION]
)
TEXT = (
    "Workers are more likely to use a reporting channel that is run independently of "
    "their employer, is available in their own language & does not need a name <always>."
)


def generate(store: Store, roundtables: int) -> None:
    taxonomy = store.taxonomy
    sectors = [t.name for t in taxonomy.terms(Taxonomy.SECTORS)]
    theme_id = taxonomy.resolve(Taxonomy.THEMES, THEME)
    lever_id = taxonomy.resolve(Taxonomy.LEVERS, "Influencing")
    with store.db.atomic():
        people = []
        for n in range(400):
            sid = add_stakeholder(
                store,
                StakeholderDraft(
                    name=f"{NAMES[n % len(NAMES)]} {n}",
                    organisation=f"Organisation {n % 60}",
                    sector=sectors[n % len(sectors)],
                    lived_experience=n % 9 == 0,
                    pseudonym=f"Alias {n}" if n % 9 == 0 else None,
                ),
            )
            if n % 3 == 0:
                store.consent.record(sid, ConsentPurpose.NAMED, given=True)
            people.append(sid)
        start = datetime(2025, 1, 6, 10, tzinfo=UTC)
        for r in range(roundtables):
            begins = start + timedelta(days=3 * r)
            rid = store.roundtables.insert(
                RoundtableRecord(
                    title=f"Supply chains roundtable {r + 1}",
                    theme_id=theme_id,
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=2),
                    tz="Europe/London",
                    purpose="To hear from businesses, investors and workers.",
                    status=RoundtableStatus.REPORTED,
                )
            )
            for k in range(12):
                store.roundtables.invite(
                    rid,
                    people[(r * 7 + k * 13) % len(people)],
                    status=InvitationStatus.ATTENDED,
                )
            for k, kind in enumerate(KINDS):
                store.findings.add(
                    FindingRecord(
                        roundtable_id=rid,
                        kind=kind,
                        text=f"{TEXT} ({r}.{k})",
                        theme_id=theme_id,
                        lever_id=lever_id if kind is FindingKind.RECOMMENDATION else None,
                        addressed_to="Home Office" if kind is FindingKind.RECOMMENDATION else None,
                        owner="Tom Hargreaves" if kind is FindingKind.ACTION else None,
                    )
                )


def floor(store: Store, out: Path) -> None:
    """Bare reportlab: the same content as the same kinds of flowables, text only escaped.

    No glyph check, no fallback fonts, no bookmarks, page decoration, HTML twin or ledger.
    """
    report = build_theme_report(store, THEME)
    fonts = report_fonts()
    body = ParagraphStyle("b", fontName=fonts.regular.primary, fontSize=10.5, leading=15)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=16, leading=21)
    bullet = ParagraphStyle("l", parent=body, leftIndent=16, bulletFontName=REGULAR)
    flowables = [Paragraph(escape(report.title), head)]
    for block in report.blocks:
        match block:
            case Heading(text=text):
                flowables.append(Paragraph(escape(text), head))
            case Para(text=text):
                flowables.append(Paragraph(escape(text), body))
            case Bullets(items=items):
                flowables += [Paragraph(escape(i), bullet, bulletText="•") for i in items]
            case TableBlock(headers=headers, rows=rows, widths=widths):
                cells = [[Paragraph(escape(c), body) for c in row] for row in (headers, *rows)]
                flowables.append(Table(cells, colWidths=[w * 450 for w in widths], repeatRows=1))
            case BarChart(bars=bars):
                cells = [[Paragraph(escape(b.label), body), Paragraph(b.shown, body)] for b in bars]
                flowables.append(Table(cells))
    SimpleDocTemplate(str(out), pagesize=A4, initialFontName=REGULAR).build(flowables)


def timed(fn, repeat: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU seconds per run (CPU time is steadier on a shared machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return wall, cpu


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roundtables", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Store.open(root / "bench.db") as store:
            began = time.perf_counter()
            generate(store, args.roundtables)
            print(
                f"generated {args.roundtables} roundtables in {time.perf_counter() - began:.1f} s"
            )
            report_fonts()
            ours = timed(lambda: write_theme_report(store, THEME, root / "ours.pdf"), args.repeat)
            bare = timed(lambda: floor(store, root / "floor.pdf"), args.repeat)
            pages = len(PdfReader(root / "ours.pdf").pages)
        median = statistics.median
        print(
            f"convener consolidated report ({pages} pages): wall median "
            f"{median(ours[0]):.2f} s (runs {_runs(ours[0])}), CPU median "
            f"{median(ours[1]):.2f} s (runs {_runs(ours[1])})"
        )
        print(
            f"bare reportlab, same flowables: wall median {median(bare[0]):.2f} s "
            f"(runs {_runs(bare[0])}), CPU median {median(bare[1]):.2f} s "
            f"(runs {_runs(bare[1])})"
        )
        print(
            f"ratio convener / floor: wall {median(ours[0]) / median(bare[0]):.2f}, "
            f"CPU {median(ours[1]) / median(bare[1]):.2f}"
        )
        print(f"goal ≤ 5 s wall: {'met' if median(ours[0]) <= 5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
