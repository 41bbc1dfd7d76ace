"""Who the office reaches, by sector and theme: the numbers behind the coverage heat map.

Two measures over the same grid. *Engaged*: distinct people of a sector who accepted or attended
a roundtable on a theme that started in the chosen period (cancelled roundtables do not count).
*Known*: distinct people of a sector whose record lists the theme. Erased people never count.
Either can be narrowed to the people reachable through one lever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from convener.domain import InvitationStatus, RoundtableStatus, Term
from convener.storage.taxonomy import Taxonomy, TaxonomyStore
from convener.storage.times import to_db


class CoverageMeasure(StrEnum):
    ENGAGED = "engaged"
    KNOWN = "known"


ENGAGED_STATUSES = (InvitationStatus.ATTENDED, InvitationStatus.ACCEPTED)


@dataclass(frozen=True, slots=True)
class CoverageQuery:
    measure: CoverageMeasure = CoverageMeasure.ENGAGED
    start: datetime | None = None  # UTC, inclusive; None: from the beginning
    end: datetime | None = None  # UTC, exclusive; None: without end
    lever: str | None = None


@dataclass(frozen=True, slots=True)
class CoverageGrid:
    sectors: tuple[Term, ...]  # rows
    themes: tuple[Term, ...]  # columns
    counts: dict[tuple[int, int], int]  # (sector id, theme id) -> people

    def count(self, sector_id: int, theme_id: int) -> int:
        return self.counts.get((sector_id, theme_id), 0)

    @property
    def highest(self) -> int:
        return max(self.counts.values(), default=0)


class CoverageStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._taxonomy = TaxonomyStore(db)

    def grid(self, query: CoverageQuery) -> CoverageGrid:
        """Counts for every current sector and theme (retired ones too while they have people)."""
        source, params = self._pairs(query)
        counts = {
            (row[0], row[1]): int(row[2])
            for row in self._db.execute(
                f"SELECT sector_id, theme_id, count(DISTINCT person) FROM ({source})"
                " GROUP BY sector_id, theme_id",
                params,
            ).fetchall()
        }
        used_sectors = {s for s, _ in counts}
        used_themes = {t for _, t in counts}
        sectors = tuple(
            t
            for t in self._taxonomy.terms(Taxonomy.SECTORS, include_retired=True)
            if not t.retired or t.id in used_sectors
        )
        themes = tuple(
            t
            for t in self._taxonomy.terms(Taxonomy.THEMES, include_retired=True)
            if not t.retired or t.id in used_themes
        )
        return CoverageGrid(sectors, themes, counts)

    def people(self, query: CoverageQuery, sector_id: int, theme_id: int) -> list[int]:
        """The ids of the people counted in one cell, in list order."""
        source, params = self._pairs(query)
        rows = self._db.execute(
            f"""SELECT DISTINCT p.person FROM ({source}) AS p
                JOIN stakeholders s ON s.id = p.person
                WHERE p.sector_id = ? AND p.theme_id = ? ORDER BY s.sort_name, s.id""",
            [*params, sector_id, theme_id],
        ).fetchall()
        return [row[0] for row in rows]

    def _pairs(self, query: CoverageQuery) -> tuple[str, list[Any]]:
        """A query of (person, sector_id, theme_id) rows for the measure."""
        params: list[Any] = []
        if query.measure is CoverageMeasure.ENGAGED:
            marks = ",".join("?" * len(ENGAGED_STATUSES))
            sql = f"""SELECT s.id AS person, s.sector_id, r.theme_id
                FROM stakeholders s
                JOIN invitations i ON i.stakeholder_id = s.id
                JOIN roundtables r ON r.id = i.roundtable_id
                WHERE s.erased_at IS NULL AND s.sector_id IS NOT NULL
                  AND r.theme_id IS NOT NULL AND r.status != ?
                  AND i.status IN ({marks})"""
            params += [str(RoundtableStatus.CANCELLED), *map(str, ENGAGED_STATUSES)]
            if query.start is not None:
                sql += " AND r.starts_at >= ?"
                params.append(to_db(query.start))
            if query.end is not None:
                sql += " AND r.starts_at < ?"
                params.append(to_db(query.end))
        else:
            sql = """SELECT s.id AS person, s.sector_id, st.theme_id
                FROM stakeholders s
                JOIN stakeholder_themes st ON st.stakeholder_id = s.id
                WHERE s.erased_at IS NULL AND s.sector_id IS NOT NULL"""
        if query.lever:
            sql += """ AND EXISTS (SELECT 1 FROM stakeholder_levers sl
                WHERE sl.stakeholder_id = s.id AND sl.lever_id = ?)"""
            params.append(self._taxonomy.resolve(Taxonomy.LEVERS, query.lever))
        return sql, params
