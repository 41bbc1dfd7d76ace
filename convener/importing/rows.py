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


# The apostrophe an export puts before formula-like text (see convener.export) is removed.
_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r", "'\n")


def _values(cells: Sequence[str], columns: Sequence[int]) -> list[str]:
    found: list[str] = []
    for i in columns:
        value = cells[i].strip()
        if value.startswith(_NEUTRALISED):
            value = value[1:].strip()
        if value:
            found.append(value)
    return found


def _first(values: Sequence[str]) -> str | None:
    for value in values:
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
        columns: dict[Field, list[int]] = {}
        for index, header in enumerate(headers):
            field = mapping.get(header)
            if field is not None:
                columns.setdefault(field, []).append(index)
        self._columns = tuple((field, tuple(indexes)) for field, indexes in columns.items())

    def _filled(self, cells: Sequence[str]) -> dict[Field, list[str]]:
        """The non-empty values of each mapped field, in column order (only mapped columns)."""
        filled: dict[Field, list[str]] = {}
        for field, indexes in self._columns:
            found = _values(cells, indexes)
            if found:
                filled[field] = found
        return filled

    def draft(self, cells: Sequence[str]) -> StakeholderDraft:
        filled = self._filled(cells)

        def one(field: Field) -> str | None:
            return _first(filled[field]) if field in filled else None

        def text(field: Field) -> str:
            return "\n".join(filled.get(field, ()))

        tags = [
            t
            for t in _split(filled.get(Field.TAGS, []), _TAG_SPLIT)
            if not t.startswith("* ") and t != "*"
        ]
        return StakeholderDraft(
            name=_name(filled),
            pseudonym=one(Field.PSEUDONYM),
            role=one(Field.ROLE),
            organisation=one(Field.ORGANISATION),
            email=one(Field.EMAIL),
            phone=one(Field.PHONE),
            sector=one(Field.SECTOR),
            levers=_split(filled.get(Field.LEVERS, []), _LIST_SPLIT),
            themes=_split(filled.get(Field.THEMES, []), _LIST_SPLIT),
            jurisdiction=one(Field.JURISDICTION),
            tags=tags,
            lived_experience=_flag(filled.get(Field.LIVED_EXPERIENCE, [])),
            access_needs=text(Field.ACCESS_NEEDS),
            notes=text(Field.NOTES),
        )


def _name(filled: Mapping[Field, list[str]]) -> str:
    if Field.NAME in filled and (whole := _first(filled[Field.NAME])):
        return whole
    parts = (
        _first(filled.get(f, [])) for f in (Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME)
    )
    return " ".join(p for p in parts if p)


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
