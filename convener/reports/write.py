"""Writing reports to disk: the PDF, its HTML twin beside it, and the disclosure ledger.

These are the pure entry points the CLI and the app call (the app in the background). Files
are written under a temporary name and moved into place, so a failed report never leaves a
half-written file where the user expects the finished one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from convener.errors import ConvenerError
from convener.privacy import Audience
from convener.reports.content import ReportContent
from convener.reports.html import render_html
from convener.reports.pdf import render_pdf
from convener.reports.roundtable_report import build_roundtable_report
from convener.reports.text import placeholders
from convener.reports.theme_report import build_theme_report
from convener.safe_files import replace_private, write_private
from convener.storage import Store

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class WrittenReport:
    pdf: Path
    html: Path
    people: int  # how many stakeholders the report shows (recorded in the ledger)
    # One line per text with a character no report font has, printed as a placeholder.
    warnings: tuple[str, ...] = ()


def html_twin(pdf: Path) -> Path:
    return pdf.with_suffix(".html")


def _write(
    store: Store, report: ReportContent, out_pdf: Path, kind: str, progress: Progress | None
) -> WrittenReport:
    out_pdf = Path(out_pdf)
    if not out_pdf.parent.is_dir():
        raise ConvenerError(f"cannot write {out_pdf}: the folder {out_pdf.parent} does not exist")
    twin = html_twin(out_pdf)
    if progress:
        progress(1, 3, "Laying out the PDF")
    try:
        with placeholders() as unprintable:
            replace_private(out_pdf, lambda path: render_pdf(report, path), database=store.path)
        if progress:
            progress(2, 3, "Writing the accessible HTML version")
        text = render_html(report)
        write_private(twin, text.encode("utf-8"), database=store.path)
    except OSError as exc:
        raise ConvenerError(f"cannot write the report to {out_pdf}: {exc.strerror}") from exc
    audience = str(report.audience)
    with store.db.atomic():
        store.disclosures.record(report.disclosed, f"{kind} PDF", audience, out_pdf.name)
        store.disclosures.record(report.disclosed, f"{kind} HTML", audience, twin.name)
    if progress:
        progress(3, 3, "Done")
    return WrittenReport(out_pdf, twin, len(report.disclosed), tuple(unprintable))


def write_report(
    store: Store,
    roundtable_id: int,
    out_pdf: Path,
    audience: Audience = Audience.PUBLIC,
    on_progress: Progress | None = None,
) -> WrittenReport:
    """The findings summary of one roundtable (public or internal) as PDF plus HTML."""
    report = build_roundtable_report(store, roundtable_id, audience)
    return _write(store, report, out_pdf, f"{audience} report", on_progress)


def write_theme_report(
    store: Store,
    theme: str,
    out_pdf: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    on_progress: Progress | None = None,
) -> WrittenReport:
    """The consolidated report on a theme over a period, as PDF plus HTML."""
    report = build_theme_report(store, theme, start, end, on_progress)
    return _write(store, report, out_pdf, "consolidated report", on_progress)
