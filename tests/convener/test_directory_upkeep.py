"""Deleting, renaming and counting in the directory: links and the search index stay right."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.errors import ValidationError
from convener.organisations import OrganisationDraft, save_organisation
from convener.storage import StakeholderFilter, Store, Taxonomy
from convener.storage.coverage import CoverageMeasure, CoverageQuery


def test_a_record_with_history_is_not_deleted(demo_store: Store) -> None:
    engaged = demo_store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))[0]
    with pytest.raises(ValidationError, match="cannot simply be deleted"):
        demo_store.stakeholders.delete(engaged)
    fresh = add_stakeholder(demo_store, StakeholderDraft(name="Typo Entry"))
    demo_store.stakeholders.delete(fresh)
    assert demo_store.stakeholders.ids(StakeholderFilter(search="Typo Entry")) == []


def test_renaming_an_organisation_updates_its_peoples_search_text(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Ann Lee", organisation="Old Name Trust"))
    org = store.organisations.find_by_name("Old Name Trust")
    assert org is not None
    save_organisation(store, OrganisationDraft(name="Harbour Trust"), org.id)
    assert store.stakeholders.ids(StakeholderFilter(search="harbour")) == [sid]
    assert store.stakeholders.ids(StakeholderFilter(search="old name")) == []
    with pytest.raises(ValidationError, match="not a valid email"):
        save_organisation(store, OrganisationDraft(name="X", email="nope"))


def test_coverage_leaves_out_erased_people(demo_store: Store, db_path: Path) -> None:
    query = CoverageQuery(CoverageMeasure.KNOWN)
    grid = demo_store.coverage.grid(query)
    sector = next(s for s in grid.sectors if s.name == "Lived experience experts")
    theme = next(t for t in grid.themes if t.name == "Prevention")
    people = demo_store.coverage.people(query, sector.id, theme.id)
    assert len(people) == grid.count(sector.id, theme.id) > 0
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE stakeholders SET erased_at = ? WHERE id = ?",
            [datetime.now(UTC).isoformat(), people[0]],
        )
    assert demo_store.coverage.grid(query).count(sector.id, theme.id) == len(people) - 1


def test_usage_counts_people_per_term(demo_store: Store, db_path: Path) -> None:
    usage = demo_store.taxonomy.usage(Taxonomy.SECTORS)
    with sqlite3.connect(db_path) as conn:
        expected = dict(
            conn.execute(
                "SELECT sector_id, count(*) FROM stakeholders WHERE sector_id IS NOT NULL"
                " GROUP BY sector_id"
            ).fetchall()
        )
    assert usage == expected
