"""The right to be forgotten: `erase_person` removes someone's personal data for good.

What stays is what anonymous counts need: a roundtable still had 12 participants, 2 of them
lived experience experts. The mechanics (one transaction, then purging the bytes from the
files, then the sidecar log that survives restores) live in `storage.erasure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from convener.errors import ValidationError
from convener.storage import Store


@dataclass(frozen=True, slots=True)
class ErasureResult:
    stakeholder_id: int
    audit_id: int
    invitations_kept: int  # rows kept, anonymously, so counts stay right
    files_clean: bool  # False if another open connection kept old bytes in the WAL for now
    backups_not_cleaned: tuple[Path, ...]  # backups the erasure could not reach (say so)


def erase_person(store: Store, stakeholder_id: int, reason: str) -> ErasureResult:
    """Erase one person; the reason is kept in the audit log (with their names removed)."""
    if not reason.strip():
        raise ValidationError("an erasure needs a reason (it is kept in the audit log)", "reason")
    audit_id = store.erasures.erase(stakeholder_id, reason)
    clean = store.erasures.purge_files()
    not_cleaned = store.erasures.erase_in_backups()
    kept = len(store.stakeholders.engagements(stakeholder_id))
    return ErasureResult(stakeholder_id, audit_id, kept, clean, tuple(not_cleaned))
