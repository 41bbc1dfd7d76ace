"""Exporting the directory as CSV that Excel opens cleanly and cannot be tricked by.

Excel reads UTF-8 only when the file starts with a byte-order mark, so one is written. A cell
that starts with `=`, `+`, `-`, `@`, a tab or a line break would be taken as a formula (or
break the row) when opened, so it is prefixed with an apostrophe, which Excel shows as text;
the importer removes that apostrophe again, so an export re-imports unchanged.

The file is written beside its destination, flushed to disk and then renamed over it, so a
failure part-way leaves the previous file as it was. People are shown only as the disclosure
policy renders them for the chosen audience, and every person written is recorded in the
disclosure ledger.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from convener.errors import ConvenerError
from convener.privacy import Audience, render_person
from convener.safe_files import private_output
from convener.storage import Store
from convener.storage.errors import friendly_errors

EXPORT_KIND = "CSV export"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_CHUNK = 500

INTERNAL_COLUMNS = (
    "ID",
    "Name",
    "Organisation",
    "Email",
    "Phone",
    "Sector",
    "Jurisdiction",
    "Levers",
    "Themes",
)
PUBLIC_COLUMNS = ("Name", "Organisation", "Sector")


def safe_cell(value: object) -> str:
    """The cell as text, neutralised if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv_atomically(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    database: Path | None = None,
) -> None:
    """Write a UTF-8-with-BOM CSV to `path`, all or nothing, owner-only (`safe_files`).

    A failure while writing (from the disk, or from `rows` itself) removes the temporary file
    and leaves whatever was at `path` untouched; `path` may not be `database` or its files.
    """
    with private_output(path, database=database, durable=True) as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = csv.writer(handle, dialect="excel")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        handle.flush()
        handle.detach()  # the raw file is private_output's to close and rename


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: Path
    audience: Audience
    written: int
    left_out: int


def export_stakeholders(
    store: Store,
    path: Path,
    audience: Audience = Audience.INTERNAL,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> ExportSummary:
    """Write the directory to `path` as `audience` may see it, and record who went out."""
    if audience not in (Audience.INTERNAL, Audience.PUBLIC):
        raise ConvenerError(f"a CSV export is for the office or the public, not '{audience}'")
    ids = store.stakeholders.ids()
    written: list[int] = []

    def rows() -> Iterable[list[object]]:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            states = store.consent.states(chunk)
            for person in store.stakeholders.get_many(chunk):
                view = render_person(person, states[person.id], audience)
                if view is None:
                    continue
                written.append(person.id)
                if audience is Audience.PUBLIC:
                    yield [view.name, view.organisation, view.sector]
                else:
                    yield [
                        person.id,
                        view.name,
                        view.organisation,
                        view.email,
                        view.phone,
                        view.sector,
                        person.jurisdiction,
                        "; ".join(person.levers),
                        "; ".join(person.themes),
                    ]
            if on_progress:
                on_progress(min(start + _CHUNK, len(ids)), len(ids))

    header = PUBLIC_COLUMNS if audience is Audience.PUBLIC else INTERNAL_COLUMNS
    # The ledger is written in its own transaction before the rename: if anything fails after
    # it, the ledger over-reports a file that never appeared rather than missing one that did.
    with friendly_errors(store.path):
        write_csv_atomically(
            path, header, _ledgered(store, rows(), written, audience, path), database=store.path
        )
    return ExportSummary(path, audience, len(written), len(ids) - len(written))


def _ledgered(
    store: Store,
    rows: Iterable[list[object]],
    written: list[int],
    audience: Audience,
    path: Path,
) -> Iterable[list[object]]:
    """Pass the rows through, then record in the ledger who they contained."""
    yield from rows
    store.disclosures.record(written, EXPORT_KIND, str(audience), path.name)
