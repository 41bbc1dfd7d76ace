"""Is this row someone the directory already holds? Same email, or a close name at the same
organisation (rapidfuzz's token-sort ratio, so "Müller, José" meets "Jose Muller").

The index holds only ids, emails, normalised names and organisation names, and grows with the
people an import creates, so a file that lists someone twice is caught too. Close-name matching
compares a row only with people at the same organisation, which keeps it fast on large files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from convener.storage.stakeholders import MatchKey

NAME_SCORE_CUTOFF = 88.0


class MatchReason(StrEnum):
    SAME_EMAIL = "same email"
    SIMILAR_NAME = "similar name at the same organisation"


@dataclass(frozen=True, slots=True)
class Match:
    stakeholder_id: int
    reason: MatchReason
    score: float  # 100 for an email match
    earlier_row: int | None = None  # set when the match was created earlier in the same file


def comparable_name(name: str) -> str:
    """Case, accents, punctuation and spacing removed: what two spellings of a name share."""
    if name.isascii():  # most names: nothing to decompose
        return str(default_process(name))
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return str(default_process(stripped))


def _key(text: str | None) -> str | None:
    return text.strip().casefold() if text and text.strip() else None


class DuplicateIndex:
    def __init__(self, people: Iterable[MatchKey]) -> None:
        self._by_email: dict[str, tuple[int, int | None]] = {}
        self._names_at: dict[str, list[str]] = {}
        self._ids_at: dict[str, list[tuple[int, int | None]]] = {}
        for person in people:
            self.add(person.id, person.name, person.email, person.organisation)

    def add(
        self,
        stakeholder_id: int,
        name: str,
        email: str | None,
        organisation: str | None,
        row: int | None = None,
    ) -> None:
        email_key = _key(email)
        if email_key is not None:
            self._by_email.setdefault(email_key, (stakeholder_id, row))
        org_key = _key(organisation)
        if org_key is not None:
            self._names_at.setdefault(org_key, []).append(comparable_name(name))
            self._ids_at.setdefault(org_key, []).append((stakeholder_id, row))

    def match(self, name: str, email: str | None, organisation: str | None) -> Match | None:
        email_key = _key(email)
        if email_key is not None and email_key in self._by_email:
            found, row = self._by_email[email_key]
            return Match(found, MatchReason.SAME_EMAIL, 100.0, row)
        org_key = _key(organisation)
        names = self._names_at.get(org_key) if org_key is not None else None
        if not names:
            return None
        best = process.extractOne(
            comparable_name(name),
            names,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=NAME_SCORE_CUTOFF,
        )
        if best is None:
            return None
        assert org_key is not None
        found, row = self._ids_at[org_key][best[2]]
        return Match(found, MatchReason.SIMILAR_NAME, float(best[1]), row)
