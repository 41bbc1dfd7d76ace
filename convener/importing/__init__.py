"""Importing contacts: CSV (generic, Outlook, Google) and XLSX, all or nothing.

`preview` reads a file and proposes a column mapping; `run_import` writes it in one
transaction, with duplicate decisions per row.
"""

from convener.importing.mapping import (
    ColumnMapping,
    Field,
    FileFormat,
    choose_mapping,
    detect_mapping,
    save_mapping,
)
from convener.importing.preview import Preview, describe_people, preview
from convener.importing.runner import (
    Decision,
    Duplicate,
    ImportRejectedError,
    ImportSummary,
    RowError,
    run_import,
)
from convener.importing.sources import ImportFileError, Source, open_source

__all__ = [
    "ColumnMapping",
    "Decision",
    "Duplicate",
    "Field",
    "FileFormat",
    "ImportFileError",
    "ImportRejectedError",
    "ImportSummary",
    "Preview",
    "RowError",
    "Source",
    "choose_mapping",
    "describe_people",
    "detect_mapping",
    "open_source",
    "preview",
    "run_import",
    "save_mapping",
]
