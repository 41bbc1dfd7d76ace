"""Names in every script the directory holds print, shaped, and read back exactly.

The demo data has a researcher named in each script (resources/demo/demo.json); the internal
summary of their roundtable lists them all in the invite-list table. Readback is exact: the
stored string, in its logical order, from both pdftotext and pypdf. For Arabic and
Devanagari the glyphs drawn are compared with HarfBuzz's own shaping of the name in the same
bundled font, read from the font program embedded in the PDF.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from convener.demo import load_demo
from convener.privacy import Audience
from convener.reports import write_report
from convener.resources import resource
from convener.storage import Store
from tests.convener.reports.readback import pdftotext, pypdf_text

NAMES = {
    "Arabic": "فاطمة الزهراء",
    "Hebrew": "שרה לוי",
    "Devanagari": "प्रिया शर्मा",
    "Bengali": "সুস্মিতা চক্রবর্তী",
    "Gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "Tamil": "தமிழ்செல்வி முருகன்",
    "Ethiopic": "ሰላም ተስፋዬ",
    "Thai": "สมชาย ใจดี",
    "Chinese": "王芳",
    "Korean": "김민준",
    "Japanese": "山田花子",
    "Greek": "Αλέξανδρος Παπαδόπουλος",
    "Cyrillic": "Олена Коваленко",
    "Vietnamese": "Nguyễn Thị Hương",
    "Latin": "Ciarán O'Brien",
}
ROUNDTABLE = 3  # "Closing the data gaps", where the researchers above took part


@pytest.fixture(scope="module")
def internal_summary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("every-script")
    with Store.open(folder / "demo.db") as store:
        load_demo(store)
        written = write_report(store, ROUNDTABLE, folder / "internal.pdf", Audience.INTERNAL)
    assert written.warnings == ()
    return written.pdf


@pytest.mark.parametrize("script", NAMES)
def test_pdftotext_gives_back_the_name_as_stored(internal_summary: Path, script: str):
    # pdftotext brackets a right-to-left run with U+202B/U+202C; they are marks, not text.
    # A name wrapped in its table cell comes out one line after the other.
    drawn = pdftotext(internal_summary)
    text = "".join(c for c in drawn if unicodedata.category(c) != "Cf").replace("\n", " ")
    assert f" {NAMES[script]} " in text


@pytest.mark.parametrize("script", NAMES)
def test_pypdf_gives_back_the_name_as_stored(internal_summary: Path, script: str):
    text = pypdf_text(internal_summary).replace("\n", " ")
    assert f" {NAMES[script]} " in text


def _outline(font: TTFont, glyph: str) -> tuple | None:
    """What a glyph draws (its flattened outline and advance width); None for a blank glyph.

    Blank glyphs are left out of the comparison: between Devanagari words the space is
    drawn by the Latin font, not shaped."""
    glyf = font["glyf"]
    coordinates, ends, _ = glyf[glyph].getCoordinates(glyf)
    if not coordinates:
        return None
    return (tuple(coordinates), tuple(ends), font["hmtx"][glyph][0])


def _drawn_outlines(pdf: Path, font_name: str) -> list[tuple]:
    """The glyphs drawn in the embedded subsets of `font_name`, in drawing order."""
    reader = PdfReader(pdf)
    drawn: list[tuple] = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        subsets = {}
        for key, ref in fonts.items():
            pdf_font = ref.get_object()
            if font_name in str(pdf_font["/BaseFont"]):
                program = pdf_font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
                subsets[key] = TTFont(io.BytesIO(program))
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = subsets.get(operands[0])
            elif current is not None and operator in (b"Tj", b"TJ"):
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                cmap = current["cmap"].getcmap(1, 0) or current["cmap"].getcmap(3, 0)
                for string in strings:
                    if isinstance(string, bytes | str) and not isinstance(string, float):
                        codes = string if isinstance(string, bytes) else string.encode("latin-1")
                        drawn += [_outline(current, cmap.cmap[code]) for code in codes]
    return [glyph for glyph in drawn if glyph is not None]


def _harfbuzz_outlines(text: str, file_name: str) -> tuple[list[tuple], list[tuple]]:
    """The glyphs HarfBuzz shapes `text` into, and those of its characters one by one."""
    path = resource("fonts", file_name)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(str(path)))), buf, {})
    font = TTFont(path)
    order = font.getGlyphOrder()
    shaped = [_outline(font, order[info.codepoint]) for info in buf.glyph_infos]
    nominal = [_outline(font, font.getBestCmap()[ord(c)]) for c in text]
    return [g for g in shaped if g is not None], [g for g in nominal if g is not None]


@pytest.mark.parametrize(
    ("script", "font"),
    [("Arabic", "NotoSansArabic-Regular"), ("Devanagari", "NotoSansDevanagari-Regular")],
)
def test_the_glyphs_drawn_are_harfbuzz_shaping(internal_summary: Path, script: str, font: str):
    expected, nominal = _harfbuzz_outlines(NAMES[script], f"{font}.ttf")
    assert expected != nominal  # shaping matters here: joined forms, conjuncts, reordering
    assert _drawn_outlines(internal_summary, font) == expected


def test_the_html_twin_marks_each_name_with_its_language(internal_summary: Path):
    page = internal_summary.with_suffix(".html").read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">فاطمة الزهراء</span>' in page
    assert '<span lang="he" dir="rtl">שרה לוי</span>' in page
    assert '<span lang="hi">प्रिया शर्मा</span>' in page
    assert '<span lang="ko">김민준</span>' in page
    assert "<title>Closing the data gaps" in page
