"""The one text pipeline: every piece of user text reaches reportlab through here, as
paragraph markup (`markup_lines`, `to_markup`) or, when one font draws all of it, as the
plain lines `plain_lines` gives (printed without markup, reports/plain.py).

Steps, in order: Unicode NFC (so "ệ" typed as e + two combining marks prints as the one
letter the fonts hold), line breaks unified and kept, invisible control and format characters
removed, odd spaces made plain, then each character given the first report font with a glyph
for it (fonts.py: Latin, Greek and Cyrillic; a font per script; CJK; symbols). Runs in a
complex script are shaped with HarfBuzz (shaping.py), right-to-left runs laid out right to
left. A character no bundled font can draw raises `UnprintableCharacterError` naming it, or,
when the report is written (`placeholders()`), prints as a visible U+FFFD with a warning
naming the text it is in: never a silent box or a dropped letter in someone's name. Finally,
for markup, markup characters are escaped, so `AT&T <UK>` and `x<y` print exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from xml.sax.saxutils import escape

from convener.errors import ConvenerError
from convener.reports.fonts import FontChain, report_fonts
from convener.reports.shaping import shaped_text

_LINE_BREAKS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
_NO_BREAK_SPACE = "\u00a0"


PLACEHOLDER = "\ufffd"  # drawn for a character no report font has: visible, and searchable


class UnprintableCharacterError(ConvenerError):
    """User text holds a character that none of the report fonts can draw."""

    def __init__(self, char: str, where: str = "") -> None:
        super().__init__(f"{_describe(char, where)}; remove or replace it and generate again")
        self.char = char


def _describe(char: str, where: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    place = f" (in {where})" if where else ""
    why = " (characters beyond U+FFFF are not supported)" if ord(char) > 0xFFFF else ""
    return f"U+{ord(char):04X} {name} cannot be printed with the report fonts{why}{place}"


_unprintable: ContextVar[list[str] | None] = ContextVar("unprintable", default=None)


@contextmanager
def placeholders() -> Iterator[list[str]]:
    """Within this block a character no font has is printed as PLACEHOLDER, not refused.

    The list yielded collects one warning per such text, naming the text (a person's name,
    usually) and where it is, so the user learns what to correct. A context variable, so
    reports written at the same time on other threads keep their own lists.
    """
    found: list[str] = []
    token = _unprintable.set(found)
    try:
        yield found
    finally:
        _unprintable.reset(token)


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
    """Split normalised text into (font, text) runs, each drawn by the first font with glyphs.

    A character no font has raises UnprintableCharacterError, or within `placeholders()`
    becomes PLACEHOLDER with a warning naming the text.
    """
    if chain.coverage[0].issuperset(text.replace("\n", "")):
        return [(chain.primary, text)] if text else []  # the common case, checked in C
    runs: list[tuple[str, str]] = []
    for char in text:
        font = chain.primary if char == "\n" else chain.font_for(char)
        drawn = char
        if font is None:
            found = _unprintable.get()
            if found is None:
                raise UnprintableCharacterError(char, where)
            warning = f"{_describe(char, where)}: “{text}” is printed with {PLACEHOLDER}"
            if warning not in found:  # plain_lines and markup_lines may both see a text
                found.append(warning)
            font, drawn = chain.primary, PLACEHOLDER
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + drawn)
        else:
            runs.append((font, drawn))
    return _joined_across_spaces(runs, chain)


def _joined_across_spaces(runs: list[tuple[str, str]], chain: FontChain) -> list[tuple[str, str]]:
    """Right-to-left runs separated only by spaces made one run, so that the words of an
    Arabic or Hebrew name are laid out right to left as a whole (and never broken apart)."""
    if not chain.rtl.intersection(font for font, _ in runs):
        return runs
    joined: list[tuple[str, str]] = []
    for font, run in runs:
        if (
            len(joined) >= 2
            and joined[-2][0] == font
            and font in chain.rtl
            and not joined[-1][1].strip(" ")
        ):
            joined[-2:] = [(font, joined[-2][1] + joined[-1][1] + run)]
        elif joined and joined[-1][0] == font:
            joined[-1] = (font, joined[-1][1] + run)
        else:
            joined.append((font, run))
    return joined


def _drawn(font: str, run: str, chain: FontChain) -> str:
    """A run as drawn: shaped glyphs for a complex script, else its characters."""
    if font not in chain.shaped:
        return run
    if font in chain.rtl:
        return shaped_text(font, run)
    # Left-to-right scripts are shaped word by word, so lines still break between words.
    return " ".join(shaped_text(font, word) if word else "" for word in run.split(" "))


def printable(text: str, *, bold: bool = False, where: str = "") -> str:
    """Text that is shown outside a paragraph (outline, metadata, HTML): normalised only, as
    the viewer draws it with its own fonts. `bold` and `where` are kept for the callers."""
    del bold, where
    return normalise(text)


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
        escaped = escape(_drawn(font, run, chain))
        parts.append(escaped if font == chain.primary else f'<font face="{font}">{escaped}</font>')
    # Line breaks are always in runs of the primary font (see font_runs), never inside a tag.
    return "".join(parts).split("\n")


def to_markup(text: str, *, bold: bool = False, where: str = "") -> str:
    """Paragraph markup for user text: escaped, line breaks kept, fallback fonts where needed."""
    return "<br/>".join(markup_lines(text, bold=bold, where=where))


def empty_table_text(caption: str) -> str:
    """What a table with no rows prints instead, in the PDF and the HTML alike."""
    return f"{caption}: none."
