"""Render assembled report content as a PDF with reportlab.

Every string of user text passes through `convener.reports.text` on its way into a flowable;
every style names one of the bundled fonts, so no base-14 font (Helvetica) is ever referenced.
Headings become bookmarks, each page carries its number, and an internal report carries its
banner on every page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle as RLTableStyle

from convener.privacy import Audience
from convener.reports.breaks import line_broken
from convener.reports.content import BarChart, Block, Bullets, Heading, Para, ReportContent, Table
from convener.reports.fonts import BOLD, REGULAR, report_fonts
from convener.reports.gather import SMALL_COUNT
from convener.reports.plain import plain_paragraph
from convener.reports.tall_rows import split_tall_rows
from convener.reports.text import (
    empty_table_text,
    markup_lines,
    plain_lines,
    printable,
    to_markup,
)

# Near-black text and a dark blue for headings: both well above WCAG AA contrast on white.
INK = colors.HexColor("#1b1b1b")
ACCENT = colors.HexColor("#14395b")
RULE = colors.HexColor("#8a8f96")
SHADE = colors.HexColor("#eef1f4")
BAR = colors.HexColor("#1f5f8b")
BAR_SUPPRESSED = colors.HexColor("#c9d6e2")
BANNER = colors.HexColor("#9b1c1c")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# A table row taller than this is cut into several (a row cannot cross a page): half the body
# frame, so the repeated header row and the caption always fit beside it.
TALL_ROW = (PAGE_HEIGHT - 2 * MARGIN - 10 * mm) / 2
_CELL_PADDING = (5 + 5, 4 + 4)  # left + right, top + bottom, as in _table_style


@cache  # made once per process and only read, like the fonts they name
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=10.5,
        leading=15,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=6,
        bulletFontName=REGULAR,
        splitLongWords=True,
    )
    return {
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=13, textColor=INK),
        "bullet": ParagraphStyle(
            "bullet",
            parent=base,
            leftIndent=16,
            bulletIndent=3,
            bulletFontName=REGULAR,
            spaceAfter=5,
            allowWidows=0,  # a finding's source line never goes to the next page alone
        ),
        "banner": ParagraphStyle(
            "banner", parent=base, fontName=BOLD, fontSize=15, leading=20, textColor=BANNER
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=9, leading=13, textColor=INK, keepWithNext=True
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13, spaceAfter=0),
        "head_cell": ParagraphStyle(
            "head_cell", parent=base, fontName=BOLD, fontSize=9.5, leading=13, spaceAfter=0
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=BOLD,
            fontSize=24,
            leading=30,
            textColor=ACCENT,
            spaceBefore=60,
            spaceAfter=14,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=15, leading=20, textColor=ACCENT, spaceAfter=24
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=BOLD,
            fontSize=16,
            leading=21,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=8,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=12.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=True,
        ),
    }


class _HeadingParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that also becomes a bookmark in the PDF's outline."""

    def __init__(self, text: str, style: ParagraphStyle, outline: str, level: int) -> None:
        super().__init__(to_markup(text, bold=True, where=f"heading “{outline}”"), style)
        self.outline = printable(outline, bold=True)
        self.level = level


class _ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, path: Path, report: ReportContent) -> None:
        super().__init__(
            str(path),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN + 6 * mm,  # room for the footer and, internally, the banner
            title=printable(report.title, where="report title"),
            author=report.author,
            subject=printable(report.subject, where="report subject"),
            creator="Convener",
            lang=report.language,
            displayDocTitle=True,
            initialFontName=REGULAR,
            initialFontSize=10,
            initialLeading=12,
        )
        self._report = report
        self._headings = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, 9)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, f"Page {doc.page}")
        canvas.drawString(MARGIN, 12 * mm, "Convener · " + self._report.subtitle)
        if self._report.banner:
            canvas.setFillColor(BANNER)
            canvas.setFont(BOLD, 10)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 13 * mm, self._report.banner)
            canvas.drawCentredString(PAGE_WIDTH / 2, 17 * mm, self._report.banner)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _HeadingParagraph):
            self._headings += 1
            key = f"h{self._headings}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline, key, level=flowable.level, closed=False)


def _paragraph(text: str, style: ParagraphStyle, where: str, bullet: str | None = None) -> Flowable:
    bold = style.fontName == BOLD  # the glyph check is against the font the style prints in
    plain = plain_lines(text, bold=bold, where=where)
    if plain is not None and all(line.strip() for line in plain):
        if len(plain) == 1:
            return plain_paragraph(plain[0], style, bullet)
        return line_broken(plain, style, bullet, markup=False)
    lines = markup_lines(text, bold=bold, where=where)
    if len(lines) > 1 and all(line.strip() for line in lines):
        return line_broken(lines, style, bullet)
    # One line, or blank lines kept by <br/> (a paragraph of no text would have no height).
    return Paragraph("<br/>".join(lines), style, bulletText=bullet)


def _bullets(block: Bullets, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    # One paragraph per item rather than a ListFlowable: a long list then splits across
    # pages without being laid out again at every page break.
    return [_paragraph(item, styles["bullet"], "a list item", "•") for item in block.items]


def _table_style(header_rows: int = 1) -> RLTableStyle:
    return RLTableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), BOLD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, header_rows - 1), 1, ACCENT),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
            ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, SHADE]),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
    )


def _table(block: Table, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    where = f"table “{block.caption}”"
    if not block.rows:  # headers alone say nothing
        return [_paragraph(empty_table_text(block.caption), styles["body"], where)]
    header = [_paragraph(h, styles["head_cell"], where) for h in block.headers]
    rows = [[_paragraph(cell, styles["cell"], where) for cell in row] for row in block.rows]
    widths = [TEXT_WIDTH * share for share in block.widths]
    table = RLTable(
        [header, *split_tall_rows(rows, widths, TALL_ROW, _CELL_PADDING)],
        colWidths=widths,
        repeatRows=1,
        style=_table_style(),
        hAlign="LEFT",
    )
    return [_paragraph(block.caption, styles["caption"], where), table, Spacer(1, 8)]


def _bar(width: float, length: float, suppressed: bool) -> Drawing:
    drawing = Drawing(width, 11)
    # The renderer sets the drawing's initial font even when nothing is written; without this
    # it would be Helvetica, referenced and not embedded.
    drawing.initialFontName = REGULAR
    if suppressed:
        drawing.add(
            Rect(
                0,
                1,
                length,
                9,
                fillColor=BAR_SUPPRESSED,
                strokeColor=BAR,
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
    else:
        drawing.add(Rect(0, 1, length, 9, fillColor=BAR, strokeColor=None))
    return drawing


def _chart(block: BarChart, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A horizontal bar chart laid out as a table: wrapped labels, one drawn bar per row."""
    where = f"chart “{block.caption}”"
    if not block.bars:  # no table of headers alone: the caption and what it says
        return [
            _paragraph(block.caption, styles["h2"], where),
            _paragraph(block.description, styles["note"], where),
        ]
    label_w, value_w = TEXT_WIDTH * 0.36, TEXT_WIDTH * 0.18
    bar_w = TEXT_WIDTH - label_w - value_w
    # A floor under the scale, so that a handful of participants does not fill the width.
    most = max([bar.value for bar in block.bars] + [2 * SMALL_COUNT])
    rows: list[list[Any]] = [
        [
            _paragraph(block.label_header, styles["head_cell"], where),
            "",
            _paragraph(block.value_header, styles["head_cell"], where),
        ]
    ]
    for bar in block.bars:
        length = (bar_w - 12) * bar.value / most
        rows.append(
            [
                _paragraph(bar.label, styles["cell"], where),
                _bar(bar_w - 10, length, bar.suppressed),
                _paragraph(bar.shown, styles["cell"], where),
            ]
        )
    table = RLTable(
        rows, colWidths=[label_w, bar_w, value_w], style=_table_style(), hAlign="LEFT", repeatRows=1
    )
    table.setStyle(RLTableStyle([("VALIGN", (1, 1), (1, -1), "MIDDLE")]))
    return [
        _paragraph(block.caption, styles["h2"], where),
        table,
        Spacer(1, 4),
        _paragraph(block.description, styles["note"], where),
    ]


def _flowables(block: Block, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    match block:
        case Heading(text=text, level=level):
            style = styles["h1"] if level == 1 else styles["h2"]
            return [_HeadingParagraph(text, style, text, level)]
        case Para(text=text, note=note):
            return [_paragraph(text, styles["note" if note else "body"], "a paragraph")]
        case Bullets():
            return [*_bullets(block, styles), Spacer(1, 4)]
        case Table():
            return _table(block, styles)
        case BarChart():
            return [KeepTogether(_chart(block, styles))]
    raise TypeError(f"unknown block {block!r}")


def _imprint(report: ReportContent) -> list[tuple[str, str]]:
    """Who the report is from, and its HTML twin: an internal report is not published."""
    if report.audience is Audience.INTERNAL:
        return [
            (f"Prepared by the {report.author} for its own use.", "body"),
            (
                "An accessible HTML version of this report, with the same content, is saved "
                "alongside this PDF.",
                "note",
            ),
        ]
    return [
        (f"Published by the {report.author}.", "body"),
        (
            "An accessible HTML version of this report, with the same content, is published "
            "alongside this PDF.",
            "note",
        ),
    ]


def story(report: ReportContent) -> list[Flowable]:
    """The flowables of a report: the title page, then every block in order."""
    styles = _styles()
    flowables: list[Flowable] = [
        _HeadingParagraph(report.title, styles["title"], report.title, 0),
        _paragraph(report.subtitle, styles["subtitle"], "the subtitle"),
    ]
    flowables.append(HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceAfter=12))
    flowables += [_paragraph(line, styles["body"], "the title page") for line in report.title_lines]
    if report.banner:
        flowables.append(Spacer(1, 24))
        flowables.append(Paragraph(to_markup(report.banner, bold=True), styles["banner"]))
    flowables += [
        Spacer(1, 48),
        *(_paragraph(line, styles[style], "the title page") for line, style in _imprint(report)),
        PageBreak(),
    ]
    for block in report.blocks:
        flowables += _flowables(block, styles)
    return flowables


def render_pdf(report: ReportContent, path: Path) -> None:
    report_fonts()
    doc = _ReportDocument(path, report)
    doc.build(story(report))
