"""Reports as PDF: one roundtable's public findings summary, and the consolidated theme report.

Each operation is the app's own entry point end to end (`write_report`, `write_theme_report`):
reading the store, the disclosure rules, the text pipeline with its glyph checks and fallback
fonts, the PDF with bookmarks and page decoration, the HTML twin and the disclosure ledger.
They record disclosures, so they run on a private copy of the generated database.

The floor is bare reportlab building the same content, assembled in advance, as the same kinds
of flowables (text only escaped, one font, a plain SimpleDocTemplate): the least any PDF of
that content costs.

The consolidated report covers 200 reported roundtables on one theme, as the issue asks. The
generated stress data has about 110 reported roundtables per theme, so the copy marks enough
of the same theme's held roundtables (which have findings too) as reported to make 200; it
runs at stress size (and at small size in the test suite, with what that has).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate
from reportlab.platypus import Table as RLTable

from benchmarks.harness import Context, Goal, Operation, benchmark
from convener.domain import RoundtableStatus
from convener.privacy import Audience
from convener.reports import write_report, write_theme_report
from convener.reports.content import BarChart, Bullets, Heading, Para, ReportContent, Table
from convener.reports.fonts import BOLD, REGULAR, report_fonts
from convener.reports.roundtable_report import build_roundtable_report
from convener.reports.theme_report import build_theme_report
from convener.storage import Store

CONSOLIDATED = 200  # roundtables in the consolidated report


def bare_reportlab(report: ReportContent, out: Path) -> Operation:
    """The report's content as plain reportlab flowables, written to `out` on each call."""
    report_fonts()  # registers the fonts, once
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=10.5, leading=15)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=16, leading=21)
    bullet = ParagraphStyle("l", parent=body, leftIndent=16, bulletFontName=REGULAR)

    def flowables() -> list[Flowable]:
        story: list[Flowable] = [Paragraph(escape(report.title), head)]
        for block in report.blocks:
            match block:
                case Heading(text=text):
                    story.append(Paragraph(escape(text), head))
                case Para(text=text):
                    story.append(Paragraph(escape(text), body))
                case Bullets(items=items):
                    story += [Paragraph(escape(i), bullet, bulletText="•") for i in items]
                case Table(headers=headers, rows=rows, widths=widths):
                    cells = [[Paragraph(escape(c), body) for c in row] for row in (headers, *rows)]
                    story.append(RLTable(cells, colWidths=[w * 450 for w in widths], repeatRows=1))
                case BarChart(bars=bars):
                    story.append(
                        RLTable([[Paragraph(escape(b.label), body), b.shown] for b in bars])
                    )
        return story

    def run() -> None:
        SimpleDocTemplate(str(out), pagesize=A4, initialFontName=REGULAR).build(flowables())

    return run


def _richest_reported(store: Store) -> int:
    """The reported roundtable with the most findings."""
    row = store.db.execute(
        "SELECT r.id FROM roundtables r JOIN findings f ON f.roundtable_id = r.id"
        " WHERE r.status = ? GROUP BY r.id ORDER BY count(*) DESC, r.id LIMIT 1",
        [RoundtableStatus.REPORTED],
    ).fetchone()
    return int(row[0])


def bare_reportlab_one(ctx: Context) -> Operation:
    """bare reportlab, same flowables"""
    rid = _richest_reported(ctx.store)
    report = build_roundtable_report(ctx.store, rid, Audience.PUBLIC)
    return bare_reportlab(report, ctx.work_dir / "floor-one.pdf")


@benchmark("public PDF, one roundtable", floor=bare_reportlab_one, repeats=10, warmup=1)
def public_pdf(ctx: Context) -> Operation:
    """write_report (public audience) for the reported roundtable with the most findings."""
    rid = _richest_reported(ctx.store)
    store = Store.open(ctx.scratch_copy())
    ctx.on_cleanup(store.close)
    out = store.path.parent / "public.pdf"

    def run() -> int:
        return write_report(store, rid, out, Audience.PUBLIC).people

    return run


def _theme_with_200(ctx: Context) -> tuple[Store, str]:
    """A private copy in which one theme has 200 reported roundtables (or all it can have)."""
    store = Store.open(ctx.scratch_copy())
    ctx.on_cleanup(store.close)
    by_status: dict[tuple[str, RoundtableStatus], list[int]] = defaultdict(list)
    for r in store.roundtables.all():
        if r.theme:
            by_status[r.theme, r.status].append(r.id)
    themes = sorted({theme for theme, _ in by_status})
    theme = max(themes, key=lambda t: len(by_status[t, RoundtableStatus.REPORTED]))
    missing = CONSOLIDATED - len(by_status[theme, RoundtableStatus.REPORTED])
    promote = by_status[theme, RoundtableStatus.HELD][: max(missing, 0)]
    with store.db.atomic():
        for rid in promote:
            store.db.execute(
                "UPDATE roundtables SET status = ? WHERE id = ?", [RoundtableStatus.REPORTED, rid]
            )
    return store, theme


def bare_reportlab_consolidated(ctx: Context) -> Operation:
    """bare reportlab, same flowables"""
    store, theme = _theme_with_200(ctx)
    return bare_reportlab(build_theme_report(store, theme), ctx.work_dir / "floor-theme.pdf")


@benchmark(
    "consolidated PDF, 200 roundtables",
    floor=bare_reportlab_consolidated,
    goal=Goal(median=5.0, ratio=1.3),
    repeats=3,
    warmup=1,
    sizes=frozenset({"small", "stress"}),
)
def consolidated_pdf(ctx: Context) -> Operation:
    """write_theme_report over the 200 reported roundtables of one theme."""
    store, theme = _theme_with_200(ctx)
    out = store.path.parent / "theme.pdf"

    def run() -> int:
        return write_theme_report(store, theme, out).people

    return run
