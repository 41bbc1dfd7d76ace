"""Paragraphs of plain text, made without reportlab's markup parser.

Almost everything a report prints is user text in one font with no markup at all. reportlab's
`Paragraph` runs every text through an HTML parser to find its fragments (about 30 µs for a
table cell: most of the time it takes to build a long report's story), and an escaped
character (`&amp;` for the "&" in "AT&T") splits the text into several fragments, which sends
the paragraph down reportlab's general line-breaking path, five times slower than its path for
one fragment. A paragraph handed its one fragment skips both. The fragment is the one the
parser makes for the style, copied with the line's own text: the way reportlab itself makes
the two halves of a paragraph split across pages.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag


@lru_cache(maxsize=64)
def _fragment(style: ParagraphStyle) -> ParaFrag:
    """The fragment reportlab's parser makes for a word of plain text in `style`."""
    (fragment,) = Paragraph("x", style).frags
    return fragment


def plain_paragraph(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of `text` (one line, no markup, every character in the style's font)."""
    return Paragraph(text, style, bulletText=bullet, frags=[_fragment(style).clone(text=text)])
