"""Complex scripts shaped with HarfBuzz, for the text pipeline (reports/text.py) only.

Arabic letters join and take contextual forms, Devanagari and Bengali consonants form
conjuncts and vowel signs move before the consonant, Thai and Tamil marks are positioned on
their base: none of this is in the characters, only in the font's OpenType tables, which
HarfBuzz reads. A run of such text is shaped here into the glyphs to draw, in the order to
draw them (for Arabic and Hebrew, right to left, which is the Unicode bidirectional
algorithm's visual order for a right-to-left run inside left-to-right text), and each glyph
becomes a private-use character of its font (fonts.ReportFont) whose width is the glyph's
advance as shaped and whose text in the PDF is the cluster of characters it came from.

Only runs in a shaped script's font come here, so Latin text costs nothing more. Vertical
mark offsets (marks stacked on marks) are not drawn: reportlab positions characters on one
baseline; horizontal offsets are kept by moving the advance of the glyph before.
"""

from __future__ import annotations

from functools import cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics

from convener.reports.fonts import ReportFont


@cache
def _hb_font(name: str) -> hb.Font:
    font = pdfmetrics.getFont(name)
    return hb.Font(hb.Face(hb.Blob(font.face._ttf_data)))


def shape(name: str, text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """HarfBuzz's glyphs for `text` in font `name`, in drawing order: ids, clusters (indexes
    into `text`), advances and horizontal offsets (font units). Script, direction and
    language are guessed from the text, with the font's default features."""
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in text])
    buf.guess_segment_properties()
    hb.shape(_hb_font(name), buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    return (
        [i.codepoint for i in infos],
        [i.cluster for i in infos],
        [p.x_advance for p in positions],
        [p.x_offset for p in positions],
    )


def shaped_text(name: str, text: str) -> str:
    """`text` as the private-use characters that draw its shaped glyphs in font `name`."""
    font: ReportFont = pdfmetrics.getFont(name)
    glyphs, clusters, advances, offsets = shape(name, text)
    chars = []
    for i, (glyph, piece) in enumerate(zip(glyphs, _pieces(text, clusters), strict=True)):
        # The glyph is drawn at its offset by widening the glyph before it (see the docstring).
        following = offsets[i + 1] if i + 1 < len(glyphs) else 0
        width = advances[i] - (offsets[i] if i else 0) + following
        chars.append(font.glyph_char(glyph, round(font.pdfScale(width)), piece))
    return "".join(chars)


def _pieces(text: str, clusters: list[int]) -> list[str]:
    """The characters each glyph stands for in the PDF's text layer, so that the glyphs of a
    cluster, in the order drawn, give back its characters in their stored order.

    One character per glyph, the last glyph of a cluster taking the rest: a glyph that stands
    for nothing leaves a gap that pdftotext reads as a space. A cluster with more glyphs than
    characters (a Bengali or Tamil two-part vowel sign) cannot avoid one.
    """
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    members: dict[int, list[int]] = {}
    for i, cluster in enumerate(clusters):
        members.setdefault(cluster, []).append(i)
    pieces = [""] * len(clusters)
    for cluster, glyphs in members.items():
        chars = text[cluster : ends[cluster]]
        for n, i in enumerate(glyphs):
            last = n == len(glyphs) - 1
            pieces[i] = chars[n:] if last else chars[n : n + 1]
    return pieces
