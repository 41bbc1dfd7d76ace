"""What erasure leaves behind: nothing in any column, any backup, or a re-imported contacts file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from convener.erasure import erase_person
from convener.storage import Store
from convener.storage.backup import BEFORE_RESTORE, backup_to, backups_of, daily_backup
from convener.storage.connection import convener_database
from convener.storage.erasure_columns import TEXT_COLUMNS
from convener.storage.migrations import migrations
from convener.storage.restore import safe_restore
from tests.conftest import CliResult
from tests.convener.test_erasure import EMAIL, FORBIDDEN, NAME, PHONE, _add_person
from tests.leaks import leaks_in

# The name as file names and staff notes spell it, beyond what the scrubber's words catch.
SPELLINGS = ["zaneta_quillwright", "ZanetaQuillwright", "quillwright-ondras"]


def _text_columns() -> set[tuple[str, str]]:
    """Every text column of the latest schema, read from a fresh database, not from the list."""
    conn = sqlite3.connect(":memory:")
    migrations.apply(convener_database(conn))
    found: set[tuple[str, str]] = set()
    try:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for (name,) in tables:
            if name.startswith("stakeholder_search_"):
                continue
            for column in conn.execute(f'PRAGMA table_info("{name}")'):
                if column[2].upper() in ("TEXT", ""):
                    found.add((name, column[1]))
    finally:
        conn.close()
    return found


def test_every_text_column_has_an_erasure_decision() -> None:
    """A new text column fails here until storage.erasure_columns says what erasure does."""
    columns = _text_columns()
    assert columns - TEXT_COLUMNS.keys() == set(), "add these to storage/erasure_columns.py"
    assert TEXT_COLUMNS.keys() - columns == set(), "these are no longer in the schema"


def _plant_everywhere(store: Store, sid: int) -> None:
    """The person's name in every free-text column and file-name column there is."""
    person = f"{NAME} ({EMAIL}, {PHONE})"
    with store.db.atomic():
        for (table, column), decision in TEXT_COLUMNS.items():
            if decision.name not in ("FREE_TEXT", "FILE_NAME") or (table, column) == (
                "organisations",
                "name",
            ):
                continue
            if table == "settings":  # its values may be JSON the app reads: a row of our own
                store.db.execute("INSERT INTO settings (key, value) VALUES ('memo', ?)", [person])
                continue
            rowid = store.db.execute(f"SELECT rowid FROM {table} LIMIT 1").fetchone()
            if rowid is None:
                continue
            value = f"{SPELLINGS[len(column) % 3]}.ics" if decision.name == "FILE_NAME" else person
            if (table, column) == ("stakeholders", "tags"):
                value = json.dumps([person])
            store.db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [value, rowid[0]])
        invitation = store.db.execute("SELECT id FROM invitations LIMIT 1").fetchone()[0]
        store.db.execute(
            "INSERT INTO replies (invitation_id, sequence, replied_at, partstat, file_name,"
            " applied_at) VALUES (?, 0, 'x', 'ACCEPTED', 'Re_ZanetaQuillwright.eml', 'x')",
            [invitation],
        )
        store.db.execute(
            "UPDATE consent_events SET recorded_by = ? WHERE stakeholder_id = ?", [NAME, sid]
        )


def _column_leaks(path: Path) -> list[str]:
    """Every value of every table, read through SQLite, checked for every spelling."""
    forbidden = [*FORBIDDEN, *SPELLINGS]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                text = "\n".join(str(v) for v in row if v is not None)
                found += [f"{table}: {leak.forbidden}" for leak in leaks_in(text, forbidden)]
    finally:
        conn.close()
    return found


def _all_files(db_path: Path) -> list[Path]:
    files = [db_path, *backups_of(db_path)]
    files += [p for p in (Path(f"{db_path}-wal"), Path(f"{db_path}.erasures.json")) if p.exists()]
    return files


def test_erasure_leaves_nothing_in_any_column_any_backup_or_file(
    demo_store: Store, db_path: Path, tmp_path: Path
) -> None:
    sid = _add_person(demo_store)
    _plant_everywhere(demo_store, sid)
    daily_backup(demo_store.db, db_path, today=date(2026, 3, 1))
    safe_restore(demo_store.db, db_path, backup_to(demo_store.db, tmp_path / "same.db"))
    backups = backups_of(db_path)
    assert len(backups) == 2 and any(BEFORE_RESTORE in p.name for p in backups)
    assert _column_leaks(db_path) and _column_leaks(backups[0])  # the scan sees the person

    result = erase_person(demo_store, sid, "asked by email")
    assert result.backups_not_cleaned == ()
    demo_store.close()

    for path in _all_files(db_path):
        assert leaks_in(path.read_bytes(), [*FORBIDDEN, *SPELLINGS]) == [], path
        if path.suffix == ".db":
            assert _column_leaks(path) == [], path


def test_an_old_backup_opened_elsewhere_does_not_show_the_person(
    demo_store: Store, db_path: Path, tmp_path: Path
) -> None:
    sid = _add_person(demo_store)
    old = daily_backup(demo_store.db, db_path, today=date(2026, 3, 1))
    assert old is not None
    erase_person(demo_store, sid, "asked")
    elsewhere = tmp_path / "elsewhere" / "copy.db"
    elsewhere.parent.mkdir()
    shutil.copy(old, elsewhere)
    with Store.open(elsewhere) as copy:
        assert copy.stakeholders.get(sid).erased
        logged = copy.db.execute("SELECT stakeholder_id FROM erasure_log").fetchall()
    assert logged == [(sid,)]  # the list travels inside the backup


def test_backups_before_restore_are_pruned(store: Store, db_path: Path, tmp_path: Path) -> None:
    saved = backup_to(store.db, tmp_path / "saved.db")
    for _ in range(9):
        safe_restore(store.db, db_path, saved)
    kept = [p for p in backups_of(db_path) if BEFORE_RESTORE in p.name]
    assert len(kept) == 7


REIMPORT = (
    "Name,Email,Organisation,Sector,Phone\n"
    "Someone New,someone.new@example.org,,,\n"
    f"Z. Quillwright,{EMAIL.upper()},,,\n"  # same email, other spelling of the name
    "Zaneta Q,,,,00 44 7700 918273\n"  # same phone, written another way
    "Żaneta  Quillwright-Ondráš,,,,\n"  # same name, no organisation, extra space
)


def test_reimporting_an_old_contacts_file_does_not_bring_the_person_back(
    demo_store: Store, db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    sid = _add_person(demo_store)
    erase_person(demo_store, sid, "asked")
    demo_store.close()
    contacts = tmp_path / "old-contacts.csv"
    contacts.write_text(REIMPORT, encoding="utf-8")

    done = cli("import", str(contacts))
    assert done.code == 0, done.err
    assert "3 rows match people erased earlier and were skipped" in done.out
    listed = json.loads(cli("stakeholders", "--json", "--search", "Quillwright").out)
    assert listed == []
    assert json.loads(cli("stakeholders", "--json", "--search", "Someone New").out)
    again = json.loads(cli("import", str(contacts), "--json").out)
    assert again["erased_earlier"] == 3
    with sqlite3.connect(db_path) as conn:
        hashes = conn.execute("SELECT kind, digest FROM erasure_suppression").fetchall()
    assert {kind for kind, _ in hashes} == {"email", "phone", "name+organisation"}
    assert leaks_in("\n".join(d for _, d in hashes), FORBIDDEN) == []
