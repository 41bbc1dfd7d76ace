"""Reading written PDFs back the way a reader's tools do: poppler's pdftotext and pdffonts.

The report tests need poppler-utils (scripts/check installs them when run as root on Debian).
Missing tools fail the tests with a message saying what to install, never skip them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, (
        f"{name} is not installed: the report tests read PDFs back with poppler-utils "
        "(apt-get install poppler-utils, or run scripts/check as root)"
    )
    return found


def pdftotext(path: Path, *, raw: bool = False, bbox: bool = False) -> str:
    """The text as poppler reads it; `raw` keeps the order it was drawn in (cell by cell),
    `bbox` gives each word with its box on the page (as XHTML)."""
    options = [*(["-raw"] if raw else []), *(["-bbox"] if bbox else [])]
    done = subprocess.run(
        [_tool("pdftotext"), *options, "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    )
    return done.stdout.decode("utf-8")


def pdffonts(path: Path) -> list[dict[str, str]]:
    """One row per font: name, type, emb, sub, uni (the columns pdffonts prints)."""
    done = subprocess.run(
        [_tool("pdffonts"), str(path)], check=True, capture_output=True, text=True
    )
    lines = done.stdout.splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:]
    # Columns are fixed-width, set by the dashes of the rule line.
    spans = []
    start = 0
    for part in rule.split(" "):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    names = [header[a:b].strip() for a, b in spans]
    return [{n: row[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)} for row in rows]


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def page_texts(path: Path) -> list[str]:
    return pdftotext(path).split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without any whitespace: line wrapping must not count as a changed character."""
    return "".join(text.split())
