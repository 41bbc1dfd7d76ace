"""Organisations: the bodies people belong to, and the intermediaries for protected people."""

from __future__ import annotations

from sqlite_utils import Database

from convener.domain import Organisation
from convener.errors import NotFoundError, ValidationError
from convener.storage.stakeholders import StakeholderStore
from convener.storage.taxonomy import Taxonomy, TaxonomyStore
from convener.storage.times import now_utc, to_db

_SELECT = """
    SELECT o.id, o.name, s.name AS sector, j.name AS jurisdiction, o.website, o.notes, o.email
    FROM organisations o
    LEFT JOIN sectors s ON s.id = o.sector_id
    LEFT JOIN jurisdictions j ON j.id = o.jurisdiction_id
"""


def _organisation(row: dict) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        sector=row["sector"],
        jurisdiction=row["jurisdiction"],
        website=row["website"],
        notes=row["notes"],
        email=row["email"],
    )


class OrganisationStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._taxonomy = TaxonomyStore(db)

    def get(self, organisation_id: int) -> Organisation:
        rows = list(self._db.query(_SELECT + " WHERE o.id = ?", [organisation_id]))
        if not rows:
            raise NotFoundError(f"no organisation with id {organisation_id}")
        return _organisation(rows[0])

    def find_by_name(self, name: str) -> Organisation | None:
        rows = list(self._db.query(_SELECT + " WHERE o.name = ? COLLATE NOCASE", [name.strip()]))
        return _organisation(rows[0]) if rows else None

    def all(self) -> list[Organisation]:
        return [_organisation(r) for r in self._db.query(_SELECT + " ORDER BY o.name")]

    def add(
        self,
        name: str,
        *,
        sector: str | None = None,
        jurisdiction: str | None = None,
        email: str | None = None,
        website: str | None = None,
        notes: str = "",
    ) -> int:
        name = name.strip()
        if not name:
            raise ValidationError("an organisation needs a name", "organisation")
        if self.find_by_name(name):
            raise ValidationError(f"there is already an organisation called '{name}'")
        stamp = to_db(now_utc())
        cursor = self._db.execute(
            """INSERT INTO organisations
               (name, sector_id, jurisdiction_id, email, website, notes, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                name,
                *self._term_ids(sector, jurisdiction),
                email,
                website,
                notes,
                stamp,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)

    def _term_ids(self, sector: str | None, jurisdiction: str | None) -> tuple[int | None, ...]:
        """The sector and jurisdiction ids for the names given (None where none is given)."""
        return (
            self._taxonomy.resolve(Taxonomy.SECTORS, sector) if sector else None,
            self._taxonomy.resolve(Taxonomy.JURISDICTIONS, jurisdiction) if jurisdiction else None,
        )

    def ensure(self, name: str) -> int:
        """The id of the organisation called `name`, creating a bare record if there is none."""
        found = self.find_by_name(name)
        return found.id if found else self.add(name)

    def update(
        self,
        organisation_id: int,
        name: str,
        *,
        sector: str | None = None,
        jurisdiction: str | None = None,
        email: str | None = None,
        website: str | None = None,
        notes: str = "",
    ) -> None:
        """Change an organisation; its people keep their link because it is by id."""
        name = name.strip()
        clash = self.find_by_name(name)
        if clash is not None and clash.id != organisation_id:
            raise ValidationError(f"there is already an organisation called '{name}'", "name")
        cursor = self._db.execute(
            """UPDATE organisations SET name = ?, sector_id = ?, jurisdiction_id = ?, email = ?,
                   website = ?, notes = ?, updated_at = ? WHERE id = ?""",
            [
                name,
                *self._term_ids(sector, jurisdiction),
                email,
                website,
                notes,
                to_db(now_utc()),
                organisation_id,
            ],
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no organisation with id {organisation_id}")
        # The organisation's name is part of its people's search text.
        ids = [
            row[0]
            for row in self._db.execute(
                "SELECT id FROM stakeholders WHERE organisation_id = ?", [organisation_id]
            ).fetchall()
        ]
        StakeholderStore(self._db).reindex(ids)

    def people_counts(self) -> dict[int, int]:
        """How many (unerased) people each organisation has, for lists."""
        rows = self._db.execute(
            """SELECT organisation_id, count(*) FROM stakeholders
               WHERE organisation_id IS NOT NULL AND erased_at IS NULL
               GROUP BY organisation_id"""
        ).fetchall()
        return {row[0]: int(row[1]) for row in rows}

    def delete(self, organisation_id: int) -> None:
        """Remove an organisation nobody belongs to or is reached through."""
        org = self.get(organisation_id)
        used = self._db.execute(
            """SELECT count(*) FROM stakeholders
               WHERE organisation_id = :id OR intermediary_id = :id""",
            {"id": organisation_id},
        ).fetchone()[0]
        linked = self._db.execute(
            "SELECT count(*) FROM conflicts WHERE organisation_id = ?", [organisation_id]
        ).fetchone()[0]
        if used or linked:
            raise ValidationError(
                f"'{org.name}' still has people linked to it; move them to another "
                "organisation first"
            )
        self._db.execute("DELETE FROM organisations WHERE id = ?", [organisation_id])
