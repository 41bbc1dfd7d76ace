"""Checks on what people type, with messages that say exactly what is wrong."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from convener.errors import NotFoundError, ValidationError

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


# -- Limits a person can understand, checked at the edge (the command line and the app) ------

# SQLite stores whole numbers in 64 bits: an id beyond this cannot exist in the database.
MAX_ID = 2**63 - 1
MAX_CAPACITY = 10_000  # seats at one roundtable; larger than any hall the office would use
# Money is whole pence. Ten million pounds is far beyond any roundtable's budget or fee, and
# far inside what sums of many amounts can hold.
MAX_PENCE = 1_000_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2200  # planned times; beyond these a date is a typing slip
MAX_URL = 2_000

# Text fields: what the reports and calendar files print comfortably (a longer paragraph is
# cut across pages, so these are about what a person means to type, not what fits).
MAX_SHORT_TEXT = 1_000  # names, titles, organisations, roles, places
MAX_LONG_TEXT = 20_000  # findings, purposes, notes: a few pages


def check_id(value: int, kind: str) -> int:
    """An id that can exist; a number no database could hold is simply not found."""
    if not 1 <= value <= MAX_ID:
        raise NotFoundError(f"no {kind} with id {value}")
    return value


def check_count(value: int | None, field: str, *, least: int, most: int) -> int | None:
    if value is not None and not least <= value <= most:
        raise ValidationError(f"{field} must be between {least:,} and {most:,}", field)
    return value


def check_capacity(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise ValidationError("capacity must be at least 1 (or left empty)", "capacity")
    return check_count(value, "capacity", least=1, most=MAX_CAPACITY)


def check_pence(value: int | None, field: str) -> int | None:
    """An amount of money in pence: not negative, at most £10,000,000."""
    if value is None:
        return None
    if value < 0:
        raise ValidationError(f"the {field} cannot be negative", field)
    if value > MAX_PENCE:
        raise ValidationError(
            f"the {field} is more than £{MAX_PENCE // 100:,}; check the amount", field
        )
    return value


def parse_pounds(text: str, field: str = "budget") -> int:
    """Pence from an amount typed in pounds ("1500", "£850.50"); refuses NaN, Infinity, 1e30."""
    cleaned = text.strip().lstrip("£").replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or "e" in cleaned.lower():
        raise ValidationError(f"'{text}' is not an amount in pounds (e.g. 1500.00)", field)
    if abs(amount) > Decimal(MAX_PENCE) / 100:
        raise ValidationError(
            f"the {field} is more than £{MAX_PENCE // 100:,}; check the amount", field
        )
    pence = check_pence(int((amount * 100).to_integral_value()), field)
    assert pence is not None
    return pence


def check_year(year: int, field: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; check the date", field
        )


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_url(value: str | None, field: str = "online_url") -> str | None:
    """A web link people can click: http(s), no spaces or control characters, not too long."""
    value = clean_text(value)
    if value is None:
        return None
    if not value.lower().startswith(("https://", "http://")) or len(value) <= len("https://"):
        raise ValidationError(
            f"'{value[:80]}' is not a web link (it should start with https://)", field
        )
    if _CONTROL.search(value) or any(ch.isspace() for ch in value):
        raise ValidationError("a web link cannot contain spaces or line breaks", field)
    if len(value) > MAX_URL:
        raise ValidationError(f"the web link is longer than {MAX_URL:,} characters", field)
    return value


def check_length(value: str | None, field: str, limit: int = MAX_SHORT_TEXT) -> str | None:
    """`value` unchanged when it is at most `limit` characters; else an error naming the field."""
    if value is not None and len(value) > limit:
        raise ValidationError(
            f"the {field.replace('_', ' ')} is {len(value):,} characters long; "
            f"at most {limit:,} are allowed",
            field,
        )
    return value
