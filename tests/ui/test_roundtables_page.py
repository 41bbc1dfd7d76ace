from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from pytestqt.qtbot import QtBot

from convener.domain import InvitationStatus
from convener.invitations import add_invitations
from convener.storage import Store
from tests.convener.planning_data import person, roundtable
from ui.roundtables import RoundtablesPage
from ui.roundtables.invitation_model import Column as InviteColumn
from ui.roundtables.list_model import RoundtableFilter, RoundtableListModel, When
from ui.roundtables.suggestion_model import Column as SuggestionColumn
from ui.tasks import TaskManager

# The offscreen platform says so whenever a top-level window is shown; it is not our bug.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def tasks(store: Store, qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager(store.path)
    yield manager
    qtbot.waitUntil(lambda: not manager.busy, timeout=10000)


def _page(store: Store, tasks: TaskManager, qtbot: QtBot) -> RoundtablesPage:
    page = RoundtablesPage(store, tasks)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


def _click_add(page: RoundtablesPage, qtbot: QtBot, row: int) -> None:
    index = page.suggestions.index(row, SuggestionColumn.ADD)
    page.suggestion_view.scrollTo(index)
    rect = page.suggestion_view.visualRect(index)
    qtbot.mouseClick(page.suggestion_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_models_pass_the_model_tester(demo_store: Store, tasks: TaskManager, qtbot: QtBot,
                                      qtmodeltester) -> None:  # fmt: skip
    page = _page(demo_store, tasks, qtbot)
    page.select(4)
    with qtbot.waitSignal(page.suggestions_ready, timeout=10000):
        pass
    for model in (page.list_model, page.list_filter, page.invitations, page.checks,
                  page.suggestions):  # fmt: skip
        qtmodeltester.check(model)
    assert page.invitations.rowCount() == 12
    assert page.checks.rowCount() == 10


def test_list_filters_upcoming_past_and_theme(demo_store: Store, qtbot: QtBot) -> None:
    model = RoundtableListModel()
    model.set_rows(demo_store.roundtables.all())
    proxy = RoundtableFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 6
    proxy.set_theme("International")
    assert proxy.rowCount() == 1
    proxy.set_theme(None)
    proxy.set_when(When.UPCOMING)
    upcoming = proxy.rowCount()
    proxy.set_when(When.PAST)
    assert upcoming + proxy.rowCount() == 6


def _titles_shown(page: RoundtablesPage) -> list[str]:
    view = page.list_view
    return [view.model().index(row, 0).data() for row in range(view.model().rowCount())]


def test_header_clicks_sort_the_list_and_keep_the_selection(
    demo_store: Store, tasks: TaskManager, qtbot: QtBot
) -> None:
    page = _page(demo_store, tasks, qtbot)
    everyone = demo_store.roundtables.all()
    by_start = [r.title for r in sorted(everyone, key=lambda r: (r.starts_at, r.id))]
    assert _titles_shown(page) == by_start
    chosen = everyone[2]
    page.select(chosen.id)
    header = page.list_view.horizontalHeader()
    title_x = header.sectionViewportPosition(0) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title_x, 5))
    by_title = sorted((r.title for r in everyone), key=str.casefold)
    shown = _titles_shown(page)
    assert shown in (by_title, by_title[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title_x, 5))
    assert _titles_shown(page) == shown[::-1]
    selected = page.list_view.selectionModel().selectedRows()
    assert [index.data() for index in selected] == [chosen.title]
    # New rows (after an edit) come in the order the person chose, not the store's.
    page.refresh_list()
    assert _titles_shown(page) == shown[::-1]


def test_create_a_roundtable_in_the_editor(store: Store, tasks: TaskManager, qtbot: QtBot) -> None:
    page = _page(store, tasks, qtbot)
    dialog = page.open_editor(None)
    dialog.title.setText("Exploitation in the care sector")
    dialog.theme.setCurrentText("Prevention")
    start = QDateTime.fromString("2027-07-14 10:00", "yyyy-MM-dd HH:mm")
    dialog.start.setDateTime(start)
    dialog.end.setDateTime(start.addSecs(7200))
    dialog.capacity.setValue(14)
    dialog.agenda.setPlainText("Welcome\nWhat the evidence says")
    with qtbot.waitSignal(page.roundtable_changed, timeout=5000):
        dialog.save()
    assert page.list_model.rowCount() == 1
    saved = store.roundtables.all()[0]
    assert saved.title == "Exploitation in the care sector"
    assert saved.capacity == 14 and saved.chatham_house
    assert [a.title for a in saved.agenda] == ["Welcome", "What the evidence says"]
    assert saved.starts_at.isoformat() == "2027-07-14T09:00:00+00:00"  # 10:00 in London (BST)
    assert page.current is not None and page.current.id == saved.id


def test_editor_shows_a_refused_value_and_stays_open(store: Store, tasks: TaskManager,
                                                     qtbot: QtBot) -> None:  # fmt: skip
    page = _page(store, tasks, qtbot)
    dialog = page.open_editor(None)
    dialog.title.setText("Clock change")
    start = QDateTime.fromString("2027-03-28 01:30", "yyyy-MM-dd HH:mm")
    dialog.start.setDateTime(start)
    dialog.end.setDateTime(start.addSecs(7200))
    dialog.save()
    assert "does not exist" in dialog.error.text()
    assert dialog.isVisible()
    assert store.roundtables.all() == []
    dialog.reject()


def test_add_from_suggestions_and_see_a_check_turn_from_fail_to_pass(
    store: Store, tasks: TaskManager, qtbot: QtBot
) -> None:
    rid = roundtable(store)
    first = person(store, "First expert", lived_experience=True, sector="Lived experience experts")
    second = person(store, "Second expert", lived_experience=True,
                    sector="Lived experience experts")  # fmt: skip
    add_invitations(store, rid, [first])
    page = _page(store, tasks, qtbot)
    with qtbot.waitSignal(page.suggestions_ready, timeout=10000):
        page.select(rid)
    lone = page.checks.result("lone_lee")
    assert lone is not None and lone.outcome == "fail"
    assert page.checks.data(page.checks.index(0)).startswith("Fail: ")
    rows = [page.suggestions.row(n) for n in range(page.suggestions.rowCount())]
    assert [r.stakeholder_id for r in rows] == [second]
    tooltip = page.suggestions.data(page.suggestions.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "works on the roundtable's theme, Prevention" in tooltip

    with qtbot.waitSignal(page.checks_refreshed, timeout=5000):
        _click_add(page, qtbot, 0)
    lone = page.checks.result("lone_lee")
    assert lone is not None and lone.outcome == "pass"
    assert {i.stakeholder_id for i in store.roundtables.invitations(rid)} == {first, second}
    assert page.invitations.rowCount() == 2


def test_a_decline_edited_inline_promotes_the_reserve(store: Store, tasks: TaskManager,
                                                      qtbot: QtBot) -> None:  # fmt: skip
    rid = roundtable(store, capacity=1)
    seated = person(store, "Seated")
    reserve = person(store, "Reserve")
    add_invitations(store, rid, [seated])
    add_invitations(store, rid, [reserve], reserve=True)
    page = _page(store, tasks, qtbot)
    page.select(rid)
    names = [page.invitations.row(n).name for n in range(2)]
    assert names == ["Seated", "Reserve"]
    status = page.invitations.index(0, InviteColumn.STATUS)
    with qtbot.waitSignal(page.roundtable_changed, timeout=5000):
        assert page.invitations.setData(status, InvitationStatus.DECLINED.value)
    seats = {
        page.invitations.row(n).name: page.invitations.data(
            page.invitations.index(n, InviteColumn.SEAT)
        )
        for n in range(2)
    }
    assert seats == {"Seated": "Takes a seat", "Reserve": "Takes a seat"}
    by_id = {i.stakeholder_id: i for i in store.roundtables.invitations(rid)}
    assert by_id[reserve].reserve_rank is None
    assert by_id[seated].status is InvitationStatus.DECLINED


def test_fee_edited_inline_updates_budget_and_checks(store: Store, tasks: TaskManager,
                                                     qtbot: QtBot) -> None:  # fmt: skip
    rid = roundtable(store)
    expert = person(store, "Expert", lived_experience=True, sector="Lived experience experts")
    add_invitations(store, rid, [expert])
    page = _page(store, tasks, qtbot)
    page.select(rid)
    assert page.checks.result("lee_fees").outcome == "fail"  # type: ignore[union-attr]
    for column, text in ((InviteColumn.FEE, "£150"), (InviteColumn.EXPENSES, "20.50")):
        with qtbot.waitSignal(page.checks_refreshed, timeout=5000):
            assert page.invitations.setData(page.invitations.index(0, column), text)
    assert page.checks.result("lee_fees").outcome == "pass"  # type: ignore[union-attr]
    assert "Fees £150.00" in page.budget.text() and "expenses £20.50" in page.budget.text()


def test_status_moves_forward_from_the_page(store: Store, tasks: TaskManager, qtbot: QtBot) -> None:
    rid = roundtable(store)
    page = _page(store, tasks, qtbot)
    page.select(rid)
    assert page.advance_button.text() == "Mark invitations sent"
    qtbot.mouseClick(page.advance_button, Qt.MouseButton.LeftButton)
    assert store.roundtables.get(rid).status == "invitations_sent"
    assert page.advance_button.text() == "Mark as held"


def test_add_to_reserve_and_remove(store: Store, tasks: TaskManager, qtbot: QtBot) -> None:
    rid = roundtable(store)
    first = person(store, "First")
    second = person(store, "Second")
    page = _page(store, tasks, qtbot)
    with qtbot.waitSignal(page.suggestions_ready, timeout=10000):
        page.select(rid)
    page.suggestion_view.selectAll()
    with qtbot.waitSignal(page.suggestions_ready, timeout=10000):
        qtbot.mouseClick(page.reserve_button, Qt.MouseButton.LeftButton)
    ranks = {i.stakeholder_id: i.reserve_rank for i in store.roundtables.invitations(rid)}
    assert ranks == {first: 1, second: 2}
    assert page.suggestions.rowCount() == 0
    page.invitation_view.selectRow(0)
    with qtbot.waitSignal(page.roundtable_changed, timeout=5000):
        qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [i.stakeholder_id for i in store.roundtables.invitations(rid)] == [second]


def test_clearing_the_sort_keeps_the_order_shown(demo_store: Store, qtbot: QtBot) -> None:
    model = RoundtableListModel()
    model.set_rows(demo_store.roundtables.all())
    model.sort(0, Qt.SortOrder.DescendingOrder)
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    proxy = RoundtableFilter()
    proxy.setSourceModel(model)
    proxy.sort(-1)  # what a view asks when sorting is switched off
    assert [proxy.index(row, 0).data() for row in range(proxy.rowCount())] == shown
