"""The app's export and daily backup run in the background on the real database."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.export import ExportSummary
from convener.privacy import Audience
from convener.storage import Store
from ui.export_dialog import DirectoryExporter
from ui.recovery import start_daily_backup
from ui.tasks import TaskManager


def test_export_from_the_app(qtbot: QtBot, store: Store, db_path: Path, tmp_path: Path) -> None:
    add_stakeholder(store, StakeholderDraft(name="=Ann", email="ann@example.org"))
    exporter = DirectoryExporter(TaskManager(db_path))
    out = tmp_path / "out.csv"
    with qtbot.waitSignal(exporter.exported, timeout=10000) as done:
        exporter.export_to(out, Audience.INTERNAL)
    summary = done.args[0]
    assert isinstance(summary, ExportSummary) and summary.written == 1
    text = out.read_bytes()
    assert text.startswith(codecs.BOM_UTF8)
    assert b"'=Ann" in text
    with qtbot.waitSignal(exporter.failed, timeout=10000) as failed:
        exporter.export_to(tmp_path / "missing" / "out.csv", Audience.PUBLIC)
    assert "does not exist" in failed.args[0]


def test_the_daily_backup_runs_in_the_background(qtbot: QtBot, store: Store, db_path: Path) -> None:
    tasks = TaskManager(db_path)
    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        start_daily_backup(tasks)
    expected = db_path.parent / "backups" / f"convener-daily-{date.today().isoformat()}.db"
    assert expected.is_file()
