"""`convener roundtable list` and `roundtable attend`: finding roundtables, and who came."""

from __future__ import annotations

import argparse
from typing import Any

from convener.attendance import record_attendance
from convener.cli.common import json_option, open_store, print_json
from convener.domain import RoundtableStatus
from convener.storage import Taxonomy
from convener.timezones import local


def register(actions: Any, shared: list[argparse.ArgumentParser]) -> None:
    listing = actions.add_parser(
        "list",
        parents=shared,
        help="list roundtables, newest first",
        description="List roundtables, the latest start first.",
    )
    listing.add_argument("--theme", metavar="T", help="only roundtables on this main theme")
    listing.add_argument(
        "--status",
        metavar="S",
        choices=[s.value for s in RoundtableStatus],
        help="only roundtables with this status: " + ", ".join(s.value for s in RoundtableStatus),
    )
    json_option(listing)
    listing.set_defaults(run=run_list)

    attend = actions.add_parser(
        "attend",
        parents=shared,
        help="record who attended",
        description="Record that people on the invite list attended (or, with --absent, did "
        "not). All or nothing: one person not on the list changes nobody.",
    )
    attend.add_argument("id", type=int, metavar="ID", help="the roundtable's id")
    attend.add_argument(
        "stakeholder_ids", type=int, nargs="+", metavar="SID", help="stakeholder ids"
    )
    attend.add_argument(
        "--absent", action="store_true", help="record them as absent (no-show) instead"
    )
    attend.set_defaults(run=run_attend)


def run_list(args: argparse.Namespace) -> int:
    # The one JSON shape of a roundtable; imported here as that module registers this one.
    from convener.cli.roundtables import roundtable_json

    with open_store(args) as store:
        theme_id = None
        if args.theme is not None:
            theme_id = store.taxonomy.resolve(Taxonomy.THEMES, args.theme)
        status = RoundtableStatus(args.status) if args.status else None
        found = store.roundtables.all(theme_id=theme_id, status=status)
        newest_first = sorted(found, key=lambda r: (r.starts_at, r.id), reverse=True)
        if args.json:
            print_json([roundtable_json(r) for r in newest_first])
            return 0
        for r in newest_first:
            start = local(r.starts_at, r.tz)
            print(f"{r.id:>5}  {start:%Y-%m-%d %H:%M}  {r.status.value:<16}  {r.title}")
    return 0


def run_attend(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        updated = record_attendance(store, args.id, args.stakeholder_ids, attended=not args.absent)
        word = "absent" if args.absent else "attended"
        print(f"{len(updated)} recorded as {word}")
    return 0
