"""Levers, themes, sectors and jurisdictions: editable data, linked by id."""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from sqlite_utils import Database

from convener import taxonomy as defaults
from convener.domain import Term
from convener.errors import NotFoundError, ValidationError


class Taxonomy(StrEnum):
    LEVERS = "levers"
    THEMES = "themes"
    SECTORS = "sectors"
    JURISDICTIONS = "jurisdictions"

    @property
    def singular(self) -> str:
        return self.value[:-1]


_DEFAULTS = {
    Taxonomy.LEVERS: defaults.LEVERS,
    Taxonomy.THEMES: defaults.THEMES,
    Taxonomy.SECTORS: defaults.SECTORS,
    Taxonomy.JURISDICTIONS: defaults.JURISDICTIONS,
}


class TaxonomyStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def seed_defaults(self) -> None:
        """Insert the default terms that are missing; existing and renamed terms stay."""
        with self._db.atomic():
            for taxonomy, terms in _DEFAULTS.items():
                if self._db.execute(f"SELECT count(*) FROM {taxonomy}").fetchone()[0]:
                    continue
                for term in terms:
                    if taxonomy is Taxonomy.LEVERS:
                        self._db.execute(
                            "INSERT INTO levers (name, description) VALUES (?, ?)",
                            [term.name, term.description],
                        )
                    else:
                        self._db.execute(
                            f"INSERT INTO {taxonomy} (name, description, kind) VALUES (?, ?, ?)",
                            [term.name, term.description, term.kind],
                        )

    def terms(self, taxonomy: Taxonomy, *, include_retired: bool = False) -> list[Term]:
        retired = "0 AS retired" if taxonomy is Taxonomy.LEVERS else "retired"
        kind = "'' AS kind" if taxonomy is Taxonomy.LEVERS else "kind"
        rows = self._db.query(
            f"SELECT id, name, description, {kind}, {retired} FROM {taxonomy} ORDER BY id"
        )
        found = [
            Term(r["id"], r["name"], r["description"], r["kind"], bool(r["retired"])) for r in rows
        ]
        return found if include_retired else [t for t in found if not t.retired]

    def resolve(self, taxonomy: Taxonomy, name: str) -> int:
        """The id of the term called `name` (any case); an unknown name is a user error."""
        row = self._db.execute(
            f"SELECT id FROM {taxonomy} WHERE name = ? COLLATE NOCASE", [name.strip()]
        ).fetchone()
        if row is None:
            known = ", ".join(t.name for t in self.terms(taxonomy))
            raise ValidationError(
                f"unknown {taxonomy.singular} '{name}'; known {taxonomy}: {known}",
                taxonomy.singular,
            )
        return int(row[0])

    def add(
        self,
        taxonomy: Taxonomy,
        name: str,
        description: str = "",
        kind: str = "",
        *,
        term_id: int | None = None,
    ) -> int:
        """Add a term; `term_id` puts back one that was removed (an undone addition, redone)."""
        name = name.strip()
        if not name:
            raise ValidationError(f"a {taxonomy.singular} needs a name", "name")
        if taxonomy is Taxonomy.LEVERS:
            raise ValidationError("the four levers are fixed by the Commissioner's remit")
        if self._exists(taxonomy, name):
            raise ValidationError(f"there is already a {taxonomy.singular} called '{name}'")
        cursor = self._db.execute(
            f"INSERT INTO {taxonomy} (id, name, description, kind) VALUES (?, ?, ?, ?)",
            [term_id, name, description, kind],
        )
        return int(cursor.lastrowid or 0)

    def remove_unused(self, taxonomy: Taxonomy, term_id: int) -> None:
        """Delete a term nobody is linked to (undoing its addition); a used one is refused."""
        if self.usage(taxonomy).get(term_id):
            raise ValidationError(
                f"this {taxonomy.singular} is in use now, so it cannot be removed; retire it"
            )
        try:
            self._db.execute(f"DELETE FROM {taxonomy} WHERE id = ?", [term_id])
        except sqlite3.IntegrityError as exc:  # a roundtable or finding refers to it
            raise ValidationError(
                f"this {taxonomy.singular} is in use now, so it cannot be removed; retire it"
            ) from exc

    def rename(self, taxonomy: Taxonomy, term_id: int, new_name: str) -> None:
        new_name = new_name.strip()
        if not new_name:
            raise ValidationError(f"a {taxonomy.singular} needs a name", "name")
        clash = self._db.execute(
            f"SELECT id FROM {taxonomy} WHERE name = ? COLLATE NOCASE AND id != ?",
            [new_name, term_id],
        ).fetchone()
        if clash:
            raise ValidationError(f"there is already a {taxonomy.singular} called '{new_name}'")
        cursor = self._db.execute(
            f"UPDATE {taxonomy} SET name = ? WHERE id = ?", [new_name, term_id]
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no {taxonomy.singular} with id {term_id}")

    def set_retired(self, taxonomy: Taxonomy, term_id: int, retired: bool) -> None:
        """Retired terms are offered for no new links; existing links are kept and shown."""
        if taxonomy is Taxonomy.LEVERS:
            raise ValidationError("the four levers cannot be retired")
        cursor = self._db.execute(
            f"UPDATE {taxonomy} SET retired = ? WHERE id = ?", [int(retired), term_id]
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no {taxonomy.singular} with id {term_id}")

    def _exists(self, taxonomy: Taxonomy, name: str) -> bool:
        return (
            self._db.execute(
                f"SELECT 1 FROM {taxonomy} WHERE name = ? COLLATE NOCASE", [name]
            ).fetchone()
            is not None
        )

    def usage(self, taxonomy: Taxonomy) -> dict[int, int]:
        """How many (unerased) people each term of `taxonomy` is linked to."""
        if taxonomy in (Taxonomy.LEVERS, Taxonomy.THEMES):
            link, column = (
                ("stakeholder_levers", "lever_id")
                if taxonomy is Taxonomy.LEVERS
                else ("stakeholder_themes", "theme_id")
            )
            sql = f"""SELECT l.{column}, count(*) FROM {link} l
                JOIN stakeholders s ON s.id = l.stakeholder_id
                WHERE s.erased_at IS NULL GROUP BY l.{column}"""
        else:
            column = "sector_id" if taxonomy is Taxonomy.SECTORS else "jurisdiction_id"
            sql = f"""SELECT {column}, count(*) FROM stakeholders
                WHERE {column} IS NOT NULL AND erased_at IS NULL GROUP BY {column}"""
        return {row[0]: int(row[1]) for row in self._db.execute(sql).fetchall()}
