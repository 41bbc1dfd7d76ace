"""Recording and retracting findings: what each kind may carry, and consent for quotes."""

from __future__ import annotations

from datetime import date

import pytest

from convener.domain import Attribution, ConsentPurpose, FindingKind
from convener.errors import NotFoundError, ValidationError
from convener.findings import FindingDraft, add_finding, parse_kind, retract_finding
from convener.storage import Store
from tests.convener.reports.world import attend, person, roundtable


@pytest.fixture
def rid(store: Store) -> int:
    return roundtable(store)


def test_a_recommendation_keeps_its_lever_and_addressee(store: Store, rid: int):
    found = add_finding(
        store,
        FindingDraft(
            rid,
            "  Publish NRM waiting times  ",
            kind=FindingKind.RECOMMENDATION,
            lever="scrutinising",
            addressed_to="Home Office",
            theme="Research and data",
        ),
    )
    assert (found.text, found.lever, found.addressed_to, found.theme) == (
        "Publish NRM waiting times",
        "Scrutinising",
        "Home Office",
        "Research and data",
    )
    assert store.findings.for_roundtable(rid) == [found]


def test_an_action_keeps_owner_and_due_date(store: Store, rid: int):
    found = add_finding(
        store,
        FindingDraft(
            rid,
            "Circulate notes",
            kind=FindingKind.ACTION,
            owner="Priya Raman",
            due_on=date(2026, 4, 1),
        ),
    )
    assert (found.owner, found.due_on) == ("Priya Raman", date(2026, 4, 1))


@pytest.mark.parametrize(
    ("kind", "details", "field"),
    [
        (FindingKind.INSIGHT, {"lever": "Influencing"}, "lever"),
        (FindingKind.ACTION, {"addressed_to": "Home Office"}, "addressed_to"),
        (FindingKind.RECOMMENDATION, {"owner": "Priya"}, "owner"),
        (FindingKind.EVIDENCE_GAP, {"due_on": date(2026, 1, 1)}, "due_on"),
    ],
)
def test_details_belong_to_their_kind(store: Store, rid: int, kind, details, field):
    with pytest.raises(ValidationError) as caught:
        add_finding(store, FindingDraft(rid, "Text", kind=kind, **details))
    assert caught.value.field == field


def test_unknown_lever_theme_roundtable_and_empty_text_are_refused(store: Store, rid: int):
    with pytest.raises(ValidationError, match="unknown lever 'Lobbying'"):
        add_finding(
            store, FindingDraft(rid, "x", kind=FindingKind.RECOMMENDATION, lever="Lobbying")
        )
    with pytest.raises(ValidationError, match="unknown theme"):
        add_finding(store, FindingDraft(rid, "x", theme="Astrology"))
    with pytest.raises(NotFoundError):
        add_finding(store, FindingDraft(rid + 99, "x"))
    with pytest.raises(ValidationError, match="needs its text"):
        add_finding(store, FindingDraft(rid, "   "))


def test_agenda_item_must_belong_to_the_roundtable(store: Store, rid: int):
    other = roundtable(store, "Other")
    item = store.roundtables.add_agenda_item(other, "Elsewhere")
    with pytest.raises(ValidationError, match="not on the agenda"):
        add_finding(store, FindingDraft(rid, "x", agenda_item_id=item))
    mine = store.roundtables.add_agenda_item(rid, "Here")
    assert add_finding(store, FindingDraft(rid, "x", agenda_item_id=mine)).agenda_item_id == mine


def test_named_attribution_needs_current_consent_to_be_quoted(store: Store, rid: int):
    sid = person(store, "Hannah Okafor", organisation="Home Office")
    attend(store, rid, sid)
    with pytest.raises(ValidationError, match="no current consent to be quoted"):
        add_finding(
            store, FindingDraft(rid, "x", attribution=Attribution.NAMED, by_stakeholder_id=sid)
        )
    store.consent.record(sid, ConsentPurpose.QUOTED, given=True)
    quoted = add_finding(
        store, FindingDraft(rid, "x", attribution=Attribution.NAMED, by_stakeholder_id=sid)
    )
    assert quoted.attribution is Attribution.NAMED
    store.consent.record(sid, ConsentPurpose.QUOTED, given=False)
    with pytest.raises(ValidationError, match="no current consent to be quoted"):
        add_finding(
            store, FindingDraft(rid, "y", attribution=Attribution.NAMED, by_stakeholder_id=sid)
        )


def test_attribution_needs_a_speaker(store: Store, rid: int):
    with pytest.raises(ValidationError, match="needs the person who said it"):
        add_finding(store, FindingDraft(rid, "x", attribution=Attribution.SECTOR))


def test_retraction_keeps_the_record_but_hides_it(store: Store, rid: int):
    found = add_finding(store, FindingDraft(rid, "Said in error"))
    retracted = retract_finding(store, found.id, " Withdrawn by the speaker ")
    assert retracted.retracted
    assert retracted.retraction_note == "Withdrawn by the speaker"
    assert store.findings.for_roundtable(rid) == []
    assert store.findings.for_roundtable(rid, include_retracted=True) == [retracted]
    with pytest.raises(ValidationError, match="already retracted"):
        retract_finding(store, found.id)
    with pytest.raises(NotFoundError):
        retract_finding(store, found.id + 1)


@pytest.mark.parametrize("typed", ["evidence gap", "Evidence_Gap", "evidence-gap"])
def test_kinds_as_people_type_them(typed: str):
    assert parse_kind(typed) is FindingKind.EVIDENCE_GAP


def test_unknown_kind_lists_the_known_ones():
    with pytest.raises(ValidationError, match="known kinds: insight, recommendation"):
        parse_kind("opinion")


def test_reads_of_many_roundtables_keep_each_roundtables_own(store: Store):
    # Reports read hundreds of roundtables at once: nothing may land under the wrong one.
    first, second, empty = (roundtable(store, title) for title in ("First", "Second", "Empty"))
    amina, ivan = person(store, "Amina Yusuf"), person(store, "Ivan Petrov")
    attend(store, first, amina)
    attend(store, second, ivan)
    attend(store, second, amina)
    kept = add_finding(store, FindingDraft(first, "Kept in the first"))
    gone = add_finding(store, FindingDraft(second, "Retracted in the second"))
    later = add_finding(store, FindingDraft(second, "Kept in the second"))
    retract_finding(store, gone.id, "asked to")
    asked = [second, 404, empty, first]

    assert [r.title for r in store.roundtables.get_many(asked)] == ["Second", "Empty", "First"]
    assert store.findings.for_roundtables(asked) == {
        second: [later],
        404: [],
        empty: [],
        first: [kept],
    }
    assert store.findings.retracted_counts(asked) == {second: 1, 404: 0, empty: 0, first: 0}
    lists = store.roundtables.invitation_lists(asked)
    assert {rid: [i.stakeholder_id for i in lists[rid]] for rid in lists} == {
        second: [ivan, amina],
        404: [],
        empty: [],
        first: [amina],
    }
