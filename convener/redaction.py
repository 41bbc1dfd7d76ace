"""Finding a person's names in free text and replacing them (erasure, public output)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def replacer(terms: Iterable[str | None], replacement: str) -> Callable[[str], str]:
    """A function replacing each term (whole words, any case, any spacing) with `replacement`.

    Longer terms are tried first, so "Amina Yusuf" goes before "Amina". Terms shorter than two
    characters are ignored: they would match inside ordinary prose.
    """
    cleaned = sorted({t.strip() for t in terms if t and len(t.strip()) >= 2}, key=len, reverse=True)
    if not cleaned:
        return lambda text: text
    parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in cleaned]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(lambda _match: replacement, text)
