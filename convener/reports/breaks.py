"""Paragraphs with hard line breaks, laid out as fast as paragraphs without them.

A finding in a report is its text and, on a line of its own, where it came from. One reportlab
`Paragraph` with `<br/>` draws that, but any paragraph of more than one text fragment takes
reportlab's general line-breaking path, about five times slower than its path for one run of
text; in the consolidated report of 200 roundtables that was 40% of the time. `LineBroken`
draws each line group as a paragraph of its own, stacked with no space between, which puts
every line where the single paragraph puts it, and it splits at the end of a page by the
paragraph's own rule for the whole: no first line left alone and, as the style says, a last
line alone on the next page allowed or not (the report's list items do not allow it, so a
finding's source line never starts a page by itself).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from convener.reports.plain import plain_paragraph


class LineBroken(Flowable):  # type: ignore[misc]
    """Line groups, each a paragraph, drawn and split as the one paragraph they make up."""

    def __init__(self, groups: list[Paragraph], style: ParagraphStyle) -> None:
        super().__init__()
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._groups = groups

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = sum(group.wrap(avail_width, avail_height)[1] for group in self._groups)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        room = int(avail_height / self.style.leading)
        if room <= 1:  # a lone first line, or no room at all: the whole goes on
            return []
        total = sum(_lines(group) for group in self._groups)
        if not self.style.allowWidows and total == room + 1:
            # The last line (a finding's source) would go on alone: reportlab's own rule
            # gives it a line of company, or moves the whole when that would orphan the first.
            if total <= 3:
                return []
            room -= 1
        first: list[Paragraph] = []
        rest = list(self._groups)
        while rest and _lines(rest[0]) <= room:
            room -= _lines(rest[0])
            first.append(rest.pop(0))
        if not rest:
            return [self]
        if room:
            # A height between `room` and `room + 1` lines, so that rounding cannot lose one.
            top, bottom = rest.pop(0).split(avail_width, (room + 0.5) * self.style.leading)
            first.append(top)
            rest.insert(0, bottom)
        return [LineBroken(first, self.style), LineBroken(rest, self.style)]

    def draw(self) -> None:
        y = self.height
        for group in self._groups:
            y -= group.height
            group.drawOn(self.canv, 0, y)


@lru_cache(maxsize=32)
def _line_style(style: ParagraphStyle) -> ParagraphStyle:
    """The style of each line group, made once per report style rather than per finding.

    A later group may start with one line at the bottom of a page: the rule against a lone
    first line is the whole paragraph's, applied in LineBroken.split.
    """
    return ParagraphStyle(
        f"{style.name} line",
        parent=style,
        spaceBefore=0,
        spaceAfter=0,
        allowOrphans=1,
        allowWidows=1,
    )


def _lines(group: Paragraph) -> int:
    return len(group.blPara.lines)


def line_broken(
    lines: list[str], style: ParagraphStyle, bullet: str | None = None, *, markup: bool = True
) -> LineBroken:
    """One paragraph of `lines` (none blank) in `style`: markup without `<br/>`, or with
    `markup=False` plain text in the style's font (reports/plain.py)."""
    if style.allowOrphans:
        raise ValueError("only the paragraph rules of the report styles are followed here")
    inner = _line_style(style)
    groups = [
        Paragraph(line, inner, bulletText=bullet if i == 0 else None)
        if markup
        else plain_paragraph(line, inner, bullet if i == 0 else None)
        for i, line in enumerate(lines)
    ]
    return LineBroken(groups, style)
