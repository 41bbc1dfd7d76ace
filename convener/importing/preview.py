"""What the user sees before committing: the file's kind, encoding, columns and first rows."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from convener.importing.mapping import MappingChoice, choose_mapping
from convener.importing.sources import Source, open_source
from convener.storage import Store

PREVIEW_ROWS = 20


@dataclass(frozen=True, slots=True)
class Preview:
    source: Source
    choice: MappingChoice
    sample: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells) of the first rows


def preview(store: Store, path: Path, *, rows: int = PREVIEW_ROWS) -> Preview:
    """Check the file, pick its mapping (saved or detected) and read its first rows."""
    source = open_source(path)
    sample = tuple((row, tuple(cells)) for row, cells in islice(source.rows(), rows))
    return Preview(source, choose_mapping(store, source.headers), sample)
