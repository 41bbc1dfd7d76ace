"""Loading the people the composer may suggest for a roundtable, in bulk and narrowed by theme.

One query starts from the theme index (people holding the main theme, then those holding only
one of the other themes) and applies the exclusions the database can decide: erased people,
people already on the list, people without current consent to be contacted. It returns ids
rather than names for sectors and jurisdictions, resolved through small dictionaries. Their
history comes from two more: when everyone last took part (one pass over the invitations) and
how often they were asked lately (only the roundtables starting in the burden window).

Most of that pool could never be suggested, and only those who could become `Candidate`s (see
`for_roundtable`): at 100k people about a quarter of the pool.
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
        long_ago: datetime,
        per_kind: int,
    ) -> list[Candidate]:
        """People who hold at least one of `theme_ids` (the first is the main theme), may be
        invited to this roundtable and could be among the first `per_kind` the composer picks.

        The composer groups people by perspective, sector and jurisdiction, and scores them on
        the themes they hold, whether they hold a lever sought, whether they never took part,
        last took part on or before `long_ago`, or since, and (lived experience experts only)
        their recent asks. People alike in all of these are of one kind: they tie, the composer
        breaks ties by the lower id and takes at most `per_kind` from any group, so only the
        `per_kind` lowest ids of each kind can ever be suggested, and only they are returned
        (tests/convener/test_candidate_pool.py checks the suggestions against the whole pool).
        """
        if not theme_ids or per_kind <= 0:
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
        last = self._last_took_part(now)
        asks = self._recent_asks(now - timedelta(days=burden_days))
        return self._build(
            rows, levers, last_took_part=last, asks=asks, long_ago=long_ago, per_kind=per_kind
        )

    def _build(
        self,
        rows: list[tuple],
        levers: list[int],
        *,
        last_took_part: dict[int, str],
        asks: dict[int, int],
        long_ago: datetime,
        per_kind: int,
    ) -> list[Candidate]:
        # Everything that repeats across rows is looked up once, so the loop stays cheap.
        lever_names = {r[0]: r[1] for r in self._db.execute("SELECT id, name FROM levers")}
        masks: dict[int, frozenset[str]] = {}
        kinds = {r[0]: (r[1], r[2]) for r in self._db.execute("SELECT id, name, kind FROM sectors")}
        by_sector: dict[tuple[int | None, bool], tuple[str | None, str | None]] = {}
        for lee in (False, True):
            by_sector[(None, lee)] = (None, perspective_of(lee, None))
            for sector_id, (name, kind) in kinds.items():
                by_sector[(sector_id, lee)] = (name, perspective_of(lee, kind))
        places = {r[0]: r[1] for r in self._db.execute("SELECT id, name FROM jurisdictions")}
        moments: dict[str, datetime] = {}  # a few thousand roundtable starts, parsed once each
        taken: dict[tuple[object, ...], int] = {}
        found: list[Candidate] = []
        add = found.append
        rows.sort()  # by id, so the first of each kind are its lowest ids
        for sid, sector_id, place_id, org, lee_flag, main, extra, mask in rows:
            lee = lee_flag == 1
            asked = asks.get(sid, 0)
            last = None
            last_text = last_took_part.get(sid)
            if last_text is not None:
                last = moments.get(last_text)
                if last is None:
                    last = moments[last_text] = from_db(last_text)
            kind = (
                sector_id, place_id, lee, main, extra, mask != 0,
                None if last is None else last <= long_ago, asked if lee else 0,
            )  # fmt: skip
            count = taken.get(kind, 0)
            if count == per_kind:
                continue
            taken[kind] = count + 1
            sector, perspective = by_sector[(sector_id, lee)]
            held = masks.get(mask)
            if held is None:
                held = masks[mask] = frozenset(
                    lever_names[lever] for bit, lever in enumerate(levers) if mask >> bit & 1
                )
            add(
                Candidate(
                    sid, sector, perspective, places.get(place_id), org, lee, main == 1, extra,
                    held, last, asked,
                )
            )  # fmt: skip
        return found

    def _last_took_part(self, now: datetime) -> dict[int, str]:
        """Per person who took part: the start of the latest roundtable, up to `now`, that
        they accepted or attended, as stored (ISO 8601 in UTC, which sorts as time does)."""
        # One pass over the invitations, joined to the roundtables' starts in a dictionary: at
        # 100k people and 48k invitations, joining them to roundtables in SQL took 45-80 ms
        # (per candidate or grouped), this pass 17-20 ms (docs/performance.md).
        starts = dict(
            self._db.execute(
                "SELECT id, starts_at FROM roundtables WHERE starts_at <= ?", [to_db(now)]
            ).fetchall()
        )
        last: dict[int, str] = {}
        for sid, roundtable_id in self._db.execute(
            "SELECT stakeholder_id, roundtable_id FROM invitations"
            " WHERE status IN ('accepted', 'attended')"
        ):
            at = starts.get(roundtable_id)
            if at is not None and at > last.get(sid, ""):
                last[sid] = at
        return last

    def _recent_asks(self, since: datetime) -> dict[int, int]:
        """Per person: how often they were asked to roundtables starting since `since`."""
        # CROSS JOIN keeps SQLite starting from the few roundtables in the window (by their
        # start index) rather than walking every invitation in stakeholder order.
        rows = self._db.execute(
            """SELECT i.stakeholder_id, count(*)
               FROM roundtables r CROSS JOIN invitations i ON i.roundtable_id = r.id
               WHERE r.starts_at >= ? AND r.status != 'cancelled'
                 AND i.reserve_rank IS NULL AND i.status != 'proposed'
               GROUP BY i.stakeholder_id""",
            [to_db(since)],
        ).fetchall()
        return dict(rows)
