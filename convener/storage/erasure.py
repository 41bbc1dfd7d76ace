"""Erasure: removing a person's personal data for good, keeping anonymous counts.

In one transaction the person's record is emptied down to what counts need (sector, the lived
experience flag, their invitation rows with role and status), every free text that names them
is rewritten with "[erased]", and an audit row with the reason is written. Then the full-text
index is rebuilt, the file is vacuumed and the write-ahead log truncated, so the bytes are gone
from the files as well as from the tables (secure_delete is on, so freed pages are zeroed).

Backups hold the old bytes, so each erasure is also noted in a sidecar file beside the
database (`<db>.erasures.json`: ids and dates only, no personal data). The sidecar survives a
restore from an older backup, and every open and every restore applies it again before
anything is read.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from convener.collation import fold
from convener.errors import DatabaseError, NotFoundError, ValidationError
from convener.redaction import replacer
from convener.safe_files import write_private
from convener.storage.backup import backups_of
from convener.storage.connection import BUSY_TIMEOUT_SECONDS, convener_database
from convener.storage.erasure_columns import Erasure, columns
from convener.storage.migrations import latest_version, migrations
from convener.storage.schema_check import verify_schema
from convener.storage.stakeholders import StakeholderStore
from convener.storage.suppression import SuppressionStore, identifiers
from convener.storage.times import from_db, now_utc, to_db

ERASED = "[erased]"
SIDECAR_SUFFIX = ".erasures.json"
REAPPLIED_REASON = "re-applied from the erasure log"

# What erasure does with each text column is decided in one list (storage.erasure_columns).
# Organisation names are free text too, renamed with care for their uniqueness (below).
_FREE_TEXT = tuple(c for c in columns(Erasure.FREE_TEXT) if c != ("organisations", "name"))
_FILE_NAMES = columns(Erasure.FILE_NAME)
_FILE_SEPARATORS = re.compile(r"[-_.+~]+")


@dataclass(frozen=True, slots=True)
class LoggedErasure:
    """One line of the sidecar log: which record, identified so a different file cannot match."""

    stakeholder_id: int
    created_at: str  # the record's own creation stamp: ids alone repeat across databases
    erased_at: str


@dataclass(frozen=True, slots=True)
class ErasureAudit:
    id: int
    stakeholder_id: int
    erased_at: datetime
    reason: str


def scrubber(terms: Iterable[str | None]) -> Callable[[str], str]:
    """Replace each term (whole words, any case, any spacing) with "[erased]"."""
    return replacer(terms, ERASED)


def database_file(db: Database) -> Path | None:
    """The main file of an open connection (None for an in-memory database)."""
    for row in db.execute("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def sidecar_for(database: Path) -> Path:
    return database.with_name(database.name + SIDECAR_SUFFIX)


def read_log(database: Path) -> list[LoggedErasure]:
    path = sidecar_for(database)
    if not path.is_file():
        return []
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        return [
            LoggedErasure(int(i["stakeholder_id"]), str(i["created_at"]), str(i["erased_at"]))
            for i in items
        ]
    except (ValueError, KeyError, TypeError) as exc:
        # Refuse to go on: silently ignoring the log could show an erased person again.
        raise DatabaseError(
            f"the erasure log {path} is damaged ({exc}); restore it from a backup of the folder"
        ) from exc


def _write_log(database: Path, entries: list[LoggedErasure]) -> None:
    path = sidecar_for(database)
    data = json.dumps(
        [
            {
                "stakeholder_id": e.stakeholder_id,
                "created_at": e.created_at,
                "erased_at": e.erased_at,
            }
            for e in entries
        ],
        indent=1,
    )
    write_private(path, data.encode("utf-8"), durable=True)


class ErasureStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def erase(self, stakeholder_id: int, reason: str, *, at: datetime | None = None) -> int:
        """Erase one person and log it; returns the audit row's id. Then call `purge_files`."""
        row = self._db.execute(
            "SELECT created_at, erased_at FROM stakeholders WHERE id = ?", [stakeholder_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        if row[1] is not None:
            raise ValidationError(f"stakeholder {stakeholder_id} was already erased on {row[1]}")
        stamp = to_db(at or now_utc())
        database = database_file(self._db)
        with self._db.atomic():
            audit_id = self._erase_in_transaction(stakeholder_id, reason, stamp)
            # Logged before the commit: if the commit then failed, the next open would finish
            # the erasure the user asked for, rather than a restore ever bringing it back.
            if database is not None:
                entries = [e for e in read_log(database) if e.stakeholder_id != stakeholder_id]
                entries.append(LoggedErasure(stakeholder_id, row[0], stamp))
                _write_log(database, entries)
        return audit_id

    def logged(self) -> list[LoggedErasure]:
        """Everyone erased, from the log inside the file and the sidecar beside it."""
        rows = self._db.execute(
            "SELECT stakeholder_id, created_at, erased_at FROM erasure_log"
        ).fetchall()
        inside = [LoggedErasure(int(r[0]), str(r[1]), str(r[2])) for r in rows]
        database = database_file(self._db)
        beside = read_log(database) if database is not None else []
        return list(dict.fromkeys([*inside, *beside]))

    def reapply_logged(
        self, *, purge: bool = True, entries: list[LoggedErasure] | None = None
    ) -> list[int]:
        """Erase again everyone logged whose record is back (after a restore or a copy).

        `purge=False` inside a caller's transaction, which then calls `purge_files` itself.
        `entries` applies another file's log (a backup being cleaned) instead of this one's.
        """
        pending: list[LoggedErasure] = []
        for entry in self.logged() if entries is None else entries:
            row = self._db.execute(
                "SELECT erased_at FROM stakeholders WHERE id = ? AND created_at = ?",
                [entry.stakeholder_id, entry.created_at],
            ).fetchone()
            if row is not None and row[0] is None:
                pending.append(entry)
        if pending:
            with self._db.atomic():
                for entry in pending:
                    self._erase_in_transaction(
                        entry.stakeholder_id, REAPPLIED_REASON, entry.erased_at
                    )
            if purge:
                self.purge_files()
        return [entry.stakeholder_id for entry in pending]

    def erase_in_backups(self) -> list[Path]:
        """Apply every logged erasure to each backup beside the database, in place.

        Backups are copies of the same records, so an erasure that stopped at the live file
        would leave the person in every copy, shown again when one is opened elsewhere. A
        backup from an older version is migrated first (the erasure matters more than its
        old schema). Returns the backups that could not be cleaned (not Convener's schema,
        or unreadable), which the caller must report.
        """
        database = database_file(self._db)
        if database is None:
            return []
        entries = self.logged()
        failed: list[Path] = []
        for backup in backups_of(database):
            try:
                _erase_in_backup(backup, entries)
            except (sqlite3.Error, DatabaseError):
                failed.append(backup)
        return failed

    def audit(self) -> list[ErasureAudit]:
        rows = self._db.query("SELECT * FROM erasures ORDER BY erased_at, id")
        return [
            ErasureAudit(r["id"], r["stakeholder_id"], from_db(r["erased_at"]), r["reason"])
            for r in rows
        ]

    def purge_files(self) -> bool:
        """Make deleted bytes unrecoverable from the database file and its WAL.

        Returns False when another connection kept the WAL from being emptied; SQLite empties
        and removes it when the last connection to the file closes.
        """
        self._db.execute("INSERT INTO stakeholder_search(stakeholder_search) VALUES ('rebuild')")
        self._db.execute("INSERT INTO stakeholder_search(stakeholder_search) VALUES ('optimize')")
        self._db.execute("VACUUM")
        busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return not busy

    # -- inside the transaction -------------------------------------------------------------

    def _erase_in_transaction(self, sid: int, reason: str, stamp: str) -> int:
        person = self._db.execute(
            """SELECT s.name, s.pseudonym, s.email, s.phone, o.name, s.created_at
               FROM stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id
               WHERE s.id = ?""",
            [sid],
        ).fetchone()
        name, pseudonym, email, phone, organisation, created_at = person
        SuppressionStore(self._db).add(identifiers(name, email, phone, organisation), stamp)
        self._db.execute(
            "INSERT OR IGNORE INTO erasure_log (stakeholder_id, created_at, erased_at)"
            " VALUES (?, ?, ?)",
            [sid, created_at, stamp],
        )
        terms = (name, pseudonym, email, phone)
        scrub = scrubber(terms)
        self._scrub_free_text(scrub)
        self._scrub_file_names(scrub, terms)
        self._db.execute(
            """UPDATE stakeholders SET name = ?, pseudonym = NULL, role = NULL,
                   organisation_id = NULL, email = NULL, phone = NULL, jurisdiction_id = NULL,
                   tags = '[]', intermediary_id = NULL, access_needs = '',
                   safe_contact_notes = '', notes = '', sort_name = '', erased_at = ?,
                   updated_at = ?
               WHERE id = ?""",
            [ERASED, stamp, stamp, sid],
        )
        for table in ("stakeholder_levers", "stakeholder_themes"):
            self._db.execute(f"DELETE FROM {table} WHERE stakeholder_id = ?", [sid])
        # Counts survive: the invitation stays with its role, status and payments.
        self._db.execute("UPDATE invitations SET access_needs = '' WHERE stakeholder_id = ?", [sid])
        self._db.execute("UPDATE consent_events SET note = '' WHERE stakeholder_id = ?", [sid])
        self._db.execute(
            "DELETE FROM conflicts WHERE stakeholder_id = ? OR other_stakeholder_id = ?",
            [sid, sid],
        )
        # What they said stays (anonymously); that they said it does not.
        self._db.execute(
            "UPDATE findings SET attribution = 'none' WHERE by_stakeholder_id = ?", [sid]
        )
        self._db.execute("DELETE FROM stakeholder_search WHERE rowid = ?", [sid])
        cursor = self._db.execute(
            "INSERT INTO erasures (stakeholder_id, erased_at, reason) VALUES (?, ?, ?)",
            [sid, stamp, scrub(reason.strip())],
        )
        return int(cursor.lastrowid or 0)

    def _scrub_free_text(self, scrub: Callable[[str], str]) -> None:
        touched_people: list[int] = []
        for table, column in _FREE_TEXT:
            rows = self._db.execute(
                f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"
            ).fetchall()
            for rowid, text in rows:
                new = scrub(_unescaped(text))
                if new != text:
                    self._db.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [new, rowid]
                    )
                    if table == "stakeholders":
                        touched_people.append(rowid)
        touched_people += self._scrub_organisation_names(scrub)
        StakeholderStore(self._db).reindex(touched_people)

    def _scrub_file_names(self, scrub: Callable[[str], str], terms: tuple[str | None, ...]) -> None:
        """A file name spells a name its own way ("zaneta_quillwright.ics", "ZanetaQ.pdf"):
        separators are read as spaces, and the name run together counts too."""
        run_together = [_compact(t) for t in terms if t and len(_compact(t)) >= 5]
        run_together += [_compact(w) for t in terms if t for w in t.split() if len(w) >= 5]
        for table, column in _FILE_NAMES:
            rows = self._db.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
            for rowid, file_name in rows:
                stem, dot, suffix = file_name.rpartition(".")
                if not dot or len(suffix) > 5:
                    stem, suffix = file_name, ""
                spaced = _FILE_SEPARATORS.sub(" ", stem)
                compact = _compact(stem)
                if scrub(spaced) != spaced or any(word in compact for word in run_together):
                    erased = ERASED + (f".{suffix}" if suffix else "")
                    self._db.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [erased, rowid]
                    )

    def _scrub_organisation_names(self, scrub: Callable[[str], str]) -> list[int]:
        """An organisation named after the person ("Jane Doe Consulting") names them too.

        Returns the people whose search rows carry a renamed organisation.
        """
        renamed: list[int] = []
        rows = self._db.execute("SELECT id, name FROM organisations").fetchall()
        for org_id, name in rows:
            new = scrub(name)
            if new == name:
                continue
            taken = self._db.execute(
                "SELECT 1 FROM organisations WHERE name = ? COLLATE NOCASE AND id <> ?",
                [new, org_id],
            ).fetchone()
            if taken:
                new = f"{ERASED} organisation {org_id}"
            self._db.execute("UPDATE organisations SET name = ? WHERE id = ?", [new, org_id])
            renamed.append(org_id)
        if not renamed:
            return []
        marks = ",".join("?" * len(renamed))
        people = self._db.execute(
            f"SELECT id FROM stakeholders WHERE organisation_id IN ({marks})", renamed
        ).fetchall()
        return [row[0] for row in people]


def _compact(text: str) -> str:
    """Letters and digits only, folded: how a name looks run together in a file name."""
    return re.sub(r"[^0-9a-z]", "", fold(text).lower())


def _erase_in_backup(backup: Path, entries: list[LoggedErasure]) -> None:
    conn = sqlite3.connect(backup, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        db = convener_database(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        verify_schema(conn, version, str(backup))  # nothing of a planted file runs
        if version < latest_version():
            migrations.apply(db)
        store = ErasureStore(db)
        with db.atomic():
            conn.executemany(
                "INSERT OR IGNORE INTO erasure_log (stakeholder_id, created_at, erased_at)"
                " VALUES (?, ?, ?)",
                [(e.stakeholder_id, e.created_at, e.erased_at) for e in entries],
            )
        store.reapply_logged(entries=entries, purge=False)
        store.purge_files()
    finally:
        conn.close()


def _unescaped(text: str) -> str:
    """JSON text (tags, settings) with its \\u escapes undone, so "\\u017baneta" is matched as
    "Żaneta"; any other text as it is."""
    if "\\u" not in text:
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return json.dumps(value, ensure_ascii=False)
