"""Benchmark (not a test): the desktop app on a directory of 100,000 generated stakeholders.

Measures (1) start to usable window: from the start of `main` (Qt and app imports included) to
the stakeholder table painted with its first rows, on an existing database; and (2) keystroke to
updated table: for every character typed into the search box, the time from the filter being
applied to the table repainted. The deliberate 150 ms pause that waits for typing to stop is not
counted (it is not work, and it is what keeps the window responsive while typing).

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_directory.py [DB] [N]`
Goals from the issue: start <= 1 s, keystroke <= 30 ms at the 95th percentile.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# What staff type: names (with and without their accents), an organisation, a name and number.
TYPED = [
    "anna okafor",
    "łucja",
    "smith 12",
    "kovalenko",
    "zielinski",
    "organisation 0042",
    "o'brien",
]


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "bench.db"
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    if not target.exists():
        from benchmarks.directory_data import generate

        print(f"generating {size} stakeholders in {target} …")
        generate(target, size)

    began = time.perf_counter()
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from convener.storage import Store
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    store = Store.open(target)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(os.path.join(tmp, "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.show()
        table = window.stakeholders.table
        table.repaint()
        app.processEvents()
        started = time.perf_counter() - began
        rows = window.stakeholders.model.rowCount()
        print(f"start to usable window: {started * 1000:.0f} ms ({rows} people listed)")

        page = window.stakeholders
        answered = QEventLoop()
        page.model.rows_changed.connect(answered.quit)
        timings: list[float] = []
        labels: list[str] = []
        for phrase in TYPED:
            for end in range(1, len(phrase) + 1):
                page.search.blockSignals(True)
                page.search.setText(phrase[:end])
                page.search.blockSignals(False)
                t0 = time.perf_counter()
                page.apply_filters()  # the query runs on a worker thread
                answered.exec()  # until the table has the answer (rows_changed)
                table.repaint()
                timings.append(time.perf_counter() - t0)
                labels.append(phrase[:end])
            page.search.setText("")
            page.apply_filters()
            answered.exec()
        ms = sorted(t * 1000 for t in timings)
        p95 = ms[int(0.95 * (len(ms) - 1))]
        print(
            f"keystroke to updated table over {len(ms)} keystrokes: "
            f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"
        )
        slowest = sorted(zip(timings, labels, strict=True), reverse=True)[:5]
        print("slowest:", ", ".join(f"{label!r} {t * 1000:.0f} ms" for t, label in slowest))
        window.close()
        window.deleteLater()
        app.processEvents()
    store.close()
    # Tear Qt down before the interpreter does, which PySide6 does not survive cleanly.
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
