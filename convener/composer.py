"""Suggesting who to invite: pure functions over candidates that storage has loaded.

The ranking is greedy over the list being built. Each candidate has a base score that does not
depend on the list (theme, lever fit, breadth, participation burden) and a balance score that
does (how far their perspective is short of the target mix, and whether they add a
jurisdiction or a sector not yet present). Candidates sharing a perspective, sector and
jurisdiction get the same balance score at every step, so each step only compares the best
of every such group: that keeps 100k stakeholders fast.

Weights are chosen so that theme and balance dominate: the main theme is worth more than the
smaller terms together, and balance can move a person by as much as a theme does.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from convener.domain import Candidate, Conflict, InviteeFacts
from convener.taxonomy import DEFAULT_MIX

PERSPECTIVE_LABELS = {
    "research": "research",
    "lived_experience": "lived experience",
    "practice": "practice",
    "policy": "policy",
}


# What a candidate's balance score depends on: perspective, sector, jurisdiction.
Key = tuple[str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Weights:
    main_theme: float = 40.0
    extra_theme: float = 12.0
    balance: float = 35.0  # times how many places the perspective is short, capped at one
    lever: float = 10.0
    new_jurisdiction: float = 8.0
    new_sector: float = 5.0
    never_engaged: float = 10.0
    not_engaged_for_a_year: float = 6.0
    burden_per_ask: float = 12.0  # for each ask at or above the threshold
    burden_threshold: int = 3  # asks in the window before a lived experience expert is flagged
    burden_days: int = 90


DEFAULT_WEIGHTS = Weights()

# Someone who last took part this long ago or more is "not engaged for a year".
NOT_ENGAGED_FOR = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class ComposerInput:
    """Everything the ranking looks at, loaded by the caller."""

    theme: str
    extra_themes: Sequence[str]
    levers: Sequence[str]
    target_mix: Mapping[str, int]
    current: Sequence[InviteeFacts]  # the people already counted on (active invitations)
    candidates: Sequence[Candidate]
    conflicts: Sequence[Conflict] = ()
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    stakeholder_id: int
    score: float
    perspective: str | None
    reasons: tuple[str, ...]
    flags: tuple[str, ...] = ()  # things to check before inviting (participation burden)
    warnings: tuple[str, ...] = ()  # recorded conflicts with people on the list
    candidate: Candidate | None = field(default=None, compare=False)


@dataclass(slots=True)
class _Composition:
    """The list as it grows: who is on it by perspective, jurisdiction and sector."""

    shares: dict[str, float]
    perspectives: Counter[str | None]
    jurisdictions: set[str]
    sectors: set[str]
    size: int

    @classmethod
    def of(cls, people: Iterable[InviteeFacts], mix: Mapping[str, int]) -> _Composition:
        total = sum(max(0, v) for v in mix.values()) or 1
        people = list(people)
        return cls(
            shares={k: max(0, v) / total for k, v in mix.items()},
            perspectives=Counter(p.perspective for p in people),
            jurisdictions={p.jurisdiction for p in people if p.jurisdiction},
            sectors={p.sector for p in people if p.sector},
            size=len(people),
        )

    def shortfall(self, perspective: str | None) -> float:
        """Places this perspective is short of its share once one more person joins."""
        if perspective is None:
            return 0.0
        wanted = self.shares.get(perspective, 0.0) * (self.size + 1)
        return max(-1.0, min(1.0, wanted - self.perspectives[perspective]))

    def balance(self, key: Key, w: Weights) -> float:
        perspective, sector, jurisdiction = key
        score = w.balance * self.shortfall(perspective)
        if jurisdiction and jurisdiction not in self.jurisdictions:
            score += w.new_jurisdiction
        if sector and sector not in self.sectors:
            score += w.new_sector
        return score

    def add(self, c: Candidate) -> None:
        self.perspectives[c.perspective] += 1
        if c.jurisdiction:
            self.jurisdictions.add(c.jurisdiction)
        if c.sector:
            self.sectors.add(c.sector)
        self.size += 1


def _group_by_balance_key(
    data: ComposerInput, w: Weights
) -> dict[Key, list[tuple[float, int, int]]]:
    """Candidates grouped by what their balance score depends on, with their base score.

    The base score is theme, lever fit, breadth and participation burden. It is written out
    inline over unpacked tuples: this loop runs once per candidate (thousands), and a function
    call or attribute lookups per candidate would double its cost. Storage returns only the
    people who could be picked, on what these terms and the group depend on
    (`CandidateStore.for_roundtable`): a new term here must be part of its kinds too.
    """
    lever_weight = w.lever if data.levers else 0.0
    year_ago = data.now - NOT_ENGAGED_FOR if data.now is not None else None
    groups: dict[Key, list[tuple[float, int, int]]] = {}
    for index, (
        sid,
        sector,
        perspective,
        place,
        _,
        lee,
        main,
        extra,
        levers,
        last,
        asks,
    ) in enumerate(data.candidates):
        score = w.main_theme * main + w.extra_theme * extra
        if levers:
            score += lever_weight
        if last is None:
            score += w.never_engaged
        elif year_ago is not None and last <= year_ago:
            score += w.not_engaged_for_a_year
        if lee and asks >= w.burden_threshold:
            score -= w.burden_per_ask * (asks - w.burden_threshold + 1)
        key = (perspective, sector, place)
        group = groups.get(key)
        if group is None:
            groups[key] = [(-score, sid, index)]
        else:
            group.append((-score, sid, index))
    return groups


def suggest(data: ComposerInput, size: int, weights: Weights = DEFAULT_WEIGHTS) -> list[Suggestion]:
    """The `size` best people to add, best first, each with the reasons for their place."""
    if size <= 0:
        return []
    mix = data.target_mix or DEFAULT_MIX
    groups = _group_by_balance_key(data, weights)
    # Only the best `size` of each group can ever be picked.
    heads = {key: heapq.nsmallest(size, entries) for key, entries in groups.items()}
    cursor = dict.fromkeys(heads, 0)
    composition = _Composition.of(data.current, mix)
    picked: list[Suggestion] = []
    while len(picked) < size:
        best: tuple[float, int, Key] | None = None
        for key, entries in heads.items():
            position = cursor[key]
            if position >= len(entries):
                continue
            negative_base, sid, _ = entries[position]
            total = -negative_base + composition.balance(key, weights)
            if best is None or (-total, sid) < (-best[0], best[1]):
                best = (total, sid, key)
        if best is None:
            break
        total, _, key = best
        candidate = data.candidates[heads[key][cursor[key]][2]]
        cursor[key] += 1
        picked.append(_explain(candidate, total, composition, data, weights))
        composition.add(candidate)
    return picked


def _explain(
    c: Candidate, score: float, composition: _Composition, data: ComposerInput, w: Weights
) -> Suggestion:
    """The reasons, in words, computed only for the people actually suggested."""
    reasons: list[str] = []
    if c.primary_theme:
        reasons.append(f"works on the roundtable's theme, {data.theme}")
    if c.extra_themes:
        plural = "s" if c.extra_themes != 1 else ""
        reasons.append(f"also works on {c.extra_themes} of its other theme{plural}")
    label = PERSPECTIVE_LABELS.get(c.perspective or "")
    short = composition.shortfall(c.perspective)
    if label and short > 0:
        reasons.append(f"brings a {label} perspective the list is short of for its target mix")
    elif label and short < 0:
        reasons.append(f"adds to the {label} perspective, already at its share of the mix")
    elif label is None:
        reasons.append("has no sector recorded, so their perspective is unknown")
    if data.levers and c.levers:
        reasons.append("matters through the " + " and ".join(sorted(c.levers)) + " lever")
    if c.jurisdiction and c.jurisdiction not in composition.jurisdictions:
        reasons.append(f"adds {c.jurisdiction} to the jurisdictions on the list")
    if c.sector and c.sector not in composition.sectors:
        reasons.append(f"adds the {c.sector} sector")
    if c.last_engaged is None:
        reasons.append("has not taken part in a roundtable before")
    elif data.now is not None and c.last_engaged <= data.now - NOT_ENGAGED_FOR:
        reasons.append(f"last took part on {c.last_engaged.date().isoformat()}, over a year ago")
    flags: list[str] = []
    if c.lived_experience and c.recent_asks >= w.burden_threshold:
        flags.append(
            f"asked {c.recent_asks} times in the last {w.burden_days} days, so ranked lower: "
            "check they want to take part before asking again"
        )
    return Suggestion(
        stakeholder_id=c.id,
        score=round(score, 3),
        perspective=c.perspective,
        reasons=tuple(reasons),
        flags=tuple(flags),
        warnings=tuple(_conflict_warnings(c, data)),
        candidate=c,
    )


def _conflict_warnings(c: Candidate, data: ComposerInput) -> list[str]:
    on_list = {p.stakeholder_id for p in data.current}
    orgs_on_list = {p.organisation_id for p in data.current if p.organisation_id is not None}
    warnings: list[str] = []
    for conflict in data.conflicts:
        note = f" ({conflict.note})" if conflict.note else ""
        if conflict.stakeholder_id == c.id and conflict.other_stakeholder_id in on_list:
            other = conflict.other_stakeholder_id
            warnings.append(f"conflict recorded with stakeholder {other} on the list{note}")
        elif conflict.other_stakeholder_id == c.id and conflict.stakeholder_id in on_list:
            other = conflict.stakeholder_id
            warnings.append(f"conflict recorded with stakeholder {other} on the list{note}")
        elif conflict.stakeholder_id == c.id and conflict.organisation_id in orgs_on_list:
            warnings.append(
                f"conflict recorded with organisation {conflict.organisation_id}, whose people "
                f"are on the list{note}"
            )
        elif (
            conflict.stakeholder_id in on_list
            and conflict.organisation_id is not None
            and conflict.organisation_id == c.organisation_id
        ):
            warnings.append(
                f"stakeholder {conflict.stakeholder_id} on the list has a conflict recorded "
                f"with this person's organisation{note}"
            )
    return warnings
