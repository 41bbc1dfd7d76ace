"""User text on its way into a mail header: one line, no bidi controls, no encoded words.

A display name is the one part of a header a person reads to decide whom a message is from
or to, so it must show what it is. Bidirectional formatting characters (U+202E makes
"gnp.exe" read as "exe.png") are removed. Text that looks like an RFC 2047 encoded word
("=?utf-8?b?DQo=?=") would be decoded by the reader's mail program into whatever it
encodes, a CR LF included. Quoting is not enough (RFC 2047 forbids decoding inside quotes,
but common readers, Python's own parser among them, decode anyway), so a display name or
subject holding one is itself encoded, and reads back exactly as typed.
"""

from __future__ import annotations

import re
from email.charset import Charset
from email.header import Header
from email.utils import formataddr

from convener.calendar.text import one_line

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ENCODED_WORD_START = "=?"


def header_text(text: str | None) -> str:
    """One line of header text with no control or bidirectional formatting characters."""
    return one_line(_BIDI.sub("", text or ""))


def address_header(name: str | None, email: str, charset: Charset) -> str:
    """`Name <email>` for a From or To header, the name cleaned and, when it looks like an
    encoded word, encoded itself (formataddr encodes only non-ASCII names)."""
    shown, address = header_text(name), header_text(email)
    if ENCODED_WORD_START in shown:
        return f"{Header(shown, charset).encode()} <{address}>"
    # formataddr quotes commas and other specials and encodes non-ASCII names (RFC 2047).
    return formataddr((shown, address), charset=charset)
