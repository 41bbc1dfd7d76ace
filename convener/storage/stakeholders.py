"""Stakeholders: the directory, its filters and its full-text index."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any

from sqlite_utils import Database

from convener.domain import ConsentPurpose, Engagement, Stakeholder
from convener.errors import NotFoundError, ValidationError
from convener.storage import people_index
from convener.storage.bulk import insert_rows
from convener.storage.ordering import OrderCache
from convener.storage.people_index import INTO_SEARCH, list_sort_name, search_row
from convener.storage.search import fts_query
from convener.storage.taxonomy import Taxonomy, TaxonomyStore
from convener.storage.times import from_db, now_utc, to_db

# What `named_by_words` may put in a full-text query, quoted: never query syntax.
_FTS_TERM = re.compile(r"[a-z0-9]{2,}")
_FTS_TOKENS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Identifiers:
    """What could identify a person in free text (a light read of their record)."""

    name: str
    pseudonym: str | None
    email: str | None
    phone: str | None
    lived_experience: bool


class SortKey(StrEnum):
    """Columns a list can be ordered by; each maps to a fixed SQL expression."""

    NAME = "name"
    ORGANISATION = "organisation"
    SECTOR = "sector"
    JURISDICTION = "jurisdiction"
    UPDATED = "updated"


# Lists show protected people by pseudonym, so they are also sorted by it: sorting by a name
# that is not shown would hint at it. `sort_name` holds the folded name the list shows (see
# storage/people_index.py), because NOCASE folds ASCII only and put "Łucja" after "Z".
_ORDER = {
    SortKey.NAME: "s.sort_name",
    SortKey.ORGANISATION: "o.name COLLATE NOCASE",
    SortKey.SECTOR: "sec.name COLLATE NOCASE",
    SortKey.JURISDICTION: "j.name COLLATE NOCASE",
    SortKey.UPDATED: "s.updated_at",
}

# Up to this many matches are sorted in SQL when the directory's order is not cached yet.
_SORT_IN_SQL = 25_000

_FROM = """
    FROM stakeholders s
    LEFT JOIN organisations o ON o.id = s.organisation_id
    LEFT JOIN organisations i ON i.id = s.intermediary_id
    LEFT JOIN sectors sec ON sec.id = s.sector_id
    LEFT JOIN jurisdictions j ON j.id = s.jurisdiction_id
"""

_COLUMNS = """
    s.id, s.name, s.pseudonym, s.role, s.organisation_id, o.name AS organisation,
    s.email, s.phone, sec.name AS sector, j.name AS jurisdiction, s.tags,
    s.lived_experience, s.intermediary_id, i.name AS intermediary, i.email AS intermediary_email,
    s.access_needs, s.safe_contact_notes, s.notes, s.erased_at, s.created_at, s.updated_at,
    (SELECT json_group_array(name) FROM (SELECT l.name FROM stakeholder_levers sl
        JOIN levers l ON l.id = sl.lever_id WHERE sl.stakeholder_id = s.id ORDER BY l.id))
        AS levers,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM stakeholder_themes st
        JOIN themes t ON t.id = st.theme_id WHERE st.stakeholder_id = s.id ORDER BY t.id))
        AS themes
"""

_LATEST_CONSENT = """(SELECT ce.given FROM consent_events ce
    WHERE ce.stakeholder_id = s.id AND ce.purpose = ?
    ORDER BY ce.recorded_at DESC, ce.id DESC LIMIT 1)"""


@dataclass(frozen=True, slots=True)
class StakeholderFilter:
    """What a list is narrowed to; None means "any"."""

    search: str = ""
    sector: str | None = None
    lever: str | None = None
    theme: str | None = None
    jurisdiction: str | None = None
    lived_experience: bool | None = None
    consent_purpose: ConsentPurpose | None = None
    consent_given: bool | None = None  # with consent_purpose: True given, False not given
    include_erased: bool = False

    @property
    def searches_only(self) -> bool:
        """Whether nothing but the search text (if any) narrows the list.

        Asked on every keystroke: comparing the conditions at once is a tenth of building a
        filter to compare with.
        """
        return _conditions(self) == _NO_CONDITIONS


# Every field of a filter that is a condition, whatever fields are added later.
_conditions = attrgetter(
    *(f.name for f in fields(StakeholderFilter) if f.name not in ("search", "include_erased"))
)
_NO_CONDITIONS = _conditions(StakeholderFilter())


@dataclass(frozen=True, slots=True)
class MatchKey:
    """The few columns duplicate matching compares, for one person in the directory."""

    id: int
    name: str
    email: str | None
    organisation_id: int | None
    organisation: str | None


@dataclass(frozen=True, slots=True)
class StakeholderRecord:
    """The columns written for one stakeholder, already validated and resolved to ids."""

    name: str
    pseudonym: str | None
    role: str | None
    organisation_id: int | None
    email: str | None
    phone: str | None
    sector_id: int | None
    jurisdiction_id: int | None
    tags: Sequence[str]
    lived_experience: bool
    intermediary_id: int | None
    access_needs: str
    safe_contact_notes: str
    notes: str
    lever_ids: Sequence[int]
    theme_ids: Sequence[int]


def _stakeholder(row: dict[str, Any]) -> Stakeholder:
    return Stakeholder(
        id=row["id"],
        name=row["name"],
        pseudonym=row["pseudonym"],
        role=row["role"],
        organisation_id=row["organisation_id"],
        organisation=row["organisation"],
        email=row["email"],
        phone=row["phone"],
        sector=row["sector"],
        levers=tuple(json.loads(row["levers"] or "[]")),
        themes=tuple(json.loads(row["themes"] or "[]")),
        jurisdiction=row["jurisdiction"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        lived_experience=bool(row["lived_experience"]),
        intermediary_id=row["intermediary_id"],
        intermediary=row["intermediary"],
        intermediary_email=row["intermediary_email"],
        access_needs=row["access_needs"],
        safe_contact_notes=row["safe_contact_notes"],
        notes=row["notes"],
        erased=row["erased_at"] is not None,
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


def _check_protected_contact(record: StakeholderRecord) -> None:
    """Someone reached through an intermediary has no direct email or phone on file.

    Every write passes here (forms, imports, updates); the schema's triggers (m003) refuse the
    same thing for any other path, this check only gives the clearer message.
    """
    if record.intermediary_id is not None and (record.email or record.phone):
        raise ValidationError(
            "a person contacted through an intermediary has no direct email or phone stored; "
            "remove them or remove the intermediary",
            "email" if record.email else "phone",
        )


class StakeholderStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._taxonomy = TaxonomyStore(db)
        self._orders = OrderCache(db)

    # -- reading ---------------------------------------------------------------------------

    def get(self, stakeholder_id: int) -> Stakeholder:
        rows = list(self._db.query(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?", [stakeholder_id]))
        if not rows:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        return _stakeholder(rows[0])

    def get_many(self, ids: Sequence[int]) -> list[Stakeholder]:
        """The stakeholders with these ids, in the order given (for a lazily filled table)."""
        if not ids:
            return []
        # One JSON parameter, however many ids: SQLite refuses more than 32,766 variables.
        rows = self._db.query(
            f"SELECT {_COLUMNS} {_FROM} WHERE s.id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))],
        )
        by_id = {row["id"]: _stakeholder(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def named_by_words(self, words: Iterable[str], emails: Iterable[str]) -> dict[int, Identifiers]:
        """People (not erased) with a word of their name or pseudonym among `words`, or an
        e-mail address among `emails`, through the full-text index: what could identify
        each in free text.

        `words` are runs of ASCII letters and digits, `emails` addresses, both folded as the
        index folds them (`convener.collation.fold`, lower case): what a text could name
        anyone by. A light read, to choose whom to read whole out of the whole directory.
        """
        # One query a word: FTS5 answers a single term from its index at once, and an OR of
        # hundreds of terms several times slower.
        queries = [
            f'{{name pseudonym}} : "{w}"' for w in sorted(set(words)) if _FTS_TERM.fullmatch(w)
        ]
        for email in sorted(set(emails)):
            tokens = _FTS_TOKENS.findall(email.lower())
            if tokens:
                queries.append(f'email : "{" ".join(tokens)}"')
        ids: set[int] = set()
        for query in queries:
            rows = self._db.execute(
                "SELECT rowid FROM stakeholder_search WHERE stakeholder_search MATCH ?", [query]
            )
            ids.update(row[0] for row in rows)
        rows = self._db.execute(
            "SELECT id, name, pseudonym, email, phone, lived_experience FROM stakeholders "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(ids))],
        )
        return {
            sid: Identifiers(name, pseudonym, email, phone, bool(lived))
            for sid, name, pseudonym, email, phone, lived in rows
        }

    def phones(self) -> list[tuple[int, str]]:
        """Everyone's phone number on file (not erased), by id."""
        rows = self._db.execute(
            "SELECT id, phone FROM stakeholders WHERE phone IS NOT NULL AND phone != '' "
            "AND erased_at IS NULL"
        )
        return [(row[0], row[1]) for row in rows]

    def ids(
        self,
        filters: StakeholderFilter = StakeholderFilter(),
        *,
        order: SortKey = SortKey.NAME,
        descending: bool = False,
    ) -> list[int]:
        """Every matching id in display order: cheap enough to hold for 100k people.

        The order of the whole directory comes from a cache (see storage/ordering.py); SQL
        only finds which ids match, so a keystroke costs about what the full-text search does.
        """
        direction = "DESC" if descending else "ASC"
        alive = "" if filters.include_erased else "WHERE s.erased_at IS NULL"
        ordered = f"ORDER BY {_ORDER[order]} {direction}, s.id"
        everyone_sql = f"SELECT s.id {_FROM} {alive} {ordered}"
        only = filters.searches_only
        query = fts_query(filters.search) if filters.search else None
        if only and query is None:
            return list(self._orders.get(everyone_sql).ids)
        if only:
            # The index holds living people only, and the ordering drops anyone else.
            sql = "SELECT rowid FROM stakeholder_search WHERE stakeholder_search MATCH ?"
            matching = [row[0] for row in self._db.execute(sql, [query])]
        else:
            where, params = self._where(filters)
            rows = self._db.execute(f"SELECT s.id FROM stakeholders s {where}", params)
            matching = [row[0] for row in rows]
        everyone = self._orders.reused(everyone_sql)
        if everyone is None and len(matching) <= _SORT_IN_SQL:
            # The first ask on this connection (each background search opens its own): sorting
            # a few matches costs far less than reading everyone's order. (The matches
            # are already only the living, unless erased people were asked for; a condition
            # on erased_at here would make SQLite walk the whole sort_name index instead of
            # looking the matches up by id: 14 ms against 1.7 ms for 513 matches at 100k.)
            sorted_sql = (
                f"SELECT s.id {_FROM} WHERE s.id IN (SELECT value FROM json_each(?)) {ordered}"
            )
            return [row[0] for row in self._db.execute(sorted_sql, [json.dumps(matching)])]
        return (everyone or self._orders.get(everyone_sql)).arrange(matching)

    def find(
        self,
        filters: StakeholderFilter = StakeholderFilter(),
        *,
        order: SortKey = SortKey.NAME,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Stakeholder]:
        where, params = self._where(filters)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        sql = f"SELECT {_COLUMNS} {_FROM} {where} ORDER BY {_ORDER[order]}, s.id{page}"
        return [_stakeholder(row) for row in self._db.query(sql, params)]

    def count(self, filters: StakeholderFilter = StakeholderFilter()) -> int:
        """How many people match; without the joins, which the conditions never need.

        Counting everyone then reads the (erased_at, sort_name) index alone: 0.4 ms at 20k
        people against 18 ms through the joins, cheap enough for the table model to count
        the directory each time it refreshes (ui/stakeholder_model.py).
        """
        where, params = self._where(filters)
        sql = f"SELECT count(*) FROM stakeholders s {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def find_by_email(self, email: str) -> list[Stakeholder]:
        rows = self._db.query(
            f"SELECT {_COLUMNS} {_FROM} WHERE s.email = ? COLLATE NOCASE AND s.erased_at IS NULL",
            [email.strip()],
        )
        return [_stakeholder(row) for row in rows]

    def at_organisation(self, organisation_id: int) -> list[Stakeholder]:
        rows = self._db.query(
            f"SELECT {_COLUMNS} {_FROM} WHERE s.organisation_id = ? AND s.erased_at IS NULL",
            [organisation_id],
        )
        return [_stakeholder(row) for row in rows]

    def engagements(self, stakeholder_id: int) -> list[Engagement]:
        rows = self._db.query(
            """SELECT r.id, r.title, r.starts_at, i.role, i.status
               FROM invitations i JOIN roundtables r ON r.id = i.roundtable_id
               WHERE i.stakeholder_id = ? ORDER BY r.starts_at DESC""",
            [stakeholder_id],
        )
        return [
            Engagement(r["id"], r["title"], from_db(r["starts_at"]), r["role"], r["status"])
            for r in rows
        ]

    def _where(self, f: StakeholderFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if not f.include_erased:
            clauses.append("s.erased_at IS NULL")
        query = fts_query(f.search) if f.search else None
        if query:
            clauses.append(
                "s.id IN (SELECT rowid FROM stakeholder_search WHERE stakeholder_search MATCH ?)"
            )
            params.append(query)
        if f.sector:
            clauses.append("s.sector_id = ?")
            params.append(self._taxonomy.resolve(Taxonomy.SECTORS, f.sector))
        if f.jurisdiction:
            clauses.append("s.jurisdiction_id = ?")
            params.append(self._taxonomy.resolve(Taxonomy.JURISDICTIONS, f.jurisdiction))
        if f.lever:
            clauses.append(
                "EXISTS (SELECT 1 FROM stakeholder_levers sl WHERE sl.stakeholder_id = s.id"
                " AND sl.lever_id = ?)"
            )
            params.append(self._taxonomy.resolve(Taxonomy.LEVERS, f.lever))
        if f.theme:
            clauses.append(
                "EXISTS (SELECT 1 FROM stakeholder_themes st WHERE st.stakeholder_id = s.id"
                " AND st.theme_id = ?)"
            )
            params.append(self._taxonomy.resolve(Taxonomy.THEMES, f.theme))
        if f.lived_experience is not None:
            clauses.append("s.lived_experience = ?")
            params.append(int(f.lived_experience))
        if f.consent_purpose is not None and f.consent_given is not None:
            test = "IS 1" if f.consent_given else "IS NOT 1"
            clauses.append(f"{_LATEST_CONSENT} {test}")
            params.append(str(f.consent_purpose))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    # -- writing (callers wrap a user action in one db.atomic()) ----------------------------

    def insert(self, record: StakeholderRecord, *, stakeholder_id: int | None = None) -> int:
        """Add one person (a bulk write of thousands goes through `batch()` instead).

        `stakeholder_id` puts back a record that was deleted, under its old id, so that an
        undone deletion leaves every later reference to the person valid.
        """
        _check_protected_contact(record)
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO stakeholders (id, name, pseudonym, role, organisation_id, email,
                   phone, sector_id, jurisdiction_id, tags, lived_experience, intermediary_id,
                   access_needs, safe_contact_notes, notes, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [stakeholder_id, *_columns(record), stamp, stamp],
        )
        stakeholder_id = int(cursor.lastrowid or 0)
        self._write_links(stakeholder_id, record)
        self.reindex([stakeholder_id])
        return stakeholder_id

    def insert_many(self, records: Sequence[StakeholderRecord]) -> list[int]:
        """Insert many people at once (generated benchmark data); their ids, in the order given."""
        batch = self.batch()
        ids = [batch.add(record) for record in records]
        batch.flush()
        return ids

    def batch(self) -> NewStakeholders:
        """A writer for adding thousands of people inside the caller's transaction."""
        return NewStakeholders(self._db)

    def update(self, stakeholder_id: int, record: StakeholderRecord) -> None:
        _check_protected_contact(record)
        cursor = self._db.execute(
            """UPDATE stakeholders SET name = ?, pseudonym = ?, role = ?, organisation_id = ?,
                   email = ?, phone = ?, sector_id = ?, jurisdiction_id = ?, tags = ?,
                   lived_experience = ?, intermediary_id = ?, access_needs = ?,
                   safe_contact_notes = ?, notes = ?, updated_at = ?
               WHERE id = ? AND erased_at IS NULL""",
            [*_columns(record), to_db(now_utc()), stakeholder_id],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        self._db.execute(
            "DELETE FROM stakeholder_levers WHERE stakeholder_id = ?", [stakeholder_id]
        )
        self._db.execute(
            "DELETE FROM stakeholder_themes WHERE stakeholder_id = ?", [stakeholder_id]
        )
        self._write_links(stakeholder_id, record)
        self.reindex([stakeholder_id])

    def delete(self, stakeholder_id: int) -> None:
        """Remove a record that has no history; people with a history are erased instead."""
        self.get(stakeholder_id)
        used = self._db.execute(
            """SELECT (SELECT count(*) FROM invitations WHERE stakeholder_id = :id)
                    + (SELECT count(*) FROM findings WHERE by_stakeholder_id = :id)
                    + (SELECT count(*) FROM disclosures WHERE stakeholder_id = :id)""",
            {"id": stakeholder_id},
        ).fetchone()[0]
        if used:
            raise ValidationError(
                "this person has been invited to roundtables, contributed findings or appeared "
                "in exports, so the record cannot simply be deleted; merge it into another "
                "record, or erase their personal data instead (convener erase)"
            )
        self._db.execute("DELETE FROM stakeholders WHERE id = ?", [stakeholder_id])
        self.reindex([stakeholder_id])

    def reindex(self, ids: Iterable[int]) -> None:
        """Bring the full-text rows and sort names of these people in step with their records."""
        people_index.reindex(self._db, ids)

    def match_keys(self) -> Iterator[MatchKey]:
        """What duplicate matching needs of every current person, streamed, not whole records."""
        cursor = self._db.execute(
            """SELECT s.id, s.name, s.email, s.organisation_id, o.name
               FROM stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id
               WHERE s.erased_at IS NULL ORDER BY s.id"""
        )
        for row in cursor:
            yield MatchKey(row[0], row[1], row[2], row[3], row[4])

    def _write_links(self, stakeholder_id: int, record: StakeholderRecord) -> None:
        for lever_id in dict.fromkeys(record.lever_ids):
            self._db.execute(
                "INSERT INTO stakeholder_levers (stakeholder_id, lever_id) VALUES (?, ?)",
                [stakeholder_id, lever_id],
            )
        for theme_id in dict.fromkeys(record.theme_ids):
            self._db.execute(
                "INSERT INTO stakeholder_themes (stakeholder_id, theme_id) VALUES (?, ?)",
                [stakeholder_id, theme_id],
            )


# People a batch holds before writing them: enough for the multi-row statements to pay, few
# enough that 100k imported rows never sit in memory at once.
_BATCH_ROWS = 2_000


class NewStakeholders:
    """People added inside one transaction, written a chunk at a time in multi-row INSERTs.

    Each person gets an id when added, before being written, so an import can match later rows
    against them. The ids run on from the highest at the start, which is what SQLite would give
    one by one: the caller's transaction holds the write lock, so no other connection can take
    them, and a clash with an id this connection took another way would abort the write (the
    ids are written explicitly) rather than mix two people up. Reading people back needs a
    `flush()` first; the last one is the caller's, before the transaction ends.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._next_id = int(
            db.execute("SELECT coalesce(max(id), 0) + 1 FROM stakeholders").fetchone()[0]
        )
        self._pending: list[tuple[int, StakeholderRecord]] = []

    def add(self, record: StakeholderRecord) -> int:
        """The id `record` will have; raises ValidationError for a contact the rules forbid."""
        _check_protected_contact(record)
        stakeholder_id = self._next_id
        self._next_id += 1
        self._pending.append((stakeholder_id, record))
        if len(self._pending) >= _BATCH_ROWS:
            self.flush()
        return stakeholder_id

    def flush(self) -> None:
        """Write everyone added so far, their links, sort names and full-text rows."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        stamp = to_db(now_utc())
        conn = self._db.conn
        insert_rows(
            conn,
            """INSERT INTO stakeholders (id, name, pseudonym, role, organisation_id, email, phone,
                   sector_id, jurisdiction_id, tags, lived_experience, intermediary_id,
                   access_needs, safe_contact_notes, notes, sort_name, created_at, updated_at)""",
            [
                [
                    sid,
                    *_columns(r),
                    list_sort_name(sid, r.name, r.pseudonym, r.lived_experience, r.intermediary_id),
                    stamp,
                    stamp,
                ]
                for sid, r in pending
            ],
        )
        insert_rows(
            conn,
            "INSERT INTO stakeholder_levers (stakeholder_id, lever_id)",
            [(sid, x) for sid, r in pending for x in dict.fromkeys(r.lever_ids)],
        )
        insert_rows(
            conn,
            "INSERT INTO stakeholder_themes (stakeholder_id, theme_id)",
            [(sid, x) for sid, r in pending for x in dict.fromkeys(r.theme_ids)],
        )
        # As in reindex: no stale row of a deleted person may hold one of these rowids.
        self._db.execute(
            "DELETE FROM stakeholder_search WHERE rowid BETWEEN ? AND ?",
            [pending[0][0], pending[-1][0]],
        )
        organisations = self._organisation_names({r.organisation_id for _, r in pending})
        insert_rows(
            conn,
            INTO_SEARCH,
            [
                search_row(
                    sid,
                    name=r.name,
                    pseudonym=r.pseudonym,
                    organisation=organisations.get(r.organisation_id),
                    role=r.role,
                    email=r.email,
                    tags=r.tags,
                    notes=r.notes,
                )
                for sid, r in pending
            ],
        )

    def _organisation_names(self, ids: Iterable[int | None]) -> dict[int | None, str]:
        rows = self._db.execute(
            "SELECT id, name FROM organisations WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps([i for i in ids if i is not None])],
        )
        return {row[0]: row[1] for row in rows}


# One encoder for every write: json.dumps with options builds a new one per call.
_TAGS_JSON = json.JSONEncoder(ensure_ascii=False)


def _columns(r: StakeholderRecord) -> list[Any]:
    """The columns every write of a person sets, in the order its statements name them."""
    return [
        r.name,
        r.pseudonym,
        r.role,
        r.organisation_id,
        r.email,
        r.phone,
        r.sector_id,
        r.jurisdiction_id,
        _TAGS_JSON.encode(list(r.tags)),
        int(r.lived_experience),
        r.intermediary_id,
        r.access_needs,
        r.safe_contact_notes,
        r.notes,
    ]
