"""Where Convener keeps its files: decided once, in one object a test can point elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Convener"
DB_ENV = "CONVENER_DB"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @property
    def default_database(self) -> Path:
        return self.data_dir / "convener.db"


def resolve_database_path(explicit: str | os.PathLike[str] | None) -> Path:
    """`--db`, else $CONVENER_DB, else convener.db in the user's data directory."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env)
    return AppPaths.for_user().default_database


def backups_dir_for(database: Path) -> Path:
    """Backups live beside the database they protect, so a test database keeps its own."""
    return database.parent / "backups"
