"""After an import: search finds the new people, the directory lists them in name order, and
what the bulk write stored equals a full recomputation; all of it also across the chunks in
which a large file's people are written."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from convener.collation import fold
from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.importing import (
    Decision,
    ImportRejectedError,
    ImportSummary,
    choose_mapping,
    open_source,
    run_import,
)
from convener.storage import StakeholderFilter, Store
from convener.storage.people_index import refresh_sort_names
from tests.convener.db_digest import digest

HEADERS = [
    "Name",
    "Email",
    "Organisation",
    "Role",
    "Pseudonym",
    "Lived experience",
    "Tags",
    "Phone",
]
# More rows than the importer writes in one chunk, so the people below land in a later chunk.
PADDING = 2_500


def write_csv(path: Path, rows: list[list[str]], padding: int = 0) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(padding):
            writer.writerow([f"Filler {i}", f"filler{i}@example.org", f"Org {i % 40}"])
        writer.writerows(rows)
    return path


def run(store: Store, path: Path, **options: object) -> ImportSummary:
    source = open_source(path)
    return run_import(store, source, choose_mapping(store, source.headers).mapping, **options)


PEOPLE = [
    ["Zoë Ødegård", "zoe@example.org", "Città Aperta", "Director", "", "", "ports; care sector"],
    ["łucja Wójcik", "", "Fundacja Łódź", "", "", "", ""],
    ["Émile Zola", "emile@example.fr", "", "Chercheur", "", "", ""],
    ["adam Smith", "", "", "", "", "", ""],
    ["Коваленко Олена", "olena@example.ua", "", "", "", "", ""],
    ["Aaron Real", "", "", "", "Zed", "yes", ""],
]


@pytest.mark.parametrize("padding", [0, PADDING])
def test_imported_people_are_found_without_accents_and_listed_in_name_order(
    store: Store, tmp_path: Path, padding: int
) -> None:
    add_stakeholder(store, StakeholderDraft(name="Mary Middle"))
    summary = run(store, write_csv(tmp_path / "in.csv", PEOPLE, padding))
    assert summary.created == len(PEOPLE) + padding

    def found(text: str) -> list[str]:
        people = store.stakeholders.get_many(store.stakeholders.ids(StakeholderFilter(text)))
        return [p.name for p in people]

    assert found("lucja wojcik") == ["łucja Wójcik"]
    assert found("lodz") == ["łucja Wójcik"]
    assert found("kovalenko") == ["Коваленко Олена"]
    assert found("odegard citta") == ["Zoë Ødegård"]
    assert found("care sector") == ["Zoë Ødegård"]
    assert found("chercheur") == ["Émile Zola"]
    assert found("zed") == ["Aaron Real"]

    # Lists show the protected expert as "Zed" and sort them by it; the rest fold case and
    # accents, and Cyrillic sorts by its transliteration.
    named = [
        p.name
        for p in store.stakeholders.get_many(store.stakeholders.ids())
        if not p.name.startswith("Filler")
    ]
    assert named == [
        "adam Smith",
        "Émile Zola",
        "Коваленко Олена",
        "łucja Wójcik",
        "Mary Middle",
        "Aaron Real",
        "Zoë Ødegård",
    ]


def _reference_search_rows(path: Path) -> list[tuple[object, ...]]:
    """What the full-text index should hold, computed as the schema's migration 7 does."""
    con = sqlite3.connect(path)
    con.create_function("convener_fold", 1, fold, deterministic=True)
    try:
        return con.execute(
            """SELECT s.id, convener_fold(s.name), convener_fold(s.pseudonym),
                      convener_fold(o.name), convener_fold(s.role), convener_fold(s.email),
                      convener_fold((SELECT group_concat(value, ' ') FROM json_each(s.tags))),
                      convener_fold(s.notes)
               FROM stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id
               WHERE s.erased_at IS NULL ORDER BY s.id"""
        ).fetchall()
    finally:
        con.close()


def _stored(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        search = con.execute(
            """SELECT rowid, name, pseudonym, organisation, role, email, tags, notes
               FROM stakeholder_search ORDER BY rowid"""
        ).fetchall()
        sort_names = con.execute("SELECT id, sort_name FROM stakeholders ORDER BY id").fetchall()
        return search, sort_names
    finally:
        con.close()


def test_what_an_import_indexes_equals_a_full_recomputation(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    add_stakeholder(store, StakeholderDraft(name="Already Here", organisation="Città Aperta"))
    run(store, write_csv(tmp_path / "in.csv", PEOPLE, PADDING))
    search, sort_names = _stored(db_path)
    assert len(search) == len(PEOPLE) + PADDING + 1
    assert search == _reference_search_rows(db_path)
    with store.db.atomic():
        refresh_sort_names(store.db)  # the migration's way: everyone, read back from the table
    assert _stored(db_path)[1] == sort_names
    # A later import that updates someone reindexes them the other way (by id, read back).
    zoe = ["Zoë Ødegård", "zoe@example.org", "Fundacja Łódź", "", "Zo", "yes", "NRM"]
    again = run(store, write_csv(tmp_path / "again.csv", [zoe]), on_duplicate=Decision.UPDATE)
    assert again.updated == 1
    search, sort_names = _stored(db_path)
    assert search == _reference_search_rows(db_path)
    with store.db.atomic():
        refresh_sort_names(store.db)
    assert _stored(db_path)[1] == sort_names


def test_a_row_can_update_someone_an_earlier_row_of_the_file_added(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["New Person", "new@example.org", "Acme", "", "", "", ""],
        ["New Person", "NEW@example.org", "", "Chair", "", "", "", "+44 20 7946 0000"],
    ]
    path = write_csv(tmp_path / "in.csv", rows, PADDING)
    later_row = PADDING + 3  # the header is row 1
    summary = run(store, path, decisions={later_row: Decision.UPDATE})
    assert (summary.created, summary.updated) == (PADDING + 1, 1)
    assert summary.duplicates[0].match.earlier_row == later_row - 1
    (person,) = store.stakeholders.find_by_email("new@example.org")
    assert (person.organisation, person.role, person.phone) == (
        "Acme",
        "Chair",
        "+44 20 7946 0000",
    )
    assert store.stakeholders.ids(StakeholderFilter(search="chair")) == [person.id]


def test_a_bad_row_after_people_were_written_leaves_the_database_unchanged(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    add_stakeholder(store, StakeholderDraft(name="Already Here"))
    rows = [*PEOPLE, ["Bad Address", "not-an-address", "", "", "", "", ""]]
    before = digest(db_path)
    with pytest.raises(ImportRejectedError) as rejected:
        run(store, write_csv(tmp_path / "in.csv", rows, PADDING))
    assert [e.row for e in rejected.value.summary.errors] == [PADDING + len(rows) + 1]
    assert digest(db_path) == before
    assert store.stakeholders.ids(StakeholderFilter(search="filler")) == []
