"""The background-task helper: results, progress and errors come back on the GUI thread."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from convener.errors import ConvenerError
from convener.storage import Store
from ui.tasks import Progress, TaskManager


class Recorder:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[str] = []
        self.progress: list[tuple[int, int, str]] = []
        self.threads: list[QThread] = []

    def done(self, result: object) -> None:
        self.threads.append(QThread.currentThread())
        self.results.append(result)

    def failed(self, message: str) -> None:
        self.threads.append(QThread.currentThread())
        self.errors.append(message)

    def progressed(self, done: int, total: int, message: str) -> None:
        self.progress.append((done, total, message))


def test_result_and_progress_arrive_on_gui_thread(qtbot, db_path: Path) -> None:
    tasks = TaskManager(db_path)
    seen = Recorder()
    worker_threads: list[int] = []

    def work(progress: Progress) -> int:
        worker_threads.append(threading.get_ident())
        for step in range(3):
            progress(step + 1, 3, f"step {step + 1}")
        return 42

    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        tasks.run(work, seen.done, seen.failed, seen.progressed)
    assert seen.results == [42]
    assert seen.progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert seen.threads == [QApplication.instance().thread()]


def test_user_error_message_reaches_the_caller(qtbot, db_path: Path) -> None:
    tasks = TaskManager(db_path)
    seen = Recorder()

    def work(progress: Progress) -> None:
        raise ConvenerError("the file is locked by another program")

    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        tasks.run(work, seen.done, seen.failed)
    assert seen.errors == ["the file is locked by another program"]
    assert seen.results == []


def test_unexpected_error_is_a_plain_sentence_not_a_traceback(qtbot, db_path: Path) -> None:
    tasks = TaskManager(db_path)
    seen = Recorder()

    def work(progress: Progress) -> None:
        raise KeyError("internal detail")

    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        tasks.run(work, seen.done, seen.failed)
    assert len(seen.errors) == 1
    assert "internal detail" not in seen.errors[0]
    assert "Traceback" not in seen.errors[0]
    assert "did not expect" in seen.errors[0]


def test_work_gets_its_own_connection(qtbot, db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.organisations.add("Harbour Trust")
    tasks = TaskManager(db_path)
    seen = Recorder()

    def work(store: Store, progress: Progress) -> list[str]:
        return [o.name for o in store.organisations.all()]

    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        tasks.run_on_store(work, seen.done, seen.failed)
    assert seen.results == [["Harbour Trust"]]


def test_the_long_lived_reader_sees_what_was_saved_since(qtbot, db_path: Path) -> None:
    """The reader is kept between searches; it must not keep answering from an old snapshot."""
    tasks = TaskManager(db_path)
    seen = Recorder()

    def names(store: Store, progress: Progress) -> list[str]:
        return [o.name for o in store.organisations.all()]

    with Store.open(db_path) as writer:
        for name in ("Harbour Trust", "Tide Line"):
            writer.organisations.add(name)
            with qtbot.waitSignal(tasks.all_finished, timeout=10000):
                tasks.run_on_reader(names, seen.done, seen.failed)
    tasks.close()
    assert seen.errors == []
    assert seen.results == [["Harbour Trust"], ["Harbour Trust", "Tide Line"]]


def test_reader_tasks_run_one_at_a_time_in_the_order_asked(qtbot, db_path: Path) -> None:
    Store.open(db_path).close()
    tasks = TaskManager(db_path)
    seen = Recorder()
    running: list[int] = []
    overlapped: list[bool] = []

    def step(number: int) -> object:
        def work(store: Store, progress: Progress) -> int:
            overlapped.append(bool(running))
            running.append(number)
            store.organisations.all()
            QThread.msleep(20)
            running.remove(number)
            return number

        return work

    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        for number in range(5):
            tasks.run_on_reader(step(number), seen.done, seen.failed)  # type: ignore[arg-type]
    assert seen.errors == []
    assert seen.results == [0, 1, 2, 3, 4]
    assert overlapped == [False] * 5
    tasks.close()


def _open_files() -> set[Path]:
    """Files this process has open (Linux: /proc)."""
    fds = Path("/proc/self/fd")
    found = set()
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):  # closed between listing and reading
            found.add(Path(os.readlink(fd)))
    return found


def test_closing_releases_the_reader(qtbot, db_path: Path) -> None:
    """After close the app holds nothing open on the file (a restore may replace it)."""
    Store.open(db_path).close()
    tasks = TaskManager(db_path)
    seen = Recorder()
    with qtbot.waitSignal(tasks.all_finished, timeout=10000):
        tasks.run_on_reader(lambda store, progress: 1, seen.done, seen.failed)
    assert seen.results == [1]
    assert db_path.resolve() in _open_files()
    tasks.close()
    assert db_path.resolve() not in _open_files()
