"""Show the roundtables page on its own, for trying it out by hand:

    python -m tests.ui.show_roundtables [DATABASE]

Without a database it opens a temporary one with the demo data loaded.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from convener.demo import load_demo
from convener.storage import Store
from ui.roundtables import RoundtablesPage
from ui.tasks import TaskManager


def main(argv: list[str]) -> int:
    app = QApplication(argv)
    folder = tempfile.TemporaryDirectory()
    path = Path(argv[1]) if len(argv) > 1 else Path(folder.name) / "demo.db"
    store = Store.open(path)
    load_demo(store)
    tasks = TaskManager(path)
    page = RoundtablesPage(store, tasks)
    page.setWindowTitle(f"Roundtables — {path.name}")
    page.resize(1400, 900)
    page.show()
    code = app.exec()
    tasks.wait()
    store.close()
    folder.cleanup()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
