"""Loading the people the composer may suggest for a roundtable, in bulk and narrowed by theme.

Two queries. The first starts from the theme index (people holding the main theme, then
those holding only one of the other themes) and applies the exclusions the database can
decide: erased people, people already on the list, people without current consent to be
contacted. It returns ids rather than names for sectors and jurisdictions, resolved through
small dictionaries. The second sums up engagement history from the invitations table, which
is far smaller than the directory.
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
        levers = list(dict.fromkeys(lever_ids))[:30]
        params: list[object] = []
        pool = "SELECT stakeholder_id AS sid, 1 AS main, 0 AS extra FROM stakeholder_themes"
        if extras:
            marks = ",".join("?" * len(extras))
            pool = f"""
                SELECT t.stakeholder_id AS sid, 1 AS main,
                    (SELECT count(*) FROM stakeholder_themes x WHERE x.stakeholder_id =
                        t.stakeholder_id AND x.theme_id IN ({marks})) AS extra
                FROM stakeholder_themes t WHERE t.theme_id = ?
                UNION ALL
                SELECT x.stakeholder_id, 0, count(*) FROM stakeholder_themes x
                WHERE x.theme_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM stakeholder_themes m
                    WHERE m.stakeholder_id = x.stakeholder_id AND m.theme_id = ?)
                GROUP BY x.stakeholder_id"""
            params += [*extras, main, *extras, main]
        else:
            pool += " WHERE theme_id = ?"
            params.append(main)
        # Which levers sought they hold, as a bit mask: one primary-key probe per lever.
        lever_mask = " + ".join(
            f"(EXISTS (SELECT 1 FROM stakeholder_levers sl WHERE sl.stakeholder_id = s.id"
            f" AND sl.lever_id = ?) << {bit})"
            for bit in range(len(levers))
        )
        params += levers
        params.append(roundtable_id)
        sql = f"""
            WITH pool AS ({pool})
            SELECT s.id, s.sector_id, s.jurisdiction_id, s.organisation_id, s.lived_experience,
                pool.main, pool.extra, {lever_mask or "0"}
            FROM pool CROSS JOIN stakeholders s ON s.id = pool.sid
            WHERE s.erased_at IS NULL
              AND s.id NOT IN (SELECT stakeholder_id FROM invitations WHERE roundtable_id = ?)
              AND {LATEST_CONTACT} IS 1
        """
        rows = self._db.execute(sql, params).fetchall()
        return self._build(rows, levers, self._history(now, burden_days))

    def _build(
        self,
        rows: list[tuple],
        levers: list[int],
        history: dict[int, tuple[datetime | None, int]],
    ) -> list[Candidate]:
        # Everything that repeats across rows is looked up once, so the loop stays cheap.
        lever_names = {r[0]: r[1] for r in self._db.execute("SELECT id, name FROM levers")}
        masks = {
            mask: frozenset(
                lever_names[lever] for bit, lever in enumerate(levers) if mask & (1 << bit)
            )
            for mask in range(1 << len(levers))
        }
        kinds = {r[0]: (r[1], r[2]) for r in self._db.execute("SELECT id, name, kind FROM sectors")}
        by_sector: dict[tuple[int | None, bool], tuple[str | None, str | None]] = {}
        for lee in (False, True):
            by_sector[(None, lee)] = (None, perspective_of(lee, None))
            for sector_id, (name, kind) in kinds.items():
                by_sector[(sector_id, lee)] = (name, perspective_of(lee, kind))
        places = {r[0]: r[1] for r in self._db.execute("SELECT id, name FROM jurisdictions")}
        never: tuple[datetime | None, int] = (None, 0)
        found: list[Candidate] = []
        add = found.append
        for sid, sector_id, place_id, org, lee_flag, main, extra, mask in rows:
            lee = lee_flag == 1
            sector, perspective = by_sector[(sector_id, lee)]
            last, asks = history.get(sid, never)
            add(
                Candidate(
                    sid, sector, perspective, places.get(place_id), org, lee, main == 1, extra,
                    masks[mask], last, asks,
                )
            )  # fmt: skip
        return found

    def _history(self, now: datetime, burden_days: int) -> dict[int, tuple[datetime | None, int]]:
        """Per person: when they last took part, and how often they were asked lately."""
        # The unary + makes SQLite read invitations in table order and group in a temporary
        # B-tree, instead of walking the stakeholder index with a table lookup per row: half
        # the time at 100k people and 48k invitations (docs/performance.md).
        rows = self._db.execute(
            """SELECT i.stakeholder_id,
                   max(CASE WHEN r.starts_at <= ? AND i.status IN ('accepted', 'attended')
                       THEN r.starts_at END),
                   sum(r.starts_at >= ? AND r.status != 'cancelled'
                       AND i.reserve_rank IS NULL AND i.status != 'proposed')
               FROM invitations i JOIN roundtables r ON r.id = i.roundtable_id
               GROUP BY +i.stakeholder_id""",
            [to_db(now), to_db(now - timedelta(days=burden_days))],
        ).fetchall()
        return {sid: (from_db(last) if last else None, asks) for sid, last, asks in rows}
