"""One app window per database: a second one would race the first one's edits.

A QLockFile next to the database is held while the app runs. It is considered stale only when
the process that holds it has died (never by age, because the app stays open for days), so a
crash never locks anyone out. The command line does not take the lock: scripts, backups and
checks keep working while the app is open, and SQLite keeps their writes safe.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self._lock = QLockFile(str(lock_path_for(database)))
        self._lock.setStaleLockTime(0)

    def try_claim(self) -> bool:
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        self._lock.unlock()

    def refusal(self) -> str:
        """Why the lock could not be taken, in words for the person at the keyboard."""
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            pid, host, _app = self._lock.getLockInfo()
            holder = f" (process {pid} on {host})" if pid else ""
            return (
                f"{self.database.name} is already open in another Convener window{holder}. "
                "Switch to that window, or close it and try again. The convener command "
                "line keeps working alongside it."
            )
        return (
            f"Convener cannot create its lock file next to {self.database}. Check that you "
            "can write to that folder."
        )


def claim_single_instance(database: Path, parent: QWidget | None = None) -> InstanceLock | None:
    """Take the lock for `database`, or tell the user why not and return None.

    Keep the returned object alive for as long as the app runs; call `release()` on exit.
    """
    lock = InstanceLock(database)
    if lock.try_claim():
        return lock
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Convener is already open",
        lock.refusal(),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("single_instance_refusal")
    box.exec()
    return None
