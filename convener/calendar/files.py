"""Writing export files so that a crash never leaves half a file under the final name."""

from __future__ import annotations

import os
from pathlib import Path

from convener.errors import ConvenerError


def prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConvenerError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    if not folder.is_dir():
        raise ConvenerError(f"{folder} is not a folder")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader never sees half a file under the final name, and a failed write (disk full,
    permissions) leaves the previous file, if any. There is no fsync per file: it doubled the
    time of a 500-invitee export, and after a power cut the export is simply run again.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConvenerError(f"cannot write {path}: {exc.strerror}") from exc
