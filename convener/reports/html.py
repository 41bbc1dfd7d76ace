"""The accessible HTML twin of a report, rendered from the same content as the PDF.

reportlab cannot tag a PDF for screen readers, so every report is also written as a plain,
semantic HTML page: real headings, lists, tables with header cells and scopes, and the chart's
data as a table. Text goes through the same normalisation and glyph check as the PDF (so the
two cannot disagree), then through `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from convener.reports.content import BarChart, Block, Bullets, Heading, Para, ReportContent, Table
from convener.reports.text import printable

_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1b1b1b; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1, h2, h3 { color: #14395b; }
.banner { color: #9b1c1c; font-weight: bold; border: 2px solid #9b1c1c; padding: .5rem; }
.note { font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid #8a8f96; }
thead th { border-bottom: 2px solid #14395b; }
caption { text-align: left; font-size: .9rem; padding-bottom: .3rem; }
.text { white-space: pre-line; }
"""


def _t(text: str) -> str:
    """User text for HTML: the PDF pipeline's normalisation, then escaped; newlines kept."""
    return html.escape(printable(text)).replace("\n", "<br>")


def _table(caption: str, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    head = "".join(f'<th scope="col">{_t(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{_t(row[0])}</th>'
        + "".join(f"<td>{_t(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{_t(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"<h{level + 1}>{_t(text)}</h{level + 1}>"
        case Para(text=text, note=note):
            return f'<p class="note">{_t(text)}</p>' if note else f"<p>{_t(text)}</p>"
        case Bullets(items=items):
            return "<ul>" + "".join(f"<li>{_t(item)}</li>" for item in items) + "</ul>"
        case Table(caption=caption, headers=headers, rows=rows):
            return _table(caption, headers, rows)
        case BarChart():
            rows = tuple((bar.label, bar.shown) for bar in block.bars)
            return (
                f"<figure><figcaption>{_t(block.caption)}. {_t(block.description)}"
                "</figcaption>"
                + _table(block.caption, (block.label_header, block.value_header), rows)
                + "</figure>"
            )
    raise TypeError(f"unknown block {block!r}")


def _parts(report: ReportContent) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield f'<html lang="{html.escape(report.language)}">'
    yield '<head><meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f"<title>{_t(report.title)} — {_t(report.subtitle)}</title>"
    yield f'<meta name="author" content="{html.escape(report.author)}">'
    yield f'<meta name="description" content="{_t(report.subject)}">'
    yield f"<style>{_CSS}</style></head><body>"
    if report.banner:
        yield f'<p class="banner" role="note">{_t(report.banner)}</p>'
    yield f"<header><h1>{_t(report.title)}</h1><p>{_t(report.subtitle)}</p>"
    yield "".join(f"<p>{_t(line)}</p>" for line in report.title_lines)
    yield "</header><main>"
    yield from (_block(block) for block in report.blocks)
    yield "</main></body></html>"


def render_html(report: ReportContent) -> str:
    return "\n".join(_parts(report)) + "\n"
