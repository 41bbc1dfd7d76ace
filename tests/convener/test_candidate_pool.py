"""Suggestions from the narrowed candidate pool are the composer's picks from the whole pool.

`CandidateStore.for_roundtable` returns only the people who could be suggested: the lowest ids
of each kind of person the composer cannot tell apart. Here the whole pool is worked out
independently, person by person from the stores' ordinary reads, and the composer's picks from
it are compared with `suggestions_for` over every roundtable, several dates, list sizes and
burden thresholds. The seeded data is crowded on purpose (few sectors and places, so many people
share a group) and dates fall on the edges of the composer's windows. Each term the composer
scores on was left out of the narrowing in turn, by hand, and this test failed every time.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest

from convener.composer import (
    DEFAULT_WEIGHTS,
    NOT_ENGAGED_FOR,
    ComposerInput,
    Suggestion,
    Weights,
    suggest,
)
from convener.domain import (
    Candidate,
    ConsentPurpose,
    Invitation,
    InvitationRole,
    InvitationStatus,
    Roundtable,
    RoundtableStatus,
    Stakeholder,
)
from convener.invite_list import is_active
from convener.storage import StakeholderFilter, Store, Taxonomy
from convener.storage.roundtables import RoundtableRecord
from convener.suggestions import DEFAULT_LEVER, suggestions_for
from convener.taxonomy import DEFAULT_MIX, perspective_of
from tests.convener.planning_data import person

# Roundtables start exactly on the edges of the windows as seen from EDGE_NOW: at it (taken
# part yet?), a year before it (long ago, or lately?) and each burden window before it.
EDGE_NOW = datetime(2026, 3, 3, 10, tzinfo=UTC)
NOWS = (EDGE_NOW, datetime(2027, 1, 15, 17, 45, 12, 500_000, tzinfo=UTC))
SIZES = (1, 3, 8)
WEIGHTS = (DEFAULT_WEIGHTS, replace(DEFAULT_WEIGHTS, burden_threshold=1, burden_days=300))
EDGES = (
    EDGE_NOW,
    EDGE_NOW - NOT_ENGAGED_FOR,
    *(EDGE_NOW - timedelta(days=w.burden_days) for w in WEIGHTS),
)
THEMES = ("Prevention", "Research and data", "International")
LEVERS = ("Influencing", "Convening", "Collaborating")
STATUSES = list(InvitationStatus)
TOOK_PART_OFTEN = [3 if s in (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED) else 1
                   for s in STATUSES]  # fmt: skip
MIXES = (None, {"practice": 1}, {"research": 1, "lived_experience": 2})


def crowded(store: Store, seed: int, *, varied: bool) -> None:
    """People in few groups, with random consent and invitation histories.

    Varied: two sectors, three themes and levers, some lived experience experts, so that every
    term the composer scores on splits groups. Otherwise everyone is alike but for where they
    are and their longer histories (few never took part), so that groups differ only in those.
    """
    rng = random.Random(seed)
    themes = THEMES if varied else THEMES[:1]
    levers = LEVERS if varied else ("Convening",)
    sectors = ("Charities and NGOs", "Research and academia") if varied else ("Charities and NGOs",)
    with store.db.atomic():  # one commit: a file sync per person would be most of the test
        people = [
            person(
                store, f"Person {n}", sector=rng.choice(sectors),
                themes=tuple(rng.sample(themes, rng.randint(1, len(themes)))),
                levers=tuple(rng.sample(levers, rng.randint(1, min(2, len(levers))))),
                jurisdiction=rng.choice(("England", "Wales", None)),
                lived_experience=varied and rng.random() < 0.3,
                consent=rng.choices((True, False, None), weights=(8, 1, 1))[0],
            )
            for n in range(400 if varied else 200)
        ]  # fmt: skip
        theme_ids = [store.taxonomy.resolve(Taxonomy.THEMES, t) for t in themes]
        lever_ids = [store.taxonomy.resolve(Taxonomy.LEVERS, t) for t in levers]
        random_starts = [
            datetime(2025, 1, 6, 10, tzinfo=UTC) + timedelta(days=rng.randrange(900))
            for _ in range(16)
        ]
        # The last four have nobody on their list yet, so jurisdictions and sectors are new.
        for number, starts in enumerate((*EDGES, *random_starts)):
            main, *extra = rng.sample(theme_ids, rng.randint(1, len(theme_ids)))
            rid = store.roundtables.insert(
                RoundtableRecord(
                    title="Roundtable", theme_id=main, starts_at=starts,
                    ends_at=starts + timedelta(hours=2), tz="Europe/London",
                    status=rng.choice(list(RoundtableStatus)), extra_theme_ids=extra,
                    lever_ids=rng.sample(lever_ids, rng.randint(0, min(2, len(lever_ids)))),
                    target_mix=rng.choice(MIXES),
                )
            )  # fmt: skip
            if number >= len(EDGES) + 12:
                continue
            invitees = rng.sample(people, rng.randint(5, 60) if varied else len(people) // 2)
            for rank, sid in enumerate(invitees):
                store.roundtables.invite(
                    rid, sid, role=InvitationRole.PARTICIPANT,
                    status=rng.choices(STATUSES, weights=None if varied else TOOK_PART_OFTEN)[0],
                    reserve_rank=rank if rng.random() < 0.1 else None,
                )  # fmt: skip


@dataclass(frozen=True, slots=True)
class World:
    """Everything the whole pool is worked out from, read once."""

    people: list[Stakeholder]  # not erased
    may_contact: set[int]
    sector_kinds: dict[str, str]
    roundtables: dict[int, Roundtable]
    invitations_of: dict[int, list[Invitation]]  # by person


def read_world(store: Store) -> World:
    ids = store.stakeholders.ids(StakeholderFilter())
    states = store.consent.states(ids)
    roundtables = {rt.id: rt for rt in store.roundtables.all()}
    invitations_of: dict[int, list[Invitation]] = defaultdict(list)
    for rid in roundtables:
        for invitation in store.roundtables.invitations(rid):
            invitations_of[invitation.stakeholder_id].append(invitation)
    return World(
        people=store.stakeholders.get_many(ids),
        may_contact={sid for sid, state in states.items() if state.allows(ConsentPurpose.CONTACT)},
        sector_kinds={
            t.name: t.kind for t in store.taxonomy.terms(Taxonomy.SECTORS, include_retired=True)
        },
        roundtables=roundtables,
        invitations_of=invitations_of,
    )


def whole_pool(
    world: World, roundtable: Roundtable, levers: set[str], now: datetime, burden_days: int
) -> list[Candidate]:
    """Everyone who may be suggested, with what the composer knows about them."""
    main = roundtable.theme
    extras = set(roundtable.extra_themes) - {main}
    window_starts = now - timedelta(days=burden_days)
    pool = []
    for p in world.people:
        themes = set(p.themes)
        theirs = world.invitations_of.get(p.id, [])
        if main not in themes and not themes & extras:
            continue
        if p.id not in world.may_contact or any(i.roundtable_id == roundtable.id for i in theirs):
            continue
        took_part = [
            world.roundtables[i.roundtable_id].starts_at
            for i in theirs
            if i.status in (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)
            and world.roundtables[i.roundtable_id].starts_at <= now
        ]
        asks = [
            i
            for i in theirs
            if world.roundtables[i.roundtable_id].starts_at >= window_starts
            and world.roundtables[i.roundtable_id].status is not RoundtableStatus.CANCELLED
            and i.reserve_rank is None
            and i.status is not InvitationStatus.PROPOSED
        ]
        pool.append(
            Candidate(
                p.id, p.sector,
                perspective_of(p.lived_experience, world.sector_kinds.get(p.sector or "")),
                p.jurisdiction, p.organisation_id, p.lived_experience, main in themes,
                len(themes & extras), frozenset(set(p.levers) & levers),
                max(took_part, default=None), len(asks),
            )
        )  # fmt: skip
    return pool


def expected(
    store: Store, world: World, rid: int, *, size: int, now: datetime, weights: Weights
) -> tuple[list[Suggestion], list[Candidate]]:
    roundtable = world.roundtables[rid]
    levers = list(roundtable.levers) or [DEFAULT_LEVER]
    pool = whole_pool(world, roundtable, set(levers), now, weights.burden_days)
    people = store.roundtables.invitee_facts(rid)
    current = [people[i.stakeholder_id] for i in store.roundtables.invitations(rid) if is_active(i)]
    conflicts = store.roundtables.conflicts_touching(
        [p.stakeholder_id for p in current],
        [p.organisation_id for p in current if p.organisation_id is not None],
    )
    data = ComposerInput(
        theme=roundtable.theme or "", extra_themes=roundtable.extra_themes, levers=levers,
        target_mix=roundtable.target_mix or DEFAULT_MIX, current=current, candidates=pool,
        conflicts=conflicts, now=now,
    )  # fmt: skip
    return suggest(data, size, weights), pool


@pytest.mark.parametrize(("seed", "varied"), [(1, True), (2, True), (3, False), (4, False)])
def test_the_narrowed_pool_gives_the_suggestions_of_the_whole_pool(
    store: Store, seed: int, varied: bool
) -> None:
    crowded(store, seed, varied=varied)
    world = read_world(store)
    runs = cut = 0
    for rid, roundtable in world.roundtables.items():
        theme_ids, lever_ids = _ids(store, roundtable)
        for now in NOWS:
            for weights in WEIGHTS:
                for size in SIZES:
                    want, pool = expected(store, world, rid, size=size, now=now, weights=weights)
                    got = suggestions_for(store, rid, size, now=now, weights=weights).suggestions
                    assert got == want, (rid, now, size, weights)
                    assert [s.candidate for s in got] == [s.candidate for s in want]
                    loaded = store.candidates.for_roundtable(
                        rid, theme_ids, lever_ids, now=now, burden_days=weights.burden_days,
                        long_ago=now - NOT_ENGAGED_FOR, per_kind=size,
                    )  # fmt: skip
                    assert set(loaded) <= set(pool)
                    runs += 1
                    cut += len(loaded) < len(pool)
    # The narrowing was put to the test: most runs left people out.
    assert cut > runs // 2


def _ids(store: Store, roundtable: Roundtable) -> tuple[list[int], list[int]]:
    themes = [roundtable.theme or "", *roundtable.extra_themes]
    levers = list(roundtable.levers) or [DEFAULT_LEVER]
    return (
        [store.taxonomy.resolve(Taxonomy.THEMES, name) for name in themes],
        [store.taxonomy.resolve(Taxonomy.LEVERS, name) for name in levers],
    )
