"""Everything the database holds about one person, table by table, for a subject access export.

Rows are read whole (`SELECT *`) so that a column added later is included without anyone
remembering to add it here; joins only add the names a reader needs to make sense of an id.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from convener.errors import NotFoundError

Rows = list[dict[str, Any]]

_PERSON = """
    SELECT s.*, o.name AS organisation, i.name AS intermediary, i.email AS intermediary_email,
           sec.name AS sector, j.name AS jurisdiction
    FROM stakeholders s
    LEFT JOIN organisations o ON o.id = s.organisation_id
    LEFT JOIN organisations i ON i.id = s.intermediary_id
    LEFT JOIN sectors sec ON sec.id = s.sector_id
    LEFT JOIN jurisdictions j ON j.id = s.jurisdiction_id
    WHERE s.id = ?
"""

# Section name -> the query for rows about the person (one `?` per mention of the id).
_SECTIONS: dict[str, str] = {
    "levers": """SELECT sl.*, l.name AS lever FROM stakeholder_levers sl
        JOIN levers l ON l.id = sl.lever_id WHERE sl.stakeholder_id = ? ORDER BY l.id""",
    "themes": """SELECT st.*, t.name AS theme FROM stakeholder_themes st
        JOIN themes t ON t.id = st.theme_id WHERE st.stakeholder_id = ? ORDER BY t.id""",
    "consent_history": """SELECT * FROM consent_events WHERE stakeholder_id = ?
        ORDER BY recorded_at, id""",
    "invitations": """SELECT i.*, r.title AS roundtable_title,
        r.starts_at AS roundtable_starts_at, r.status AS roundtable_status
        FROM invitations i JOIN roundtables r ON r.id = i.roundtable_id WHERE i.stakeholder_id = ?
        ORDER BY r.starts_at, i.id""",
    "deliveries": """SELECT d.* FROM deliveries d JOIN invitations i ON i.id = d.invitation_id
        WHERE i.stakeholder_id = ? ORDER BY d.sent_at, d.id""",
    "findings": """SELECT f.*, r.title AS roundtable_title FROM findings f
        JOIN roundtables r ON r.id = f.roundtable_id WHERE f.by_stakeholder_id = ?
        ORDER BY f.id""",
    "conflicts": """SELECT * FROM conflicts WHERE stakeholder_id = ? OR other_stakeholder_id = ?
        ORDER BY id""",
    "disclosures": """SELECT * FROM disclosures WHERE stakeholder_id = ?
        ORDER BY created_at, id""",
    "retention_reviews": """SELECT * FROM retention_reviews WHERE stakeholder_id = ?
        ORDER BY reviewed_at, id""",
    "erasures": "SELECT * FROM erasures WHERE stakeholder_id = ? ORDER BY erased_at, id",
}


class SubjectAccessStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def rows_about(self, stakeholder_id: int) -> dict[str, Any]:
        """The person's own row (`record`) and every section of rows that refer to them."""
        found = list(self._db.query(_PERSON, [stakeholder_id]))
        if not found:
            raise NotFoundError(f"no stakeholder with id {stakeholder_id}")
        held: dict[str, Any] = {"record": found[0]}
        for section, sql in _SECTIONS.items():
            params = [stakeholder_id] * sql.count("?")
            held[section] = list(self._db.query(sql, params))
        return held
