"""The directory: search as you type, filters that combine, protected people by pseudonym."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from convener.domain import ConsentPurpose
from convener.storage import Store, Taxonomy
from convener.storage.stakeholders import StakeholderRecord
from ui.main_window import MainWindow
from ui.stakeholder_model import ID_ROLE, SORT_ROLE, Column, StakeholderTableModel
from ui.stakeholder_page import StakeholdersPage, consent_choice


def _names(page: StakeholdersPage) -> list[str]:
    model = page.model
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def _choose(qtbot: QtBot, page: StakeholdersPage, combo: QComboBox, value: object) -> None:
    """Pick a filter and wait for the background query to answer."""
    index = combo.findData(value)
    assert index >= 0, value
    with qtbot.waitSignal(page.model.rows_changed, timeout=3000):
        combo.setCurrentIndex(index)


def test_search_as_you_type_narrows_the_table(window: MainWindow, qtbot: QtBot) -> None:
    page = window.stakeholders
    everyone = page.model.rowCount()
    assert everyone == 81
    with qtbot.waitSignal(page.model.rows_changed, timeout=2000):
        qtbot.keyClicks(page.search, "okaf")
    assert _names(page) == ["Hannah Okafor"]
    assert page.count_label.text() == "1 person"
    # Clearing the box brings everyone back, again through the debounce.
    with qtbot.waitSignal(page.model.rows_changed, timeout=2000):
        page.search.clear()
    assert page.model.rowCount() == everyone


def test_search_by_organisation_and_accentless_spelling(window: MainWindow, qtbot: QtBot) -> None:
    page = window.stakeholders
    with qtbot.waitSignal(page.model.rows_changed, timeout=2000):
        qtbot.keyClicks(page.search, "lucja")
    assert _names(page) == ["Łucja Wójcik"]


def test_filters_combine(window: MainWindow, qtbot: QtBot, db_path: Path) -> None:
    page = window.stakeholders
    with sqlite3.connect(db_path) as conn:
        sector_only = conn.execute(
            """SELECT count(*) FROM stakeholders s JOIN sectors sec ON sec.id = s.sector_id
               WHERE sec.name = 'Charities and NGOs' AND s.erased_at IS NULL"""
        ).fetchone()[0]
        both = conn.execute(
            """SELECT count(*) FROM stakeholders s JOIN sectors sec ON sec.id = s.sector_id
               WHERE sec.name = 'Charities and NGOs' AND s.erased_at IS NULL
                 AND EXISTS (SELECT 1 FROM stakeholder_themes st JOIN themes t
                     ON t.id = st.theme_id WHERE st.stakeholder_id = s.id
                     AND t.name = 'Survivor identification and support')"""
        ).fetchone()[0]
    assert 0 < both < sector_only < 81
    _choose(qtbot, page, page.sector, "Charities and NGOs")
    assert page.model.rowCount() == sector_only
    _choose(qtbot, page, page.theme, "Survivor identification and support")
    assert page.model.rowCount() == both
    with qtbot.waitSignal(page.model.rows_changed, timeout=3000):
        page.clear_filters()
    assert page.model.rowCount() == 81


def test_lived_experience_and_consent_filters(
    window: MainWindow, qtbot: QtBot, db_path: Path
) -> None:
    page = window.stakeholders
    with sqlite3.connect(db_path) as conn:
        lived = conn.execute("SELECT count(*) FROM stakeholders WHERE lived_experience").fetchone()[
            0
        ]
        named_given = conn.execute(
            """SELECT count(*) FROM stakeholders s WHERE s.lived_experience AND (
                 SELECT given FROM consent_events c WHERE c.stakeholder_id = s.id
                 AND c.purpose = 'named' ORDER BY recorded_at DESC, id DESC LIMIT 1) = 1"""
        ).fetchone()[0]
    _choose(qtbot, page, page.lived, True)
    assert page.model.rowCount() == lived
    _choose(qtbot, page, page.consent, consent_choice(ConsentPurpose.NAMED, True))
    assert page.model.rowCount() == named_given
    assert named_given < lived


def test_protected_people_are_listed_by_pseudonym_only(window: MainWindow, qtbot: QtBot) -> None:
    page = window.stakeholders
    names = _names(page)
    assert "Mira" in names
    assert "Daniela Stoica" not in names
    row = names.index("Mira")
    texts = [page.model.index(row, c).data() for c in Column]
    assert not any("Stoica" in (t or "") for t in texts)
    # Searching for the real name must not reveal who it is in the list either.
    with qtbot.waitSignal(page.model.rows_changed, timeout=2000):
        qtbot.keyClicks(page.search, "Stoica")
    assert "Daniela Stoica" not in _names(page)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 81)
    # The record, and only the record, shows the real name.
    page.select_stakeholder(page.model.index(_names(page).index("Mira"), 0).data(ID_ROLE))
    assert "Daniela Stoica" in page.record.details.text()


def test_names_sort_by_the_database_ignoring_accents(window: MainWindow) -> None:
    page = window.stakeholders
    names = _names(page)
    # Ł sorts with L and Ș with S, not after Z as NOCASE ordering put them.
    assert names.index("Llinos Morgan") < names.index("Łucja Wójcik") < names.index("Marcus Bell")
    assert (
        names.index("Sophie Turner") < names.index("Ștefan Țurcanu") < names.index("Stephen Carr")
    )
    page.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert _names(page) == names[::-1]
    # A column the database cannot order by leaves the order (and the indicator) alone.
    page.table.sortByColumn(Column.THEMES, Qt.SortOrder.AscendingOrder)
    assert _names(page) == names[::-1]
    assert page.table.horizontalHeader().sortIndicatorSection() == Column.NAME


def test_rows_are_fetched_a_page_at_a_time(qtbot: QtBot, store: Store) -> None:
    with store.db.atomic():
        for n in range(300):
            store.stakeholders.insert(
                StakeholderRecord(
                    name=f"Person {n:03d}",
                    pseudonym=None,
                    role=None,
                    organisation_id=None,
                    email=f"p{n}@example.org",
                    phone=None,
                    sector_id=None,
                    jurisdiction_id=None,
                    tags=[],
                    lived_experience=False,
                    intermediary_id=None,
                    access_needs="",
                    safe_contact_notes="",
                    notes="",
                    lever_ids=[],
                    theme_ids=[],
                )
            )
    model = StakeholderTableModel(store)
    assert model.rowCount() == 300
    assert model.index(257, Column.NAME).data() == "Person 257"
    assert model.index(257, Column.EMAIL).data() == "p257@example.org"
    assert model.index(3, Column.NAME).data(SORT_ROLE) == "person 003"


def test_a_theme_filter_follows_a_rename(window: MainWindow, qtbot: QtBot) -> None:
    page = window.stakeholders
    _choose(qtbot, page, page.theme, "Prevention")
    filtered = page.model.rowCount()
    assert 0 < filtered < 81
    editor = window.taxonomies.editors[Taxonomy.THEMES]
    window.show_page(window.taxonomies)
    term = next(t for t in window.store.taxonomy.terms(Taxonomy.THEMES) if t.name == "Prevention")
    assert editor.rename(term.id, "Prevention of exploitation")
    assert page.theme.currentData() == "Prevention of exploitation"
    assert page.model.rowCount() == filtered
