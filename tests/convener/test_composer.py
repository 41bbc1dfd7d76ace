from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from convener.composer import ComposerInput, suggest
from convener.domain import Candidate, Conflict, ConsentPurpose, InviteeFacts
from convener.invitations import add_invitations
from convener.roundtables import RoundtableDraft, create_roundtable
from convener.storage import Store
from convener.suggestions import suggestions_for
from convener.taxonomy import DEFAULT_MIX
from tests.convener.planning_data import person, roundtable

NOW = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)


def _c(sid: int, **changes: object) -> Candidate:
    base = Candidate(
        id=sid, sector="Charities and NGOs", perspective="practice", jurisdiction="England",
        organisation_id=None, lived_experience=False, primary_theme=True, extra_themes=0,
        levers=frozenset(), last_engaged=NOW - timedelta(days=30), recent_asks=0,
    )  # fmt: skip
    return base._replace(**changes)


def _facts(sid: int, perspective: str, sector: str, jurisdiction: str = "England") -> InviteeFacts:
    return InviteeFacts(
        sid, sector, perspective, jurisdiction, None, perspective == "lived_experience", True
    )


def _input(
    candidates: list[Candidate], current: list[InviteeFacts] | None = None, **kw: object
) -> ComposerInput:
    return ComposerInput(
        theme="Prevention", extra_themes=(), levers=("Convening",), target_mix=DEFAULT_MIX,
        current=current or [], candidates=candidates, now=NOW, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _ids(data: ComposerInput, size: int) -> list[int]:
    return [s.stakeholder_id for s in suggest(data, size)]


def test_main_theme_outranks_every_smaller_advantage_together() -> None:
    other_theme_only = _c(
        1, primary_theme=False, extra_themes=1, levers=frozenset({"Convening"}),
        last_engaged=None, jurisdiction="Wales",
    )  # fmt: skip
    on_theme = _c(2)
    assert _ids(_input([other_theme_only, on_theme]), 1) == [2]


def test_balance_toward_the_target_mix_outranks_the_smaller_terms() -> None:
    current = [_facts(10, "practice", "Charities and NGOs"), _facts(11, "practice", "Health")]
    more_practice = _c(1, sector="Local authorities", levers=frozenset({"Convening"}),
                       last_engaged=None, jurisdiction="Scotland")  # fmt: skip
    researcher = _c(2, sector="Research and academia", perspective="research")
    assert _ids(_input([more_practice, researcher], current), 1) == [2]


def test_a_list_fills_toward_every_perspective() -> None:
    pool = [
        _c(sid, perspective=p, sector=s, lived_experience=p == "lived_experience")
        for sid, (p, s) in enumerate(
            [("practice", "Health")] * 6
            + [("research", "Research and academia")] * 3
            + [("policy", "Central government")] * 3
            + [("lived_experience", "Lived experience experts")] * 3,
            start=1,
        )
    ]
    picked = suggest(_input(pool), 8)
    perspectives = sorted(s.perspective or "" for s in picked)
    assert perspectives == sorted(["practice", "research", "policy", "lived_experience"] * 2)


def test_custom_target_mix_is_followed() -> None:
    pool = [_c(1, perspective="policy", sector="Central government"),
            _c(2, perspective="lived_experience", sector="Lived experience experts",
               lived_experience=True)]  # fmt: skip
    data = replace(_input(pool), target_mix={"lived_experience": 1})
    assert _ids(data, 1) == [2]


def test_burden_lowers_rank_and_is_flagged() -> None:
    lee = {"perspective": "lived_experience", "sector": "Lived experience experts",
           "lived_experience": True}  # fmt: skip
    rested = _c(5, **lee)
    asked_often = _c(1, recent_asks=4, **lee)
    picked = suggest(_input([asked_often, rested]), 2)
    assert [s.stakeholder_id for s in picked] == [5, 1]
    assert picked[0].flags == ()
    assert "asked 4 times in the last 90 days" in picked[1].flags[0]
    # Below the threshold nobody is penalised: the lower id wins the tie.
    light = _c(1, recent_asks=2, **lee)
    assert _ids(_input([light, rested]), 1) == [1]


def test_breadth_prefers_people_not_engaged_recently() -> None:
    recent = _c(1)
    never = _c(2, last_engaged=None)
    long_ago = _c(3, last_engaged=NOW - timedelta(days=500))
    picked = suggest(_input([recent, never, long_ago]), 3)
    assert [s.stakeholder_id for s in picked] == [2, 3, 1]
    assert "has not taken part in a roundtable before" in picked[0].reasons


def test_every_suggestion_says_why() -> None:
    picked = suggest(_input([_c(1, levers=frozenset({"Convening"}), jurisdiction="Wales")]), 1)
    reasons = picked[0].reasons
    assert "works on the roundtable's theme, Prevention" in reasons
    assert "matters through the Convening lever" in reasons
    assert "adds Wales to the jurisdictions on the list" in reasons
    assert any("practice perspective" in r for r in reasons)


def test_same_data_same_order_whatever_the_input_order() -> None:
    rng = random.Random(7)
    sectors = [
        ("Health", "practice"),
        ("Research and academia", "research"),
        ("Central government", "policy"),
        ("Lived experience experts", "lived_experience"),
    ]
    pool = []
    for sid in range(1, 300):
        sector, perspective = rng.choice(sectors)
        pool.append(
            _c(sid, sector=sector, perspective=perspective,
               jurisdiction=rng.choice(["England", "Wales", "Scotland", None]),
               primary_theme=rng.random() < 0.7, extra_themes=rng.randint(0, 1),
               recent_asks=rng.randint(0, 5), lived_experience=perspective == "lived_experience")
        )  # fmt: skip
    first = suggest(_input(pool), 20)
    shuffled = pool[:]
    rng.shuffle(shuffled)
    second = suggest(_input(shuffled), 20)
    assert [(s.stakeholder_id, s.score, s.reasons) for s in first] == [
        (s.stakeholder_id, s.score, s.reasons) for s in second
    ]


def test_ties_go_to_the_lower_id() -> None:
    assert _ids(_input([_c(9), _c(3), _c(5)]), 3) == [3, 5, 9]


def test_conflicts_with_people_on_the_list_are_warned_about() -> None:
    current = [_facts(10, "policy", "Central government")]
    conflicts = [Conflict(1, 10, 2, None, "line manager")]
    picked = suggest(_input([_c(2)], current, conflicts=conflicts), 1)
    assert picked[0].warnings == (
        "conflict recorded with stakeholder 10 on the list (line manager)",
    )


def test_asking_for_nothing_or_from_nobody_gives_nothing() -> None:
    assert suggest(_input([_c(1)]), 0) == []
    assert suggest(_input([]), 5) == []


# -- with the real database: who may be suggested at all -------------------------------------


def test_exclusions_hold(store: Store) -> None:
    rid = roundtable(store)
    eligible = person(store, "Eligible")
    no_consent = person(store, "Never asked", consent=None)
    withdrawn = person(store, "Withdrew", consent=True)
    store.consent.record(withdrawn, ConsentPurpose.CONTACT, given=False)
    erased = person(store, "Erased")
    store.db.execute(
        "UPDATE stakeholders SET erased_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", [erased]
    )
    on_list = person(store, "Already invited")
    add_invitations(store, rid, [on_list])
    off_theme = person(store, "Other theme", themes=("International",))
    report = suggestions_for(store, rid, 10)
    ids = {s.stakeholder_id for s in report.suggestions}
    assert eligible in ids
    assert ids.isdisjoint({no_consent, withdrawn, erased, on_list, off_theme})


def test_burden_counts_real_invitations_in_the_window(store: Store) -> None:
    target = roundtable(store, start="2027-03-10T10:00", end="2027-03-10T12:00")
    busy = person(store, "Busy expert", lived_experience=True, sector="Lived experience experts")
    rested = person(
        store, "Rested expert", lived_experience=True, sector="Lived experience experts"
    )
    for day in range(3):
        other = roundtable(
            store, start=f"2027-02-0{day + 1}T10:00", end=f"2027-02-0{day + 1}T12:00"
        )
        (iid,) = add_invitations(store, other, [busy])
        store.db.execute("UPDATE invitations SET status = 'invited' WHERE id = ?", [iid])
    report = suggestions_for(store, target, 2, now=datetime(2027, 2, 20, tzinfo=UTC))
    assert [s.stakeholder_id for s in report.suggestions] == [rested, busy]
    assert report.suggestions[1].flags


def test_suggestions_come_with_checks_for_the_resulting_list(store: Store) -> None:
    rid = roundtable(store)
    person(store, "Expert", lived_experience=True, sector="Lived experience experts")
    report = suggestions_for(store, rid, 5)
    lone = next(c for c in report.checks if c.key == "lone_lee")
    assert lone.outcome == "fail"


def test_candidates_are_loaded_with_main_and_extra_themes(store: Store) -> None:
    rid = create_roundtable(
        store,
        RoundtableDraft(
            title="Two themes", theme="Prevention", start="2027-03-10T10:00",
            end="2027-03-10T12:00", extra_themes=["Research and data", "International"],
        ),
    )  # fmt: skip
    both = person(store, "Both", themes=("Prevention", "Research and data", "International"))
    main_only = person(store, "Main", themes=("Prevention",), levers=("Influencing",))
    extra_only = person(store, "Extra", themes=("International", "Research and data"))
    report = suggestions_for(store, rid, 3)
    loaded = {s.stakeholder_id: s.candidate for s in report.suggestions}
    assert loaded[both] is not None and (loaded[both].primary_theme, loaded[both].extra_themes) == (
        True,
        2,
    )
    assert loaded[main_only] is not None and loaded[main_only].levers == frozenset()
    assert loaded[extra_only] is not None
    assert (loaded[extra_only].primary_theme, loaded[extra_only].extra_themes) == (False, 2)
    assert loaded[both].levers == frozenset({"Convening"})
    assert [s.stakeholder_id for s in report.suggestions][-1] == extra_only


def test_recorded_conflicts_reach_the_suggestions(store: Store) -> None:
    rid = roundtable(store)
    on_list = person(store, "On the list", organisation="Acme Recruitment")
    add_invitations(store, rid, [on_list])
    rival = person(store, "Rival")
    critic = person(store, "Critic of Acme")
    neutral = person(store, "Neutral")
    acme = store.stakeholders.get(on_list).organisation_id
    store.roundtables.add_conflict(rival, other_stakeholder_id=on_list, note="legal dispute")
    store.roundtables.add_conflict(critic, organisation_id=acme, note="campaigning against")
    report = suggestions_for(store, rid, 5)
    warnings = {s.stakeholder_id: s.warnings for s in report.suggestions}
    assert warnings[rival] == (
        f"conflict recorded with stakeholder {on_list} on the list (legal dispute)",
    )
    assert warnings[critic] and "campaigning against" in warnings[critic][0]
    assert warnings[neutral] == ()


def test_burden_threshold_comes_from_settings(store: Store) -> None:
    target = roundtable(store, start="2027-03-10T10:00", end="2027-03-10T12:00")
    once = person(store, "Asked once", lived_experience=True, sector="Lived experience experts")
    other = roundtable(store, start="2027-02-01T10:00", end="2027-02-01T12:00")
    (iid,) = add_invitations(store, other, [once])
    store.db.execute("UPDATE invitations SET status = 'invited' WHERE id = ?", [iid])
    now = datetime(2027, 2, 20, tzinfo=UTC)
    assert suggestions_for(store, target, 1, now=now).suggestions[0].flags == ()
    store.settings.put("composer.burden_threshold", "1")
    assert suggestions_for(store, target, 1, now=now).suggestions[0].flags
