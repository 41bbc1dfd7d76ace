"""Spotting a person who is already in the directory while someone types them in again.

Two signals, both cheap enough to run on every pause in typing: the same email address (an exact
match, ignoring case), or a close name at the same organisation. Names are compared with
rapidfuzz on their folded sort keys, so "José Núñez" and "Jose Nunez", or "Smith, Ann" and
"Ann Smith", count as close.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from convener.collation import sort_key
from convener.domain import Stakeholder
from convener.storage import Store
from convener.validation import clean_text

# token_sort_ratio at or above this is "close": it accepts a dropped or swapped letter in a
# two-word name ("Jon Smith" / "John Smith" scores about 95) but not a different first name at
# the same organisation ("Ann Smith" / "Alan Smith" scores about 84).
NAME_SIMILARITY = 85.0


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    stakeholder: Stakeholder
    reason: str  # written for the user: "same email address", "similar name at <org>"
    score: float  # 100 for an identical email, the name similarity otherwise


def find_duplicates(
    store: Store,
    *,
    name: str | None,
    email: str | None = None,
    organisation: str | None = None,
    exclude_id: int | None = None,
) -> list[DuplicateMatch]:
    """People who may be the one being entered, best match first (never `exclude_id`)."""
    found: dict[int, DuplicateMatch] = {}
    address = clean_text(email)
    if address and "@" in address:
        for person in store.stakeholders.find_by_email(address):
            if person.id != exclude_id:
                found[person.id] = DuplicateMatch(person, "same email address", 100.0)
    wanted = sort_key(clean_text(name) or "")
    org_name = clean_text(organisation)
    org = store.organisations.find_by_name(org_name) if org_name and wanted else None
    if org is not None:
        colleagues = {
            p.id: p for p in store.stakeholders.at_organisation(org.id) if p.id != exclude_id
        }
        choices = {pid: sort_key(p.name) for pid, p in colleagues.items()}
        matches = process.extract(
            wanted,
            choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=NAME_SIMILARITY,
            limit=None,
        )
        for _text, score, pid in matches:
            if pid not in found:
                reason = f"similar name at {org.name}"
                found[pid] = DuplicateMatch(colleagues[pid], reason, float(score))
    return sorted(found.values(), key=lambda m: (-m.score, m.stakeholder.id))
