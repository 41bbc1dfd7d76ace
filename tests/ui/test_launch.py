"""Starting the app where there is no screen fails with a sentence, not a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from convener.storage import Store

ROOT = Path(__file__).resolve().parents[2]


def test_gui_without_a_display_is_a_one_line_error(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db").close()  # only the default path is created by the app
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CONVENER_DB"}
    }
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "convener", "--db", str(tmp_path / "c.db"), "gui"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: there is no display")
    assert "Traceback" not in done.stderr
