"""The Qt binding survives a long session.

PySide6 6.12.0 under Python 3.11 loses a reference to None on every call that returns None
and to True on every signal emitted; the interpreter aborts ("deallocating None") once those
references run out, after a few thousand calls. That is minutes of ordinary use of the app,
so pyproject.toml excludes that release, and this test runs a session's worth of calls and
signals in a child process (an abort would take the test run down with it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Qt, Signal
    from PySide6.QtWidgets import QApplication, QLineEdit

    class Sender(QObject):
        answered = Signal(int, object)

    app = QApplication([])
    edit = QLineEdit()
    sender = Sender()
    seen = []
    sender.answered.connect(lambda n, value: seen.append(value),
                            Qt.ConnectionType.QueuedConnection)
    calls = 4 * max(sys.getrefcount(None), sys.getrefcount(True), 10_000)
    for n in range(calls):
        edit.setMaxLength(n % 500 + 1)  # returns None
        sender.answered.emit(n, None)
        if n % 1000 == 0:
            app.processEvents()
            seen.clear()
    app.processEvents()
    print("survived", calls)
    """
)


def test_a_long_session_of_qt_calls_and_signals_does_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SESSION],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("survived")
