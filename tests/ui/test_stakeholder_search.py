"""Where a search runs: on the GUI thread in a small directory, on the reader above the limit.

`inline_limit` is set here to force one path or the other on the 81-person demo directory;
the app's limit (INLINE_SEARCH_LIMIT) is chosen from measurement in docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.erasure import erase_person
from convener.storage import StakeholderFilter, Store
from ui.stakeholder_model import Column, StakeholderTableModel
from ui.stakeholder_page import StakeholdersPage
from ui.tasks import TaskManager

DEMO_PEOPLE = 81


@pytest.fixture
def tasks(qtbot: QtBot, db_path: Path) -> Iterator[TaskManager]:
    manager = TaskManager(db_path)
    yield manager
    manager.close()


def _names(model: StakeholderTableModel) -> list[str]:
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def test_a_small_directory_is_searched_before_search_returns(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks)  # the app's limit
    assert model.rowCount() == DEMO_PEOPLE
    counts: list[int] = []
    model.rows_changed.connect(counts.append)
    model.search(StakeholderFilter(search="okafor"))
    assert counts == [1]
    assert _names(model) == ["Hannah Okafor"]
    assert not tasks.busy


def test_a_directory_over_the_limit_is_searched_on_the_reader(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=DEMO_PEOPLE - 1)
    with qtbot.waitSignal(model.rows_changed, timeout=3000) as changed:
        model.search(StakeholderFilter(search="okafor"))
        # Still everyone until the reader answers.
        assert model.rowCount() == DEMO_PEOPLE
        assert tasks.busy
    assert changed.args == [1]
    assert _names(model) == ["Hannah Okafor"]


def _answered_on_the_reader(
    qtbot: QtBot, model: StakeholderTableModel, tasks: TaskManager, search: StakeholderFilter
) -> None:
    with qtbot.waitSignal(model.rows_changed, timeout=3000):
        model.search(search)
        assert tasks.busy


def test_over_the_limit_typing_on_after_a_quick_search_is_searched_now(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    # Every search counts as quick here: on a loaded machine the reader's first search can
    # take longer than QUICK_SEARCH, and which searches are quick is the next test's subject.
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=0, quick_search=60.0)
    _answered_on_the_reader(qtbot, model, tasks, StakeholderFilter(search="o"))
    for typed in ("ok", "okaf", "okafor h"):
        model.search(StakeholderFilter(search=typed))
        assert not tasks.busy
    assert _names(model) == ["Hannah Okafor"]


@pytest.mark.parametrize(
    "then",
    [
        StakeholderFilter(search="o"),  # a letter deleted: more people, not fewer
        StakeholderFilter(search="ol"),
        StakeholderFilter(search="oka", sector="Charities and NGOs"),
        StakeholderFilter(),
    ],
    ids=["deleted", "different", "another filter", "cleared"],
)
def test_a_search_that_does_not_only_narrow_the_last_goes_to_the_reader(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager, then: StakeholderFilter
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=0)
    _answered_on_the_reader(qtbot, model, tasks, StakeholderFilter(search="ok"))
    _answered_on_the_reader(qtbot, model, tasks, then)
    shown = [model.stakeholder_id(row) for row in range(model.rowCount())]
    assert shown == demo_store.stakeholders.ids(then)


def test_after_a_slow_search_or_a_change_to_the_data_typing_on_goes_to_the_reader(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    never_quick = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=0, quick_search=0)
    _answered_on_the_reader(qtbot, never_quick, tasks, StakeholderFilter(search="ok"))
    _answered_on_the_reader(qtbot, never_quick, tasks, StakeholderFilter(search="oka"))

    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=0)
    _answered_on_the_reader(qtbot, model, tasks, StakeholderFilter(search="ok"))
    add_stakeholder(demo_store, StakeholderDraft(name="Ada Okafor", email="ada@example.org"))
    model.refresh()  # the page refreshes after every change to the data
    _answered_on_the_reader(qtbot, model, tasks, StakeholderFilter(search="oka"))
    assert _names(model) == ["Ada Okafor", "Hannah Okafor"]


def test_the_newest_search_wins_and_a_stale_answer_is_dropped(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=0)
    counts: list[int] = []
    model.rows_changed.connect(counts.append)
    model.search(StakeholderFilter(search="a"))
    model.search(StakeholderFilter(search="okafor"))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=3000)
    assert _names(model) == ["Hannah Okafor"]
    assert counts == [1]  # the answer for "a" never reached the table


def test_an_inline_search_drops_an_answer_still_on_its_way(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    # Over the limit, then a refresh after people left finds the directory small again.
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=DEMO_PEOPLE - 2)
    model.search(StakeholderFilter(search="a"))
    assert tasks.busy
    for sid in demo_store.stakeholders.ids()[:2]:
        erase_person(demo_store, sid, "asked to be removed")
    model.refresh(StakeholderFilter())
    assert model.rowCount() == DEMO_PEOPLE - 2
    counts: list[int] = []
    model.rows_changed.connect(counts.append)
    model.search(StakeholderFilter(search="okafor"))
    assert _names(model) == ["Hannah Okafor"]
    qtbot.waitUntil(lambda: not tasks.busy, timeout=3000)
    assert _names(model) == ["Hannah Okafor"]
    assert counts == [1]


def test_a_refresh_counts_the_directory_again(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=DEMO_PEOPLE)
    model.search(StakeholderFilter(search="okafor"))
    assert _names(model) == ["Hannah Okafor"]  # inline at the limit
    add_stakeholder(demo_store, StakeholderDraft(name="Ada Okafor", email="ada@example.org"))
    model.refresh()  # the page refreshes after every change to the data
    with qtbot.waitSignal(model.rows_changed, timeout=3000):
        model.search(StakeholderFilter(search="okafor"))
        assert tasks.busy  # one over the limit now
    assert _names(model) == ["Ada Okafor", "Hannah Okafor"]


@pytest.mark.parametrize("inline_limit", [DEMO_PEOPLE, 0], ids=["inline", "reader"])
def test_a_failed_search_is_reported_and_keeps_the_rows(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager, inline_limit: int
) -> None:
    model = StakeholderTableModel(demo_store, tasks=tasks, inline_limit=inline_limit)
    with qtbot.waitSignal(model.search_failed, timeout=3000) as failed:
        model.search(StakeholderFilter(sector="No such sector"))
    assert "unknown sector 'No such sector'" in failed.args[0]
    assert model.rowCount() == DEMO_PEOPLE


@pytest.mark.parametrize("inline_limit", [DEMO_PEOPLE, 0], ids=["inline", "reader"])
def test_typing_narrows_the_page_either_way(
    qtbot: QtBot, demo_store: Store, tasks: TaskManager, inline_limit: int
) -> None:
    page = StakeholdersPage(demo_store, tasks=tasks, inline_limit=inline_limit)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.rows_changed, timeout=3000):
        qtbot.keyClicks(page.search, "okaf")
    assert _names(page.model) == ["Hannah Okafor"]
    assert page.count_label.text() == "1 person"
    with qtbot.waitSignal(page.model.rows_changed, timeout=3000):
        page.search.clear()
    assert page.model.rowCount() == DEMO_PEOPLE
