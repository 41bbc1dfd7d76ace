"""Writing output files: owner-only, all or nothing, never over the database or its companions.

Every file Convener writes holds personal data (invitations name their invitee; reports,
exports, subject access files and backups name many), so each is created 0600 whatever the
umask, and a folder Convener creates for them is 0700. A file is written under a temporary
name made by `tempfile.mkstemp` in the target folder (O_CREAT|O_EXCL|O_NOFOLLOW, so a
symlink planted there cannot redirect the write) and renamed over the target, which replaces
a symlink at the target rather than writing through it.

A command's output file is never the database itself, its -wal/-shm/-journal, its erasure
log or a file in its backups folder: `convener export t.db --db t.db` once overwrote the
live database. Files are compared by path and by inode (a hard or symbolic link to the
database is the database), through `os.stat` only: opening the database file outside SQLite
would drop the app's locks on it (see storage.database).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from convener.errors import ConvenerError
from convener.paths import backups_dir_for

# Files that belong to a database: SQLite's own, and the erasure log (storage.erasure).
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", ".erasures.json")


def private_folder(folder: Path) -> None:
    """Make `folder` (and any missing parents) owner-only; an existing folder is left as is."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        for level in reversed(missing):
            level.mkdir(mode=0o700)
            os.chmod(level, 0o700)  # mkdir's mode is masked by the umask; this is not
    except FileExistsError:
        pass  # made meanwhile by someone else: it is checked below like any existing one
    except OSError as exc:
        raise ConvenerError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    if not folder.is_dir():
        raise ConvenerError(f"{folder} is not a folder")


def refuse_database_files(path: Path, database: Path | None) -> None:
    """Raise ConvenerError when `path` is the database or one of its files (see above)."""
    if database is None:
        return
    target = _absolute(path)
    protected = [database.with_name(database.name + s) for s in ("", *DATABASE_COMPANIONS)]
    backups = _absolute(backups_dir_for(database))
    overwrites_backup = backups in target.parents and path.exists()
    if any(target == _absolute(p) for p in protected) or overwrites_backup:
        raise ConvenerError(
            f"{path} is the database or one of its own files; choose another file name"
        )
    try:
        written = path.stat()
    except OSError:
        return  # nothing there yet: the path comparison above is the whole answer
    for candidate in protected:
        with contextlib.suppress(OSError):
            held = candidate.stat()
            if (held.st_dev, held.st_ino) == (written.st_dev, written.st_ino):
                raise ConvenerError(
                    f"{path} is the database or one of its own files; choose another file name"
                )


def _absolute(path: Path) -> Path:
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def private_output(
    path: Path, *, database: Path | None = None, durable: bool = False
) -> Iterator[BinaryIO]:
    """A binary handle on a private temporary file that replaces `path` on success.

    On any failure the temporary file is removed and `path` is left as it was. `durable`
    flushes the file and the rename to disk (worth it for exports people keep; invitation
    files are simply written again after a power cut).
    """
    with _staged(path, database, durable=durable) as (fd, _), os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        if durable:
            os.fsync(handle.fileno())


def write_private(
    path: Path, data: bytes, *, database: Path | None = None, durable: bool = False
) -> None:
    """Write `data` to `path` owner-only and all at once (see `private_output`)."""
    with private_output(path, database=database, durable=durable) as handle:
        handle.write(data)


def replace_private(
    path: Path, write: Callable[[Path], object], *, database: Path | None = None
) -> None:
    """For writers that want a file name (a PDF library): `write` fills a private temporary
    file made by mkstemp in the same folder, which then replaces `path`."""
    with _staged(path, database, durable=False) as (fd, temporary):
        os.close(fd)
        write(temporary)


@contextlib.contextmanager
def _staged(path: Path, database: Path | None, *, durable: bool) -> Iterator[tuple[int, Path]]:
    """A new private file beside `path` (descriptor and name), renamed over it on success."""
    refuse_database_files(path, database)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConvenerError(f"the folder {folder} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ConvenerError(f"cannot write in {folder}: {exc.strerror}") from exc
    temporary = Path(name)
    try:
        yield fd, temporary
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConvenerError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
