"""Finding people's names in free text and replacing them (erasure, public output)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def substitutions(replacements: Mapping[str, str], fallback: str) -> Callable[[str], str]:
    """A function replacing each key (whole words, any case, any spacing) with its value.

    One pattern for all keys, longest first, so "Amina Yusuf" goes before "Amina" and a text is
    scanned once however many people are involved. Keys shorter than two characters are
    ignored: they would match inside ordinary prose.
    """
    table = {_key(term): value for term, value in replacements.items() if len(term.strip()) >= 2}
    if not table:
        return lambda text: text
    terms = sorted(table, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: table.get(_key(m.group()), fallback), text)


def replacer(terms: Iterable[str | None], replacement: str) -> Callable[[str], str]:
    """Replace every one of `terms` with the same `replacement`."""
    return substitutions({t: replacement for t in terms if t}, replacement)
