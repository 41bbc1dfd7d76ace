"""The one text pipeline: every piece of user text reaches reportlab through here, as
paragraph markup (`markup_lines`, `to_markup`) or, when one font draws all of it, as the
plain lines `plain_lines` gives (printed without markup, reports/plain.py).

Steps, in order: Unicode NFC (so "ệ" typed as e + two combining marks prints as the one
letter the fonts hold), line breaks unified and kept, invisible control and format characters
removed, odd spaces made plain, then a glyph check against the report fonts with fallbacks.
A character no bundled font can draw raises `UnprintableCharacterError` naming it, because a
box or a silently dropped letter in someone's name is worse than an error. Finally, for
markup, markup characters are escaped, so `AT&T <UK>` and `x<y` print exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from convener.errors import ConvenerError
from convener.reports.fonts import FontChain, report_fonts

_LINE_BREAKS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
_NO_BREAK_SPACE = "\u00a0"


class UnprintableCharacterError(ConvenerError):
    """User text holds a character that none of the report fonts can draw."""

    def __init__(self, char: str, where: str = "") -> None:
        name = unicodedata.name(char, "unnamed character")
        place = f" (in {where})" if where else ""
        why = " (characters beyond U+FFFF are not supported)" if ord(char) > 0xFFFF else ""
        super().__init__(
            f"U+{ord(char):04X} {name} cannot be printed with the report fonts{why}{place}; "
            "remove or replace it and generate the report again"
        )
        self.char = char


def _kept(char: str) -> str:
    if char == "\n":
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs"):
        # Controls, surrogates and invisible format marks (zero-width joiners, bidi
        # overrides, soft hyphens) carry no visible text; a PDF has no use for them.
        return " " if char == "\t" else ""
    if category == "Zs" and char != _NO_BREAK_SPACE:
        return " "
    return char


def normalise(text: str) -> str:
    """The text as it will be printed: what tests compare extracted PDF text against."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n")))
    if text.replace("\n", "").isprintable():
        return text  # no control, format, odd space or unassigned character: nothing to do
    return "".join(_kept(char) for char in text)


def font_runs(text: str, chain: FontChain, where: str = "") -> list[tuple[str, str]]:
    """Split normalised text into (font, text) runs, each drawn by the first font with glyphs."""
    if chain.coverage[0].issuperset(text.replace("\n", "")):
        return [(chain.primary, text)] if text else []  # the common case, checked in C
    runs: list[tuple[str, str]] = []
    for char in text:
        font = chain.primary if char == "\n" else chain.font_for(char)
        if font is None:
            raise UnprintableCharacterError(char, where)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def printable(text: str, *, bold: bool = False, where: str = "") -> str:
    """Normalise and check text that is drawn outside a paragraph (outline, metadata, HTML)."""
    fonts = report_fonts()
    clean = normalise(text)
    font_runs(clean, fonts.bold if bold else fonts.regular, where)
    return clean


def plain_lines(text: str, *, bold: bool = False, where: str = "") -> list[str] | None:
    """The lines of user text as printed, when the primary font draws all of it; else None.

    The common case, printed as paragraphs without markup (reports/plain.py); a text that
    needs a fallback font goes through `markup_lines` instead. A character no font can draw
    raises here as it does there.
    """
    fonts = report_fonts()
    chain = fonts.bold if bold else fonts.regular
    runs = font_runs(normalise(text), chain, where)
    if not runs:
        return [""]
    if len(runs) > 1 or runs[0][0] != chain.primary:
        return None
    return runs[0][1].split("\n")


def markup_lines(text: str, *, bold: bool = False, where: str = "") -> list[str]:
    """Paragraph markup for each line of user text: escaped, fallback fonts where needed."""
    fonts = report_fonts()
    chain = fonts.bold if bold else fonts.regular
    parts = []
    for font, run in font_runs(normalise(text), chain, where):
        escaped = escape(run)
        parts.append(escaped if font == chain.primary else f'<font face="{font}">{escaped}</font>')
    # Line breaks are always in runs of the primary font (see font_runs), never inside a tag.
    return "".join(parts).split("\n")


def to_markup(text: str, *, bold: bool = False, where: str = "") -> str:
    """Paragraph markup for user text: escaped, line breaks kept, fallback fonts where needed."""
    return "<br/>".join(markup_lines(text, bold=bold, where=where))
