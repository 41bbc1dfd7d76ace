"""Folding names written in any script, for sorting and for search.

SQLite's NOCASE folds only ASCII letters and its diacritic removal only strips combining marks,
leaving letters such as Ł, ø or ß alone. Both the sort key and the full-text index use one fold
instead: transliteration to ASCII with anyascii, so "Łucja" sorts with L, "lodz" finds "Łódź"
and "kovalenko" finds "Коваленко".
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii


def fold(text: str | None) -> str:
    """The ASCII form in which text is indexed and searched."""
    if not text:
        return ""
    if text.isascii():  # most text: already its own normal form and transliteration
        return text
    return anyascii(unicodedata.normalize("NFKC", text))


def sort_key(text: str) -> str:
    """A key that orders names case- and accent-insensitively, whatever their script."""
    return " ".join(fold(text).casefold().split())
