"""User text on its way into a calendar file: control characters out, nothing else changed."""

from __future__ import annotations

import re
import unicodedata

# Line breaks are kept (a description has paragraphs) and tabs are kept; every other control
# character is removed because calendar clients and mail servers treat them unpredictably.
_LINE_BREAKS = re.compile(r"\r\n|\r")


def clean(text: str | None) -> str:
    """The text with line breaks normalised to \\n and other control characters removed."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def one_line(text: str | None) -> str:
    """For names in parameters (CN): line breaks and tabs become single spaces."""
    return " ".join(clean(text).split())
