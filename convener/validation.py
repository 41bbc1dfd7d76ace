"""Checks on what people type, with messages that say exactly what is wrong."""

from __future__ import annotations

import re

from convener.errors import ValidationError

# Deliberately plain: one @, a dot in the domain, no spaces. Addresses are checked for typos,
# not for deliverability, and an over-strict pattern would refuse real addresses.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_ALLOWED = re.compile(r"^\+?[0-9 ()\-.]+$")


def clean_text(value: str | None) -> str | None:
    """Trim, and turn an empty entry into None."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def check_email(value: str | None, field: str = "email") -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    if not _EMAIL.match(value):
        raise ValidationError(
            f"'{value}' is not a valid email address (expected something like name@example.org)",
            field,
        )
    return value


def check_phone(value: str | None, field: str = "phone") -> str | None:
    value = clean_text(value)
    if value is None:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_ALLOWED.match(value) or not 7 <= digits <= 15:
        raise ValidationError(
            f"'{value}' is not a valid phone number (use digits, spaces and an optional "
            "leading +, 7 to 15 digits)",
            field,
        )
    return value


def check_name(value: str | None, field: str = "name") -> str:
    value = clean_text(value)
    if value is None:
        raise ValidationError("A name is required", field)
    return value
