"""The one font setup for reports: bundled TrueType fonts, registered once, always embedded.

Reports carry names from every corner of the world, so they never use reportlab's base-14
fonts (Helvetica has no Ł, ș or Greek and is not embedded). DejaVu Sans covers Latin with
every European and Vietnamese diacritic, Greek and Cyrillic; DejaVu Math TeX Gyre is the
fallback for the mathematical symbols DejaVu Sans lacks. reportlab embeds a subset of each
TrueType font it uses, which is what makes the text extractable and printable everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from convener.resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
SYMBOLS = "DejaVuMathTeXGyre"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    SYMBOLS: "DejaVuMathTeXGyre.ttf",
}


@dataclass(frozen=True, slots=True)
class FontChain:
    """A font and the fallbacks tried, in order, for characters it has no glyph for."""

    names: tuple[str, ...]
    # Characters rather than code points: a string's own characters are checked against a
    # set of them in C, where a map of ord over every character was most of the glyph check.
    coverage: tuple[frozenset[str], ...]

    @property
    def primary(self) -> str:
        return self.names[0]

    def font_for(self, char: str) -> str | None:
        """The first font in the chain with a glyph for `char`, or None if none has one."""
        for name, covered in zip(self.names, self.coverage, strict=True):
            if char in covered:
                return name
        return None


@dataclass(frozen=True, slots=True)
class ReportFonts:
    regular: FontChain
    bold: FontChain


@cache
def report_fonts() -> ReportFonts:
    """Register the bundled fonts with reportlab (once per process) and describe their coverage.

    Registration is global in reportlab, so it happens on first use rather than at import.
    """
    coverage: dict[str, frozenset[str]] = {}
    for name, file_name in _FILES.items():
        font = TTFont(name, str(resource("fonts", file_name)))
        pdfmetrics.registerFont(font)
        # Only the Basic Multilingual Plane: reportlab writes each character of the PDF's text
        # layer (ToUnicode map) as four hex digits, so a character beyond U+FFFF would print
        # but be copied, searched and read aloud wrongly. Such characters raise instead.
        coverage[name] = frozenset(chr(c) for c in font.face.charToGlyph if c <= 0xFFFF)
    # <b> in markup switches to the bold face; there is no italic in our report styles.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )

    def chain(*names: str) -> FontChain:
        return FontChain(names, tuple(coverage[n] for n in names))

    # Bold text falls back to the regular face before the symbol font: a regular-weight
    # letter reads better in a heading than a missing one.
    return ReportFonts(regular=chain(REGULAR, SYMBOLS), bold=chain(BOLD, REGULAR, SYMBOLS))
