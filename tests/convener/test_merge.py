"""Merging two records keeps the consent and engagement history of both, in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import ConsentPurpose, InvitationStatus, StakeholderDraft
from convener.errors import ValidationError
from convener.merge import merge_stakeholders
from convener.storage import StakeholderFilter, Store


def _counts(db_path: Path, sid: int) -> dict[str, int]:
    """Rows that belong to a person, counted straight from the file."""
    with sqlite3.connect(db_path) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table} WHERE {col} = ?", [sid]).fetchone()[
                0
            ]
            for table, col in [
                ("consent_events", "stakeholder_id"),
                ("invitations", "stakeholder_id"),
                ("findings", "by_stakeholder_id"),
                ("disclosures", "stakeholder_id"),
            ]
        }


def _two_records_with_history(demo_store: Store) -> tuple[int, int]:
    ids = demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))
    keep = ids[0]
    other = add_stakeholder(
        demo_store,
        StakeholderDraft(
            name="Kemi Adebayo",
            themes=["Research and data"],
            tags=["duplicate"],
            notes="Entered twice at a conference.",
        ),
    )
    with demo_store.db.atomic():
        demo_store.consent.record(other, ConsentPurpose.QUOTED, given=True, method="email")
        demo_store.disclosures.record([other], "csv", "internal", "list.csv")
    return keep, other


def test_merge_keeps_both_histories(demo_store: Store, db_path: Path) -> None:
    keep, other = _two_records_with_history(demo_store)
    before_keep = _counts(db_path, keep)
    before_other = _counts(db_path, other)
    assert before_keep["invitations"] > 0 and before_keep["consent_events"] > 0
    assert before_other["consent_events"] == 1 and before_other["disclosures"] == 1

    merge_stakeholders(demo_store, keep, other)

    after = _counts(db_path, keep)
    for kind in before_keep:
        assert after[kind] == before_keep[kind] + before_other[kind], kind
    assert _counts(db_path, other) == dict.fromkeys(before_other, 0)
    with pytest.raises(Exception, match="no stakeholder"):
        demo_store.stakeholders.get(other)
    merged = demo_store.stakeholders.get(keep)
    assert "Research and data" in merged.themes
    assert "duplicate" in merged.tags
    assert "Entered twice" in merged.notes
    # The merged-away record is gone from the search index; the kept one is still found.
    assert demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo")) == [keep]
    assert demo_store.consent.state(keep).allows(ConsentPurpose.QUOTED)


def test_merge_folds_invitations_to_the_same_roundtable(demo_store: Store) -> None:
    keep, other = _two_records_with_history(demo_store)
    engagement = demo_store.stakeholders.engagements(keep)[0]
    rid = engagement.roundtable_id
    with demo_store.db.atomic():
        demo_store.roundtables.invite(rid, other, status=InvitationStatus.PROPOSED)
    merge_stakeholders(demo_store, keep, other)
    on_list = [i for i in demo_store.roundtables.invitations(rid) if i.stakeholder_id == keep]
    assert len(on_list) == 1
    assert on_list[0].status == engagement.status


def test_merge_is_all_or_nothing(demo_store: Store, db_path: Path) -> None:
    keep, other = _two_records_with_history(demo_store)
    before = (_counts(db_path, keep), _counts(db_path, other))
    # A row that points at the other record and that the merge does not know how to move makes
    # the final delete fail; nothing of the merge may remain.
    demo_store.db.execute(
        "CREATE TABLE notes_elsewhere (stakeholder_id INTEGER REFERENCES stakeholders(id))"
    )
    demo_store.db.execute("INSERT INTO notes_elsewhere VALUES (?)", [other])
    demo_store.db.conn.commit()
    with pytest.raises(sqlite3.IntegrityError):
        merge_stakeholders(demo_store, keep, other)
    assert (_counts(db_path, keep), _counts(db_path, other)) == before
    assert demo_store.stakeholders.get(other).name == "Kemi Adebayo"


def test_merge_refuses_the_same_record(demo_store: Store) -> None:
    sid = demo_store.stakeholders.ids()[0]
    with pytest.raises(ValidationError, match="two different records"):
        merge_stakeholders(demo_store, sid, sid)
