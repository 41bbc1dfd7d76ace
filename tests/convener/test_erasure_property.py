"""On random data sets, an erased person leaves no trace in any output or in the files."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import unicodedata
from dataclasses import asdict
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from convener.erasure import erase_person
from convener.findings_output import findings_for_output
from convener.privacy import Audience, render_person
from convener.storage import StakeholderFilter, Store
from tests.leaks import leaks_in
from tests.strategies import DataSetSpec, build, data_sets


def _index_terms(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, stakeholder_search, 'row')"
        )
        return {row[0] for row in conn.execute("SELECT term FROM temp.terms")}


def _as_indexed(word: str) -> str:
    """Roughly what the unicode61 tokenizer with remove_diacritics keeps of a word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(sql).fetchone()[0]
            for sql in (
                "SELECT count(*) FROM stakeholders",
                "SELECT count(*) FROM stakeholders WHERE lived_experience = 1",
                "SELECT count(*) FROM invitations",
                "SELECT count(*) FROM findings",
            )
        )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=data_sets(), data=st.data())
def test_erased_person_leaves_no_trace(spec: DataSetSpec, data: st.DataObject) -> None:
    # The data set strategy can end up with nobody (when too few distinct words are drawn).
    assume(spec.people)
    index = data.draw(st.integers(min_value=0, max_value=len(spec.people) - 1))
    person = spec.people[index]
    traces = [person.name, *person.name.split(), person.pseudonym, person.email, person.phone]
    forbidden = [t for t in traces if t]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "e.db"
        with Store.open(db) as store:
            built = build(store, spec)
            sid = built.ids[index]
            before = _counts(db)
            erase_person(store, sid, f"asked by {person.name}")

            outputs: list[object] = []
            for audience in Audience:
                people = store.stakeholders.get_many(list(built.ids))
                states = store.consent.states(list(built.ids))
                outputs += [render_person(p, states[p.id], audience) for p in people]
                outputs += findings_for_output(store, [built.roundtable_id], audience)
            listed = store.stakeholders.find(StakeholderFilter(include_erased=True))
            text = json.dumps(
                [asdict(o) for o in outputs if o is not None] + [asdict(p) for p in listed],
                ensure_ascii=False,
                default=str,
            )
            assert leaks_in(text, forbidden) == []
            assert store.stakeholders.ids(StakeholderFilter(search=person.name)) == []
        assert _counts(db) == before
        # Raw bytes are scanned for whole values: SQLite stores a row's fields side by side,
        # so a single name part can also turn up across the boundary of two other values.
        whole = [t for t in (person.name, person.pseudonym, person.email, person.phone) if t]
        for path in (db, Path(f"{db}-wal")):
            if path.exists():
                assert leaks_in(path.read_bytes(), whole, str(path)) == []
        words = [*person.name.split(), *([person.pseudonym] if person.pseudonym else [])]
        assert not {_as_indexed(w) for w in words} & _index_terms(db)
