"""Commands for roundtables: create, update, show, suggest, invite."""

from __future__ import annotations

import argparse
from argparse import ArgumentTypeError
from typing import Any

from convener.cli import roundtable_records
from convener.cli.common import (
    global_options,
    json_option,
    open_store,
    print_json,
    record_id,
    whole_number,
)
from convener.composer import Suggestion
from convener.consent import NO_CONSENT
from convener.domain import Invitation, InvitationRole, Roundtable, RoundtableStatus
from convener.errors import ValidationError
from convener.invitations import add_invitations
from convener.invite_list import CAPACITY_ROLES, budget_summary, counts_toward_capacity
from convener.principles import CheckResult, Outcome
from convener.privacy import Audience, render_person
from convener.roundtables import (
    MeetingFormat,
    RoundtableDraft,
    create_roundtable,
    draft_from,
    update_roundtable,
)
from convener.storage import Store
from convener.suggestions import checks_for, suggestions_for
from convener.taxonomy import DEFAULT_MIX
from convener.timezones import local
from convener.validation import MAX_CAPACITY, parse_pounds


def register(commands: Any) -> None:
    shared = [global_options()]
    group = commands.add_parser("roundtable", parents=shared, help="plan roundtables")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    create = actions.add_parser("create", parents=shared, help="create a roundtable")
    _details(create, required=True)
    json_option(create)
    create.set_defaults(run=run_create)

    update = actions.add_parser("update", parents=shared, help="change or cancel a roundtable")
    update.add_argument("id", type=record_id("roundtable"), metavar="ID")
    _details(update, required=False)
    update.add_argument("--cancel", action="store_true", help="cancel the roundtable")
    update.add_argument(
        "--status",
        choices=[s.value for s in RoundtableStatus],
        help="move to the next status (draft → invitations_sent → held → reported)",
    )
    json_option(update)
    update.set_defaults(run=run_update)

    show = actions.add_parser("show", parents=shared, help="details, invite list and checks")
    show.add_argument("id", type=record_id("roundtable"), metavar="ID")
    json_option(show)
    show.set_defaults(run=run_show)

    suggest = actions.add_parser("suggest", parents=shared, help="suggest people to invite")
    suggest.add_argument("id", type=record_id("roundtable"), metavar="ID")
    suggest.add_argument("--size", type=whole_number(1, 1_000), default=10, metavar="N")
    json_option(suggest)
    suggest.set_defaults(run=run_suggest)

    invite = actions.add_parser("invite", parents=shared, help="add people to the invite list")
    invite.add_argument("id", type=record_id("roundtable"), metavar="ID")
    invite.add_argument("stakeholder_ids", type=record_id("stakeholder"), nargs="+", metavar="SID")
    invite.add_argument(
        "--role", choices=[r.value for r in InvitationRole], default=InvitationRole.PARTICIPANT
    )
    invite.add_argument("--reserve", action="store_true", help="add to the end of the reserve list")
    invite.set_defaults(run=run_invite)
    roundtable_records.register(actions, shared)


def _details(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--title", metavar="T", required=required)
    parser.add_argument("--theme", metavar="TH", required=required)
    parser.add_argument("--start", metavar="ISO", required=required)
    parser.add_argument("--end", metavar="ISO", required=required)
    parser.add_argument(
        "--tz", metavar="ZONE", help="IANA zone for times without an offset (Europe/London)"
    )
    parser.add_argument("--location", metavar="L")
    parser.add_argument("--online-url", metavar="U")
    parser.add_argument("--organiser-name", metavar="N")
    parser.add_argument("--organiser-email", metavar="E")
    parser.add_argument("--capacity", type=whole_number(1, MAX_CAPACITY), metavar="N")
    parser.add_argument("--purpose", metavar="TEXT")
    parser.add_argument("--format", choices=[f.value for f in MeetingFormat])
    parser.add_argument("--budget", metavar="POUNDS", help="budget in pounds, e.g. 1500 or 850.50")
    parser.add_argument("--agenda", action="append", metavar="ITEM", help="one per agenda item")
    parser.add_argument("--also-theme", action="append", metavar="TH", help="further themes")
    parser.add_argument("--lever", action="append", metavar="L", help="levers it serves")
    parser.add_argument(
        "--mix",
        metavar="P=W,...",
        help="target mix, e.g. research=1,lived_experience=2,practice=1,policy=1",
    )
    house = parser.add_mutually_exclusive_group()
    house.add_argument("--chatham-house", dest="chatham_house", action="store_true", default=None)
    house.add_argument("--no-chatham-house", dest="chatham_house", action="store_false")


def _mix(text: str) -> dict[str, int]:
    mix: dict[str, int] = {}
    for part in text.split(","):
        key, _, weight = part.partition("=")
        try:
            mix[key.strip()] = whole_number(0, 100)(weight)
        except (ValueError, ArgumentTypeError):
            raise ValidationError(
                f"'{part}' is not perspective=weight, a weight from 0 to 100 "
                "(e.g. lived_experience=2)"
            ) from None
    return mix


def _apply(draft: RoundtableDraft, args: argparse.Namespace) -> RoundtableDraft:
    simple = (
        "title", "theme", "start", "end", "tz", "location", "online_url", "organiser_name",
        "organiser_email", "capacity", "purpose", "format", "chatham_house",
    )  # fmt: skip
    for name in simple:
        value = getattr(args, name)
        if value is not None:
            setattr(draft, name, value)
    if args.budget is not None:
        draft.budget_pence = parse_pounds(args.budget)
    if args.agenda is not None:
        draft.agenda = args.agenda
    if args.also_theme is not None:
        draft.extra_themes = args.also_theme
    if args.lever is not None:
        draft.levers = args.lever
    if args.mix is not None:
        draft.target_mix = _mix(args.mix)
    return draft


def run_create(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        draft = _apply(RoundtableDraft(args.title, args.theme, args.start, args.end), args)
        new_id = create_roundtable(store, draft)
        if args.json:
            print_json(roundtable_json(store.roundtables.get(new_id)))
        else:
            print(new_id)
    return 0


def run_update(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        before = store.roundtables.get(args.id)
        draft = _apply(draft_from(before), args)
        status = RoundtableStatus.CANCELLED if args.cancel else None
        if args.status and not args.cancel:
            status = RoundtableStatus(args.status)
        if draft != draft_from(before) or status not in (None, before.status):
            update_roundtable(store, args.id, draft, status)
        after = store.roundtables.get(args.id)
        if args.json:
            print_json(roundtable_json(after))
        else:
            print(f"roundtable {after.id} is {after.status} (sequence {after.sequence})")
    return 0


def roundtable_json(r: Roundtable) -> dict[str, Any]:
    return {
        "id": r.id,
        "uid": r.uid,
        "title": r.title,
        "theme": r.theme,
        "extra_themes": list(r.extra_themes),
        "purpose": r.purpose,
        "format": r.format,
        "location": r.location,
        "online_url": r.online_url,
        "tz": r.tz,
        "start": local(r.starts_at, r.tz).isoformat(),
        "end": local(r.ends_at, r.tz).isoformat(),
        "starts_at_utc": r.starts_at.isoformat(),
        "ends_at_utc": r.ends_at.isoformat(),
        "organiser_name": r.organiser_name,
        "organiser_email": r.organiser_email,
        "capacity": r.capacity,
        "capacity_roles": sorted(role.value for role in CAPACITY_ROLES),
        "chatham_house": r.chatham_house,
        "budget_pence": r.budget_pence,
        "status": r.status.value,
        "sequence": r.sequence,
        "agenda": [item.title for item in r.agenda],
        "levers": list(r.levers),
        "target_mix": r.target_mix or DEFAULT_MIX,
    }


def _person_json(store: Store, stakeholder_id: int) -> dict[str, Any]:
    """One person as the office may see them: only through the disclosure policy."""
    person = store.stakeholders.get(stakeholder_id)
    view = render_person(person, NO_CONSENT, Audience.INTERNAL)
    if view is None:
        return {"id": stakeholder_id, "name": None, "erased": True}
    return {
        "id": person.id,
        "name": view.name,
        "organisation": view.organisation,
        "sector": view.sector,
        "jurisdiction": person.jurisdiction,
        "lived_experience": person.lived_experience,
    }


def _invitation_json(store: Store, i: Invitation) -> dict[str, Any]:
    return {
        "id": i.id,
        "stakeholder": _person_json(store, i.stakeholder_id),
        "role": i.role.value,
        "status": i.status.value,
        "reserve_rank": i.reserve_rank,
        "counts_toward_capacity": counts_toward_capacity(i.role),
        "fee_pence": i.fee_pence,
        "expenses_pence": i.expenses_pence,
        "paid_on": i.paid_on.isoformat() if i.paid_on else None,
        "access_needs": i.access_needs,
        "access_asked": i.access_asked,
    }


def _check_json(c: CheckResult) -> dict[str, Any]:
    return {
        "key": c.key,
        "title": c.title,
        "outcome": c.outcome.value,
        "message": c.message,
        "stakeholder_ids": list(c.stakeholder_ids),
    }


_MARK = {Outcome.PASS: "PASS", Outcome.WARN: "WARN", Outcome.FAIL: "FAIL"}


def run_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        r = store.roundtables.get(args.id)
        listed = store.roundtables.invitations(r.id)
        invitations = [_invitation_json(store, i) for i in listed]
        checks = checks_for(store, r.id)
        money = budget_summary(r.budget_pence, listed)
    if args.json:
        print_json(
            {
                **roundtable_json(r),
                "invitations": invitations,
                "checks": [_check_json(c) for c in checks],
                "budget": {
                    "budget_pence": money.budget_pence,
                    "fees_pence": money.fees_pence,
                    "expenses_pence": money.expenses_pence,
                    "remaining_pence": money.remaining_pence,
                    "unpaid": money.unpaid,
                },
            }
        )
        return 0
    start, end = local(r.starts_at, r.tz), local(r.ends_at, r.tz)
    print(f"{r.id}  {r.title}  [{r.status}]")
    print(f"    {r.theme}; {start:%a %d %b %Y %H:%M}–{end:%H:%M} {r.tz}; {r.format}")
    for where in (r.location, r.online_url):
        if where:
            print(f"    {where}")
    print(f"invite list ({len(invitations)}):")
    for row in invitations:
        reserve = f" reserve {row['reserve_rank']}" if row["reserve_rank"] is not None else ""
        name = row["stakeholder"]["name"] or "(erased)"
        print(f"    {row['stakeholder']['id']:>6}  {name:<32} {row['role']:<12} {row['status']}"
              f"{reserve}")  # fmt: skip
    print(
        f"money: fees {money.fees_pence / 100:.2f}, expenses {money.expenses_pence / 100:.2f}, "
        f"{money.unpaid} not yet paid"
        + ("" if money.remaining_pence is None else f", {money.remaining_pence / 100:.2f} left")
    )
    print("checks:")
    for c in checks:
        print(f"    {_MARK[c.outcome]}  {c.title}: {c.message}")
    return 0


def _suggestion_json(store: Store, s: Suggestion) -> dict[str, Any]:
    return {
        "stakeholder": _person_json(store, s.stakeholder_id),
        "score": s.score,
        "perspective": s.perspective,
        "reasons": list(s.reasons),
        "flags": list(s.flags),
        "warnings": list(s.warnings),
    }


def run_suggest(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = suggestions_for(store, args.id, args.size)
        rows = [_suggestion_json(store, s) for s in report.suggestions]
    if args.json:
        print_json(
            {
                "roundtable_id": args.id,
                "suggestions": rows,
                "checks": [_check_json(c) for c in report.checks],
            }
        )
        return 0
    # The rank is the order of picking; a score is the fit at the moment of picking, which can
    # rise for later picks as the list's balance changes, so the text shows the rank alone.
    for rank, row in enumerate(rows, start=1):
        print(f"{rank:>3}. {row['stakeholder']['name']} (id {row['stakeholder']['id']})")
        for line in [*row["reasons"], *row["flags"], *row["warnings"]]:
            print(f"       - {line}")
    print("checks with these suggestions added:")
    for c in report.checks:
        print(f"    {_MARK[c.outcome]}  {c.title}: {c.message}")
    return 0


def run_invite(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ids = add_invitations(
            store,
            args.id,
            args.stakeholder_ids,
            role=InvitationRole(args.role),
            reserve=args.reserve,
        )
    where = "reserve list" if args.reserve else "invite list"
    print(f"added {len(ids)} to the {where} of roundtable {args.id}")
    return 0
