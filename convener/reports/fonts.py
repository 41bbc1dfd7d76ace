"""The one font setup for reports: bundled TrueType fonts, registered once, always embedded.

Reports carry names from every corner of the world, so they never use reportlab's base-14
fonts (Helvetica has no Ł, ș or Greek and is not embedded). DejaVu Sans covers Latin with
every European and Vietnamese diacritic, Greek and Cyrillic; a Noto Sans font per script
covers Arabic, Hebrew, Devanagari, Bengali, Gurmukhi, Tamil, Thai and Ethiopic; Droid Sans
Fallback covers Chinese, Japanese and Korean; DejaVu Math TeX Gyre is the last fallback, for
mathematical symbols. All are TrueType outlines, which reportlab embeds as a subset of the
glyphs used (it cannot embed CFF outlines, which is why Noto Sans CJK is not used).
Licences are beside the fonts (resources/fonts/LICENSE-*.txt).

A script font claims its own script's characters even where DejaVu Sans has glyphs for them
(it has some Arabic and Hebrew): the Noto fonts carry the OpenType tables that HarfBuzz
shapes with (reports/shaping.py), and one script is then always drawn by one font.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from convener.resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
SYMBOLS = "DejaVuMathTeXGyre"
CJK = "DroidSansFallback"


@dataclass(frozen=True, slots=True)
class _Script:
    """A script drawn by its own Noto Sans font (regular and bold)."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    shaped: bool = True  # needs HarfBuzz: contextual forms, conjuncts, mark positioning
    rtl: bool = False

    @property
    def regular(self) -> str:
        return f"NotoSans{self.name}-Regular"

    @property
    def bold(self) -> str:
        return f"NotoSans{self.name}-Bold"

    def codes(self) -> list[int]:
        return [code for low, high in self.ranges for code in range(low, high + 1)]


_SCRIPTS = (
    _Script(
        "Arabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        rtl=True,
    ),
    _Script("Hebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), rtl=True),
    _Script("Devanagari", ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
    _Script("Bengali", ((0x0980, 0x09FF),)),
    _Script("Gurmukhi", ((0x0A00, 0x0A7F),)),
    _Script("Tamil", ((0x0B80, 0x0BFF),)),
    _Script("Thai", ((0x0E00, 0x0E7F),)),
    # Ethiopic syllables are precomposed characters: no shaping needed.
    _Script("Ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)), shaped=False),
)


class ReportFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose shaped glyphs copy and search as the text they were shaped from.

    A shaped glyph (an Arabic initial form, a Devanagari conjunct) often has no character of
    its own, and a cluster's glyphs may be drawn in another order than its characters (the
    Devanagari vowel sign ि is drawn before the consonant it follows). Each such glyph is drawn
    as a private-use character, and the PDF's ToUnicode map gives back, for the first glyph
    of a cluster, the cluster's whole text, and for the others nothing: copy, search and
    pdftotext then return the name as stored.
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path)
        self.texts: dict[int, str] = {}  # private-use character -> the text it stands for
        self._keys: dict[tuple[int, int, str], str] = {}
        self._next = 0xE000

    def glyph_char(self, glyph: int, width: int, text: str) -> str:
        """The character drawn for `glyph` at `width` (1/1000 em) standing for `text`."""
        key = (glyph, width, text)
        char = self._keys.get(key)
        if char is None:
            face = self.face
            while self._next in face.charToGlyph:
                self._next += 1
            if self._next == 0xF900:  # past the BMP private-use area: plane 15's is next
                self._next = 0xF0000
            code = self._next
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width
            self.texts[code] = text
            char = self._keys[key] = chr(code)
        return char

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        if not self.texts:
            return
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, subset, self.texts)


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """reportlab's ToUnicode map, with each private-use code mapped to the text it stands for."""
    entries = [
        f"<{code:02X}> <{_utf16(texts[char] if char in texts else chr(char))}>"
        for code, char in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(entries)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@dataclass(frozen=True, slots=True)
class FontChain:
    """A font and the fallbacks tried, in order, for characters it has no glyph for."""

    names: tuple[str, ...]
    # Characters rather than code points: a string's own characters are checked against a
    # set of them in C, where a map of ord over every character was most of the glyph check.
    coverage: tuple[frozenset[str], ...]
    shaped: frozenset[str] = frozenset()  # fonts whose runs HarfBuzz shapes
    rtl: frozenset[str] = frozenset()  # fonts of right-to-left scripts

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


def _files() -> dict[str, str]:
    files = {
        REGULAR: "DejaVuSans.ttf",
        BOLD: "DejaVuSans-Bold.ttf",
        SYMBOLS: "DejaVuMathTeXGyre.ttf",
        CJK: "DroidSansFallback.ttf",
    }
    for script in _SCRIPTS:
        files[script.regular] = f"{script.regular}.ttf"
        files[script.bold] = f"{script.bold}.ttf"
    return files


@cache
def report_fonts() -> ReportFonts:
    """Register the bundled fonts with reportlab (once per process) and describe their coverage.

    Registration is global in reportlab, so it happens on first use rather than at import.
    """
    charmaps: dict[str, set[int]] = {}
    for name, file_name in _files().items():
        font = ReportFont(name, str(resource("fonts", file_name)))
        pdfmetrics.registerFont(font)
        # Only the Basic Multilingual Plane: reportlab writes each character of the PDF's text
        # layer (ToUnicode map) as four hex digits, so a character beyond U+FFFF would print
        # but be copied, searched and read aloud wrongly. Such characters get a placeholder.
        charmaps[name] = {c for c in font.face.charToGlyph if c <= 0xFFFF}
    # <b> in markup switches to the bold face; there is no italic in our report styles.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )

    def chain(latin: str, script_face: str, *fallbacks: str) -> FontChain:
        # A script's font claims the characters of its script that it has; every other
        # character it has is a fallback after all the rest.
        faces = [(script, getattr(script, script_face)) for script in _SCRIPTS]
        claimed = {
            code: face
            for script, face in faces
            for code in script.codes()
            if code in charmaps[face]
        }
        names = [latin, *(face for _, face in faces), *fallbacks, *(face for _, face in faces)]
        covered = [charmaps[latin] - claimed.keys()]
        covered += [{c for c in charmaps[face] if claimed.get(c) == face} for _, face in faces]
        covered += [charmaps[name] for name in fallbacks]
        covered += [charmaps[face] for _, face in faces]
        return FontChain(
            tuple(names),
            tuple(frozenset(map(chr, codes)) for codes in covered),
            shaped=frozenset(face for script, face in faces if script.shaped),
            rtl=frozenset(face for script, face in faces if script.rtl),
        )

    # Bold text falls back to the regular face before the symbol font: a regular-weight
    # letter reads better in a heading than a missing one. CJK has one weight.
    return ReportFonts(
        regular=chain(REGULAR, "regular", CJK, SYMBOLS),
        bold=chain(BOLD, "bold", REGULAR, CJK, SYMBOLS),
    )
