"""Save PNGs of the main screens to docs/screenshots/, from the demo data, under a display.

Run: `xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py 1280x720`
(without xvfb-run it uses the current display). The window fills the screen's available
area, so the screen size is the window size; the argument names the folder under
docs/screenshots/ (none: docs/screenshots/ itself). For 200% scaling on a 2560×1440 screen:
`QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1440x24" ... screenshots.py 2560x1440-200`.
It works on a fresh demo database in a temporary folder and keeps window settings there too,
so it touches nobody's real data.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convener.calendar.export import write_invitations  # noqa: E402
from convener.demo import load_demo  # noqa: E402
from convener.storage import StakeholderFilter, Store, Taxonomy  # noqa: E402
from convener.storage.coverage import CoverageMeasure  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.stakeholder_editor import StakeholderEditor  # noqa: E402

SCREENSHOTS = ROOT / "docs" / "screenshots"
OUT = SCREENSHOTS / sys.argv[1] if len(sys.argv) > 1 else SCREENSHOTS


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(app: QApplication, widget: QWidget, name: str) -> None:
    _settle(app)
    window = widget.window()
    tasks = getattr(window, "tasks", None)
    while tasks is not None and tasks.busy:  # a search still answering in the background
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    _settle(app)
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT), f"{widget.width()}x{widget.height()}")


def _stakeholder_screens(app: QApplication, window: MainWindow, store: Store) -> None:
    page = window.stakeholders
    kemi = store.stakeholders.ids(StakeholderFilter(search="Kemi Adebayo"))[0]
    page.select_stakeholder(kemi)
    _save(app, window, "stakeholders.png")
    page.record.tabs.setCurrentIndex(1)
    _save(app, window, "stakeholder-consent.png")
    page.record.tabs.setCurrentIndex(2)
    _save(app, window, "stakeholder-engagement.png")
    page.record.tabs.setCurrentIndex(0)
    mira = page.model.row_of(store.stakeholders.ids(StakeholderFilter(search="Mira"))[0])
    page.table.selectRow(mira or 0)
    _save(app, window, "stakeholder-protected-record.png")

    page.search.setText("research")
    page.apply_filters()
    page.lever.setCurrentIndex(page.lever.findData("Scrutinising"))
    _save(app, window, "stakeholders-search-and-filter.png")
    page.clear_filters()
    page.search.clear()
    page.apply_filters()


def _editor_screen(app: QApplication, window: MainWindow, store: Store) -> None:
    hannah_id = store.stakeholders.ids(StakeholderFilter(search="Hannah Okafor"))[0]
    hannah = store.stakeholders.get(hannah_id)
    editor = StakeholderEditor(store, None, window)
    editor.name.setText("Hanna Okafor")
    editor.organisation.setCurrentText(hannah.organisation or "")
    editor.email.setText("hanna.okafor@example")
    editor.show()
    editor.email.editingFinished.emit()
    editor._check_duplicates()  # run the pending check now rather than after the typing pause
    _save(app, editor, "stakeholder-editor.png")
    editor.close()


def _other_screens(app: QApplication, window: MainWindow) -> None:
    window.show_page(window.organisations)
    _save(app, window, "organisations.png")

    window.show_page(window.coverage)
    coverage = window.coverage
    coverage.start.setDate(QDate(2025, 1, 1))
    coverage.end.setDate(QDate(2026, 12, 31))
    grid = coverage.model.grid
    row = next(i for i, s in enumerate(grid.sectors) if s.name == "Lived experience experts")
    column = next(i for i, t in enumerate(grid.themes) if t.name == "Prevention")
    coverage.table.setCurrentIndex(coverage.model.index(row, column))
    coverage.show_cell(row, column)
    _save(app, window, "coverage-engaged.png")
    coverage.measure.setCurrentIndex(coverage.measure.findData(CoverageMeasure.KNOWN))
    _save(app, window, "coverage-known.png")

    window.show_page(window.taxonomies)
    window.taxonomies.editors[Taxonomy.THEMES].table.selectRow(0)
    _save(app, window, "settings-taxonomies.png")


def _roundtable_screens(app: QApplication, window: MainWindow) -> None:
    """A reported demo roundtable: its invite list and checks, then its findings."""
    window.show_page(window.roundtables)
    page = window.roundtables
    page.when_filter.setCurrentText("All")
    page.select(1)  # "What works in prevention", reported, with findings
    _save(app, window, "roundtables.png")
    page.tabs.setCurrentWidget(page.findings_page)
    _save(app, window, "roundtable-findings.png")
    page.tabs.setCurrentIndex(0)


def _privacy_screens(app: QApplication, window: MainWindow, store: Store, tmp: Path) -> None:
    # Invitations for roundtable 5 give its invitees a line in the disclosure ledger.
    summary = write_invitations(store, 5, tmp)
    invited = {i.id: i.stakeholder_id for i in store.roundtables.invitations(5)}
    person = next(invited[f.invitation_id] for f in summary.recipients if f.invitation_id)
    window.show_page(window.stakeholders)
    window.stakeholders.select_stakeholder(person)
    record = window.stakeholders.record
    assert record.ledger is not None
    record.tabs.setCurrentWidget(record.ledger)
    _save(app, window, "stakeholder-where-data-went.png")
    record.tabs.setCurrentIndex(0)

    # Nobody in the demo data is due yet: age three people who never joined a roundtable.
    store.db.execute(
        "UPDATE stakeholders SET created_at = '2019-03-01T09:00:00+00:00' WHERE id IN ("
        " SELECT id FROM stakeholders WHERE id NOT IN (SELECT stakeholder_id FROM invitations)"
        " ORDER BY id LIMIT 3)"
    )
    window.show_page(window.retention)
    _save(app, window, "retention-review.png")


def main() -> int:
    app = QApplication(sys.argv)
    app.setApplicationName("Convener")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo.db")
        load_demo(store)
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        screen = app.primaryScreen().availableGeometry()
        window.resize(screen.width(), screen.height())
        window.move(screen.topLeft())
        window.show()
        _settle(app)
        _stakeholder_screens(app, window, store)
        _editor_screen(app, window, store)
        _other_screens(app, window)
        _roundtable_screens(app, window)
        _privacy_screens(app, window, store, Path(tmp))
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
