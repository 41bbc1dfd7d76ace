"""The health check at open, and leaving it to the background on request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from convener.errors import DatabaseError
from convener.storage import Store, Taxonomy
from tests.damaged_files import damage_page, fill_pages


@pytest.fixture
def damaged(db_path: Path) -> Path:
    """A Convener database whose schema reads fine but one page of data is garbage."""
    with Store.open(db_path) as store:
        pages = fill_pages(store.db.conn, convener=True)
    damage_page(db_path, pages - 10)
    return db_path


def test_a_damaged_file_is_refused_at_open(damaged: Path) -> None:
    with pytest.raises(DatabaseError, match="is damaged"):
        Store.open(damaged)


def test_check_false_opens_and_the_check_finds_the_damage_later(damaged: Path) -> None:
    with Store.open(damaged, check=False) as store:
        assert len(store.taxonomy.terms(Taxonomy.LEVERS)) == 4  # the schema reads fine
        with pytest.raises(DatabaseError, match="restore it from a backup"):
            store.check_health()


def test_a_healthy_file_passes(store: Store) -> None:
    store.check_health()


def test_a_file_is_always_checked_before_a_migration(tmp_path: Path) -> None:
    # An older file (no Convener schema yet, so every migration is pending) that is damaged.
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    pages = fill_pages(conn)
    conn.close()
    damage_page(path, pages - 10)
    with pytest.raises(DatabaseError, match="is damaged"):
        Store.open(path, check=False)
