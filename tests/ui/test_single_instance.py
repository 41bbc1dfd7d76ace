"""A second app on the same database is refused; the command line still works alongside."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.conftest import REPO_ROOT, CliResult
from tests.ui.conftest import DialogAnswerer
from ui.single_instance import claim_single_instance, lock_path_for

# Another app process: takes the lock the way the app does, then waits to be told to quit.
OTHER_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ui.single_instance import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]))
    print("claimed" if lock.try_claim() else "refused", flush=True)
    sys.stdin.readline()
    lock.release()
    """
)


def test_a_second_window_on_the_same_database_is_refused(
    qtbot: object,
    db_path: Path,
    dialogs: Callable[..., DialogAnswerer],
    cli: Callable[..., CliResult],
) -> None:
    cli("init", check=True)
    with subprocess.Popen(
        [sys.executable, "-c", OTHER_APP, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    ) as other:
        assert other.stdout is not None and other.stdin is not None
        assert other.stdout.readline().strip() == "claimed"
        answered = dialogs(QMessageBox.StandardButton.Ok)
        assert claim_single_instance(db_path) is None
        ((name, text),) = answered.seen
        assert name == "single_instance_refusal"
        assert f"{db_path.name} is already open in another Convener window" in text
        assert f"process {other.pid}" in text
        # The command line is not locked out.
        added = cli("stakeholder", "add", "--name", "Added While Open")
        assert added.code == 0, added.err
        other.stdin.write("quit\n")
        other.stdin.flush()
        assert other.wait(timeout=30) == 0
    lock = claim_single_instance(db_path)  # once the other app has gone, the lock is free
    assert lock is not None
    assert lock_path_for(db_path).exists()
    lock.release()
    assert not lock_path_for(db_path).exists()


def test_a_lock_left_by_a_crashed_app_does_not_lock_anyone_out(db_path: Path) -> None:
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path; from ui.single_instance import InstanceLock;"
            " lock = InstanceLock(Path(sys.argv[1])); assert lock.try_claim(); os._exit(9)",
            str(db_path),
        ],
        cwd=REPO_ROOT,
        check=False,
    )
    assert crashed.returncode == 9
    assert lock_path_for(db_path).exists()
    lock = claim_single_instance(db_path)
    assert lock is not None
    lock.release()
