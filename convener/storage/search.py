"""Turning what a person types into a safe full-text query.

The indexed text and the typed text are both folded by `convener.collation.fold`. Input is
split into words the way SQLite's unicode61 tokenizer splits them, and each word is
quoted, so apostrophes, hyphens, quotes and FTS operators (`AND`, `NEAR`, `*`, `:`) in a name
are always searched for as text and never parsed as query syntax. The last word is a prefix
match, for search as you type.
"""

from __future__ import annotations

import re

from convener.collation import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for `text`, or None when it holds no searchable word."""
    words = _WORD.findall(fold(text).replace("_", " "))
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)
