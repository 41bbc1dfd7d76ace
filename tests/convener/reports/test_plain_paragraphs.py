"""Plain paragraphs, made without reportlab's parser, against the parsed paragraph of the same
text: the same words in the same places, the same height, the same split across pages."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from convener.reports.fonts import BOLD, REGULAR, report_fonts
from convener.reports.plain import plain_paragraph
from tests.convener.reports.readback import pdftotext

WIDTH = 300
SAMPLE = (
    "Firms like AT&T <UK> said x<y & y>z;  two spaces, a\u00a0no-break space, "
    "and a word long enough to matter: Kinderschutzbeauftragtenstelle. " * 3
)


def _style(font: str = REGULAR) -> ParagraphStyle:
    report_fonts()
    return ParagraphStyle("item", fontName=font, fontSize=10.5, leading=15, leftIndent=16)


def _words(flowables: list[Flowable], folder: Path) -> list[str]:
    """Every word a reader gets from the flowables drawn one under another, with its box."""
    out = folder / "drawn.pdf"
    page = (WIDTH + 12, 2000)  # a frame has 6 points of padding on each side
    SimpleDocTemplate(
        str(out), pagesize=page, leftMargin=0, rightMargin=0, initialFontName=REGULAR
    ).build(flowables)
    return re.findall(r"<word [^>]*>[^<]*</word>", pdftotext(out, bbox=True))


@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_words_are_where_the_parsed_paragraph_puts_them(font: str, tmp_path: Path):
    style = _style(font)
    ours = plain_paragraph(SAMPLE, style, "•")
    theirs = Paragraph(escape(SAMPLE), style, bulletText="•")
    assert ours.wrap(WIDTH, 2000) == theirs.wrap(WIDTH, 2000)
    words = _words([ours], tmp_path)
    assert len(words) > 60
    assert words == _words([theirs], tmp_path)
    assert "AT&amp;T" in " ".join(words)  # pdftotext's own escaping of the "&" it read


@pytest.mark.parametrize("lines", range(1, 7))
def test_split_across_pages_as_the_parsed_paragraph_splits(lines: int, tmp_path: Path):
    style = _style()
    height = lines * style.leading + 3
    ours, theirs = plain_paragraph(SAMPLE, style), Paragraph(escape(SAMPLE), style)
    ours.wrap(WIDTH, height)
    theirs.wrap(WIDTH, height)
    our_parts, their_parts = ours.split(WIDTH, height), theirs.split(WIDTH, height)
    assert len(our_parts) == len(their_parts)
    if their_parts:  # one line is no room: the paragraph's rule moves it all to the next page
        assert _words(our_parts, tmp_path) == _words(their_parts, tmp_path)


@settings(max_examples=40, deadline=None)
@given(st.text(st.sampled_from("ab Zé&<>;'\"\u00a0.-"), min_size=1, max_size=120))
def test_any_plain_text_lays_out_as_parsed(text: str):
    style = _style()
    ours, theirs = plain_paragraph(text, style), Paragraph(escape(text), style)
    assert ours.wrap(WIDTH, 2000) == theirs.wrap(WIDTH, 2000)
    assert ours.getPlainText().split() == theirs.getPlainText().split()
