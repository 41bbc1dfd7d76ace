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
from convener.reports.gather import SMALL_COUNT
from convener.reports.text import empty_table_text, printable

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


# The language a script's text is read aloud in, where the text does not say: a screen reader
# needs one to pick a voice. Right-to-left scripts also get dir="rtl".
_SCRIPT_LANGUAGES = (
    ((0x0370, 0x03FF), "el", False),
    ((0x0400, 0x04FF), "ru", False),
    ((0x0590, 0x05FF), "he", True),
    ((0x0600, 0x06FF), "ar", True),
    ((0x0900, 0x097F), "hi", False),
    ((0x0980, 0x09FF), "bn", False),
    ((0x0A00, 0x0A7F), "pa", False),
    ((0x0B80, 0x0BFF), "ta", False),
    ((0x0E00, 0x0E7F), "th", False),
    ((0x1200, 0x139F), "am", False),
    ((0x3040, 0x30FF), "ja", False),
    ((0xAC00, 0xD7AF), "ko", False),
    ((0x4E00, 0x9FFF), "zh", False),
)


def _language(char: str) -> tuple[str, bool] | None:
    code = ord(char)
    for (low, high), language, rtl in _SCRIPT_LANGUAGES:
        if low <= code <= high:
            return language, rtl
    return None


def _plain(text: str) -> str:
    """User text for an attribute or the title, where no markup may go."""
    return html.escape(printable(text).replace("\n", " "))


def _t(text: str) -> str:
    """User text for HTML: the PDF pipeline's normalisation, then escaped; newlines kept.
    A run in another script is marked with its language (and direction)."""
    clean = printable(text)
    if clean.isascii():
        return html.escape(clean).replace("\n", "<br>")
    parts: list[str] = []
    run, current = "", None
    for char in clean:
        found = _language(char)
        # Spaces inside a run of one script stay in it (a two-word name is one span).
        if char == " " and current is not None:
            run += char
            continue
        if found != current:
            parts.append(_span(run, current))
            run, current = "", found
        run += char
    parts.append(_span(run, current))
    return "".join(parts).replace("\n", "<br>")


def _span(run: str, language: tuple[str, bool] | None) -> str:
    if language is None:
        return html.escape(run)
    trailing = len(run) - len(run.rstrip(" "))
    code, rtl = language
    direction = ' dir="rtl"' if rtl else ""
    body = html.escape(run.rstrip(" "))
    return f'<span lang="{code}"{direction}>{body}</span>' + " " * trailing


def _table(caption: str, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:  # a table of headers alone says nothing; say so in words (as the PDF does)
        return f"<p>{_t(empty_table_text(caption))}</p>"
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
            if not rows:
                return f"<h3>{_t(block.caption)}</h3><p>{_t(block.description)}</p>"
            # Here the chart is its table, so the caption describes the table, not bars.
            described = (
                f"{block.caption}: the table gives the {block.value_header.lower()} for each "
                f"{block.label_header.lower()}, largest first; counts below {SMALL_COUNT} are "
                f"shown as “fewer than {SMALL_COUNT}”."
            )
            return _table(described, (block.label_header, block.value_header), rows)
    raise TypeError(f"unknown block {block!r}")


def _parts(report: ReportContent) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield f'<html lang="{html.escape(report.language)}">'
    yield '<head><meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f"<title>{_plain(report.title)} — {_plain(report.subtitle)}</title>"
    yield f'<meta name="author" content="{html.escape(report.author)}">'
    yield f'<meta name="description" content="{_plain(report.subject)}">'
    yield f"<style>{_CSS}</style></head><body>"
    # Everything inside a landmark: the banner opens the page's header.
    yield "<header>"
    if report.banner:
        yield f'<p class="banner">{_t(report.banner)}</p>'
    yield f"<h1>{_t(report.title)}</h1><p>{_t(report.subtitle)}</p>"
    yield "".join(f"<p>{_t(line)}</p>" for line in report.title_lines)
    yield "</header><main>"
    yield from (_block(block) for block in report.blocks)
    yield "</main></body></html>"


def render_html(report: ReportContent) -> str:
    return "\n".join(_parts(report)) + "\n"
