"""Opening the database without crashing when it is damaged: say so, offer the latest good
backup, and restore it into place only after the user agrees.

The damaged file is never deleted: it is moved into the backups folder beside the others, so
nothing is lost even if the user later wants it examined.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from convener.errors import ConvenerError, DatabaseError, SchemaTooNewError
from convener.storage import Store
from convener.storage.backup import (
    daily_backup,
    damage_of,
    latest_good_backup,
    replace_damaged,
)
from ui.tasks import Progress, TaskManager

log = logging.getLogger(__name__)


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("recovery_message")
    box.exec()


def _ask(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("recovery_question")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Restore backup")
    box.button(QMessageBox.StandardButton.No).setText("Quit")
    return box.exec() == QMessageBox.StandardButton.Yes


def open_store_or_recover(
    database: Path, parent: QWidget | None = None, *, check: bool = True
) -> Store | None:
    """The open store, or None after telling the user why it could not be opened.

    A damaged file leads to an offer of the newest backup that passes the integrity check.
    Other problems (a newer schema, a locked or read-only file) are explained, never "fixed"
    by a restore, because the file itself is fine.
    """
    try:
        return Store.open(database, check=check)
    except SchemaTooNewError as exc:
        _tell(parent, "Convener cannot open the database", str(exc))
        return None
    except DatabaseError as exc:
        damage = damage_of(database)
        if damage is None:
            _tell(parent, "Convener cannot open the database", str(exc))
            return None
        return _offer_backup(database, damage, parent)


def offer_backup_for_damage(
    database: Path, damage: str, parent: QWidget | None = None
) -> Store | None:
    """Damage found after opening (by the background check): offer the latest good backup."""
    return _offer_backup(database, damage, parent)


def _offer_backup(database: Path, damage: str, parent: QWidget | None) -> Store | None:
    backup = latest_good_backup(database)
    if backup is None:
        _tell(
            parent,
            "The database is damaged",
            f"{database} is damaged ({damage}) and there is no good backup of it. Nothing has "
            "been changed; contact whoever looks after your computer before doing anything "
            "else with the file.",
        )
        return None
    agreed = _ask(
        parent,
        "The database is damaged",
        f"{database} is damaged ({damage}).\n\nThe latest good backup is {backup.name}. "
        "Restore it? Changes made since that backup will be missing; the damaged file is "
        "kept in the backups folder, not deleted.",
    )
    if not agreed:
        return None
    try:
        aside = replace_damaged(database, backup)
        store = Store.open(database)
    except ConvenerError as exc:
        _tell(parent, "The backup could not be restored", str(exc))
        return None
    _tell_restored(parent, backup, aside)
    return store


def _tell_restored(parent: QWidget | None, backup: Path, aside: Path) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Backup restored",
        f"Restored {backup.name}. The damaged file was kept as {aside}.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("recovery_done")
    box.exec()


def _take_daily_backup(store: Store, progress: Progress) -> Path | None:
    return daily_backup(store.db, store.path)


def _backup_taken(result: object) -> None:
    if result is not None:
        log.info("daily backup written: %s", result)


def _backup_failed(message: str) -> None:
    log.warning("the daily backup failed: %s", message)


def start_daily_backup(tasks: TaskManager) -> int:
    """Take today's rotating backup in the background (once a day; seven days are kept).

    Called once the app has opened its database; a failure is logged, never shown as an
    error, because the app is still usable and the next start tries again.
    """
    return tasks.run_on_store(_take_daily_backup, _backup_taken, _backup_failed)
