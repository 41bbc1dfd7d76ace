"""Hostile spreadsheets, built by the test as tiny zip files, each refused or read within the
budget documented in convener.importing.sources (BOMB_SECONDS, BOMB_PEAK_MB).

Each bomb runs in a process of its own, so its wall-clock time and peak memory (the whole
process's maximum resident set, C allocations included) are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from convener.importing.sources import (
    BOMB_PEAK_MB,
    BOMB_SECONDS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_ROWS,
    ImportFileError,
    open_source,
)
from tests.conftest import REPO_ROOT
from tests.convener.xlsx_bombs import HEADER, person, workbook

_MEASURE = """
import json, sys, time
from pathlib import Path
from convener.importing.sources import open_source
started = time.perf_counter()
try:
    source = open_source(Path(sys.argv[1]))
    outcome = {"rows": sum(1 for _ in source.rows())}
except Exception as exc:
    outcome = {"error": f"{type(exc).__name__}: {exc}"}
outcome["seconds"] = time.perf_counter() - started
# VmHWM: this process's peak resident memory since exec (ru_maxrss would carry the parent's).
status = Path("/proc/self/status").read_text()
peak_kb = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
outcome["peak_mb"] = peak_kb / 1024
print(json.dumps(outcome))
"""


def measured(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=True,
    )  # fmt: skip
    outcome: dict[str, object] = json.loads(done.stdout)
    assert float(str(outcome["seconds"])) < BOMB_SECONDS, outcome
    assert float(str(outcome["peak_mb"])) < BOMB_PEAK_MB, outcome
    return outcome


def test_a_declared_dimension_of_the_whole_sheet_is_ignored(tmp_path: Path) -> None:
    rows = [HEADER, *(person(r) for r in range(2, 502))]
    bomb = workbook(tmp_path / "dimension.xlsx", rows, dimension="A1:XFD1048576")
    assert bomb.stat().st_size < 10_000
    # Every person is read, each row only as wide as its cells: the claim costs nothing.
    assert measured(bomb)["rows"] == 500


def test_a_shared_string_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    huge = "N" * (MAX_SHARED_STRINGS_BYTES + 1_000_000)
    bomb = workbook(tmp_path / "strings.xlsx", [HEADER], shared=("Name", "Email", huge))
    assert bomb.stat().st_size < 100_000
    outcome = measured(bomb)
    assert "holds 34.6 MB of text in its shared-string table; at most 33.6 MB" in str(
        outcome["error"]
    )


def test_a_cell_larger_than_csv_allows_is_refused(tmp_path: Path) -> None:
    row = '<row r="2"><c r="A2" t="s"><v>2</v></c></row>'
    bomb = workbook(tmp_path / "cell.xlsx", [HEADER, row], shared=("Name", "Email", "N" * 200_000))
    outcome = measured(bomb)
    assert "row 2: the cell in column 1 has 200,000 characters; at most 131,072" in str(
        outcome["error"]
    )


def test_a_cell_at_the_last_column_on_every_row_is_refused(tmp_path: Path) -> None:
    far = (f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(2, 50_000))
    outcome = measured(workbook(tmp_path / "far.xlsx", [HEADER, *far]))
    assert "row 2: the row has cells beyond column 500" in str(outcome["error"])


def test_a_row_a_billion_rows_down_stops_at_excels_limit(tmp_path: Path) -> None:
    bomb = workbook(tmp_path / "gap.xlsx", [HEADER, person(2), person(900_000_000)])
    outcome = measured(bomb)
    assert f"more than {MAX_SHEET_ROWS:,} rows, blank or not" in str(outcome["error"])


@pytest.mark.parametrize(
    ("at", "message"),
    [(10, "it contains binary data"), (5_000, "contains a NUL character \\(byte 5,001\\)")],
)
def test_a_nul_anywhere_in_a_csv_is_refused(tmp_path: Path, at: int, message: str) -> None:
    body = "Name,Email\n" + "".join(f"Person {i},p{i}@example.org\n" for i in range(400))
    data = body.encode()
    path = tmp_path / "nul.csv"
    path.write_bytes(data[:at] + b"\x00" + data[at:])
    with pytest.raises(ImportFileError, match=message):
        open_source(path)


def test_workbook_cells_have_the_csv_cell_cap() -> None:
    import csv

    from convener.importing.sources import MAX_CELL_CHARS

    assert csv.field_size_limit() == MAX_CELL_CHARS
