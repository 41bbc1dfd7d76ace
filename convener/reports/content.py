"""The assembled content of a report, before it becomes a PDF or an HTML page.

Both renderers read the same `ReportContent`, so the PDF and its accessible HTML twin cannot
disagree: what is decided (who appears, which findings, which counts) is decided once, here,
in plain data. All strings are still raw user text; each renderer escapes for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from convener.privacy import Audience


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = section, 2 = subsection


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    note: bool = False  # smaller type for explanations (e.g. how counts are rounded)


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # share of the text width per column, adding up to 1


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int  # the length drawn; a suppressed small count is drawn at the threshold
    shown: str  # what is printed beside the bar ("4", "fewer than 3")
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class BarChart:
    caption: str
    description: str  # the text alternative, printed under the chart and used in HTML
    label_header: str
    value_header: str
    bars: tuple[Bar, ...]


Block = Heading | Para | Bullets | Table | BarChart


@dataclass(slots=True)
class ReportContent:
    title: str
    subtitle: str
    subject: str
    audience: Audience
    title_lines: tuple[str, ...] = ()  # date, place, status: under the title on the first page
    banner: str | None = None  # printed on every page (internal reports)
    blocks: list[Block] = field(default_factory=list)
    disclosed: set[int] = field(default_factory=set)  # stakeholders the report shows

    author: str = "Office of the Independent Anti-Slavery Commissioner"
    language: str = "en-GB"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
