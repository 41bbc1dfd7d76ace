"""Commands for people's rights: subject access, erasure and the retention review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from convener.cli.common import (
    global_options,
    json_option,
    open_store,
    print_json,
    record_id,
)
from convener.erasure import erase_person
from convener.errors import ConvenerError
from convener.retention import RetentionPolicy, keep, load_policy, review_list, save_policy
from convener.subject_access import write_subject_access


def register(commands: Any) -> None:
    shared = [global_options()]

    access = commands.add_parser(
        "subject-access", parents=shared, help="write everything held about one person"
    )
    access.add_argument("id", type=record_id("stakeholder"), metavar="SID")
    access.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    access.set_defaults(run=run_subject_access)

    erase = commands.add_parser(
        "erase", parents=shared, help="erase a person's personal data, keeping anonymous counts"
    )
    erase.add_argument("id", type=record_id("stakeholder"), metavar="SID")
    erase.add_argument("--reason", required=True, metavar="TEXT")
    erase.set_defaults(run=run_erase)

    retention = commands.add_parser(
        "retention", parents=shared, help="people due for a retention review"
    )
    retention.add_argument(
        "--keep",
        type=record_id("stakeholder"),
        action="append",
        default=[],
        metavar="SID",
        help="record a 'keep' decision (repeatable); anonymise with `convener erase`",
    )
    retention.add_argument(
        "--months",
        type=int,
        metavar="N",
        help="set the review period (default 24 months)",
    )
    retention.add_argument(
        "--lived-experience-months",
        type=int,
        metavar="N",
        help="set the period for lived experience experts (default 12 months)",
    )
    json_option(retention)
    retention.set_defaults(run=run_retention)


def run_subject_access(args: argparse.Namespace) -> int:
    if args.out.exists():
        raise ConvenerError(f"{args.out} already exists; choose a new file name")
    with open_store(args) as store:
        write_subject_access(store, args.id, args.out)
    print(f"subject access export written: {args.out}")
    return 0


def run_erase(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = erase_person(store, args.id, args.reason)
    print(
        f"stakeholder {result.stakeholder_id} erased; {result.invitations_kept} invitation(s) "
        "kept anonymously for counts"
    )
    if not result.files_clean:
        print(
            "note: another program has the database open; old copies of the data leave the "
            "write-ahead log when it closes"
        )
    for backup in result.backups_not_cleaned:
        print(f"warning: the backup {backup} could not be cleaned; delete it by hand")
    return 0


def run_retention(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        policy = load_policy(store)
        if args.months is not None or args.lived_experience_months is not None:
            policy = RetentionPolicy(
                policy.months if args.months is None else args.months,
                policy.months_lived_experience
                if args.lived_experience_months is None
                else args.lived_experience_months,
            )
            save_policy(store, policy)
        for sid in args.keep:
            keep(store, sid)
        items = review_list(store)
    rows = [
        {
            "id": item.stakeholder_id,
            "name": item.display_name,
            "lived_experience": item.lived_experience,
            "last_engaged": item.last_engaged.isoformat() if item.last_engaged else None,
            "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else None,
            "idle_since": item.idle_since.isoformat(),
            "threshold_months": item.threshold_months,
        }
        for item in items
    ]
    if args.json:
        print_json(rows)
        return 0
    print(
        f"not engaged for {policy.months} months "
        f"({policy.months_lived_experience} for lived experience experts):"
    )
    for item in items:
        print(
            f"{item.stakeholder_id:>6}  {item.display_name:<32}  "
            f"idle since {item.idle_since.date().isoformat()}"
        )
    print(f"{len(items)} to review")
    return 0
