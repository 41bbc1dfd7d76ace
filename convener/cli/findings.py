"""Commands for findings: finding add, finding retract."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from convener.cli.common import (
    global_options,
    json_option,
    open_store,
    print_json,
    record_id,
    whole_number,
)
from convener.domain import Attribution, Finding, FindingKind
from convener.errors import ValidationError
from convener.findings import FindingDraft, add_finding, parse_kind, retract_finding


def register(commands: Any) -> None:
    shared = [global_options()]
    finding = commands.add_parser("finding", parents=shared, help="record or retract findings")
    actions = finding.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=shared, help="record a finding from a roundtable")
    add.add_argument("id", type=record_id("roundtable"), metavar="ID", help="the roundtable")
    add.add_argument("--text", required=True)
    add.add_argument(
        "--kind",
        default=FindingKind.INSIGHT.value,
        help="insight, recommendation, action or evidence-gap (default: insight)",
    )
    add.add_argument(
        "--by", type=record_id("stakeholder"), metavar="SID", help="the stakeholder who said it"
    )
    add.add_argument(
        "--attribution",
        choices=[a.value for a in Attribution],
        default=Attribution.NONE.value,
        help="how the report may attribute it (named needs the speaker's consent to be quoted)",
    )
    add.add_argument(
        "--agenda-item",
        type=whole_number(1, 10_000),
        metavar="N",
        help="the Nth item of the agenda",
    )
    add.add_argument("--theme", metavar="TH", help="default: the roundtable's theme")
    add.add_argument("--lever", metavar="L", help="recommendations: the Commissioner's lever")
    add.add_argument("--addressed-to", metavar="BODY", help="recommendations: who should act")
    add.add_argument("--owner", metavar="NAME", help="actions: who will do it")
    add.add_argument("--due", metavar="DATE", help="actions: by when (YYYY-MM-DD)")
    json_option(add)
    add.set_defaults(run=run_add)

    retract = actions.add_parser("retract", parents=shared, help="retract a finding")
    retract.add_argument("fid", type=record_id("finding"), metavar="FID")
    retract.add_argument("--note", default="", help="why, e.g. withdrawn by the contributor")
    json_option(retract)
    retract.set_defaults(run=run_retract)


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "roundtable_id": finding.roundtable_id,
        "kind": finding.kind.value,
        "text": finding.text,
        "agenda_item_id": finding.agenda_item_id,
        "theme": finding.theme,
        "lever": finding.lever,
        "addressed_to": finding.addressed_to,
        "owner": finding.owner,
        "due_on": finding.due_on.isoformat() if finding.due_on else None,
        "attribution": finding.attribution.value,
        "by": finding.by_stakeholder_id,
        "retracted": finding.retracted,
        "retraction_note": finding.retraction_note,
    }


def _due(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"'{text}' is not a date (expected YYYY-MM-DD)", "due") from None


def run_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        agenda_item_id = None
        if args.agenda_item is not None:
            agenda = store.roundtables.get(args.id).agenda
            if not 1 <= args.agenda_item <= len(agenda):
                raise ValidationError(
                    f"roundtable {args.id} has {len(agenda)} agenda items; "
                    f"--agenda-item must be between 1 and {len(agenda)}"
                    if agenda
                    else f"roundtable {args.id} has no agenda items",
                    "agenda_item",
                )
            agenda_item_id = agenda[args.agenda_item - 1].id
        finding = add_finding(
            store,
            FindingDraft(
                roundtable_id=args.id,
                text=args.text,
                kind=parse_kind(args.kind),
                agenda_item_id=agenda_item_id,
                theme=args.theme,
                lever=args.lever,
                addressed_to=args.addressed_to,
                owner=args.owner,
                due_on=_due(args.due),
                attribution=Attribution(args.attribution),
                by_stakeholder_id=args.by,
            ),
        )
    if args.json:
        print_json(finding_json(finding))
    else:
        print(finding.id)
    return 0


def run_retract(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        finding = retract_finding(store, args.fid, args.note)
    if args.json:
        print_json(finding_json(finding))
    else:
        print(f"finding {finding.id} retracted; it will not appear in any report from now on")
    return 0
