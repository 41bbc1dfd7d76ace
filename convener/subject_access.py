"""A subject access export: everything held about one person, written to one JSON file.

The file is the person's own copy, so it is complete (real name, contact details, notes,
consent history, invitations, findings they contributed, every disclosure ledger row). It is
written atomically and itself recorded in the ledger, for the person's own record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from convener import __version__
from convener.privacy import Audience
from convener.safe_files import write_private
from convener.storage import Store
from convener.storage.times import now_utc, to_db

EXPORT_KIND = "subject access export"
FORMAT = "convener-subject-access/1"


def subject_access_document(store: Store, stakeholder_id: int) -> dict[str, Any]:
    held = store.subject_access.rows_about(stakeholder_id)
    record = dict(held.pop("record"))
    record["tags"] = json.loads(record.get("tags") or "[]")
    record["lived_experience"] = bool(record["lived_experience"])
    return {
        "format": FORMAT,
        "generated_at": to_db(now_utc()),
        "generated_by": f"Convener {__version__}",
        "stakeholder_id": stakeholder_id,
        "record": record,
        **held,
    }


def write_subject_access(store: Store, stakeholder_id: int, out: Path) -> Path:
    """Write the export to `out` (replacing nothing unless complete) and log it in the ledger."""
    document = subject_access_document(store, stakeholder_id)
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # The ledger row and the file go together: the rename happens inside the transaction.
    with store.db.atomic():
        store.disclosures.record([stakeholder_id], EXPORT_KIND, Audience.RECORD, out.name)
        write_private(out, data, database=store.path, durable=True)
    return out
