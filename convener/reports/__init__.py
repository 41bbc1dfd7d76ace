"""Findings reports: public and internal summaries of a roundtable, and thematic reports.

Assembly (`roundtable_report`, `theme_report`) decides what a report says, through the
disclosure policy; `pdf` and `html` render that same content; `text` is the one pipeline user
text takes into the PDF and `fonts` the one font setup.
"""

from convener.reports.text import UnprintableCharacterError
from convener.reports.write import WrittenReport, html_twin, write_report, write_theme_report

__all__ = [
    "UnprintableCharacterError",
    "WrittenReport",
    "html_twin",
    "write_report",
    "write_theme_report",
]
