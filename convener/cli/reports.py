"""The report command: one roundtable's summary, or the consolidated report on a theme."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from convener.cli.common import global_options, json_option, open_store, print_json, record_id
from convener.errors import ValidationError
from convener.prepublication import CheckItem, check_roundtables
from convener.privacy import Audience
from convener.reports import write_report, write_theme_report
from convener.reports.theme_report import select_roundtables


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
    report.add_argument(
        "--check",
        action="store_true",
        help="write nothing: list the passages the author should review first (names "
        "redacted, possible names not in the directory)",
    )
    json_option(report)
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
    if args.json and not args.check:
        parser.error("--json goes with --check")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"--out must name a .pdf file, not '{out.name}'", "out")
    if args.check:
        return _run_check(args)
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


def _run_check(args: argparse.Namespace) -> int:
    """The pre-publication check: the same text as the report would print, nothing written."""
    with open_store(args) as store:
        if args.theme is not None:
            _, ids = select_roundtables(
                store, args.theme, _day(args.start, "from"), _day(args.end, "to")
            )
            items = check_roundtables(store, ids, Audience.PUBLIC)
        else:
            store.roundtables.get(args.id)  # an unknown id is an error, not an empty list
            audience = Audience.INTERNAL if args.internal else Audience.PUBLIC
            items = check_roundtables(store, [args.id], audience)
    if args.json:
        print_json([{"where": i.where, "text": i.text, "kind": i.kind} for i in items])
    else:
        _print_check(items)
    return 0


def _print_check(items: list[CheckItem]) -> None:
    if not items:
        print("nothing to review: no name was redacted and no possible name was found")
        return
    for item in items:
        print(f"{item.kind:<13} {item.where}: {item.text}")
    redacted = sum(1 for i in items if i.kind == "redacted")
    print(f"{redacted} redacted, {len(items) - redacted} possible names; nothing was written")
