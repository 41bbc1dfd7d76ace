"""The inverses the app's undo relies on: each puts the data back exactly, under its old ids."""

from __future__ import annotations

import pytest

from convener import reversible
from convener.directory import add_stakeholder
from convener.domain import ConsentPurpose, StakeholderDraft
from convener.errors import ValidationError
from convener.storage import StakeholderFilter, Store, Taxonomy


def test_a_deleted_person_comes_back_with_id_and_consent_history(store: Store) -> None:
    sid = add_stakeholder(
        store, StakeholderDraft(name="Ada Mensah", email="ada@example.org", themes=["Prevention"])
    )
    store.consent.record(sid, ConsentPurpose.CONTACT, given=True, method="email", note="yes")
    person, history = store.stakeholders.get(sid), store.consent.history(sid)
    deleted = reversible.delete_stakeholder(store, sid)
    assert store.stakeholders.ids(StakeholderFilter(search="Ada Mensah")) == []
    reversible.restore_stakeholder(store, deleted)
    back = store.stakeholders.get(sid)
    assert (back.name, back.email, back.themes) == (person.name, person.email, person.themes)
    assert store.consent.history(sid) == history
    assert store.stakeholders.ids(StakeholderFilter(search="Ada Mensah")) == [sid]


def test_places_taken_off_a_list_go_back_as_they_were(demo_store: Store) -> None:
    before = demo_store.roundtables.invitations(4)
    people = [i.stakeholder_id for i in before[:3]]
    removed = reversible.take_off_list(demo_store, 4, people)
    assert len(removed) == 3 and len(demo_store.roundtables.invitations(4)) == len(before) - 3
    reversible.put_back_on_list(demo_store, removed)
    by_person = {i.stakeholder_id: i for i in demo_store.roundtables.invitations(4)}
    for old in removed:
        new = by_person[old.stakeholder_id]
        assert (new.role, new.status, new.fee_pence, new.paid_on, new.reserve_rank) == (
            old.role, old.status, old.fee_pence, old.paid_on, old.reserve_rank,
        )  # fmt: skip


def test_an_added_term_is_removed_only_while_unused(store: Store) -> None:
    term_id = reversible.add_term(store, Taxonomy.THEMES, "Forced criminality")
    reversible.remove_term(store, Taxonomy.THEMES, term_id)
    assert reversible.add_term(store, Taxonomy.THEMES, "Forced criminality", term_id) == term_id
    add_stakeholder(store, StakeholderDraft(name="Bo Chen", themes=["Forced criminality"]))
    with pytest.raises(ValidationError, match="in use"):
        reversible.remove_term(store, Taxonomy.THEMES, term_id)


def test_a_consent_correction_needs_a_name_and_reverses_the_decision(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Cai Wen"))
    store.consent.record(sid, ConsentPurpose.NAMED, given=True, method="phone")
    event = store.consent.history(sid)[0]
    with pytest.raises(ValidationError):
        reversible.correct_consent(store, event, " ")
    reversible.correct_consent(store, event, "Priya Raman")
    assert [e.given for e in store.consent.history(sid)] == [True, False]
