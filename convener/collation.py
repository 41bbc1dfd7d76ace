"""Sort keys for names written in any script, so "Łucja" sorts with L and not after Z.

SQLite's NOCASE only folds ASCII letters. Names are sorted instead by a key computed in Python
when a record is written: case folded, diacritics removed by Unicode decomposition, and the few
Latin letters that have no decomposition (ł, ø, đ, æ, œ, þ, ı, ħ) mapped to their base letters.
Scripts other than Latin keep their own letters and sort after Latin ones, in code point order.
"""

from __future__ import annotations

import unicodedata

# Letters that NFKD leaves whole: the stroke and ligature letters of European alphabets.
_BASE_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ƀ": "b",
    }
)


def sort_key(text: str) -> str:
    """A key that orders names case- and accent-insensitively (casefold, then strip marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_BASE_LETTERS).split())
