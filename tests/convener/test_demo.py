"""The shipped demo data set: broad enough that every view has content."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from convener.calendar.export import write_invitations
from convener.demo import load_demo
from convener.domain import RoundtableStatus
from convener.storage import StakeholderFilter, Store


def _one(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def test_demo_covers_the_domain(demo_store: Store) -> None:
    conn = sqlite3.connect(demo_store.path)  # an independent look at the file
    assert _one(conn, "SELECT count(*) FROM stakeholders") >= 60
    assert _one(conn, "SELECT count(DISTINCT sector_id) FROM stakeholders") >= 12
    assert _one(conn, "SELECT count(DISTINCT lever_id) FROM stakeholder_levers") == 4
    assert _one(conn, "SELECT count(DISTINCT theme_id) FROM stakeholder_themes") == 7
    jurisdictions = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT j.name FROM stakeholders s JOIN jurisdictions j"
            " ON j.id = s.jurisdiction_id"
        )
    }
    assert {"England", "Wales", "Scotland", "Northern Ireland", "UK-wide", "International"} <= (
        jurisdictions
    )
    assert _one(conn, "SELECT count(*) FROM stakeholders WHERE lived_experience") >= 8
    assert _one(conn, "SELECT count(*) FROM stakeholders WHERE pseudonym IS NOT NULL") >= 2
    assert (
        _one(
            conn,
            "SELECT count(*) FROM stakeholders WHERE intermediary_id IS NOT NULL"
            " AND email IS NULL AND phone IS NULL",
        )
        >= 2
    )
    assert _one(conn, "SELECT count(*) FROM roundtables") >= 3
    assert _one(conn, "SELECT count(*) FROM invitations") >= 20
    assert _one(conn, "SELECT count(*) FROM findings") >= 10
    conn.close()


def test_demo_loads_once(demo_store: Store) -> None:
    count = demo_store.stakeholders.count(StakeholderFilter())
    assert load_demo(demo_store) is False
    assert demo_store.stakeholders.count(StakeholderFilter()) == count


def test_protected_demo_invitees_are_invited_through_their_intermediary(
    demo_store: Store, tmp_path: Path
) -> None:
    conn = sqlite3.connect(demo_store.path)
    routes = dict(
        conn.execute(
            "SELECT s.id, o.email FROM stakeholders s JOIN organisations o"
            " ON o.id = s.intermediary_id"
        ).fetchall()
    )
    conn.close()
    assert routes and all(email and email.endswith(".example.org") for email in routes.values())
    sent = next(
        rt for rt in demo_store.roundtables.all() if rt.status is RoundtableStatus.INVITATIONS_SENT
    )
    summary = write_invitations(demo_store, sent.id, tmp_path)
    protected = [f for f in summary.files if f.stakeholder_id in routes]
    assert protected, "the demo roundtable invites someone through an intermediary"
    for written in protected:
        assert written.address == routes[written.stakeholder_id]
        unfolded = (tmp_path / written.file_name).read_bytes().decode().replace("\r\n ", "")
        assert routes[written.stakeholder_id] in unfolded
    assert not [s for s in summary.skipped if "intermediary" in s.reason]
