"""m003 rebuilds the full-text index with prefix indexes and keeps what it held."""

from __future__ import annotations

from pathlib import Path

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.storage import StakeholderFilter, Store
from convener.storage.migrations import latest_version, migration_names

_NAMES = migration_names()
_FROM_M007 = list(_NAMES[_NAMES.index("m007_search_prefix_index") :])

_AS_M001_MADE_IT = """CREATE VIRTUAL TABLE stakeholder_search USING fts5(
    name, pseudonym, organisation, role, email, tags, notes,
    tokenize = 'unicode61 remove_diacritics 2'
)"""


def _search_sql(store: Store) -> str:
    row = store.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'stakeholder_search'"
    ).fetchone()
    return str(row[0])


def test_a_file_from_before_gets_prefix_indexes_and_keeps_its_rows(
    db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:
        kept = add_stakeholder(
            store,
            StakeholderDraft(
                name="Siobhán Ó Súilleabháin", organisation="Rights Lab", tags=["ports"]
            ),
        )
        erased = add_stakeholder(store, StakeholderDraft(name="Gone Person"))
        with store.db.atomic():
            store.db.execute(
                "UPDATE stakeholders SET erased_at = '2026-01-01T00:00:00+00:00' WHERE id = ?",
                [erased],
            )
            # The file as the schema before left it: the m001 index, m007 and later not applied.
            store.db.execute("DROP INDEX stakeholders_lived_experience")  # m008's
            store.db.execute("DROP TABLE erasure_log")  # m009's
            store.db.execute("DROP TABLE erasure_suppression")
            store.db.execute("DROP TABLE stakeholder_search")
            store.db.execute(_AS_M001_MADE_IT)
            store.db.execute(
                "INSERT INTO stakeholder_search (rowid, name) SELECT id, name FROM stakeholders"
            )
            marks = ",".join("?" * len(_FROM_M007))
            store.db.execute(f"DELETE FROM _sqlite_migrations WHERE name IN ({marks})", _FROM_M007)
        store.db.execute(f"PRAGMA user_version = {latest_version() - len(_FROM_M007)}")
        assert "prefix" not in _search_sql(store)

    with Store.open(db_path, backups_dir=tmp_path / "backups") as store:
        assert "prefix = '1 2'" in _search_sql(store)
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        for typed in ("s", "si", "siobhan o", "rights", "ports"):
            assert store.stakeholders.ids(StakeholderFilter(search=typed)) == [kept], typed
        hits = store.db.execute(
            "SELECT rowid FROM stakeholder_search WHERE stakeholder_search MATCH '\"gone\"'"
        ).fetchall()
        assert hits == []
    assert list((tmp_path / "backups").glob("*.db"))
