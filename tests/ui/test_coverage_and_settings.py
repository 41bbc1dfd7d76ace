"""The coverage heat map against the database, and the taxonomy settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from convener.storage import StakeholderFilter, Store, Taxonomy
from convener.storage.coverage import CoverageMeasure
from ui.coverage_page import COUNT_ROLE, CoveragePage
from ui.taxonomy_page import TaxonomyPage, TermColumn

ENGAGED_SQL = """
    SELECT sec.name, t.name, count(DISTINCT s.id)
    FROM stakeholders s
    JOIN sectors sec ON sec.id = s.sector_id
    JOIN invitations i ON i.stakeholder_id = s.id
    JOIN roundtables r ON r.id = i.roundtable_id
    JOIN themes t ON t.id = r.theme_id
    WHERE s.erased_at IS NULL AND i.status IN ('attended', 'accepted')
      AND r.status <> 'cancelled' AND r.starts_at >= ? AND r.starts_at < ? {lever}
    GROUP BY sec.name, t.name
"""
KNOWN_SQL = """
    SELECT sec.name, t.name, count(DISTINCT s.id)
    FROM stakeholders s
    JOIN sectors sec ON sec.id = s.sector_id
    JOIN stakeholder_themes st ON st.stakeholder_id = s.id
    JOIN themes t ON t.id = st.theme_id
    WHERE s.erased_at IS NULL {lever}
    GROUP BY sec.name, t.name
"""
LEVER_SQL = """AND EXISTS (SELECT 1 FROM stakeholder_levers sl JOIN levers l
    ON l.id = sl.lever_id WHERE sl.stakeholder_id = s.id AND l.name = ?)"""


def _shown(page: CoveragePage) -> dict[tuple[str, str], int]:
    model = page.model
    cells = {}
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            count = model.index(row, column).data(COUNT_ROLE)
            assert model.index(row, column).data() == str(count)
            if count:
                sector = model.grid.sectors[row].name
                theme = model.grid.themes[column].name
                cells[(sector, theme)] = count
    return cells


def _expected(db_path: Path, sql: str, params: list[str]) -> dict[tuple[str, str], int]:
    with sqlite3.connect(db_path) as conn:
        return {(a, b): n for a, b, n in conn.execute(sql, params).fetchall()}


def test_heat_map_numbers_match_the_database(
    qtbot: QtBot, demo_store: Store, db_path: Path
) -> None:
    page = CoveragePage(demo_store)
    qtbot.addWidget(page)
    page.show()
    page.start.setDate(QDate(2025, 1, 1))
    page.end.setDate(QDate(2026, 12, 31))
    period = ["2025-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00"]
    engaged = _expected(db_path, ENGAGED_SQL.format(lever=""), period)
    assert len(engaged) > 3
    assert _shown(page) == engaged

    # A shorter period counts fewer.
    page.start.setDate(QDate(2026, 1, 1))
    shorter = _expected(
        db_path, ENGAGED_SQL.format(lever=""), ["2026-01-01T00:00:00+00:00", period[1]]
    )
    assert _shown(page) == shorter != engaged

    page.lever.setCurrentIndex(page.lever.findData("Scrutinising"))
    with_lever = _expected(
        db_path,
        ENGAGED_SQL.format(lever=LEVER_SQL),
        ["2026-01-01T00:00:00+00:00", period[1], "Scrutinising"],
    )
    assert _shown(page) == with_lever != shorter

    page.measure.setCurrentIndex(page.measure.findData(CoverageMeasure.KNOWN))
    known = _expected(db_path, KNOWN_SQL.format(lever=LEVER_SQL), ["Scrutinising"])
    assert _shown(page) == known
    page.lever.setCurrentIndex(0)
    assert _shown(page) == _expected(db_path, KNOWN_SQL.format(lever=""), [])


def test_clicking_a_cell_lists_those_people(qtbot: QtBot, demo_store: Store) -> None:
    page = CoveragePage(demo_store)
    qtbot.addWidget(page)
    page.show()
    page.measure.setCurrentIndex(page.measure.findData(CoverageMeasure.KNOWN))
    grid = page.model.grid
    row = next(i for i, s in enumerate(grid.sectors) if s.name == "Lived experience experts")
    column = next(i for i, t in enumerate(grid.themes) if t.name == "Prevention")
    index = page.model.index(row, column)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    names = page.people.stringList()
    assert len(names) == index.data(COUNT_ROLE) > 0
    # Lived experience experts appear as lists may show them: by pseudonym where protected.
    assert "Mira" in names
    assert not any("Stoica" in name for name in names)


def test_taxonomy_rename_and_retire_keep_links(
    qtbot: QtBot, demo_store: Store, db_path: Path
) -> None:
    page = TaxonomyPage(demo_store)
    qtbot.addWidget(page)
    page.show()
    editor = page.editors[Taxonomy.THEMES]
    model = editor.model
    row = next(r for r in range(model.rowCount()) if model.term(r).name == "Prevention")
    term = model.term(row)
    linked = int(model.index(row, TermColumn.PEOPLE).data())
    assert linked > 0
    before = demo_store.stakeholders.ids(StakeholderFilter(theme="Prevention"))

    with qtbot.waitSignal(page.taxonomy_changed, timeout=2000):
        assert editor.rename(term.id, "Prevention of exploitation")
    assert demo_store.stakeholders.ids(StakeholderFilter(theme="Prevention of exploitation")) == (
        before
    )
    editor.select(term.id)
    with qtbot.waitSignal(page.taxonomy_changed, timeout=2000):
        editor.retire_button.click()
    row = model.row_of(term.id)
    assert row is not None
    assert model.index(row, TermColumn.STATE).data() == "Retired"
    assert model.index(row, TermColumn.PEOPLE).data() == str(linked)
    with sqlite3.connect(db_path) as conn:
        still_linked = conn.execute(
            "SELECT count(*) FROM stakeholder_themes WHERE theme_id = ?", [term.id]
        ).fetchone()[0]
    assert still_linked == linked

    editor.new_name.setText("Care sector")
    with qtbot.waitSignal(page.taxonomy_changed, timeout=2000):
        editor.add_button.click()
    assert any(t.name == "Care sector" for t in demo_store.taxonomy.terms(Taxonomy.THEMES))
