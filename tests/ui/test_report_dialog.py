"""Generate report…: the PDF is written in the background and the dialog reports back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from convener.findings import FindingDraft, add_finding
from convener.privacy import Audience
from convener.storage import Store
from tests.convener.reports.readback import pdftotext
from tests.ui.conftest import DialogAnswerer
from ui.report_dialog import ReportDialog
from ui.tasks import TaskManager


def _dialog(qtbot, store: Store, roundtable_id: int | None) -> ReportDialog:
    tasks = TaskManager(store.path)
    dialog = ReportDialog(store, tasks, roundtable_id)
    qtbot.addWidget(dialog)
    dialog.open_when_done.setChecked(False)
    return dialog


def test_internal_report_of_one_roundtable(qtbot, demo_store: Store, tmp_path: Path):
    dialog = _dialog(qtbot, demo_store, 1)
    dialog.audience.setCurrentIndex(dialog.audience.findData(Audience.INTERNAL.value))
    dialog.path.setText(str(tmp_path / "internal"))
    with qtbot.waitSignal(dialog.report_written, timeout=30000) as written:
        dialog.start_report()
    assert written.args == [str(tmp_path / "internal.pdf")]
    assert (tmp_path / "internal.html").exists()
    assert "INTERNAL — not for publication" in pdftotext(tmp_path / "internal.pdf")
    assert "internal.html" in dialog.status.text()
    assert dialog.generate.isEnabled()


def test_theme_report_over_a_period(qtbot, demo_store: Store, tmp_path: Path):
    dialog = _dialog(qtbot, demo_store, None)
    assert dialog.by_theme.isChecked() and not dialog.one.isEnabled()
    dialog.theme.setCurrentIndex(dialog.theme.findData("Research and data"))
    dialog.path.setText(str(tmp_path / "theme.pdf"))
    with qtbot.waitSignal(dialog.review_shown, timeout=30000):
        dialog.start_report()  # the demo's theme text holds possible names to review
    with qtbot.waitSignal(dialog.report_written, timeout=30000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert (tmp_path / "theme.pdf").stat().st_size > 0


def test_public_report_is_reviewed_before_it_is_written(qtbot, demo_store: Store, tmp_path: Path):
    add_finding(demo_store, FindingDraft(4, "As Bless\u200bing Okoro said, the door was shut."))
    dialog = _dialog(qtbot, demo_store, 4)
    dialog.path.setText(str(tmp_path / "public.pdf"))
    with qtbot.waitSignal(dialog.review_shown, timeout=30000) as shown:
        qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    rows = [dialog.review_model.item(row).text() for row in range(dialog.review_model.rowCount())]
    assert shown.args == [len(rows)] and not dialog.review.isHidden()
    assert any("Name redacted" in r and "As [withheld] said" in r for r in rows)
    assert not any("Okoro" in r.replace("\u200b", "") for r in rows)
    assert "Nothing has been written yet" in dialog.status.text()
    assert not (tmp_path / "public.pdf").exists()
    with qtbot.waitSignal(dialog.report_written, timeout=30000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert "As [withheld] said, the door was shut." in pdftotext(tmp_path / "public.pdf")
    assert dialog.review.isHidden()


def test_a_failure_is_shown_in_the_dialog(qtbot, demo_store: Store, tmp_path: Path):
    dialog = _dialog(qtbot, demo_store, 1)
    dialog.path.setText(str(tmp_path / "missing" / "r.pdf"))
    with qtbot.waitSignal(dialog.review_shown, timeout=30000):
        dialog.start_report()
    with qtbot.waitSignal(dialog.report_failed, timeout=30000) as failed:
        dialog.confirm_review()
    assert "does not exist" in failed.args[0]
    assert "The report was not written" in dialog.status.text()


def test_no_file_chosen(qtbot, demo_store: Store):
    dialog = _dialog(qtbot, demo_store, 1)
    dialog.path.clear()
    dialog.start_report()
    assert dialog.status.text() == "Choose where to save the PDF first."


def test_each_kind_of_report_has_its_own_default_name(qtbot, demo_store: Store, tmp_path: Path):
    dialog = _dialog(qtbot, demo_store, 1)
    assert Path(dialog.path.text()).name == "roundtable-1-public-findings.pdf"
    dialog.path.setText(str(tmp_path / "roundtable-1-public-findings.pdf"))  # another folder
    dialog.audience.setCurrentIndex(dialog.audience.findData(Audience.INTERNAL.value))
    assert dialog.path.text() == str(tmp_path / "roundtable-1-internal-summary.pdf")
    dialog.by_theme.setChecked(True)
    assert dialog.path.text() == str(tmp_path / "theme-prevention-report.pdf")

    dialog.path.setText(str(tmp_path / "for the board.pdf"))  # the user's own name stays
    dialog.one.setChecked(True)
    assert dialog.path.text() == str(tmp_path / "for the board.pdf")


def test_an_existing_report_is_replaced_only_when_the_user_agrees(
    qtbot, demo_store: Store, tmp_path: Path, dialogs: Callable[..., DialogAnswerer]
):
    earlier = tmp_path / "summary.pdf"
    earlier.write_bytes(b"the public report, sent to the printer")
    dialog = _dialog(qtbot, demo_store, 1)
    dialog.audience.setCurrentIndex(dialog.audience.findData(Audience.INTERNAL.value))
    dialog.path.setText(str(earlier))

    answered = dialogs(QMessageBox.StandardButton.Cancel)
    dialog.start_report()
    assert [name for name, _ in answered.seen] == ["replaceReport"]
    assert "summary.pdf already exists" in answered.seen[0][1]
    assert earlier.read_bytes() == b"the public report, sent to the printer"
    assert dialog.generate.isEnabled() and not dialog.progress.isVisible()

    dialogs(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.report_written, timeout=30000):
        dialog.start_report()
    assert "INTERNAL — not for publication" in pdftotext(earlier)
