"""Commands for calendar invitations: invites (write the files) and replies (apply answers)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from convener.calendar.export import ExportSummary, write_invitations
from convener.calendar.replies import HeldReason, ReplyReport, apply_replies
from convener.cli.common import global_options, json_option, open_store, print_json, record_id
from convener.errors import ConvenerError


def register(commands: Any) -> None:
    shared = [global_options()]

    invites = commands.add_parser(
        "invites", parents=shared, help="write the invitation files for a roundtable"
    )
    invites.add_argument("id", type=record_id("roundtable"), metavar="ID")
    invites.add_argument("--out", required=True, metavar="DIR", type=Path)
    json_option(invites)
    invites.set_defaults(run=run_invites)

    replies = commands.add_parser(
        "replies", parents=shared, help="apply calendar replies (.ics or .eml) to invitations"
    )
    replies.add_argument("files", nargs="+", metavar="FILE", type=Path)
    json_option(replies)
    replies.set_defaults(run=run_replies)


def _summary_json(summary: ExportSummary) -> dict[str, Any]:
    return {
        "roundtable_id": summary.roundtable_id,
        "sequence": summary.sequence,
        "cancelled": summary.cancelled,
        "folder": str(summary.folder),
        "files": [asdict(f) for f in summary.files],
        "skipped": [asdict(s) for s in summary.skipped],
        "warning": summary.warning,
    }


def _report_json(report: ReplyReport) -> dict[str, Any]:
    return {
        "changes": [{**asdict(c), "old": str(c.old), "new": str(c.new)} for c in report.changes],
        "held": [{**asdict(h), "reason": h.reason.name.lower()} for h in report.held],
        "for_review": [h.address for h in report.for_review],
    }


def run_invites(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        summary = write_invitations(store, args.id, args.out)
    if summary.warning:
        print(f"warning: {summary.warning}", file=sys.stderr)
    if args.json:
        print_json(_summary_json(summary))
    else:
        print("\n".join(summary.lines()))
    return 0


def run_replies(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = apply_replies(store, args.files)
    if args.json:
        print_json(_report_json(report))
    else:
        print("\n".join(report.lines()))
    # Held replies (stale, from unknown addresses) are ordinary business; a file that could
    # not be read or trusted is a problem with the input, which a script must notice.
    refused = [h.source for h in report.held if h.reason is HeldReason.REFUSED]
    if refused:
        raise ConvenerError(
            f"{len(refused)} of {len(args.files)} reply file(s) refused: {', '.join(refused)}"
            " (the reasons are listed above)"
        )
    return 0
