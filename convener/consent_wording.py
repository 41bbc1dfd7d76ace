"""The consent wordings people are shown, as versioned texts shipped in resources/consent/.

An event stores the version and the SHA-256 of the exact bytes shown, so a later edit of a
wording file (which should never happen: a change is a new version) is detectable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from convener.errors import ValidationError
from convener.resources import resource

WORDINGS_DIR = resource("consent")
_VERSION_FILE = re.compile(r"^v(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class ConsentWording:
    version: str  # "v1", "v2", ...
    text: str
    sha256: str  # hex digest of the UTF-8 bytes of the file


def _number(path: Path) -> int:
    match = _VERSION_FILE.match(path.name)
    return int(match.group(1)) if match else -1


def wording_versions(folder: Path = WORDINGS_DIR) -> list[str]:
    """Every shipped version, oldest first."""
    files = sorted((p for p in folder.glob("v*.txt") if _number(p) >= 0), key=_number)
    return [p.stem for p in files]


def load_wording(version: str, folder: Path = WORDINGS_DIR) -> ConsentWording:
    version = version.strip()
    path = folder / f"{version}.txt"
    if not _VERSION_FILE.match(path.name) or not path.is_file():
        known = ", ".join(wording_versions(folder)) or "none"
        raise ValidationError(
            f"there is no consent wording version '{version}' (known: {known})", "wording"
        )
    data = path.read_bytes()
    return ConsentWording(version, data.decode("utf-8"), hashlib.sha256(data).hexdigest())


def current_wording(folder: Path = WORDINGS_DIR) -> ConsentWording:
    """The newest wording: what is shown unless the person saw an older one."""
    versions = wording_versions(folder)
    if not versions:
        raise ValidationError(f"no consent wordings are installed in {folder}", "wording")
    return load_wording(versions[-1], folder)
