"""The duplicate check and the accent-insensitive name order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from convener.collation import sort_key
from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.duplicates import find_duplicates
from convener.storage import Store


def test_same_email_is_a_duplicate_whatever_the_case(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Ann Lee", email="ann.lee@example.org"))
    found = find_duplicates(store, name="Someone Else", email="ANN.LEE@example.org")
    assert [(m.stakeholder.id, m.reason) for m in found] == [(sid, "same email address")]
    assert find_duplicates(store, name="x", email="ann.lee@example.org", exclude_id=sid) == []


def test_close_name_at_the_same_organisation(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="José Núñez", organisation="Unseen"))
    add_stakeholder(store, StakeholderDraft(name="Alan Smith", organisation="Unseen"))
    found = find_duplicates(store, name="Jose Nunez", organisation="unseen")
    assert [m.stakeholder.id for m in found] == [sid]
    assert found[0].reason == "similar name at Unseen"
    # The same name elsewhere is a namesake, not a duplicate; a different name is neither.
    assert find_duplicates(store, name="Jose Nunez", organisation="Other body") == []
    assert find_duplicates(store, name="Ann Smith", organisation="Unseen") == []


def test_the_same_or_a_very_close_name_alone_is_a_possible_duplicate(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Ama Boateng", organisation="Meridian"))
    add_stakeholder(store, StakeholderDraft(name="Kofi Boateng"))
    same = find_duplicates(store, name="ama boateng")
    assert [(m.stakeholder.id, m.reason) for m in same] == [(sid, "same name at Meridian")]
    close = find_duplicates(store, name="Ama Boatang")
    assert [(m.stakeholder.id, m.reason) for m in close] == [(sid, "very similar name at Meridian")]
    assert find_duplicates(store, name="Efua Boateng") == []  # a shared surname is not enough
    assert find_duplicates(store, name="Ama") == []  # a name still being typed


def test_sort_key_folds_case_and_accents() -> None:
    assert sort_key("Łucja") < sort_key("zoe")
    assert sort_key("ÉMILE") == sort_key("emile")
    # Other scripts sort by their transliteration, among the Latin names.
    assert sort_key("Αλέξανδρος") < sort_key("Bartosz") < sort_key("Коваленко") < sort_key("Zoe")


def test_names_sort_without_regard_to_case_or_accents(store: Store, db_path: Path) -> None:
    for name in ["Zoe Adams", "łucja Wójcik", "Émile Zola", "adam Smith", "Ólafur Arnalds"]:
        add_stakeholder(store, StakeholderDraft(name=name))
    names = [store.stakeholders.get(i).name for i in store.stakeholders.ids()]
    assert names == ["adam Smith", "Émile Zola", "łucja Wójcik", "Ólafur Arnalds", "Zoe Adams"]
    with sqlite3.connect(db_path) as conn:
        (folded,) = conn.execute(
            "SELECT sort_name FROM stakeholders WHERE name = 'łucja Wójcik'"
        ).fetchone()
    assert folded == "lucja wojcik"


def test_protected_people_sort_by_the_name_lists_show(store: Store) -> None:
    add_stakeholder(
        store, StakeholderDraft(name="Aaron Real", pseudonym="Zed", lived_experience=True)
    )
    add_stakeholder(store, StakeholderDraft(name="Mary Middle"))
    names = [store.stakeholders.get(i).name for i in store.stakeholders.ids()]
    assert names == ["Mary Middle", "Aaron Real"]
