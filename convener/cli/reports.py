"""The report command: one roundtable's summary, or the consolidated report on a theme."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from convener.cli.common import global_options, open_store, record_id
from convener.errors import ValidationError
from convener.privacy import Audience
from convener.reports import write_report, write_theme_report


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        parents=[global_options()],
        help="write a findings report (PDF with an HTML twin beside it)",
        description="Write the findings summary of roundtable ID, or with --theme the "
        "consolidated report of every reported roundtable on a theme in a period. An "
        "accessible HTML version is written next to the PDF.",
    )
    report.add_argument(
        "id", type=record_id("roundtable"), nargs="?", metavar="ID", help="the roundtable"
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf")
    report.add_argument(
        "--internal", action="store_true", help="the office's internal summary (one roundtable)"
    )
    report.add_argument("--theme", metavar="TH", help="consolidated report on this theme")
    report.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")
    report.set_defaults(run=run_report, parser=report)


def _day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"'{text}' is not a date (expected YYYY-MM-DD)", field) from None


def run_report(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    if (args.id is None) == (args.theme is None):
        parser.error("give either a roundtable ID or --theme")
    if args.theme is None and (args.start or args.end):
        parser.error("--from and --to go with --theme")
    if args.theme is not None and args.internal:
        parser.error("--internal applies to the report of one roundtable")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"--out must name a .pdf file, not '{out.name}'", "out")
    with open_store(args) as store:
        if args.theme is not None:
            written = write_theme_report(
                store,
                args.theme,
                out,
                start=_day(args.start, "from"),
                end=_day(args.end, "to"),
            )
        else:
            audience = Audience.INTERNAL if args.internal else Audience.PUBLIC
            written = write_report(store, args.id, out, audience)
    for warning in written.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {written.pdf}")
    print(f"wrote {written.html}")
    return 0
