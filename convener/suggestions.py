"""Putting storage, the composer and the checks together for one roundtable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from convener.composer import (
    DEFAULT_WEIGHTS,
    NOT_ENGAGED_FOR,
    ComposerInput,
    Suggestion,
    Weights,
    suggest,
)
from convener.domain import Invitation, InvitationRole, InvitationStatus, InviteeFacts
from convener.invite_list import is_active
from convener.principles import CheckResult, PlanFacts, run_checks, setting_keys
from convener.storage import Store, Taxonomy
from convener.storage.times import now_utc
from convener.taxonomy import DEFAULT_MIX

# A roundtable is the Convening lever at work; it is sought unless the planner says otherwise.
DEFAULT_LEVER = "Convening"


@dataclass(frozen=True, slots=True)
class SuggestionReport:
    suggestions: list[Suggestion]
    checks: list[CheckResult]  # for the list as it would be with every suggestion added


def composer_weights(store: Store) -> Weights:
    """The burden threshold and window, as the office set them (`composer.burden_*`)."""
    threshold = store.settings.get("composer.burden_threshold")
    days = store.settings.get("composer.burden_days")
    weights = DEFAULT_WEIGHTS
    if threshold and threshold.isdigit():
        weights = replace(weights, burden_threshold=int(threshold))
    if days and days.isdigit():
        weights = replace(weights, burden_days=int(days))
    return weights


def check_settings(store: Store) -> dict[str, str]:
    found = {key: store.settings.get(key) for key in setting_keys()}
    return {key: value for key, value in found.items() if value is not None}


def checks_for(store: Store, roundtable_id: int, today: date | None = None) -> list[CheckResult]:
    facts = PlanFacts(
        roundtable=store.roundtables.get(roundtable_id),
        invitations=store.roundtables.invitations(roundtable_id),
        people=store.roundtables.invitee_facts(roundtable_id),
        today=today or now_utc().date(),
    )
    return run_checks(facts, check_settings(store))


def suggestions_for(
    store: Store,
    roundtable_id: int,
    size: int = 10,
    *,
    now: datetime | None = None,
    weights: Weights | None = None,
) -> SuggestionReport:
    now = now or now_utc()
    weights = weights or composer_weights(store)
    roundtable = store.roundtables.get(roundtable_id)
    themes = [roundtable.theme, *roundtable.extra_themes] if roundtable.theme else []
    theme_ids = [store.taxonomy.resolve(Taxonomy.THEMES, t) for t in themes]
    lever_names = list(roundtable.levers)
    if not lever_names:
        known = {t.name for t in store.taxonomy.terms(Taxonomy.LEVERS)}
        lever_names = [DEFAULT_LEVER] if DEFAULT_LEVER in known else []
    lever_ids = [store.taxonomy.resolve(Taxonomy.LEVERS, name) for name in lever_names]
    invitations = store.roundtables.invitations(roundtable_id)
    people = store.roundtables.invitee_facts(roundtable_id)
    current = [people[i.stakeholder_id] for i in invitations if is_active(i)]
    candidates = store.candidates.for_roundtable(
        roundtable_id,
        theme_ids,
        lever_ids,
        now=now,
        burden_days=weights.burden_days,
        long_ago=now - NOT_ENGAGED_FOR,
        per_kind=size,
    )
    conflicts = store.roundtables.conflicts_touching(
        [p.stakeholder_id for p in current],
        [p.organisation_id for p in current if p.organisation_id is not None],
    )
    picked = suggest(
        ComposerInput(
            theme=roundtable.theme or "",
            extra_themes=roundtable.extra_themes,
            levers=lever_names,
            target_mix=roundtable.target_mix or DEFAULT_MIX,
            current=current,
            candidates=candidates,
            conflicts=conflicts,
            now=now,
        ),
        size,
        weights,
    )
    # The checks for the list as it would be: every suggestion added as a proposed participant.
    with_suggestions = dict(people)
    extra: list[Invitation] = []
    for s in picked:
        c = s.candidate
        assert c is not None
        with_suggestions[c.id] = InviteeFacts(
            c.id, c.sector, c.perspective, c.jurisdiction, c.organisation_id,
            c.lived_experience, contact_consent=True,
        )  # fmt: skip
        extra.append(
            Invitation(
                0, roundtable_id, c.id, InvitationRole.PARTICIPANT, InvitationStatus.PROPOSED
            )
        )
    facts = PlanFacts(roundtable, [*invitations, *extra], with_suggestions, now.date())
    checks = run_checks(facts, check_settings(store))
    return SuggestionReport(picked, checks)
