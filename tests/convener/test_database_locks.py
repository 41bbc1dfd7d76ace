"""The app and the command line on one database file, in two processes, writing on both sides.

The app keeps a main connection open and opens and closes background connections as it works
(`ui/tasks.py`); the command line opens, works and closes. If anything in either process
opened the database file outside SQLite, closing that descriptor would drop the process's
locks (POSIX), the other process would take itself for the last user, checkpoint and delete
the write-ahead log, and the app would fail with "disk I/O error" or corrupt the file. So the
app process checks after every step that its WAL is still there.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from convener.storage import Store
from tests.conftest import REPO_ROOT, CliResult

# The app's side: a main connection held throughout, a background connection per step, a write
# per step, until the stop file appears; prints one JSON line with what it saw.
APP = textwrap.dedent(
    """
    import json, os, sys
    from convener.storage import Store
    path, stop = sys.argv[1], sys.argv[2]
    main = Store.open(path, check=False)
    print("ready", flush=True)
    steps = wal_missing = 0
    errors = []
    while not os.path.exists(stop):
        try:
            with Store.open(path, check=False) as background:
                background.stakeholders.ids()
            main.settings.put(f"app {steps}", "written by the app")
        except Exception as exc:
            errors.append(repr(exc))
            break
        steps += 1
        wal_missing += not os.path.exists(path + "-wal")
    main.close()
    print(json.dumps({"steps": steps, "wal_missing": wal_missing, "errors": errors}))
    """
)

# The command line's side, cheaply: the real `convener` commands run in a loop inside one
# process, each opening, working and closing as in its own process, so a thousand take
# seconds. The parser is built once (building it is 10 ms, five times an open).
CLI_LOOP = textwrap.dedent(
    """
    import contextlib, io, sys
    from convener.cli import build_parser
    path, runs = sys.argv[1], int(sys.argv[2])
    parser = build_parser()
    for n in range(runs):
        command = (
            ["stakeholder", "add", "--name", f"Person {n}"] if n % 2 else ["stakeholders"]
        )
        args = parser.parse_args(["--db", path, *command])
        with contextlib.redirect_stdout(io.StringIO()):
            args.run(args)
    """
)


def _start_app(db_path: Path, stop: Path) -> subprocess.Popen[str]:
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "ready"
    return app


def _finish_app(app: subprocess.Popen[str], stop: Path) -> dict[str, object]:
    stop.touch()
    out, _ = app.communicate(timeout=60)
    assert app.returncode == 0
    return dict(json.loads(out))


def _healthy(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_a_thousand_commands_beside_the_app_keep_its_wal_and_locks(
    db_path: Path, tmp_path: Path
) -> None:
    Store.open(db_path).close()
    stop = tmp_path / "stop"
    app = _start_app(db_path, stop)
    try:
        subprocess.run(
            [sys.executable, "-c", CLI_LOOP, str(db_path), "1000"],
            check=True,
            cwd=REPO_ROOT,
            timeout=300,
        )
    finally:
        seen = _finish_app(app, stop)
    assert seen["errors"] == []
    assert seen["wal_missing"] == 0
    assert isinstance(seen["steps"], int) and seen["steps"] > 100  # they really interleaved
    _healthy(db_path)
    with Store.open(db_path) as store:
        assert len(store.stakeholders.ids()) == 500
        written = store.db.execute("SELECT count(*) FROM settings WHERE key LIKE 'app %'")
        assert written.fetchone()[0] == seen["steps"]


def test_the_real_convener_command_beside_the_app(
    db_path: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    stop = tmp_path / "stop"
    app = _start_app(db_path, stop)
    try:
        for n in range(3):
            added = cli("stakeholder", "add", "--name", f"From The Shell {n}")
            assert added.code == 0, added.err
            listed = cli("stakeholders")
            assert listed.code == 0 and f"From The Shell {n}" in listed.out
            assert db_path.with_name(db_path.name + "-wal").exists()
    finally:
        seen = _finish_app(app, stop)
    assert seen["errors"] == [] and seen["wal_missing"] == 0
    _healthy(db_path)
