"""What the directory derives from each person's own fields: full-text row and sort name.

Every write keeps both in step. A bulk write makes them from the records it is writing
(`search_row`, `list_sort_name`); any other write reads the people back by id (`reindex`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from convener.collation import fold, sort_key
from convener.consent import NO_CONSENT
from convener.domain import Stakeholder
from convener.privacy import Audience, render_person
from convener.storage.bulk import insert_rows

INTO_SEARCH = """INSERT INTO stakeholder_search
    (rowid, name, pseudonym, organisation, role, email, tags, notes)"""

# What the full-text row is made from, for people already stored.
_INDEXED = """SELECT s.id, s.name, s.pseudonym, o.name, s.role, s.email, s.tags, s.notes
    FROM stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id"""

# People per statement when reading them back by id: under SQLite's limit on bound parameters.
_CHUNK = 500


def search_row(
    stakeholder_id: int,
    *,
    name: str,
    pseudonym: str | None,
    organisation: str | None,
    role: str | None,
    email: str | None,
    tags: Iterable[str],
    notes: str,
) -> tuple[int | str, ...]:
    """The full-text index's row for one person: each column folded (see convener.collation).

    Folding here rather than in SQL (the `convener_fold` function migration 7 used) lets a bulk
    write fold the text it already holds, and spares a call from SQLite into Python per column
    and row.
    """
    return (
        stakeholder_id,
        fold(name),
        fold(pseudonym),
        fold(organisation),
        fold(role),
        fold(email),
        fold(" ".join(tags)),
        fold(notes),
    )


def list_sort_name(
    stakeholder_id: int,
    name: str,
    pseudonym: str | None,
    lived_experience: bool,
    intermediary_id: int | None,
) -> str:
    """The sort key of the name a list shows for this person (the pseudonym when protected)."""
    shown = render_person(
        Stakeholder(
            id=stakeholder_id,
            name=name,
            pseudonym=pseudonym,
            lived_experience=lived_experience,
            intermediary_id=intermediary_id,
        ),
        NO_CONSENT,
        Audience.INTERNAL,
    )
    return sort_key(shown.name) if shown else ""


def refresh_sort_names(db: Database, ids: Sequence[int] | None = None) -> None:
    """Recompute `sort_name` in Python for these people (all of them when `ids` is None)."""
    sql = "SELECT id, name, pseudonym, lived_experience, intermediary_id FROM stakeholders"
    chunks: list[list[Any]] = [[]]
    if ids is not None:
        id_list = list(ids)
        chunks = [id_list[i : i + _CHUNK] for i in range(0, len(id_list), _CHUNK)]
    for chunk in chunks:
        where = f" WHERE id IN ({','.join('?' * len(chunk))})" if ids is not None else ""
        rows = db.execute(sql + where, chunk).fetchall()
        db.conn.executemany(
            "UPDATE stakeholders SET sort_name = ? WHERE id = ?",
            [(list_sort_name(r[0], r[1], r[2], bool(r[3]), r[4]), r[0]) for r in rows],
        )


def reindex(db: Database, ids: Iterable[int]) -> None:
    """Bring the full-text rows and sort names of these people in step with their records."""
    id_list = list(ids)
    refresh_sort_names(db, id_list)
    for start in range(0, len(id_list), _CHUNK):
        chunk = id_list[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM stakeholder_search WHERE rowid IN ({marks})", chunk)
        rows = db.execute(
            f"{_INDEXED} WHERE s.id IN ({marks}) AND s.erased_at IS NULL", chunk
        ).fetchall()
        insert_rows(
            db.conn,
            INTO_SEARCH,
            [
                search_row(
                    r[0],
                    name=r[1],
                    pseudonym=r[2],
                    organisation=r[3],
                    role=r[4],
                    email=r[5],
                    tags=json.loads(r[6]),
                    notes=r[7],
                )
                for r in rows
            ],
        )
