"""One row of cells, through a column mapping, to a stakeholder draft.

Multi-valued cells follow the exports that produce them: Google joins several values with
" ::: " (the first is taken for an email or phone), levers and themes are separated by ";" or
"|", tags also by ",". Google's automatic labels ("* myContacts") are not tags anyone chose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from convener.domain import StakeholderDraft
from convener.errors import ValidationError
from convener.importing.mapping import Field

_GOOGLE_SEPARATOR = ":::"
_LIST_SPLIT = re.compile(r"\s*(?:;|\||:::)\s*")
_TAG_SPLIT = re.compile(r"\s*(?:;|,|\||:::)\s*")
_YES = {"yes", "y", "true", "1", "x", "lee", "lived experience"}
_NO = {"no", "n", "false", "0", ""}


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r", "'\n")


def _unneutralised(cell: str) -> str:
    """Undo the apostrophe an export puts before formula-like text (see convener.export)."""
    return cell[1:] if cell.startswith(_NEUTRALISED) else cell


def _values(cells: Sequence[str], columns: Sequence[int]) -> list[str]:
    found = (_unneutralised(cells[i].strip()).strip() for i in columns)
    return [value for value in found if value]


def _first(cells: Sequence[str], columns: Sequence[int]) -> str | None:
    for value in _values(cells, columns):
        first = value.split(_GOOGLE_SEPARATOR)[0].strip()
        if first:
            return first
    return None


def _split(values: list[str], pattern: re.Pattern[str]) -> list[str]:
    found: list[str] = []
    for value in values:
        found.extend(part for part in pattern.split(value) if part)
    return list(dict.fromkeys(found))


def _flag(values: list[str]) -> bool:
    for value in values:
        key = value.casefold()
        if key in _YES:
            return True
        if key not in _NO:
            raise ValidationError(
                f"'{value}' is not a yes or no answer for lived experience", "lived experience"
            )
    return False


class RowReader:
    """Turns cells into drafts for one file's headers and mapping (built once per import)."""

    def __init__(self, headers: Sequence[str], mapping: Mapping[str, Field]) -> None:
        self._columns: dict[Field, list[int]] = {}
        for index, header in enumerate(headers):
            field = mapping.get(header)
            if field is not None:
                self._columns.setdefault(field, []).append(index)

    def _all(self, cells: Sequence[str], field: Field) -> list[str]:
        return _values(cells, self._columns.get(field, ()))

    def _one(self, cells: Sequence[str], field: Field) -> str | None:
        return _first(cells, self._columns.get(field, ()))

    def _text(self, cells: Sequence[str], field: Field) -> str:
        return "\n".join(self._all(cells, field))

    def name(self, cells: Sequence[str]) -> str:
        whole = self._one(cells, Field.NAME)
        if whole:
            return whole
        parts = (
            self._one(cells, f) for f in (Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME)
        )
        return " ".join(p for p in parts if p)

    def draft(self, cells: Sequence[str]) -> StakeholderDraft:
        tags = [
            t
            for t in _split(self._all(cells, Field.TAGS), _TAG_SPLIT)
            if not t.startswith("* ") and t != "*"
        ]
        return StakeholderDraft(
            name=self.name(cells),
            pseudonym=self._one(cells, Field.PSEUDONYM),
            role=self._one(cells, Field.ROLE),
            organisation=self._one(cells, Field.ORGANISATION),
            email=self._one(cells, Field.EMAIL),
            phone=self._one(cells, Field.PHONE),
            sector=self._one(cells, Field.SECTOR),
            levers=_split(self._all(cells, Field.LEVERS), _LIST_SPLIT),
            themes=_split(self._all(cells, Field.THEMES), _LIST_SPLIT),
            jurisdiction=self._one(cells, Field.JURISDICTION),
            tags=tags,
            lived_experience=_flag(self._all(cells, Field.LIVED_EXPERIENCE)),
            access_needs=self._text(cells, Field.ACCESS_NEEDS),
            notes=self._text(cells, Field.NOTES),
        )


def merged(existing: StakeholderDraft, incoming: StakeholderDraft) -> StakeholderDraft:
    """`existing` with what the file adds: filled cells replace, lists and notes are extended.

    An empty cell never clears what the office already knows, and the name is kept: the row
    matched this person, and the office's spelling (often with accents an export has lost)
    is the one to trust.
    """
    notes = existing.notes
    if incoming.notes and incoming.notes not in notes:
        notes = f"{notes}\n{incoming.notes}" if notes else incoming.notes
    access = existing.access_needs
    if incoming.access_needs and incoming.access_needs not in access:
        access = f"{access}\n{incoming.access_needs}" if access else incoming.access_needs
    return StakeholderDraft(
        name=existing.name or incoming.name,
        pseudonym=incoming.pseudonym or existing.pseudonym,
        role=incoming.role or existing.role,
        organisation=incoming.organisation or existing.organisation,
        email=incoming.email or existing.email,
        phone=incoming.phone or existing.phone,
        sector=incoming.sector or existing.sector,
        levers=list(dict.fromkeys([*existing.levers, *incoming.levers])),
        themes=list(dict.fromkeys([*existing.themes, *incoming.themes])),
        jurisdiction=incoming.jurisdiction or existing.jurisdiction,
        tags=list(dict.fromkeys([*existing.tags, *incoming.tags])),
        lived_experience=existing.lived_experience or incoming.lived_experience,
        intermediary=existing.intermediary,
        access_needs=access,
        safe_contact_notes=existing.safe_contact_notes,
        notes=notes,
    )
