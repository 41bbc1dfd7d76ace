"""Commands that move people in and out: import and export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from convener.cli.common import global_options, json_option, open_store, print_json
from convener.errors import ConvenerError
from convener.export import export_stakeholders
from convener.importing import (
    Decision,
    ImportFileError,
    ImportRejectedError,
    ImportSummary,
    choose_mapping,
    open_source,
    run_import,
)
from convener.privacy import Audience
from convener.storage.backup import daily_backup

# Large imports report how far they got on stderr, so stdout stays one JSON document.
_REPORT_EVERY = 5000


def register(commands: Any) -> None:
    shared = [global_options()]

    importing = commands.add_parser(
        "import", parents=shared, help="import stakeholders from CSV or XLSX (all or nothing)"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--dry-run", action="store_true", help="check everything and report, but write nothing"
    )
    importing.add_argument(
        "--on-duplicate",
        choices=[d.value for d in Decision],
        default=Decision.SKIP.value,
        help="what to do with a row that matches someone already in the directory "
        "(default: skip, which changes nothing; every skipped row is listed)",
    )
    json_option(importing)
    importing.set_defaults(run=run_import_command)

    export = commands.add_parser("export", parents=shared, help="export stakeholders as CSV")
    export.add_argument("file", type=Path, metavar="FILE.csv")
    export.add_argument("--public", action="store_true", help="apply the public disclosure rules")
    export.set_defaults(run=run_export)


def _report_progress(done: int, total: int) -> None:
    if 0 < done < total and done % _REPORT_EVERY == 0:
        print(f"importing: {done} of {total} rows", file=sys.stderr, flush=True)


def _print_summary(summary: ImportSummary) -> None:
    verb = "would be" if summary.dry_run else "were"
    print(
        f"{summary.created} created, {summary.updated} updated, {summary.skipped} skipped "
        f"({summary.rows} rows, {summary.file_format}"
        + (f", {summary.encoding}" if summary.encoding else "")
        + ")"
    )
    for duplicate in summary.duplicates[:20]:
        where = (
            f"row {duplicate.match.earlier_row} of this file"
            if duplicate.match.earlier_row
            else f"stakeholder {duplicate.match.stakeholder_id}"
        )
        print(f"  row {duplicate.row}: {duplicate.match.reason} as {where}; {duplicate.decision}")
    if len(summary.duplicates) > 20:
        print(f"  ... and {len(summary.duplicates) - 20} more matching rows")
    if summary.erased_earlier:
        rows = "row matches" if summary.erased_earlier == 1 else "rows match"
        print(f"{summary.erased_earlier} {rows} people erased earlier and {verb} skipped")
    if summary.dry_run:
        print(f"dry run: nothing {verb} written")


def run_import_command(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            source = open_source(args.file)
            choice = choose_mapping(store, source.headers)
            if not args.dry_run:
                daily_backup(store.db, store.path)
            summary = run_import(
                store,
                source,
                choice.mapping,
                file_format=choice.file_format,
                on_duplicate=Decision(args.on_duplicate),
                dry_run=args.dry_run,
                on_progress=_report_progress,
            )
        except ImportRejectedError as exc:
            if args.json:
                print_json(exc.summary.as_json() | {"created": 0, "updated": 0, "skipped": 0})
            raise
        except ImportFileError as exc:
            if args.json:
                row = exc.row if exc.row is not None else 0
                print_json(
                    {
                        "created": 0,
                        "updated": 0,
                        "skipped": 0,
                        "errors": [{"row": row, "message": exc.reason}],
                    }
                )
            raise
    if args.json:
        print_json(summary.as_json())
    else:
        _print_summary(summary)
    return 0


def run_export(args: argparse.Namespace) -> int:
    audience = Audience.PUBLIC if args.public else Audience.INTERNAL
    if args.file.is_dir():
        raise ConvenerError(f"{args.file} is a folder; give a file name ending in .csv")
    with open_store(args) as store:
        summary = export_stakeholders(store, args.file, audience)
    left_out = (
        f"; {summary.left_out} left out by the {audience} disclosure rules"
        if summary.left_out
        else ""
    )
    print(f"exported {summary.written} stakeholders to {args.file}{left_out}")
    return 0
