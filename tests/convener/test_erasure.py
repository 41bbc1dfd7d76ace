"""Erasure removes a person's bytes from every file, keeps counts, and survives restores."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from convener.consent_recording import record_consent
from convener.directory import add_stakeholder
from convener.domain import Attribution, ConsentPurpose, FindingKind, StakeholderDraft
from convener.erasure import erase_person
from convener.errors import ValidationError
from convener.storage import Store
from convener.storage.findings import FindingRecord
from tests.conftest import CliResult
from tests.leaks import leaks_in

NAME = "Żaneta Quillwright-Ondráš"
PSEUDONYM = "Brightfeather"
EMAIL = "zaneta.quillwright@example.net"
PHONE = "+44 7700 918273"
FORBIDDEN = [NAME, "Quillwright", "Ondráš", PSEUDONYM, EMAIL, PHONE]


def _add_person(store: Store) -> int:
    """A lived experience expert whose name is typed all over the database."""
    sid = add_stakeholder(
        store,
        StakeholderDraft(
            name=NAME,
            pseudonym=PSEUDONYM,
            email=EMAIL,
            phone=PHONE,
            lived_experience=True,
            sector="Lived experience experts",
            tags=["Quillwright panel"],
            access_needs="Quillwright needs step-free access",
            safe_contact_notes=f"Text {PHONE} first; never call after 6pm",
            notes=f"{NAME} co-designed the agenda",
        ),
    )
    record_consent(
        store,
        sid,
        ConsentPurpose.NAMED,
        given=True,
        method="in person",
        note=f"{PSEUDONYM} asked to be named as {PSEUDONYM}",
    )
    other = store.stakeholders.find()[0].id
    with store.db.atomic():
        store.db.execute(
            "UPDATE stakeholders SET notes = ? WHERE id = ?",
            [f"Introduced by {NAME.upper()} in 2024", other],
        )
        for roundtable in store.roundtables.all()[:2]:
            store.roundtables.invite(roundtable.id, sid, access_needs=f"{PSEUDONYM}: interpreter")
            store.findings.add(
                FindingRecord(
                    roundtable_id=roundtable.id,
                    kind=FindingKind.INSIGHT,
                    text=f"As {NAME} explained, referral forms exclude people without papers.",
                    attribution=Attribution.NAMED,
                    by_stakeholder_id=sid,
                )
            )
        store.stakeholders.reindex([other])
    store.disclosures.record([sid], "invitation .ics", "invitee", f"{NAME}.ics")
    return sid


def _counts(db_path: Path) -> dict[str, object]:
    with sqlite3.connect(db_path) as conn:
        return {
            "stakeholders": conn.execute("SELECT count(*) FROM stakeholders").fetchone()[0],
            "lived_experience": conn.execute(
                "SELECT count(*) FROM stakeholders WHERE lived_experience = 1"
            ).fetchone()[0],
            "per_roundtable": conn.execute(
                """SELECT i.roundtable_id, count(*), sum(s.lived_experience),
                          group_concat(i.role || '/' || i.status)
                   FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id
                   GROUP BY i.roundtable_id ORDER BY i.roundtable_id"""
            ).fetchall(),
            "findings": conn.execute("SELECT count(*) FROM findings").fetchone()[0],
        }


def _fts_shadow_bytes(db_path: Path) -> bytes:
    """Every value in the full-text index's shadow tables, as bytes."""
    chunks: list[bytes] = []
    with sqlite3.connect(db_path) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE 'stakeholder_search_%'"
            )
        ]
        assert tables  # the index exists, so an empty scan means something
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                for value in row:
                    if isinstance(value, bytes):
                        chunks.append(value)
                    elif value is not None:
                        chunks.append(str(value).encode("utf-8"))
    return b"\n".join(chunks)


def _fts_terms(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, stakeholder_search, 'row')"
        )
        return {row[0] for row in conn.execute("SELECT term FROM temp.terms")}


def _files(db_path: Path) -> list[Path]:
    return [p for p in (db_path, Path(f"{db_path}-wal")) if p.exists()]


def _raw_leaks(db_path: Path) -> list[str]:
    found = [
        leak.forbidden for p in _files(db_path) for leak in leaks_in(p.read_bytes(), FORBIDDEN)
    ]
    found += [leak.forbidden for leak in leaks_in(_fts_shadow_bytes(db_path), FORBIDDEN)]
    return found


def test_erase_leaves_no_bytes_and_keeps_counts(
    demo_store: Store, db_path: Path, cli: Callable[..., CliResult]
) -> None:
    sid = _add_person(demo_store)
    demo_store.close()
    before = _counts(db_path)
    # The scan can see the person before erasure: in the files and in the index's terms.
    assert set(_raw_leaks(db_path)) >= {NAME, PSEUDONYM, EMAIL}
    assert {"quillwright", "ondras", "brightfeather"} <= _fts_terms(db_path)

    done = cli("erase", str(sid), "--reason", f"{NAME} asked by email", check=True)
    assert "erased" in done.out

    assert _raw_leaks(db_path) == []
    assert not {"quillwright", "ondras", "zaneta", "brightfeather"} & _fts_terms(db_path)
    assert _counts(db_path) == before
    with sqlite3.connect(db_path) as conn:
        reason, erased_id = conn.execute("SELECT reason, stakeholder_id FROM erasures").fetchone()
        kept = conn.execute(
            "SELECT sector_id IS NOT NULL, lived_experience, erased_at IS NOT NULL"
            " FROM stakeholders WHERE id = ?",
            [sid],
        ).fetchone()
        finding = conn.execute(
            "SELECT text, attribution FROM findings WHERE by_stakeholder_id = ?", [sid]
        ).fetchone()
        ledger = conn.execute(
            "SELECT file_name FROM disclosures WHERE stakeholder_id = ?", [sid]
        ).fetchone()
    assert (reason, erased_id) == ("[erased] asked by email", sid)
    assert kept == (1, 1, 1)
    assert finding == (
        "As [erased] explained, referral forms exclude people without papers.",
        "none",
    )
    assert ledger == ("[erased].ics",)
    listed = json.loads(cli("stakeholders", "--json", check=True).out)
    assert sid not in {row["id"] for row in listed}
    sidecar = json.loads(Path(f"{db_path}.erasures.json").read_text(encoding="utf-8"))
    assert [entry["stakeholder_id"] for entry in sidecar] == [sid]
    assert not leaks_in(json.dumps(sidecar).encode(), FORBIDDEN)


def test_erasure_needs_a_reason_and_a_living_record(demo_store: Store) -> None:
    sid = _add_person(demo_store)
    with pytest.raises(ValidationError, match="reason"):
        erase_person(demo_store, sid, "   ")
    erase_person(demo_store, sid, "asked")
    with pytest.raises(ValidationError, match="already erased"):
        erase_person(demo_store, sid, "again")
    with pytest.raises(ValidationError, match="erased"):
        record_consent(demo_store, sid, ConsentPurpose.CONTACT, given=True)


def test_restore_from_older_backup_applies_erasure_again(
    demo_store: Store, db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    sid = _add_person(demo_store)
    demo_store.close()
    backup = tmp_path / "before-erasure.db"
    cli("backup", str(backup), check=True)
    cli("erase", str(sid), "--reason", "asked", check=True)

    cli("restore", str(backup), check=True)
    assert _raw_leaks(db_path) == []
    listed = json.loads(cli("stakeholders", "--json", check=True).out)
    assert sid not in {row["id"] for row in listed}
    with sqlite3.connect(db_path) as conn:
        reasons = [r[0] for r in conn.execute("SELECT reason FROM erasures")]
    assert reasons == ["re-applied from the erasure log"]


def test_copying_an_old_file_back_is_caught_at_open(
    demo_store: Store, db_path: Path, tmp_path: Path
) -> None:
    sid = _add_person(demo_store)
    demo_store.close()
    old = tmp_path / "copy.db"
    shutil.copy(db_path, old)
    with Store.open(db_path) as store:
        erase_person(store, sid, "asked")
    # Someone copies the old file over the database by hand, behind the app's back.
    db_path.unlink()
    shutil.copy(old, db_path)
    assert NAME in _leaked_names(db_path)
    with Store.open(db_path) as store:
        assert store.stakeholders.get(sid).erased
    assert _raw_leaks(db_path) == []


def test_erasure_log_does_not_touch_a_different_database(tmp_path: Path) -> None:
    """Ids repeat across files: a log entry only matches the record it was written for."""
    first = tmp_path / "a.db"
    with Store.open(first) as store:
        sid = add_stakeholder(store, StakeholderDraft(name="Temporary Person"))
        erase_person(store, sid, "test")
    first.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{first}{suffix}").unlink(missing_ok=True)
    with Store.open(first) as store:
        new_id = add_stakeholder(store, StakeholderDraft(name="Someone Else"))
        store.db.execute(
            "UPDATE stakeholders SET created_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
            [new_id],
        )
    with Store.open(first) as store:
        assert new_id == sid
        assert not store.stakeholders.get(new_id).erased


def _leaked_names(db_path: Path) -> list[str]:
    return [leak.forbidden for leak in leaks_in(db_path.read_bytes(), [NAME])]
