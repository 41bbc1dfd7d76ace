"""Loading the people the composer may suggest for a roundtable, in bulk and narrowed by theme.

One query does the narrowing and the exclusions the database can decide (erased people,
people already on the list, people without current consent to be contacted), so Python only
scores people who could be invited. Everything is returned as plain `Candidate` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlite_utils import Database

from convener.domain import Candidate
from convener.storage.roundtables import LATEST_CONTACT
from convener.storage.times import from_db, to_db
from convener.taxonomy import perspective_of


class CandidateStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def for_roundtable(
        self,
        roundtable_id: int,
        theme_ids: Sequence[int],
        lever_ids: Sequence[int],
        *,
        now: datetime,
        burden_days: int,
    ) -> list[Candidate]:
        """Everyone who holds at least one of `theme_ids` (the first is the main theme)
        and may be invited to this roundtable, with what the composer scores them on."""
        if not theme_ids:
            return []
        main = theme_ids[0]
        extras = list(dict.fromkeys(t for t in theme_ids[1:] if t != main))
        all_themes = [main, *extras]
        theme_marks = ",".join("?" * len(all_themes))
        extra_count = (
            "(SELECT count(*) FROM stakeholder_themes x WHERE x.stakeholder_id = s.id"
            f" AND x.theme_id IN ({','.join('?' * len(extras))}))"
            if extras
            else "0"
        )
        lever_names = (
            "(SELECT group_concat(l.name, char(31)) FROM stakeholder_levers sl"
            " JOIN levers l ON l.id = sl.lever_id WHERE sl.stakeholder_id = s.id"
            f" AND sl.lever_id IN ({','.join('?' * len(lever_ids))}))"
            if lever_ids
            else "NULL"
        )
        now_text = to_db(now)
        window_start = to_db(now - timedelta(days=burden_days))
        sql = f"""
            SELECT s.id, sec.name AS sector, sec.kind AS sector_kind, j.name AS jurisdiction,
                s.organisation_id, s.lived_experience,
                EXISTS (SELECT 1 FROM stakeholder_themes m WHERE m.stakeholder_id = s.id
                    AND m.theme_id = ?) AS main_theme,
                {extra_count} AS extra_themes,
                {lever_names} AS levers,
                (SELECT max(r.starts_at) FROM invitations i JOIN roundtables r
                    ON r.id = i.roundtable_id
                    WHERE i.stakeholder_id = s.id AND r.starts_at <= ?
                    AND i.status IN ('accepted', 'attended')) AS last_engaged,
                (SELECT count(*) FROM invitations i JOIN roundtables r ON r.id = i.roundtable_id
                    WHERE i.stakeholder_id = s.id AND r.starts_at >= ?
                    AND r.status != 'cancelled' AND i.reserve_rank IS NULL
                    AND i.status != 'proposed') AS recent_asks
            FROM stakeholders s
            LEFT JOIN sectors sec ON sec.id = s.sector_id
            LEFT JOIN jurisdictions j ON j.id = s.jurisdiction_id
            WHERE s.id IN (SELECT stakeholder_id FROM stakeholder_themes
                           WHERE theme_id IN ({theme_marks}))
              AND s.erased_at IS NULL
              AND s.id NOT IN (SELECT stakeholder_id FROM invitations WHERE roundtable_id = ?)
              AND {LATEST_CONTACT} IS 1
        """
        params = [main, *extras, *lever_ids, now_text, window_start, *all_themes, roundtable_id]
        found: list[Candidate] = []
        for row in self._db.execute(sql, params).fetchall():
            (
                sid,
                sector,
                kind,
                jurisdiction,
                org,
                lee,
                main_hit,
                extra_hits,
                levers,
                last,
                asks,
            ) = row
            lee = bool(lee)
            found.append(
                Candidate(
                    id=sid,
                    sector=sector,
                    perspective=perspective_of(lee, kind),
                    jurisdiction=jurisdiction,
                    organisation_id=org,
                    lived_experience=lee,
                    primary_theme=bool(main_hit),
                    extra_themes=extra_hits,
                    levers=frozenset(levers.split("\x1f")) if levers else frozenset(),
                    last_engaged=from_db(last) if last else None,
                    recent_asks=asks,
                )
            )
        return found
