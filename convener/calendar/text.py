"""User text on its way into a calendar file: control characters out, nothing else changed."""

from __future__ import annotations

import re

# Line breaks are kept (a description has paragraphs) and tabs are kept; every other control
# character is removed because calendar clients and mail servers treat them unpredictably.
_LINE_BREAKS = re.compile(r"\r\n|\r")
# Unicode's control characters (general category Cc, fixed by its stability policy at
# U+0000-U+001F and U+007F-U+009F) but line feed and tab, and lone surrogates (Cs). One regex
# instead of a category lookup per character: the subject of every draft passes through here.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str | None) -> str:
    """The text with line breaks normalised to \\n and other control characters removed."""
    if not text:
        return ""
    return _UNWANTED.sub("", _LINE_BREAKS.sub("\n", text))


def one_line(text: str | None) -> str:
    """For names in parameters (CN): line breaks and tabs become single spaces."""
    return " ".join(clean(text).split())


def parameter_text(text: str | None) -> str:
    """A name for a parameter value (CN): one line, and no straight double quote.

    A parameter value cannot hold a DQUOTE (RFC 5545); icalendar writes it as RFC 6868's ^',
    which vobject shows literally and node-ical and ts-ics cut the name short at. Typographic
    quotes need no escape and every reader shows them; they open and close in turn. Commas,
    colons and semicolons are kept: the value is then quoted, which every reader handles.
    """
    parts = one_line(text).split('"')
    quoted = [part + ("“" if n % 2 == 0 else "”") for n, part in enumerate(parts[:-1])]
    return "".join([*quoted, parts[-1]])
