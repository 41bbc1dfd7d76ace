"""The directory's id lists: bulk insert, and the cached display order behind search."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from convener.directory import add_stakeholder, update_stakeholder
from convener.domain import ConsentPurpose, StakeholderDraft
from convener.storage import SortKey, StakeholderFilter, Store, Taxonomy
from convener.storage.stakeholders import StakeholderRecord

_NAMES = [
    "Małgorzata Wójcik",
    "Nguyễn Thị Hồng",
    "Siobhán Ó Súilleabháin",
    "Aoife O'Brien",
    "aoife obrien",
    "Γιώργος Παπαδόπουλος",
    "Олександр Шевченко",
    "Oluwaseun Adébáyọ̀",
    "Kwame Mensah",
    "Zoë Smith-Jones",
    "Ayşe Yılmaz",
    "Rhiannon ap Gruffydd",
]
_REFERENCE_ORDER = {
    # The folded shown name (pseudonym for protected people) is stored by the directory at
    # write time; what it holds is tested in test_duplicates_and_sorting.py.
    SortKey.NAME: "s.sort_name",
    SortKey.ORGANISATION: "o.name COLLATE NOCASE",
    SortKey.SECTOR: "sec.name COLLATE NOCASE",
    SortKey.JURISDICTION: "j.name COLLATE NOCASE",
    SortKey.UPDATED: "s.updated_at",
}


def _records(store: Store, count: int, seed: int = 7) -> list[StakeholderRecord]:
    """People with repeated names, pseudonyms, intermediaries and missing fields, for ties."""
    rng = random.Random(seed)
    t = store.taxonomy
    sectors = [x.id for x in t.terms(Taxonomy.SECTORS)]
    places = [x.id for x in t.terms(Taxonomy.JURISDICTIONS)]
    levers = [x.id for x in t.terms(Taxonomy.LEVERS)]
    themes = [x.id for x in t.terms(Taxonomy.THEMES)]
    orgs = [store.organisations.add(f"Organisation {n}") for n in range(5)]
    records = []
    for n in range(count):
        lived = rng.random() < 0.2
        via = lived and rng.random() < 0.5
        records.append(
            StakeholderRecord(
                name=rng.choice(_NAMES),
                pseudonym=rng.choice(["River", "Amani", None]) if lived else None,
                role=None,
                organisation_id=rng.choice([*orgs, None]),
                email=None if via else f"person{n}@example.org",
                phone=None,
                sector_id=rng.choice([*sectors, None]),
                jurisdiction_id=rng.choice([*places, None]),
                tags=rng.sample(["care sector", "ports", "NRM"], rng.randint(0, 2)),
                lived_experience=lived,
                intermediary_id=orgs[0] if via else None,
                access_needs="",
                safe_contact_notes="",
                notes="",
                lever_ids=rng.sample(levers, rng.randint(0, 2)),
                theme_ids=rng.sample(themes, rng.randint(0, 2)),
            )
        )
    return records


def _reference(store: Store, f: StakeholderFilter, order: SortKey, descending: bool) -> list[int]:
    """The order as one SQL query sorts it, written out here independently of the store."""
    where, params = store.stakeholders._where(f)
    direction = "DESC" if descending else "ASC"
    sql = f"""SELECT s.id FROM stakeholders s
        LEFT JOIN organisations o ON o.id = s.organisation_id
        LEFT JOIN sectors sec ON sec.id = s.sector_id
        LEFT JOIN jurisdictions j ON j.id = s.jurisdiction_id
        {where} ORDER BY {_REFERENCE_ORDER[order]} {direction}, s.id"""
    return [row[0] for row in store.db.execute(sql, params).fetchall()]


@pytest.fixture
def directory(store: Store) -> Store:
    with store.db.atomic():
        store.stakeholders.insert_many(_records(store, 400))
    return store


_FILTERS = [
    StakeholderFilter(),
    StakeholderFilter(search="aoife"),
    StakeholderFilter(search="a"),
    StakeholderFilter(search="o'b"),
    StakeholderFilter(search="Παπα"),
    StakeholderFilter(search="river"),
    StakeholderFilter(search="organisation 3"),
    StakeholderFilter(search="no such person"),
    StakeholderFilter(search="  ' - "),
    StakeholderFilter(sector="Law enforcement"),
    StakeholderFilter(sector="Charities and NGOs", lever="Convening", theme="Prevention"),
    StakeholderFilter(search="a", lived_experience=True),
    StakeholderFilter(consent_purpose=ConsentPurpose.NAMED, consent_given=False),
    StakeholderFilter(search="smith", include_erased=True),
]


@pytest.mark.parametrize("f", _FILTERS, ids=lambda f: repr(f)[17:60])
def test_ids_are_what_sorting_in_sql_gives(directory: Store, f: StakeholderFilter) -> None:
    everyone = StakeholderFilter(include_erased=f.include_erased)
    for order, descending in itertools.product(SortKey, (False, True)):
        expected = _reference(directory, f, order, descending)
        # First with this order not cached yet (a few matches are then sorted in SQL), then
        # with everyone's order cached by listing the whole directory.
        cold = directory.stakeholders.ids(f, order=order, descending=descending)
        directory.stakeholders.ids(everyone, order=order, descending=descending)
        warm = directory.stakeholders.ids(f, order=order, descending=descending)
        assert (cold, warm) == (expected, expected)


@pytest.mark.parametrize("f", _FILTERS, ids=lambda f: repr(f)[17:60])
def test_count_is_how_many_ids_match(directory: Store, f: StakeholderFilter) -> None:
    # count() leaves out the joins the reference query makes: they must not change the number.
    expected = _reference(directory, f, SortKey.ORGANISATION, descending=False)
    assert directory.stakeholders.count(f) == len(expected)


def test_every_order_has_ties_broken_by_id(directory: Store) -> None:
    # The names repeat, so the tie-break is exercised; a check that the fixture does that.
    names = [p.name for p in directory.stakeholders.find()]
    assert len(set(names)) < len(names) / 10


def test_insert_many_stores_what_insert_stores(store: Store) -> None:
    records = _records(store, 30)
    with store.db.atomic():
        single = [store.stakeholders.insert(r) for r in records]
        many = store.stakeholders.insert_many(records)
    assert many == list(range(single[-1] + 1, single[-1] + 31))
    for a, b in zip(
        store.stakeholders.get_many(single), store.stakeholders.get_many(many), strict=True
    ):
        assert (
            a.name,
            a.pseudonym,
            a.organisation,
            a.levers,
            a.themes,
            a.tags,
            a.intermediary,
        ) == (
            b.name,
            b.pseudonym,
            b.organisation,
            b.levers,
            b.themes,
            b.tags,
            b.intermediary,
        )
    for sid in many:
        person = store.stakeholders.get(sid)
        found = store.stakeholders.ids(
            StakeholderFilter(search=f"{person.name} {person.email or ''}")
        )
        assert sid in found


def test_insert_many_of_nothing(store: Store) -> None:
    assert store.stakeholders.insert_many([]) == []


def test_a_write_on_this_connection_shows_at_once(directory: Store) -> None:
    before = directory.stakeholders.ids(StakeholderFilter(search="aaron"))
    sid = add_stakeholder(directory, StakeholderDraft(name="Aaron Abbott"))
    assert before == []
    assert directory.stakeholders.ids(StakeholderFilter(search="aaron")) == [sid]
    everyone = StakeholderFilter()
    assert directory.stakeholders.ids() == _reference(directory, everyone, SortKey.NAME, False)
    place = directory.stakeholders.ids().index(sid)
    update_stakeholder(directory, sid, StakeholderDraft(name="Zygmunt Zając"))
    assert directory.stakeholders.ids() == _reference(directory, everyone, SortKey.NAME, False)
    assert directory.stakeholders.ids().index(sid) > place
    assert directory.stakeholders.ids(StakeholderFilter(search="aaron")) == []


def test_a_commit_from_another_connection_shows(directory: Store, db_path: Path) -> None:
    first = directory.stakeholders.ids()
    with Store.open(db_path) as other:
        sid = add_stakeholder(other, StakeholderDraft(name="Aaron Abbott"))
    assert sorted(directory.stakeholders.ids()) == sorted([sid, *first])


def test_a_search_sees_a_commit_from_another_connection(directory: Store, db_path: Path) -> None:
    search = StakeholderFilter(search="a")
    for _ in range(2):  # the second ask keeps the directory's order for the next keystrokes
        directory.stakeholders.ids(search)
    with Store.open(db_path) as other:
        sid = add_stakeholder(other, StakeholderDraft(name="Aaron Abbott"))
    found = directory.stakeholders.ids(search)
    assert sid in found
    assert found == _reference(directory, search, SortKey.NAME, False)


def test_a_rolled_back_write_leaves_no_trace(directory: Store) -> None:
    everyone = directory.stakeholders.ids()

    class AbandonedError(Exception):
        pass

    with pytest.raises(AbandonedError), directory.db.atomic():
        sid = add_stakeholder(directory, StakeholderDraft(name="Aaron Abbott"))
        assert sid in directory.stakeholders.ids()
        raise AbandonedError
    assert directory.stakeholders.ids() == everyone
