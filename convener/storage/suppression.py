"""The suppression list: one-way hashes that stop an import from bringing an erased person back.

Erasure keeps no name or contact, so without this an old contacts file re-creates the person
as a new record and nobody notices. What is kept instead is, per erased person, a hash of
each of: the normalised email (trimmed, lower case), the normalised phone (digits only, a
UK trunk 0 or an international 00 written as the country code 44 or without the 00), and
the normalised name with organisation (folded to ASCII, lower case, spaces collapsed).

The hash is HMAC-SHA256 keyed with a random 256-bit salt made for this list, not plain
SHA-256: plain hashes of emails and phone numbers can be looked up in precomputed tables and
compared across databases to learn that the same person was erased in both. The salt lives
beside the hashes (it has to, for imports to compute the same hash), so someone holding the
file can still test guesses one by one; a phone number has few enough possibilities that this
is a real limit, which is why the list holds nothing else about the person. Each row keeps its
salt, so lists merged by a restore (the live file's and a backup's) both keep working.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from convener.collation import fold

EMAIL = "email"
PHONE = "phone"
NAME_AT_ORGANISATION = "name+organisation"


def _email(value: str | None) -> str:
    return (value or "").strip().lower()


def _phone(value: str | None) -> str:
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "44" + digits[1:]
    return digits if len(digits) >= 6 else ""


def _words(value: str | None) -> str:
    return " ".join(fold(value or "").lower().split())


def identifiers(
    name: str | None, email: str | None, phone: str | None, organisation: str | None
) -> dict[str, str]:
    """The normalised values that identify a person, by kind; empty ones left out."""
    found = {
        EMAIL: _email(email),
        PHONE: _phone(phone),
        NAME_AT_ORGANISATION: f"{_words(name)}|{_words(organisation)}" if _words(name) else "",
    }
    return {kind: value for kind, value in found.items() if value}


def _digest(salt: str, kind: str, value: str) -> str:
    message = f"{kind}:{value}".encode()
    return hmac.new(bytes.fromhex(salt), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class SuppressionMatcher:
    """Tells whether a row identifies someone erased; built once per import."""

    hashes: frozenset[tuple[str, str, str]]  # kind, salt, digest
    salts: tuple[str, ...]

    def matches(
        self, name: str | None, email: str | None, phone: str | None, organisation: str | None
    ) -> bool:
        if not self.hashes:
            return False
        for kind, value in identifiers(name, email, phone, organisation).items():
            for salt in self.salts:
                if (kind, salt, _digest(salt, kind, value)) in self.hashes:
                    return True
        return False


class SuppressionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, values: dict[str, str], erased_at: str) -> None:
        """Record one erased person's identifiers (inside the erasure's transaction)."""
        salt = self._salt()
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO erasure_suppression (kind, salt, digest, erased_at)"
            " VALUES (?, ?, ?, ?)",
            [(kind, salt, _digest(salt, kind, value), erased_at) for kind, value in values.items()],
        )

    def matcher(self) -> SuppressionMatcher:
        rows = self._db.execute("SELECT kind, salt, digest FROM erasure_suppression").fetchall()
        hashes = frozenset((r[0], r[1], r[2]) for r in rows)
        return SuppressionMatcher(hashes, tuple(sorted({h[1] for h in hashes})))

    def _salt(self) -> str:
        row = self._db.execute(
            "SELECT salt FROM erasure_suppression ORDER BY erased_at DESC LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else secrets.token_hex(32)
