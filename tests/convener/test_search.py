"""Full-text search with the names people actually type."""

from __future__ import annotations

import pytest

from convener.directory import add_stakeholder, update_stakeholder
from convener.domain import StakeholderDraft
from convener.storage import StakeholderFilter, Store
from convener.storage.search import fts_query

PEOPLE = [
    ("Ciarán O'Brien", "Department of Justice", "ciaran@example.org"),
    ("Ana-Maria Popescu", "Łódź Migrant Centre", "ana@example.org"),
    ("Nguyễn Thị Hương", "Fenwick University", "huong@example.org"),
    ('Sam "Sammy" Jones', "Harbour Trust", "sam@example.org"),
    ("Олена Коваленко", "Harbour Trust", "olena@example.org"),
]


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    return {
        name: add_stakeholder(store, StakeholderDraft(name=name, organisation=org, email=email))
        for name, org, email in PEOPLE
    }


def _names(store: Store, text: str) -> set[str]:
    found = store.stakeholders.find(StakeholderFilter(search=text))
    return {p.name for p in found}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("O'Brien", {"Ciarán O'Brien"}),
        ("obrien", set()),  # the apostrophe separates words, as people expect
        ("ciaran", {"Ciarán O'Brien"}),  # accents are optional
        ("Ana-Maria", {"Ana-Maria Popescu"}),
        ("Łódź", {"Ana-Maria Popescu"}),  # organisation names are searched too
        ("lodz", {"Ana-Maria Popescu"}),
        ("Nguyen Huong", {"Nguyễn Thị Hương"}),
        ("Коваленко", {"Олена Коваленко"}),
        ("kovalenko", {"Олена Коваленко"}),  # Latin letters find Cyrillic names
        ("harb", {'Sam "Sammy" Jones', "Олена Коваленко"}),  # prefix while typing
        ('"Sammy"', {'Sam "Sammy" Jones'}),
        ("huong@example", {"Nguyễn Thị Hương"}),
        ("NEAR AND OR", set()),  # query syntax is searched as words, never parsed
    ],
)
def test_search_edge_cases(
    store: Store, people: dict[str, int], typed: str, expected: set[str]
) -> None:
    assert _names(store, typed) == expected


@pytest.mark.parametrize("typed", ['"', "'", "-", "*", "()", "   ", "^", ":"])
def test_punctuation_alone_filters_nothing_and_never_errors(
    store: Store, people: dict[str, int], typed: str
) -> None:
    assert len(_names(store, typed)) == len(PEOPLE)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("O'Brien") == '"O" "Brien"*'
    assert fts_query("Łódź") == '"Lodz"*'
    assert fts_query('a"b') == '"a" "b"*'
    assert fts_query("***") is None


def test_index_follows_edits(store: Store, people: dict[str, int]) -> None:
    sid = people["Ciarán O'Brien"]
    update_stakeholder(store, sid, StakeholderDraft(name="Ciarán Byrne", tags=["remediation"]))
    assert _names(store, "O'Brien") == set()
    assert _names(store, "Byrne") == {"Ciarán Byrne"}
    assert _names(store, "remediation") == {"Ciarán Byrne"}
