"""Who came: attendance is the invitation's status, attended or no-show, set after the start.

All or nothing: one person not on the list (or a roundtable still to come, or cancelled)
leaves every invitation as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from convener.domain import Invitation, InvitationStatus, RoundtableStatus
from convener.errors import ValidationError
from convener.storage import Store
from convener.storage.times import now_utc


def record_attendance(
    store: Store,
    roundtable_id: int,
    stakeholder_ids: Sequence[int],
    *,
    attended: bool = True,
    now: datetime | None = None,
) -> list[Invitation]:
    """Mark these people as attended (or absent: no-show); returns their updated places."""
    roundtable = store.roundtables.get(roundtable_id)
    if roundtable.status is RoundtableStatus.CANCELLED:
        raise ValidationError(f"“{roundtable.title}” was cancelled, so nobody attended")
    if roundtable.starts_at > (now or now_utc()):
        raise ValidationError(
            f"“{roundtable.title}” has not started yet; record attendance once it has"
        )
    status = InvitationStatus.ATTENDED if attended else InvitationStatus.NO_SHOW
    with store.db.atomic():
        listed = {i.stakeholder_id: i for i in store.roundtables.invitations(roundtable_id)}
        missing = [sid for sid in stakeholder_ids if sid not in listed]
        if missing:
            names = ", ".join(str(sid) for sid in missing)
            raise ValidationError(
                f"not on the invite list of “{roundtable.title}”: stakeholder {names}"
            )
        updated = [replace(listed[sid], status=status) for sid in dict.fromkeys(stakeholder_ids)]
        for invitation in updated:
            store.roundtables.save_invitation(invitation)
    return updated
