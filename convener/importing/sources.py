"""Reading a contacts file as a header and a stream of rows: CSV in three encodings, or XLSX.

Nothing here guesses silently. The encoding is UTF-8 when the bytes are valid UTF-8 (with or
without Excel's byte-order mark) and Windows-1252 otherwise, which is what Excel writes for
"CSV (Comma delimited)"; a file that is neither is refused. CSV is parsed strictly: an
unterminated quote, a stray quote inside a field or a duplicated column name is an error with
the row number, never a half-read row.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first person row 2.
Files are read twice (once to check and count, once to import) and never held in memory.

A file is untrusted input, so every import is bounded whatever the file claims. Both kinds
share the caps below (rows, columns, characters in a cell); a CSV may not contain a NUL.
A workbook is a zip archive: its parts are checked before openpyxl reads them (at most
`MAX_UNPACKED_BYTES` unpacked, shared strings at most `MAX_SHARED_STRINGS_BYTES`, since
openpyxl holds the whole shared-string table in memory), its declared dimension is ignored
(rows are read until the data ends, each only as wide as its own cells), and at most
`MAX_SHEET_ROWS` rows are read, blank or not. The budget that follows, per import: the
hand-built bombs in tests/convener/test_import_bombs.py (an 8 KB file declaring
A1:XFD1048576, a shared-strings bomb, an oversized cell, a cell at column XFD on every row, a
billion-row gap) are each refused or read within `BOMB_SECONDS` seconds and `BOMB_PEAK_MB` MB
of peak resident memory for the whole process. A workbook at the caps themselves (32 MB of
shared strings held by openpyxl) may need a few hundred MB; the CSV route streams instead.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from convener.errors import ConvenerError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 250_000
MAX_COLUMNS = 500
# The csv module's own field limit (csv.field_size_limit(), left at its default), which
# refuses a longer CSV cell; applied to workbook cells too.
MAX_CELL_CHARS = 131_072
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit; blank rows count, so a gap cannot run on
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024
BOMB_SECONDS = 10  # measured 0.1-0.5 s each on a quiet machine; the rest is for a busy one
BOMB_PEAK_MB = 100  # the whole process: the interpreter and openpyxl alone are about 38

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
    read = 0
    try:
        while chunk := handle.read(_CHUNK):
            _refuse_nul(chunk, read)
            read += len(chunk)
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _refuse_nul(chunk: bytes, offset: int) -> None:
    """A NUL anywhere is damage (or a file that is not text), never part of a contact."""
    at = chunk.find(b"\x00")
    if at >= 0:
        raise ImportFileError(
            f"the file contains a NUL character (byte {offset + at + 1:,}); it is damaged or "
            "not text. Save it again from the program that made it"
        )


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


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose parts would unpack beyond the budget, before openpyxl opens it.

    zipfile stops reading a part at its declared size, so the declared sizes are a bound.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name} is not a readable Excel workbook ({exc})") from exc
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"{path.name} unpacks to {_size(unpacked)}; Convener reads workbooks up to "
            f"{_size(MAX_UNPACKED_BYTES)} unpacked. Save the sheet as CSV UTF-8 instead"
        )
    for part in parts:
        if (
            part.filename.lower().endswith("sharedstrings.xml")
            and part.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise ImportFileError(
                f"{path.name} holds {_size(part.file_size)} of text in its shared-string "
                f"table; at most {_size(MAX_SHARED_STRINGS_BYTES)}. Save the sheet as CSV "
                "UTF-8 instead"
            )


def _row_cells(values: tuple[object, ...], row: int) -> list[str]:
    """A sheet row's cells as text, refused past MAX_COLUMNS or MAX_CELL_CHARS."""
    if len(values) > MAX_COLUMNS:
        beyond = values[MAX_COLUMNS:]
        # Counting in C: a row whose one cell sits at column XFD is 16,384 values long.
        if beyond.count(None) != len(beyond):
            raise ImportFileError(f"the row has cells beyond column {MAX_COLUMNS}", row)
        values = values[:MAX_COLUMNS]
    cells = [_cell_text(v) for v in values]
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            raise ImportFileError(
                f"the cell in column {index + 1} has {len(cell):,} characters; at most "
                f"{MAX_CELL_CHARS:,}",
                row,
            )
        if "\x00" in cell:
            raise ImportFileError(f"the cell in column {index + 1} contains a NUL character", row)
    return cells


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
    _check_archive(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(f"{path.name} is not a readable Excel workbook ({exc})") from exc


def _sheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for the header row and every later row with any cell at all."""
    workbook = _open_workbook(path)
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        # The declared dimension is the file's claim, not its content: "A1:XFD1048576" in a
        # 1.5 KB file would pad every row to 16,384 cells and the sheet to a million rows.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        row = 0
        while batch := _next_rows(rows):
            if row + len(batch) > MAX_SHEET_ROWS:
                raise ImportFileError(
                    f"{path.name} has more than {MAX_SHEET_ROWS:,} rows, blank or not; "
                    "delete the empty rows or split it"
                )
            for values in batch:
                row += 1
                if values or row == 1:  # a gap in the sheet costs a counter, no more
                    yield row, _row_cells(values, row)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(f"{path.name} cannot be read as a workbook ({exc})") from exc
    finally:
        workbook.close()


def _next_rows(rows: Iterator[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The next rows of a sheet, a batch at a time: warnings are silenced around each read
    only, never while the caller runs, and entering catch_warnings once per row made a sheet
    of a million blank rows take a minute. A small batch: a row can be 16,384 values long."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(islice(rows, 64))


def _xlsx_source(path: Path) -> Source:
    rows = _sheet_rows(path)
    _, first = next(rows, (1, None))
    if first is None:
        raise ImportFileError(f"{path.name} has no rows in its first sheet")
    while first and not first[-1].strip():
        first.pop()  # openpyxl reports the sheet's used width, often past the last header
    headers = _check_headers(first)
    count = 0
    for row, cells in rows:
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
    for row, cells in rows:
        if any(c.strip() for c in cells):
            yield row, _fit(cells, width, row)
