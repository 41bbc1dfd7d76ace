"""Commands for the directory: init, stakeholders, stakeholder add, consent."""

from __future__ import annotations

import argparse
from typing import Any

from convener.cli.common import global_options, json_option, open_store, print_json, record_id
from convener.consent import ConsentState
from convener.consent_recording import record_consent
from convener.demo import load_demo
from convener.directory import add_stakeholder
from convener.domain import ConsentMethod, ConsentPurpose, Stakeholder, StakeholderDraft
from convener.privacy import Audience, render_person
from convener.storage import StakeholderFilter, Store


def register(commands: Any) -> None:
    shared = [global_options()]

    init = commands.add_parser("init", parents=shared, help="create the database")
    init.add_argument("--demo", action="store_true", help="load the demo data set (once)")
    init.set_defaults(run=run_init)

    listing = commands.add_parser("stakeholders", parents=shared, help="list stakeholders")
    listing.add_argument("--search", metavar="Q", default="")
    listing.add_argument("--sector", metavar="S")
    listing.add_argument("--lever", metavar="L")
    listing.add_argument("--theme", metavar="T")
    listing.add_argument("--jurisdiction", metavar="J")
    json_option(listing)
    listing.set_defaults(run=run_list)

    one = commands.add_parser("stakeholder", parents=shared, help="add a stakeholder")
    actions = one.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=shared, help="add one stakeholder")
    add.add_argument("--name", required=True)
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--role")
    add.add_argument("--organisation")
    add.add_argument("--sector")
    add.add_argument("--lever", action="append", default=[])
    add.add_argument("--theme", action="append", default=[])
    add.add_argument("--jurisdiction")
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--lived-experience", action="store_true")
    add.add_argument("--pseudonym")
    add.add_argument("--intermediary", metavar="ORGANISATION")
    add.add_argument(
        "--safe-contact-notes", default="", metavar="TEXT", help="how to reach them safely"
    )
    json_option(add)
    add.set_defaults(run=run_add)

    consent = commands.add_parser("consent", parents=shared, help="record a consent event")
    consent.add_argument("id", type=record_id("stakeholder"), metavar="ID")
    consent.add_argument("--kind", required=True, choices=[p.value for p in ConsentPurpose])
    decision = consent.add_mutually_exclusive_group(required=True)
    decision.add_argument("--given", action="store_true")
    decision.add_argument("--withdrawn", action="store_true")
    consent.add_argument(
        "--method",
        default="",
        help="how it was given: " + ", ".join(f"'{m.value}'" for m in ConsentMethod),
    )
    consent.add_argument(
        "--wording",
        metavar="VERSION",
        help="the consent wording version shown (default for --given: the newest)",
    )
    consent.add_argument("--note", default="")
    consent.add_argument("--by", default="", metavar="NAME", help="who recorded it")
    json_option(consent)
    consent.set_defaults(run=run_consent)


def stakeholder_json(person: Stakeholder, consent: ConsentState) -> dict[str, Any] | None:
    """The office's view of one person: protected people by pseudonym, without contacts."""
    view = render_person(person, consent, Audience.INTERNAL)
    if view is None:
        return None
    return {
        "id": person.id,
        "name": view.name,
        "organisation": view.organisation,
        "email": view.email,
        "phone": view.phone,
        "sector": person.sector,
        "levers": list(person.levers),
        "themes": list(person.themes),
        "jurisdiction": person.jurisdiction,
        "lived_experience": person.lived_experience,
        "protected": person.is_protected,
        "consent": {p.value: consent.status(p).value for p in ConsentPurpose},
    }


def run_init(args: argparse.Namespace) -> int:
    with open_store(args, create=True) as store:
        if args.demo:
            loaded = load_demo(store)
            print("demo data loaded" if loaded else "demo data already loaded")
        print(f"database ready: {store.path}")
    return 0


def _listed(store: Store, people: list[Stakeholder]) -> list[dict[str, Any]]:
    states = store.consent.states([p.id for p in people])
    rows = (stakeholder_json(p, states[p.id]) for p in people)
    return [row for row in rows if row is not None]


def run_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        filters = StakeholderFilter(
            search=args.search,
            sector=args.sector,
            lever=args.lever,
            theme=args.theme,
            jurisdiction=args.jurisdiction,
        )
        rows = _listed(store, store.stakeholders.find(filters))
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(
            f"{row['id']:>6}  {row['name']:<32}  {row['organisation'] or '':<36}  "
            f"{row['sector'] or ''}"
        )
    print(f"{len(rows)} stakeholder{'s' if len(rows) != 1 else ''}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    draft = StakeholderDraft(
        name=args.name,
        pseudonym=args.pseudonym,
        role=args.role,
        organisation=args.organisation,
        email=args.email,
        phone=args.phone,
        sector=args.sector,
        levers=args.lever,
        themes=args.theme,
        jurisdiction=args.jurisdiction,
        tags=args.tag,
        lived_experience=args.lived_experience,
        intermediary=args.intermediary,
        safe_contact_notes=args.safe_contact_notes,
    )
    with open_store(args) as store:
        new_id = add_stakeholder(store, draft)
        if args.json:
            person = store.stakeholders.get(new_id)
            print_json(stakeholder_json(person, store.consent.state(new_id)))
        else:
            print(new_id)
    return 0


def run_consent(args: argparse.Namespace) -> int:
    purpose = ConsentPurpose(args.kind)
    with open_store(args) as store:
        done = record_consent(
            store,
            args.id,
            purpose,
            given=args.given,
            method=args.method,
            wording_version=args.wording,
            note=args.note,
            recorded_by=args.by,
        )
    earlier = [
        {
            "file_name": row.file_name,
            "export_kind": row.export_kind,
            "audience": row.audience,
            "created_at": row.created_at.isoformat(),
        }
        for row in done.earlier_outputs
    ]
    if args.json:
        print_json(
            {
                "stakeholder_id": args.id,
                "purpose": purpose.value,
                "status": done.status.value,
                "event_id": done.event_id,
                "wording_version": done.wording_version,
                "earlier_outputs": earlier,
            }
        )
        return 0
    print(f"consent '{purpose}' for stakeholder {args.id} is now {done.status}")
    if earlier:
        # The withdrawal governs everything made from now on; these were made before it.
        print(f"{len(earlier)} output(s) already made with this person's data:")
        for row in earlier:
            print(f"  {row['created_at']}  {row['audience']:<8}  {row['file_name']}")
    return 0
