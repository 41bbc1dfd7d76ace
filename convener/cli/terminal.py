"""Text on its way to a terminal: nothing in it can move the cursor, recolour or reorder.

User text (a name typed with an ESC sequence, a CR that overwrites the start of a line, a
right-to-left override that makes `exe.pdf` read as `fdp.exe`, a byte of a file name that is
not UTF-8) is printed escaped as `\\uXXXX` (`\\xNN` for a raw byte), visible and unambiguous.
The same escape is valid inside a JSON string and means the same character, so `--json`
output passes through this filter unchanged in meaning. Error lines also escape line breaks
and tabs, so that stderr is always one line.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls but tab and line feed, DEL and C1 controls, the bidirectional formatting
# characters, the Unicode line and paragraph separators, and lone surrogates (the undecodable
# bytes of a command-line argument or file name, under Python's surrogateescape).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_UNSAFE_IN_A_LINE = re.compile(f"{_UNSAFE.pattern}|[\t\n]")
MAX_ERROR_LINE = 1_000  # characters; a message quoting a whole file would bury the point


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` with every character that could act on a terminal written as an escape."""
    return _UNSAFE.sub(_escaped, text)


def error_line(message: str) -> str:
    """One line for stderr: controls escaped, line breaks too, and at most MAX_ERROR_LINE."""
    line = _UNSAFE_IN_A_LINE.sub(_escaped, message)
    return line if len(line) <= MAX_ERROR_LINE else line[: MAX_ERROR_LINE - 1] + "…"


def not_text(value: object) -> bool:
    """Whether an argument holds bytes that are not UTF-8 (lone surrogates, from Python's
    surrogateescape): fine in a file name, never storable as text."""
    if isinstance(value, list):
        return any(not_text(item) for item in value)
    return isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value)


class SafeOutput:
    """A stand-in for sys.stdout that escapes what `for_terminal` escapes on every write."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, ...
        return getattr(self._inner, name)
