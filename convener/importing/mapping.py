"""Which column of a contacts file fills which field of a stakeholder.

The known exports (Outlook's "Export to a file > CSV", Google Contacts' "Google CSV" in its
current and older layouts) are recognised by their column names; any other file is mapped by
common names ("Email", "Organisation", "Job title"...). A mapping the user corrected is saved in
the settings, keyed by the exact set of columns, and preferred the next time the same kind of
file arrives.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from convener.errors import ValidationError
from convener.storage import Store


class Field(StrEnum):
    """Where a column's value goes. Several columns may feed one field (e.g. three emails)."""

    NAME = "name"
    FIRST_NAME = "first name"
    MIDDLE_NAME = "middle name"
    LAST_NAME = "last name"
    EMAIL = "email"
    PHONE = "phone"
    ORGANISATION = "organisation"
    ROLE = "role"
    SECTOR = "sector"
    JURISDICTION = "jurisdiction"
    LEVERS = "levers"
    THEMES = "themes"
    TAGS = "tags"
    NOTES = "notes"
    LIVED_EXPERIENCE = "lived experience"
    PSEUDONYM = "pseudonym"
    ACCESS_NEEDS = "access needs"


class FileFormat(StrEnum):
    OUTLOOK = "Outlook contacts export"
    GOOGLE = "Google Contacts export"
    GENERIC = "generic table"
    SAVED = "saved mapping"


ColumnMapping = dict[str, Field]  # header -> field; unmapped headers are left out

# Column names after `_normalise`, for every layout we know. Outlook's "Title" is an
# honorific (Mr, Dr), so it is deliberately not mapped to the role.
_ALIASES: dict[str, Field] = {
    "name": Field.NAME,
    "full name": Field.NAME,
    "display name": Field.NAME,
    "contact name": Field.NAME,
    "first name": Field.FIRST_NAME,
    "given name": Field.FIRST_NAME,
    "forename": Field.FIRST_NAME,
    "middle name": Field.MIDDLE_NAME,
    "additional name": Field.MIDDLE_NAME,
    "last name": Field.LAST_NAME,
    "family name": Field.LAST_NAME,
    "surname": Field.LAST_NAME,
    "email": Field.EMAIL,
    "e-mail": Field.EMAIL,
    "email address": Field.EMAIL,
    "e-mail address": Field.EMAIL,
    "e-mail 2 address": Field.EMAIL,
    "e-mail 3 address": Field.EMAIL,
    "phone": Field.PHONE,
    "telephone": Field.PHONE,
    "phone number": Field.PHONE,
    "mobile": Field.PHONE,
    "mobile phone": Field.PHONE,
    "business phone": Field.PHONE,
    "business phone 2": Field.PHONE,
    "primary phone": Field.PHONE,
    "company main phone": Field.PHONE,
    "home phone": Field.PHONE,
    "organisation": Field.ORGANISATION,
    "organization": Field.ORGANISATION,
    "organisation name": Field.ORGANISATION,
    "organization name": Field.ORGANISATION,
    "organization 1 - name": Field.ORGANISATION,
    "company": Field.ORGANISATION,
    "employer": Field.ORGANISATION,
    "role": Field.ROLE,
    "job title": Field.ROLE,
    "position": Field.ROLE,
    "organization title": Field.ROLE,
    "organization 1 - title": Field.ROLE,
    "sector": Field.SECTOR,
    "jurisdiction": Field.JURISDICTION,
    "nation": Field.JURISDICTION,
    "lever": Field.LEVERS,
    "levers": Field.LEVERS,
    "theme": Field.THEMES,
    "themes": Field.THEMES,
    "tags": Field.TAGS,
    "labels": Field.TAGS,
    "categories": Field.TAGS,
    "group membership": Field.TAGS,
    "notes": Field.NOTES,
    "note": Field.NOTES,
    "lived experience": Field.LIVED_EXPERIENCE,
    "lived experience expert": Field.LIVED_EXPERIENCE,
    "lee": Field.LIVED_EXPERIENCE,
    "pseudonym": Field.PSEUDONYM,
    "access needs": Field.ACCESS_NEEDS,
}
# Google numbers its repeated groups: "E-mail 2 - Value", "Phone 3 - Value".
_GOOGLE_VALUE = re.compile(r"^(e-mail|phone) \d+ - value$")
_SETTINGS_PREFIX = "import.mapping."


def _normalise(header: str) -> str:
    return " ".join(header.replace("_", " ").casefold().split())


def _known_format(normalised: set[str]) -> FileFormat:
    if "e-mail 1 - value" in normalised:
        return FileFormat.GOOGLE
    if {"first name", "last name", "e-mail address"} <= normalised and (
        "e-mail display name" in normalised or "job title" in normalised
    ):
        return FileFormat.OUTLOOK
    return FileFormat.GENERIC


def detect_mapping(headers: tuple[str, ...]) -> tuple[FileFormat, ColumnMapping]:
    """The file's layout and the mapping its column names imply."""
    normalised = {h: _normalise(h) for h in headers}
    mapping: ColumnMapping = {}
    for header, key in normalised.items():
        if key in _ALIASES:
            mapping[header] = _ALIASES[key]
        elif (m := _GOOGLE_VALUE.match(key)) is not None:
            mapping[header] = Field.EMAIL if m.group(1) == "e-mail" else Field.PHONE
    return _known_format(set(normalised.values())), mapping


def check_mapping(mapping: Mapping[str, Field]) -> None:
    """A mapping must give every person a name."""
    fields = set(mapping.values())
    if Field.NAME not in fields and not fields & {Field.FIRST_NAME, Field.LAST_NAME}:
        raise ValidationError(
            "no column is mapped to the name (or to first and last name); choose one", "mapping"
        )


def _settings_key(headers: tuple[str, ...]) -> str:
    digest = hashlib.sha256("\x1f".join(headers).encode("utf-8")).hexdigest()[:32]
    return _SETTINGS_PREFIX + digest


def save_mapping(store: Store, headers: tuple[str, ...], mapping: Mapping[str, Field]) -> None:
    """Remember `mapping` for files with exactly these columns."""
    document = {header: str(field) for header, field in mapping.items() if header in headers}
    store.settings.put(_settings_key(headers), json.dumps(document, ensure_ascii=False))


def saved_mapping(store: Store, headers: tuple[str, ...]) -> ColumnMapping | None:
    raw = store.settings.get(_settings_key(headers))
    if raw is None:
        return None
    fields = {f.value: f for f in Field}
    loaded = json.loads(raw)
    return {h: fields[v] for h, v in loaded.items() if h in headers and v in fields}


@dataclass(frozen=True, slots=True)
class MappingChoice:
    """The mapping to start from for a file, and where it came from."""

    file_format: FileFormat
    mapping: ColumnMapping
    detected_format: FileFormat


def choose_mapping(store: Store, headers: tuple[str, ...]) -> MappingChoice:
    """A saved mapping for these exact columns if there is one, else the detected one."""
    detected, mapping = detect_mapping(headers)
    saved = saved_mapping(store, headers)
    if saved is not None:
        return MappingChoice(FileFormat.SAVED, saved, detected)
    return MappingChoice(detected, mapping, detected)
