"""Table rows too tall for a page, cut into rows that fit.

reportlab splits a table between rows, never inside one: a row taller than the frame (a
recommendation of a few thousand characters, a 1,000-character name in a narrow column) ends
the build with a LayoutError and no report. Such a row is cut here, before the table is made,
into consecutive rows each at most `limit` points tall: every cell is split where its own
flowable splits (a paragraph between lines), the cells that have finished are left empty in
the continuation rows. Rows that fit are passed through untouched, so ordinary tables are laid
out exactly as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable


def split_tall_rows(
    rows: list[list[Any]], widths: list[float], limit: float, padding: tuple[float, float]
) -> list[list[Any]]:
    """`rows` with every row taller than `limit` cut into rows no taller than it.

    `padding` is the cell padding (horizontal, vertical) the table adds around each cell.
    """
    out: list[list[Any]] = []
    for row in rows:
        out += _cut(row, widths, limit, padding)
    return out


def _cut(
    row: list[Any], widths: list[float], limit: float, padding: tuple[float, float]
) -> list[list[Any]]:
    across, down = padding
    room = limit - down
    pieces: list[list[Any]] = []
    while True:
        heights = [_height(cell, w - across) for cell, w in zip(row, widths, strict=True)]
        if max(heights, default=0) <= room:
            return [*pieces, row]
        head: list[Any] = []
        tail: list[Any] = []
        for cell, width, height in zip(row, widths, heights, strict=True):
            if height <= room or not isinstance(cell, Flowable):
                head.append(cell)
                tail.append("")
                continue
            parts = cell.split(width - across, room)
            if len(parts) < 2:  # a flowable that cannot be cut is left for reportlab to judge
                return [*pieces, row]
            head.append(parts[0])
            tail.append(parts[1] if len(parts) == 2 else parts[1:])
        pieces.append(head)
        row = tail


def _height(cell: Any, width: float) -> float:
    if isinstance(cell, Flowable):
        return float(cell.wrap(width, 1e9)[1])
    if isinstance(cell, list):
        return sum(_height(part, width) for part in cell)
    return 0.0
