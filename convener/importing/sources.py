"""Reading a contacts file as a header and a stream of rows: CSV in three encodings, or XLSX.

Nothing here guesses silently. The encoding is UTF-8 when the bytes are valid UTF-8 (with or
without Excel's byte-order mark) and Windows-1252 otherwise, which is what Excel writes for
"CSV (Comma delimited)"; a file that is neither is refused. CSV is parsed strictly: an
unterminated quote, a stray quote inside a field or a duplicated column name is an error with
the row number, never a half-read row.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first person row 2.
Files are read twice (once to check and count, once to import) and never held in memory.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from convener.errors import ConvenerError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 250_000
MAX_COLUMNS = 500

_UTF8_BOM = codecs.BOM_UTF8
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20


class ImportFileError(ConvenerError):
    """The file cannot be read as a contacts table; `row` is where, when known."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(f"row {row}: {message}" if row is not None else message)
        self.row = row
        self.reason = message


@dataclass(frozen=True, slots=True)
class Source:
    """A checked contacts file: what it is, its columns, and how many person rows it has."""

    path: Path
    kind: str  # "CSV" or "Excel workbook"
    encoding: str | None  # for CSV: "UTF-8", "UTF-8 with BOM" or "Windows-1252"
    delimiter: str
    headers: tuple[str, ...]
    row_count: int

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells padded to the header's width) for every non-blank row."""
        if self.kind == XLSX:
            yield from _xlsx_rows(self.path, len(self.headers))
        else:
            yield from _csv_rows(
                self.path, _CODECS[self.encoding or ""], self.delimiter, len(self.headers)
            )


CSV = "CSV"
XLSX = "Excel workbook"
_CODECS = {"UTF-8": "utf-8", "UTF-8 with BOM": "utf-8-sig", "Windows-1252": "cp1252"}


def open_source(path: Path) -> Source:
    """Check `path` and describe it; raises ImportFileError with what to do about a problem."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ImportFileError(f"there is no file at {path}") from exc
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror}") from exc
    if not path.is_file():
        raise ImportFileError(f"{path} is not a file")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name} is {_size(size)}; Convener imports files up to "
            f"{_size(MAX_FILE_BYTES)}. Split it into smaller files."
        )
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            f"{path.name} is an old-style Excel file; save it as .xlsx or as CSV UTF-8 first"
        )
    head = _read_head(path)
    if suffix in (".xlsx", ".xlsm") or head.startswith(_ZIP_MAGIC):
        return _xlsx_source(path)
    return _csv_source(path, head)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} KB"


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror}") from exc


# -- CSV ----------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """ "UTF-8 with BOM", "UTF-8" or "Windows-1252", checked over the whole file in chunks."""
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if _decodes(handle, "utf-8"):
            return "UTF-8 with BOM" if head.startswith(_UTF8_BOM) else "UTF-8"
        handle.seek(0)
        if _decodes(handle, "cp1252"):
            return "Windows-1252"
    raise ImportFileError(
        f"{path.name} is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8' and retry"
    )


def _decodes(handle: IO[bytes], encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        while chunk := handle.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_delimiter(first_line: str) -> str:
    """Comma unless the header clearly uses semicolons or tabs (Excel in some locales)."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _csv_source(path: Path, head: bytes) -> Source:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            f"{path.name} is UTF-16 text; save it from Excel as 'CSV UTF-8' and import that"
        )
    if b"\x00" in head:
        raise ImportFileError(f"{path.name} is not a text file (it contains binary data)")
    encoding = detect_encoding(path)
    first_line = head.decode(_CODECS[encoding], errors="replace").lstrip("\ufeff")
    delimiter = _sniff_delimiter(first_line.splitlines()[0] if first_line else "")
    with path.open(encoding=_CODECS[encoding], newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            header_cells = next(reader, None)
        except csv.Error as exc:
            raise ImportFileError(_csv_problem(exc), 1) from exc
        if header_cells is None:
            raise ImportFileError(f"{path.name} is empty")
        headers = _check_headers(header_cells)
        count = 0
        for _row, _cells in _records(reader, len(headers)):
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    f"{path.name} has more than {MAX_ROWS:,} rows; split it into smaller files"
                )
    return Source(path, CSV, encoding, delimiter, headers, count)


def _csv_rows(
    path: Path, codec: str, delimiter: str, width: int
) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding=codec, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        next(reader, None)
        yield from _records(reader, width)


def _records(reader: Iterator[list[str]], width: int) -> Iterator[tuple[int, list[str]]]:
    row = 1
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(_csv_problem(exc), row) from exc
        if not any(cell.strip() for cell in cells):
            continue
        yield row, _fit(cells, width, row)


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return 'a quoted cell is never closed (a " without its partner); fix the quotes'
    if "expected after" in text:
        return f"a quote in the middle of a cell is not allowed in CSV ({text})"
    if "field larger than field limit" in text:
        return f"a cell is too long ({text})"
    if "NUL" in text:
        return "the row contains a NUL character; the file is damaged or not text"
    return f"the row is not valid CSV ({text})"


def _fit(cells: list[str], width: int, row: int) -> list[str]:
    if len(cells) > width:
        if any(cell.strip() for cell in cells[width:]):
            raise ImportFileError(
                f"the row has {len(cells)} cells but the header has only {width} columns", row
            )
        return cells[:width]
    return cells + [""] * (width - len(cells))


def _check_headers(cells: list[str]) -> tuple[str, ...]:
    if len(cells) > MAX_COLUMNS:
        raise ImportFileError(f"the header has {len(cells)} columns; at most {MAX_COLUMNS}", 1)
    headers = [
        cell.strip().lstrip("\ufeff").strip() or f"Column {i + 1}" for i, cell in enumerate(cells)
    ]
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header.casefold()
        if key in seen:
            raise ImportFileError(
                f"the column '{header}' appears twice (columns {seen[key] + 1} and "
                f"{index + 1}); rename one of them",
                1,
            )
        seen[key] = index
    if all(h.startswith("Column ") for h in headers):
        raise ImportFileError("the first row must name the columns (Name, Email, ...)", 1)
    return tuple(headers)


# -- XLSX ---------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    # A workbook is untrusted input: whatever openpyxl or zipfile cannot make sense of is a
    # file the user has to fix, not a crash. Its warnings are about styles, which we ignore.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(f"{path.name} is not a readable Excel workbook ({exc})") from exc


def _sheet_rows(path: Path) -> Iterator[list[str]]:
    workbook = _open_workbook(path)
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        rows = sheet.iter_rows(values_only=True)
        while True:
            # Warnings are silenced around each read only, never while the caller runs.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                values = next(rows, None)
            if values is None:
                return
            yield [_cell_text(v) for v in values]
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(f"{path.name} cannot be read as a workbook ({exc})") from exc
    finally:
        workbook.close()


def _xlsx_source(path: Path) -> Source:
    rows = _sheet_rows(path)
    first = next(rows, None)
    if first is None:
        raise ImportFileError(f"{path.name} has no rows in its first sheet")
    while first and not first[-1].strip():
        first.pop()  # openpyxl reports the sheet's used width, often past the last header
    headers = _check_headers(first)
    count = 0
    row = 1
    for cells in rows:
        row += 1
        if any(c.strip() for c in cells):
            _fit(cells, len(headers), row)
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    f"{path.name} has more than {MAX_ROWS:,} rows; split it into smaller files"
                )
    return Source(path, XLSX, None, ",", headers, count)


def _xlsx_rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    rows = _sheet_rows(path)
    next(rows, None)
    for row, cells in enumerate(rows, start=2):
        if any(c.strip() for c in cells):
            yield row, _fit(cells, width, row)
