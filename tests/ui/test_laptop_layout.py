"""Every page fits a 1280×720 laptop (logical pixels; also 2560×1440 at 200%) and clips nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from convener.storage import Store
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

LAPTOP = (1280, 720)
_CONTROLS = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractSpinBox, QTabBar)


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _clipped(window: MainWindow) -> list[str]:
    """Visible controls narrower or shorter than their minimum, or outside the window."""
    problems = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, _CONTROLS):
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin or combo box, sized by its owner
        if _inside_scroll_area(widget, window):
            continue  # scrolled into view by its own area (cells, a form in a scroll area)
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        text = getattr(widget, "text", lambda: "")()
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed_height = widget.heightForWidth(widget.width())
            if widget.height() < needed_height:
                problems.append(
                    f"{name} {text!r}: {widget.height()} px tall, needs {needed_height}"
                )
        elif widget.width() < hint.width() or widget.height() < hint.height():
            problems.append(f"{name} {text!r}: {widget.size().toTuple()} < {hint.toTuple()}")
        placed = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not bounds.contains(placed):
            problems.append(f"{name} {text!r}: at {placed.getRect()}, outside the window")
    return problems


def _pages(window: MainWindow) -> list[tuple[str, QWidget]]:
    return [(window.navigation.item(i).text(), window.pages.widget(i))
            for i in range(window.pages.count())]  # fmt: skip


def test_every_page_fits_a_laptop_screen_with_nothing_clipped(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.roundtables.select(1)  # a roundtable with an invite list, checks and findings
    window.resize(*LAPTOP)
    for title, page in _pages(window):
        window.show_page(page)
        qtbot.waitUntil(lambda page=page: page.isVisible())  # type: ignore[misc]
        minimum = window.minimumSizeHint()
        assert minimum.width() <= LAPTOP[0] and minimum.height() <= LAPTOP[1], title
        assert window.size().toTuple() == LAPTOP, title
        assert _clipped(window) == [], title


def test_no_scroll_area_sits_inside_another(window: MainWindow, qtbot: QtBot) -> None:
    window.roundtables.select(1)
    nested = []
    for title, page in _pages(window):
        window.show_page(page)
        for area in page.findChildren(QAbstractScrollArea):
            if isinstance(area, QHeaderView):
                continue  # a table's own header scrolls with it
            if area.isVisibleTo(window) and _inside_scroll_area(area, window):
                nested.append(f"{title}: {area.accessibleName() or type(area).__name__}")
    assert nested == []


def _visible_rows(view: QAbstractItemView) -> float:
    row_height = view.sizeHintForRow(0) if view.model().rowCount() else 24
    return view.viewport().height() / max(row_height, 1)


def test_the_roundtable_page_gives_each_pane_room_at_laptop_size(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.roundtables
    window.resize(*LAPTOP)
    window.show_page(page)
    page.select(1)
    with qtbot.waitSignal(page.suggestions_ready, timeout=10000):
        pass
    for view in (page.invitation_view, page.suggestion_view, page.checks_view):
        assert _visible_rows(view) >= 4, view.accessibleName()

    page.tabs.setCurrentWidget(page.findings_page)
    assert page.findings_panel is not None
    table = page.findings_panel.table
    qtbot.waitUntil(table.isVisible)
    text_width = table.horizontalHeader().sectionSize(1)  # the finding itself
    assert text_width >= table.viewport().width() // 2


def test_splitter_positions_are_remembered(
    demo_store: Store, settings: QSettings, qtbot: QtBot
) -> None:
    first = MainWindow(demo_store, settings)
    qtbot.addWidget(first)
    first.resize(*LAPTOP)
    first.show()
    first.show_page(first.roundtables)
    first.roundtables.splitter.setSizes([200, 1000])
    first.roundtables.planning_splitter.setSizes([150, 400])
    chosen = (first.roundtables.splitter.sizes(), first.roundtables.planning_splitter.sizes())
    first.close()

    second = MainWindow(demo_store, settings)
    qtbot.addWidget(second)
    second.resize(*LAPTOP)
    second.show()
    assert (second.roundtables.splitter.sizes(), second.roundtables.planning_splitter.sizes()) == (
        chosen
    )


def test_the_window_opens_no_larger_than_the_screen(
    demo_store: Store, settings: QSettings, qtbot: QtBot
) -> None:
    """A geometry saved on a big monitor is shrunk to the laptop's screen on the next start."""
    big = MainWindow(demo_store, settings)
    qtbot.addWidget(big)
    big.resize(1400, 2400)
    big.save_state()
    assert isinstance(settings.value("window/geometry"), QByteArray)

    reopened = MainWindow(demo_store, settings)
    qtbot.addWidget(reopened)
    available = reopened.screen().availableGeometry()
    assert reopened.height() <= available.height()
    assert reopened.y() >= available.y()
