"""The subject access export holds every row of every table that refers to the person."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from convener.directory import add_stakeholder
from convener.domain import Attribution, FindingKind, StakeholderDraft
from convener.storage import Store
from convener.storage.findings import FindingRecord
from tests.conftest import CliResult

# Which section of the export carries the rows of each table that refers to a person. A new
# table that refers to people fails the test below until the export includes it.
SECTIONS = {
    "stakeholders": "record",
    "stakeholder_levers": "levers",
    "stakeholder_themes": "themes",
    "consent_events": "consent_history",
    "invitations": "invitations",
    "deliveries": "deliveries",
    "findings": "findings",
    "conflicts": "conflicts",
    "disclosures": "disclosures",
    "retention_reviews": "retention_reviews",
    "erasures": "erasures",
}


def _rows_referring_to(conn: sqlite3.Connection, sid: int) -> dict[str, list[dict]]:
    """Independently of the code under test: walk the schema for every reference to a person.

    Direct references (a foreign key to stakeholders, or a stakeholder_id column such as the
    erasure log's) and one hop further (a row pointing at a row that points at the person).
    """
    conn.row_factory = sqlite3.Row
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
            " AND name NOT LIKE 'stakeholder_search%' AND name NOT LIKE 'sqlite_%'"
            " AND name != '_sqlite_migrations'"
        )
    ]
    found: dict[str, list[dict]] = {
        "stakeholders": [
            dict(r) for r in conn.execute("SELECT * FROM stakeholders WHERE id = ?", [sid])
        ]
    }
    direct: dict[str, list[str]] = {}
    for table in tables:
        columns = {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}
        refs = [
            fk["from"]
            for fk in conn.execute(f"PRAGMA foreign_key_list({table})")
            if fk["table"] == "stakeholders"
        ]
        if "stakeholder_id" in columns and "stakeholder_id" not in refs:
            refs.append("stakeholder_id")
        if refs:
            direct[table] = refs
            where = " OR ".join(f"{c} = ?" for c in refs)
            found[table] = [
                dict(r)
                for r in conn.execute(f"SELECT * FROM {table} WHERE {where}", [sid] * len(refs))
            ]
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
            parent = fk["table"]
            if parent in direct and parent != "stakeholders" and table not in direct:
                ids = [row["id"] for row in found[parent]]
                marks = ",".join("?" * len(ids)) or "NULL"
                found[table] = [
                    dict(r)
                    for r in conn.execute(
                        f"SELECT * FROM {table} WHERE {fk['from']} IN ({marks})", ids
                    )
                ]
    return {table: rows for table, rows in found.items() if rows}


def _enrich(store: Store, sid: int) -> None:
    """Give the person a row in every table that can refer to them."""
    other = add_stakeholder(store, StakeholderDraft(name="Colleague Person"))
    roundtable = store.roundtables.all()[0]
    with store.db.atomic():
        invitation = store.roundtables.invite(roundtable.id, sid, access_needs="hearing loop")
        store.db.execute(
            "INSERT INTO deliveries (invitation_id, sequence, method, file_name, sent_at)"
            " VALUES (?, 0, 'eml', 'invite.eml', '2026-01-01T00:00:00+00:00')",
            [invitation],
        )
        store.db.execute(
            "INSERT INTO conflicts (stakeholder_id, other_stakeholder_id, note, created_at)"
            " VALUES (?, ?, 'same team', '2026-01-01T00:00:00+00:00')",
            [other, sid],
        )
        store.findings.add(
            FindingRecord(
                roundtable.id,
                FindingKind.RECOMMENDATION,
                "Fund advocates",
                attribution=Attribution.NAMED,
                by_stakeholder_id=sid,
            )
        )
        store.retention.keep(sid)
        store.disclosures.record([sid, other], "CSV export", "internal", "all.csv")


def test_export_holds_every_row_about_the_person(
    demo_store: Store, db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    sid = demo_store.stakeholders.find()[0].id
    _enrich(demo_store, sid)
    demo_store.close()
    with sqlite3.connect(db_path) as conn:
        expected = _rows_referring_to(conn, sid)
    assert set(expected) >= {
        "stakeholders",
        "invitations",
        "deliveries",
        "conflicts",
        "findings",
        "retention_reviews",
        "disclosures",
        "consent_events",
    }
    assert set(expected) <= set(SECTIONS), "a table refers to people but is not in the export"

    out = tmp_path / "access.json"
    done = cli("subject-access", str(sid), "--out", str(out), check=True)
    assert str(out) in done.out
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["stakeholder_id"] == sid

    for table, rows in expected.items():
        section = document[SECTIONS[table]]
        if table == "stakeholders":
            record = section
            for column, value in rows[0].items():
                wanted = json.loads(value) if column == "tags" else value
                if column == "lived_experience":
                    wanted = bool(value)
                assert record[column] == wanted, column
            continue
        if "id" in rows[0]:
            by_id = {r["id"]: r for r in section}
            assert sorted(by_id) == sorted(r["id"] for r in rows), table
            for row in rows:
                assert {k: by_id[row["id"]][k] for k in row} == row, table
        else:  # link tables without an id: compare every column
            assert [{k: r[k] for k in rows[0]} for r in section] == rows, table


def test_export_is_recorded_in_the_ledger_and_refuses_to_overwrite(
    store: Store, db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Grace Okafor", email="g@example.org"))
    store.close()
    out = tmp_path / "grace.json"
    cli("subject-access", str(sid), "--out", str(out), check=True)
    again = cli("subject-access", str(sid), "--out", str(out))
    assert again.code == 1 and "already exists" in again.err
    missing = cli("subject-access", "4242", "--out", str(tmp_path / "x.json"))
    assert missing.code == 1 and missing.err.startswith("error: ")
    assert not (tmp_path / "x.json").exists()
    with Store.open(db_path) as reopened:
        ledger = reopened.disclosures.for_person(sid)
    assert [(d.export_kind, d.audience, d.file_name) for d in ledger] == [
        ("subject access export", "record", "grace.json")
    ]
    assert list(tmp_path.glob("*.partial")) == []
