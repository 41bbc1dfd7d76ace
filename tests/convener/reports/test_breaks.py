"""Line-broken paragraphs against reportlab's own paragraph with <br/>: same lines, same splits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from convener.reports.breaks import LineBroken, line_broken
from convener.reports.fonts import REGULAR, report_fonts
from tests.convener.reports.readback import pdftotext

WIDTH = 300
LINES = [
    "Practitioners described how local authorities lack a single point of contact for "
    "modern slavery &amp; exploitation. This should be co-produced with lived experience "
    "experts, and reviewed after a year.",
    "(Business and investors on research methods with lived experience experts, 24 January)",
    "A third line",
]


@pytest.fixture(params=[1, 0], ids=["widows allowed", "no widows"])
def style(request: pytest.FixtureRequest) -> ParagraphStyle:
    report_fonts()
    return ParagraphStyle(
        "item",
        fontName=REGULAR,
        fontSize=10.5,
        leading=15,
        leftIndent=16,
        spaceAfter=5,
        allowWidows=request.param,
    )


def _ours(style: ParagraphStyle) -> LineBroken:
    return line_broken(LINES, style, "•")


def _theirs(style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(LINES), style, bulletText="•")


def _drawn(flowable: Flowable, folder: Path) -> Path:
    """A PDF of the flowable alone, in a frame of the width the tests lay it out in."""
    out = folder / "drawn.pdf"
    # A frame has 6 points of padding on each side.
    page = (WIDTH + 12, 1000)
    SimpleDocTemplate(
        str(out), pagesize=page, leftMargin=0, rightMargin=0, initialFontName=REGULAR
    ).build([flowable])
    return out


def _text(piece: Flowable, folder: Path) -> str:
    """What a reader gets from a piece drawn alone, without the spaces between words."""
    return "".join(pdftotext(_drawn(piece, folder)).split())


def test_same_height(style: ParagraphStyle):
    ours, theirs = _ours(style), _theirs(style)
    assert ours.wrap(WIDTH, 1000) == theirs.wrap(WIDTH, 1000)
    assert ours.height == 7 * style.leading  # the sample wraps to 4 + 2 + 1 lines


@pytest.mark.parametrize("room", range(9))
def test_splits_where_the_paragraph_splits(style: ParagraphStyle, room: int, tmp_path: Path):
    height = room * style.leading + 3
    ours, theirs = _ours(style), _theirs(style)
    ours.wrap(WIDTH, height)
    theirs.wrap(WIDTH, height)
    our_pieces, their_pieces = ours.split(WIDTH, height), theirs.split(WIDTH, height)
    assert [_text(p, tmp_path) for p in our_pieces] == [_text(p, tmp_path) for p in their_pieces]
    heights = [
        (p.wrap(WIDTH, 1000)[1], q.wrap(WIDTH, 1000)[1])
        for p, q in zip(our_pieces, their_pieces, strict=True)
    ]
    # Where the split falls: with no widows allowed, one line earlier than the room there is
    # when only the last of the seven lines would go on.
    split_at = room - 1 if not style.allowWidows and room == 6 else room
    for n, (our_height, their_height) in enumerate(heights):
        # reportlab starts the rest of a paragraph split just after a <br/> with an empty
        # line (a gap at the top of the next page); the line-broken paragraph does not.
        at_a_break = split_at in (4, 6) and n == 1
        assert their_height - our_height == (style.leading if at_a_break else 0)
    if not style.allowWidows and len(heights) == 2:
        # The last line (a finding's source) never goes on alone.
        assert heights[1][0] > style.leading


def test_lines_are_drawn_where_the_paragraph_draws_them(style: ParagraphStyle, tmp_path: Path):
    def positions(flowable: Flowable) -> list[str]:
        words = pdftotext(_drawn(flowable, tmp_path), bbox=True)
        return re.findall(r"<word [^>]*>[^<]*</word>", words)

    assert len(positions(_ours(style))) > 40
    assert positions(_ours(style)) == positions(_theirs(style))
