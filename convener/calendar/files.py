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
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConvenerError(f"cannot write {path}: {exc.strerror}") from exc
