"""What the user sees before committing: the file's kind, encoding, columns and first rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from convener.importing.mapping import MappingChoice, choose_mapping
from convener.importing.sources import Source, open_source
from convener.privacy import Audience, render_person
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


def describe_people(store: Store, ids: Sequence[int]) -> dict[int, str]:
    """How the office sees each of these people (protected people by pseudonym), by id."""
    labels: dict[int, str] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        states = store.consent.states(chunk)
        for person in store.stakeholders.get_many(chunk):
            view = render_person(person, states[person.id], Audience.INTERNAL)
            if view is not None:
                at = f" ({view.organisation})" if view.organisation else ""
                labels[person.id] = f"#{person.id} {view.name}{at}"
    return labels
