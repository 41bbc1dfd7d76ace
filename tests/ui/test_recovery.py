"""Opening a damaged database offers the latest good backup instead of crashing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.storage import Store
from convener.storage.backup import daily_backup
from tests.convener.test_backups import corrupt
from tests.ui.conftest import DialogAnswerer
from ui.recovery import open_store_or_recover


def damaged_with_backup(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_stakeholder(store, StakeholderDraft(name="In The Backup"))
        daily_backup(store.db, db_path, today=date(2026, 3, 1))
        add_stakeholder(store, StakeholderDraft(name="After The Backup"))
    corrupt(db_path)


def test_the_user_is_offered_the_latest_good_backup_and_it_is_restored(
    qtbot: object, db_path: Path, dialogs: Callable[..., DialogAnswerer]
) -> None:
    damaged_with_backup(db_path)
    answered = dialogs(QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok)
    store = open_store_or_recover(db_path)
    assert store is not None
    with store:
        assert [p.name for p in store.stakeholders.find()] == ["In The Backup"]
    (question, ask_text), (done, done_text) = answered.seen
    assert question == "recovery_question"
    assert "is damaged" in ask_text and "convener-daily-2026-03-01.db" in ask_text
    assert done == "recovery_done" and "damaged file was kept as" in done_text
    assert list((db_path.parent / "backups").glob("convener-damaged-*.db"))


def test_declining_changes_nothing(
    qtbot: object, db_path: Path, dialogs: Callable[..., DialogAnswerer]
) -> None:
    damaged_with_backup(db_path)
    before = db_path.read_bytes()
    answered = dialogs(QMessageBox.StandardButton.No)
    assert open_store_or_recover(db_path) is None
    assert answered.seen[0][0] == "recovery_question"
    assert db_path.read_bytes() == before


def test_a_locked_database_is_explained_not_restored(
    qtbot: object, db_path: Path, dialogs: Callable[..., DialogAnswerer]
) -> None:
    with Store.open(db_path) as store:
        daily_backup(store.db, db_path, today=date(2026, 3, 1))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # an exclusive lock blocks even readers
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answered = dialogs(QMessageBox.StandardButton.Ok)
        assert open_store_or_recover(db_path) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ((name, text),) = answered.seen
    assert name == "recovery_message"
    assert "Restore" not in text
