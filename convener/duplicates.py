"""Spotting a person who is already in the directory while someone types them in again.

Three signals, all cheap enough to run on every pause in typing: the same email address (an
exact match, ignoring case), a close name at the same organisation, or, while no organisation
is given (it is often typed last, or not known), the same or a very close name anywhere.
Names are compared with rapidfuzz on their folded sort keys, so "José Núñez" and "Jose Nunez",
or "Smith, Ann" and "Ann Smith", count as close.
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
# With no organisation in common a name must be closer: one letter in a two-word name
# ("Hanna Okafor" / "Hannah Okafor" scores about 96), not a shared surname ("Ann Smith" /
# "Ben Smith" about 78).
NAME_ALONE_SIMILARITY = 90.0
# Fewer folded characters than this are a name still being typed, not one to compare.
SHORTEST_NAME = 4


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
    # Once an organisation is typed, the same name elsewhere is a namesake, not a duplicate.
    if not org_name and len(wanted) >= SHORTEST_NAME:
        _add_close_names(store, wanted, exclude_id, found)
    return sorted(found.values(), key=lambda m: (-m.score, m.stakeholder.id))


def _add_close_names(
    store: Store, wanted: str, exclude_id: int | None, found: dict[int, DuplicateMatch]
) -> None:
    """The same or a very close name anywhere in the directory, whatever the organisation."""
    names = {k.id: sort_key(k.name) for k in store.stakeholders.match_keys() if k.id != exclude_id}
    matches = process.extract(
        wanted, names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_ALONE_SIMILARITY, limit=5
    )
    new = {pid: float(score) for _text, score, pid in matches if pid not in found}
    for person in store.stakeholders.get_many(list(new)):
        score = new[person.id]
        where = f" at {person.organisation}" if person.organisation else ""
        reason = ("same name" if score >= 100.0 else "very similar name") + where
        found[person.id] = DuplicateMatch(person, reason, score)
