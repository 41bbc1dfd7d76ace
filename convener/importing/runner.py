"""Running an import: every row checked and written in one transaction, or none at all.

A bad row does not stop the checking (the user gets every bad row at once, up to a limit),
but it does stop the writing: the transaction is rolled back and `ImportRejectedError` lists the
rows and reasons. A dry run goes through exactly the same steps and then rolls back, so what
it reports is what a real import would do.

People who look like someone already in the directory get a decision per row: create a new
record anyway, update the existing one (filled cells replace, empty cells never clear), or
skip the row. Without a decision, `on_duplicate` applies; the command line's default is to
skip, because skipping loses nothing and the summary lists every skipped row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from convener.directory import draft_of, validated_record
from convener.errors import ConvenerError, ValidationError
from convener.importing.mapping import FileFormat, check_mapping
from convener.importing.matching import DuplicateIndex, Match
from convener.importing.rows import RowReader, merged
from convener.importing.sources import Source
from convener.storage import Store
from convener.storage.errors import friendly_errors
from convener.storage.transactions import write_transaction

MAX_REPORTED_ERRORS = 50
PROGRESS_EVERY = 500

OnProgress = Callable[[int, int], None]


class Decision(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A row that matched someone: who, why, and what was done with it."""

    row: int
    name: str
    email: str | None
    organisation: str | None
    match: Match
    decision: Decision


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    message: str


@dataclass(slots=True)
class ImportSummary:
    file_format: FileFormat
    encoding: str | None
    rows: int
    dry_run: bool
    created: int = 0
    updated: int = 0
    skipped: int = 0
    erased_earlier: int = 0  # of the skipped: rows matching the erasure suppression list
    duplicates: list[Duplicate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "erased_earlier": self.erased_earlier,
            "errors": [{"row": e.row, "message": e.message} for e in self.errors],
            "dry_run": self.dry_run,
            "rows": self.rows,
            "format": str(self.file_format),
            "encoding": self.encoding,
            "duplicates": [
                {
                    "row": d.row,
                    "stakeholder_id": d.match.stakeholder_id,
                    "reason": str(d.match.reason),
                    "earlier_row": d.match.earlier_row,
                    "decision": str(d.decision),
                }
                for d in self.duplicates
            ],
        }


class ImportRejectedError(ConvenerError):
    """At least one row is bad; nothing was written. `summary.errors` says which and why."""

    def __init__(self, summary: ImportSummary) -> None:
        first = summary.errors[0]
        more = len(summary.errors) - 1
        tail = f" (and {more} more bad row{'s' if more != 1 else ''})" if more else ""
        super().__init__(f"row {first.row}: {first.message}{tail}; nothing was imported")
        self.summary = summary


class _RollBackError(Exception):
    """Raised inside the transaction to undo it: a dry run, or a rejected file."""


def run_import(
    store: Store,
    source: Source,
    mapping: Mapping[str, Any],
    *,
    file_format: FileFormat = FileFormat.GENERIC,
    decisions: Mapping[int, Decision] | None = None,
    on_duplicate: Decision = Decision.SKIP,
    dry_run: bool = False,
    on_progress: OnProgress | None = None,
) -> ImportSummary:
    """Import every row of `source` through `mapping`, all or nothing."""
    check_mapping(mapping)
    summary = ImportSummary(file_format, source.encoding, source.row_count, dry_run)
    total = source.row_count
    with friendly_errors(store.path):
        try:
            with write_transaction(store.db):
                rows = _RowImporter(store, RowReader(source.headers, mapping), summary)
                if on_progress:
                    on_progress(0, total)
                for done, (row, cells) in enumerate(source.rows(), start=1):
                    if on_progress and done % PROGRESS_EVERY == 0:
                        on_progress(done, total)
                    try:
                        rows.add(row, cells, (decisions or {}).get(row, on_duplicate))
                    except ValidationError as exc:
                        summary.errors.append(RowError(row, str(exc)))
                        if len(summary.errors) >= MAX_REPORTED_ERRORS:
                            break
                if summary.errors:
                    raise _RollBackError
                rows.finish()
                if on_progress:
                    on_progress(total, total)
                if dry_run:
                    raise _RollBackError
        except _RollBackError:
            if summary.errors:
                raise ImportRejectedError(summary) from None
    return summary


class _RowImporter:
    """Checks rows one by one and writes them inside the caller's transaction.

    The people a file adds are written in chunks of a few multi-row INSERTs (`NewStakeholders`),
    not one INSERT per person followed by a reindex: on 100k rows that was 85% of the import's
    time. Each still gets its id as its row is read, so later rows of the same file are matched
    against them as before.
    """

    def __init__(self, store: Store, reader: RowReader, summary: ImportSummary) -> None:
        self._store = store
        self._reader = reader
        self._summary = summary
        self._index = DuplicateIndex(store.stakeholders.match_keys())
        self._new = store.stakeholders.batch()
        self._memo: dict[tuple[str, str], int] = {}
        self._erased = store.suppression.matcher()

    def add(self, row: int, cells: list[str], if_duplicate: Decision) -> None:
        store, summary = self._store, self._summary
        draft = self._reader.draft(cells)
        if self._erased.matches(draft.name, draft.email, draft.phone, draft.organisation):
            # Someone erased earlier: an old contacts file must not bring them back.
            summary.erased_earlier += 1
            summary.skipped += 1
            return
        match = self._index.match(draft.name, draft.email, draft.organisation)
        decision = Decision.CREATE if match is None else if_duplicate
        if match is not None:
            summary.duplicates.append(
                Duplicate(row, draft.name, draft.email, draft.organisation, match, decision)
            )
        if decision is Decision.SKIP:
            summary.skipped += 1
        elif decision is Decision.UPDATE and match is not None:
            self._new.flush()  # the match may be someone an earlier row of this file added
            existing = store.stakeholders.get(match.stakeholder_id)
            record = validated_record(store, merged(draft_of(existing), draft), self._memo)
            store.stakeholders.update(match.stakeholder_id, record)
            summary.updated += 1
        else:
            record = validated_record(store, draft, self._memo)
            new_id = self._new.add(record)
            # Later rows of the same file are matched by email only: comparing names with
            # every new row at a large organisation would make big imports quadratic.
            self._index.add(new_id, record.name, record.email, None, row)
            summary.created += 1

    def finish(self) -> None:
        """Write the people still waiting in the last chunk."""
        self._new.flush()
