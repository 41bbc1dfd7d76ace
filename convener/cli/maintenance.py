"""Commands that look after the file itself: check, backup, restore, and opening the app."""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from convener.cli.common import global_options, open_store
from convener.errors import ConvenerError, DatabaseError, SchemaTooNewError
from convener.paths import AppPaths, resolve_database_path
from convener.safe_files import refuse_database_files
from convener.storage.backup import (
    backup_to,
    check_backup,
    integrity_problems,
    replace_damaged,
)
from convener.storage.restore import safe_restore

# The desktop app registers itself under this entry-point group, so the core can start it
# without importing Qt or the ui package.
FRONTEND_GROUP = "convener.frontends"


def register(commands: Any) -> None:
    shared = [global_options()]
    gui = commands.add_parser("gui", parents=shared, help="open the desktop app")
    gui.set_defaults(run=run_gui)

    check = commands.add_parser("check", parents=shared, help="check the database's integrity")
    check.set_defaults(run=run_check)

    backup = commands.add_parser("backup", parents=shared, help="write a safe copy")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser("restore", parents=shared, help="restore from a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(run=run_restore)


def run_gui(args: argparse.Namespace) -> int:
    found = entry_points(group=FRONTEND_GROUP, name="gui")
    if not found:
        raise ConvenerError("the desktop app is not installed (install Convener with its ui)")
    database = resolve_database_path(args.db)
    # The app creates a database on its first start only on the default path; elsewhere a
    # missing file is more likely a typo than a wish for a new, empty directory.
    if database != AppPaths.for_user().default_database and not database.exists():
        raise ConvenerError(
            f"there is no database at {database}; check the path, or create one there with "
            "`convener init`"
        )
    launch = next(iter(found)).load()
    return int(launch(database) or 0)


def run_check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        problems = integrity_problems(store.db)
    if problems:
        raise ConvenerError(f"{len(problems)} problem(s) found: " + "; ".join(problems[:5]))
    print("ok")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    if args.file.exists():
        raise ConvenerError(f"{args.file} already exists; choose a new file name")
    if not args.file.parent.is_dir():
        raise ConvenerError(f"the folder {args.file.parent} does not exist")
    with open_store(args) as store:
        refuse_database_files(args.file, store.path)
        backup_to(store.db, args.file)
    print(f"backup written: {args.file}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Check the backup first, keep a copy of what is there now, then restore.

    When the current database cannot even be opened (damaged), it is moved aside into the
    backups folder instead of being copied, and the backup put in its place.
    """
    check_backup(args.file)
    try:
        with open_store(args) as store:
            safety = safe_restore(store.db, store.path, args.file)
        kept = f"the previous contents were saved as {safety}"
    except SchemaTooNewError:
        raise
    except DatabaseError as exc:
        database = resolve_database_path(args.db)
        if not database.exists():
            raise
        aside = replace_damaged(database, args.file)
        kept = f"the database could not be opened ({exc}); it was moved to {aside}"
    print(f"restored from {args.file}; {kept}")
    return 0
