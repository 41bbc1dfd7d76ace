"""The invitation actions: export in the background with a summary, replies by file or drop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from convener.domain import InvitationStatus
from convener.storage import Store
from tests.convener.calendar.conftest import Cast, make_cast
from tests.convener.calendar.test_replies import reply
from ui.invitations import InvitationActions, install_invitation_actions
from ui.tasks import TaskManager

# The offscreen platform cannot size native windows and says so whenever a dialog shows.


class Selection:
    """Stands in for the roundtable view: which roundtable is selected."""

    def __init__(self, roundtable_id: int | None) -> None:
        self.roundtable_id = roundtable_id

    def __call__(self) -> int | None:
        return self.roundtable_id


@pytest.fixture
def cast(store: Store) -> Cast:
    return make_cast(store)


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def actions(
    window: QMainWindow, store: Store, cast: Cast, qtbot: QtBot
) -> Iterator[InvitationActions]:
    tasks = TaskManager(store.path, window)
    menu = QMenu("Roundtable", window)
    installed = install_invitation_actions(menu, window, tasks, Selection(cast.roundtable_id))
    assert [a.text() for a in menu.actions()] == ["Export invitations…", "Import replies…"]
    yield installed
    tasks.wait()


def test_export_runs_in_the_background_and_summarises(
    actions: InvitationActions, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    # The native folder dialog cannot open without a screen: answer it.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(actions.exported, timeout=20000) as blocker:
        actions.export_action.trigger()
    summary = blocker.args[0]
    assert len(summary.recipients) == 4
    assert len(list(folder.glob("*-request.ics"))) == 4
    dialog = actions.summary_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.details.toPlainText()
    assert "-> Lam" in text and "-> Dev Patel" in text
    assert "Trần" not in text
    assert dialog.folder == folder


def test_replies_can_be_dropped(
    actions: InvitationActions, store: Store, cast: Cast, qtbot: QtBot, tmp_path: Path
) -> None:
    with qtbot.waitSignal(actions.exported, timeout=20000):
        actions.export_to(cast.roundtable_id, tmp_path / "out")
    uid = store.roundtables.get(cast.roundtable_id).uid
    answer = reply(
        tmp_path,
        "dev",
        uid=uid,
        address="dev.patel@forum.example",
        partstat="DECLINED",
        as_email=True,
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(answer)), QUrl.fromLocalFile(str(tmp_path / "x.pdf"))])
    with qtbot.waitSignal(actions.replies_applied, timeout=20000) as blocker:
        assert actions.accept_dropped_files(mime)
    assert [c.new for c in blocker.args[0].changes] == [InvitationStatus.DECLINED]
    by_id = {i.id: i.status for i in store.roundtables.invitations(cast.roundtable_id)}
    assert by_id[cast.invitations["dev"]] is InvitationStatus.DECLINED
    assert actions.summary_dialog is not None
    assert "invited -> declined" in actions.summary_dialog.details.toPlainText()

    nothing = QMimeData()
    nothing.setText("just text")
    assert not actions.accept_dropped_files(nothing)


def test_a_failure_is_shown_as_a_message(
    actions: InvitationActions, store: Store, cast: Cast, qtbot: QtBot, tmp_path: Path
) -> None:
    store.db.execute("UPDATE roundtables SET organiser_email = NULL")
    with qtbot.waitSignal(actions.failed, timeout=20000) as blocker:
        actions.export_to(cast.roundtable_id, tmp_path / "out")
    assert "organiser email" in blocker.args[0]
    box = actions.message_box
    assert box is not None and box.icon() is QMessageBox.Icon.Warning
    assert "organiser email" in box.text()


def test_nothing_selected_asks_for_a_roundtable(
    window: QMainWindow, store: Store, qtbot: QtBot
) -> None:
    tasks = TaskManager(store.path, window)
    actions = InvitationActions(window, tasks, Selection(None))
    actions.export_action.trigger()
    assert actions.message_box is not None
    assert actions.message_box.text() == "Select a roundtable first."


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_export_asks_first_when_invitations_would_not_say_how_to_join(  # noqa: PLR0917
    actions: InvitationActions,
    store: Store,
    cast: Cast,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    store.db.execute(
        "UPDATE roundtables SET format = 'online', online_url = NULL WHERE id = ?",
        [cast.roundtable_id],
    )
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    actions.export_action.trigger()
    qtbot.waitUntil(lambda: actions.confirm_box is not None and actions.confirm_box.isVisible())
    box = actions.confirm_box
    assert box is not None
    assert "has no joining link" in box.text()
    button = box.button(getattr(QMessageBox.StandardButton, answer))
    if answer == "Yes":
        with qtbot.waitSignal(actions.exported, timeout=20000):
            button.click()
        assert list(folder.glob("*-request.ics"))
    else:
        button.click()
        qtbot.waitUntil(lambda: not box.isVisible())
        assert list(folder.iterdir()) == []
