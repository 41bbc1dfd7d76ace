"""Organisations: the bodies people belong to, and the intermediaries for protected people."""

from __future__ import annotations

from sqlite_utils import Database

from convener.domain import Organisation
from convener.errors import NotFoundError, ValidationError
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
                self._taxonomy.resolve(Taxonomy.SECTORS, sector) if sector else None,
                self._taxonomy.resolve(Taxonomy.JURISDICTIONS, jurisdiction)
                if jurisdiction
                else None,
                email,
                website,
                notes,
                stamp,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)

    def ensure(self, name: str) -> int:
        """The id of the organisation called `name`, creating a bare record if there is none."""
        found = self.find_by_name(name)
        return found.id if found else self.add(name)
