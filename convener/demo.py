"""Loading the fictional demo data set, so every view has something to show on first run."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from convener.directory import add_stakeholder
from convener.domain import (
    Attribution,
    ConsentPurpose,
    FindingKind,
    InvitationRole,
    InvitationStatus,
    RoundtableStatus,
    StakeholderDraft,
)
from convener.resources import resource
from convener.storage import Store, Taxonomy
from convener.storage.findings import FindingRecord
from convener.storage.roundtables import RoundtableRecord
from convener.timezones import parse_planned

DEMO_FILE = resource("demo", "demo.json")
_MARKER = "demo_loaded"


def _pence(amount: float | None) -> int | None:
    return None if amount is None else round(amount * 100)


def load_demo(store: Store, source: Path = DEMO_FILE) -> bool:
    """Load the demo data once; returns False when it was already loaded."""
    if store.settings.get(_MARKER):
        return False
    data = json.loads(source.read_text(encoding="utf-8"))
    with store.db.atomic():
        orgs = _load_organisations(store, data["organisations"])
        people = _load_people(store, data["stakeholders"], orgs)
        for item in data["roundtables"]:
            _load_roundtable(store, item, people)
        store.settings.put(_MARKER, "1")
    return True


def _load_organisations(store: Store, items: list[dict[str, Any]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in items:
        store.organisations.add(
            item["name"],
            sector=item.get("sector"),
            jurisdiction=item.get("jurisdiction"),
            email=item.get("email"),
            website=item.get("website"),
            notes=item.get("notes", ""),
        )
        names[item["key"]] = item["name"]
    return names


def _load_people(store: Store, items: list[dict[str, Any]], orgs: dict[str, str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for item in items:
        draft = StakeholderDraft(
            name=item["name"],
            pseudonym=item.get("pseudonym"),
            role=item.get("role"),
            organisation=orgs[item["organisation"]] if item.get("organisation") else None,
            email=item.get("email"),
            phone=item.get("phone"),
            sector=item.get("sector"),
            levers=item.get("levers", []),
            themes=item.get("themes", []),
            jurisdiction=item.get("jurisdiction"),
            tags=item.get("tags", []),
            lived_experience=item.get("lived_experience", False),
            intermediary=orgs[item["intermediary"]] if item.get("intermediary") else None,
            access_needs=item.get("access_needs", ""),
            safe_contact_notes=item.get("safe_contact_notes", ""),
            notes=item.get("notes", ""),
        )
        sid = add_stakeholder(store, draft)
        ids[item["key"]] = sid
        for event in item.get("consent", []):
            store.consent.record(
                sid,
                ConsentPurpose(event["purpose"]),
                given=event["given"],
                method=event.get("method", ""),
                note=event.get("note", ""),
                recorded_by=event.get("recorded_by", ""),
                recorded_at=datetime.fromisoformat(event["at"].replace("Z", "+00:00")),
            )
    return ids


def _load_roundtable(store: Store, item: dict[str, Any], people: dict[str, int]) -> None:
    tz = item.get("tz", "Europe/London")
    theme_id = store.taxonomy.resolve(Taxonomy.THEMES, item["theme"])
    rid = store.roundtables.insert(
        RoundtableRecord(
            title=item["title"],
            theme_id=theme_id,
            starts_at=parse_planned(item["start"], tz),
            ends_at=parse_planned(item["end"], tz, "end"),
            tz=tz,
            purpose=item.get("purpose", ""),
            format=item.get("format", "online"),
            location=item.get("location"),
            online_url=item.get("online_url"),
            organiser_name=item.get("organiser_name"),
            organiser_email=item.get("organiser_email"),
            capacity=item.get("capacity"),
            status=RoundtableStatus(item.get("status", "draft")),
        )
    )
    agenda = [store.roundtables.add_agenda_item(rid, title) for title in item.get("agenda", [])]
    for inv in item.get("invitations", []):
        store.roundtables.invite(
            rid,
            people[inv["stakeholder"]],
            role=InvitationRole(inv.get("role", "participant")),
            status=InvitationStatus(inv.get("status", "proposed")),
            fee_pence=_pence(inv.get("fee")),
            expenses_pence=_pence(inv.get("expenses")),
            paid_on=date.fromisoformat(inv["paid_on"]) if inv.get("paid_on") else None,
            access_needs=inv.get("access_needs", ""),
        )
    for finding in item.get("findings", []):
        position = finding.get("agenda_item")
        fid = store.findings.add(
            FindingRecord(
                roundtable_id=rid,
                kind=FindingKind(finding.get("kind", "insight")),
                text=finding["text"],
                agenda_item_id=agenda[position] if position is not None else None,
                theme_id=store.taxonomy.resolve(Taxonomy.THEMES, finding["theme"])
                if finding.get("theme")
                else theme_id,
                lever_id=store.taxonomy.resolve(Taxonomy.LEVERS, finding["lever"])
                if finding.get("lever")
                else None,
                addressed_to=finding.get("addressed_to"),
                owner=finding.get("owner"),
                due_on=date.fromisoformat(finding["due"]) if finding.get("due") else None,
                attribution=Attribution(finding.get("attribution", "none")),
                by_stakeholder_id=people[finding["by"]] if finding.get("by") else None,
            )
        )
        if finding.get("retracted"):
            store.findings.retract(fid, "Withdrawn by the contributor")
